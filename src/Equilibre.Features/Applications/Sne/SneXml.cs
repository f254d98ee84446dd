using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Equilibre.Domain.Applications;
using Equilibre.Features.Imports;

namespace Equilibre.Features.Applications.Sne;

/// <summary>
/// One row of the mapping table: an element under its parent, what it fills, and whether its name comes from the real
/// example file (<see cref="Derived"/> false) or was chosen from domain.md §2.2 without a public source ([D]).
/// Extension elements are written <c>eq:name</c>.
/// </summary>
public sealed record SneElement(string Parent, string Element, string Target, bool Derived);

/// <summary>
/// The SNE "interfaceNuu" XML (v02.00/02.01, namespace <c>http://nuu.application.i2/</c>), read as a stream — one
/// <c>demande</c> at a time, with line numbers — and written back in the order of the real example. Elements the
/// example lacks are named from domain.md §2.2 and marked [D] in <see cref="Mapping"/>; the facts Equilibre adds (L441-1
/// priority labels, disabled persons) live in a separate <c>eq:complementEquilibre</c> element (namespace
/// <c>urn:equilibre:demande:1</c>) that SNE-only consumers ignore. An element not in the table is reported, not refused.
/// </summary>
public static class SneXml
{
    public const string Namespace = "http://nuu.application.i2/";
    public const string ExtensionNamespace = "urn:equilibre:demande:1";
    public const string WrittenVersion = "02.00";

    public static readonly IReadOnlyList<string> Versions = ["02.00", "02.01"];

    private static readonly XNamespace Ns = Namespace;
    private static readonly XNamespace Eq = ExtensionNamespace;

    private static readonly string[] PersonElements =
    [
        "civilite", "nom", "nomPatronymique", "prenom", "dateNaissance", "nationalite", "situationFamiliale", "lienDemandeur",
        "telPortable", "mel", "adressePostale", "situationProfessionnelle", "revenuFiscal", "listeRessourceRecue", "listeRessourceVersee",
    ];

    private static readonly string[] ResourceLists = ["listeRessourceRecue", "listeRessourceVersee", "listeRessourceRecuePersACharge", "listeRessourceVerseePersACharge"];

    /// <summary>Every element the reader knows, what it maps to, and whether its name is confirmed by the real example.</summary>
    public static readonly IReadOnlyList<SneElement> Mapping = BuildMapping();

    private static readonly HashSet<(string Parent, string Element)> Known = Mapping.Select(m => (m.Parent, m.Element)).ToHashSet();

    private static List<SneElement> BuildMapping()
    {
        var m = new List<SneElement>
        {
            new("interfaceNuu", "entete", "en-tête du fichier", false),
            new("entete", "dateFichier", "SneFileInfo.FileDate", false),
            new("entete", "typeFichier", "SneFileInfo.FileType (CRE, MOD, RAD, REN…)", true),
            new("interfaceNuu", "demande", "SneDemand", false),
            new("demande", "demandeLogement", "SneDemand", false),
            new("demandeLogement", "numUnique", "SneDemand.Numero", false),
            new("demandeLogement", "numGuichet", "SneDemand.GuichetCode", true),
            new("demandeLogement", "dateCreationDemande", "SneDemand.CreatedOn", false),
            new("demandeLogement", "dateDernierRenouvellement", "SneDemand.LastRenewedOn", true),
            new("demandeLogement", "personnePhysique", "DemandFile", false),
            new("personnePhysique", "demandeur", "DemandFile.Applicant", false),
            new("personnePhysique", "listePersonneACharge", "DemandFile.Dependants", false),
            new("listePersonneACharge", "personneACharge", "Dependant", false),
            new("personnePhysique", "personneANaitre", "DemandFile.Unborn", false),
            new("personneANaitre", "nombre", "UnbornChildren.Count", false),
            new("personneANaitre", "dateNaissancePrevue", "UnbornChildren.ExpectedOn", false),
            new("personnePhysique", "listePersonneEnGarde", "DemandFile.ChildrenInCustody", false),
            new("listePersonneEnGarde", "personneEnGarde", "CustodyChild", false),
            new("personneEnGarde", "dateNaissance", "CustodyChild.BirthDate", false),
            new("personneEnGarde", "sexe", "CustodyChild.Sex", false),
            new("personneEnGarde", "coParentalite", "CustodyChild.Custody", false),
            new("personnePhysique", "listeCotitulaire", "DemandFile.CoApplicants", false),
            new("listeCotitulaire", "cotitulaire", "Person", false),
            new("personnePhysique", "logementActuel", "DemandFile.CurrentHousing", false),
            new("logementActuel", "listeModeleLogement", "CurrentHousing.Models", false),
            new("listeModeleLogement", "modeleLogement", "CurrentHousing.Models[]", false),
            new("logementActuel", "montantMensuelLoyer", "CurrentHousing.MonthlyRent", false),
            new("logementActuel", "nombreHabitant", "CurrentHousing.Occupants", false),
            new("logementActuel", "categorieLogement", "CurrentHousing.Category", false),
            new("logementActuel", "typeLogementActuel", "CurrentHousing.Typology", false),
            new("logementActuel", "surface", "CurrentHousing.Surface", false),
            new("logementActuel", "proprietaire", "CurrentHousing.Owner", false),
            new("personneACharge", "nom", "Dependant.LastName", false),
            new("personneACharge", "prenom", "Dependant.FirstName", false),
            new("personneACharge", "dateNaissance", "Dependant.BirthDate", false),
            new("personneACharge", "sexe", "Dependant.Sex", false),
            new("personneACharge", "lienParente", "Dependant.Relationship", false),
            new("adressePostale", "etranger", "PostalAddress.Abroad", false),
            new("adressePostale", "numero", "PostalAddress.Number", false),
            new("adressePostale", "voie", "PostalAddress.Street", false),
            new("adressePostale", "codePostal", "PostalAddress.PostalCode", false),
            new("adressePostale", "commune", "PostalAddress.CommuneCode", false),
            new("situationProfessionnelle", "profession", "ProfessionalSituation.Profession", false),
            new("situationProfessionnelle", "typeContratTravail", "ProfessionalSituation.ContractType", false),
            new("situationProfessionnelle", "nomEmployeurPrincipal", "ProfessionalSituation.Employer", false),
            new("situationProfessionnelle", "etranger", "ProfessionalSituation.Abroad", false),
            new("situationProfessionnelle", "codePostal", "ProfessionalSituation.PostalCode", false),
            new("situationProfessionnelle", "commune", "ProfessionalSituation.CommuneCode", false),
            new("revenuFiscal", "anneeMoins1", "TaxIncome.YearN1", false),
            new("revenuFiscal", "montantMoins1", "TaxIncome.AmountN1", false),
            new("revenuFiscal", "anneeMoins2", "TaxIncome.YearN2", false),
            new("revenuFiscal", "montantMoins2", "TaxIncome.AmountN2", false),
            new("detailRessource", "ressource", "MonthlyResource.Code", false),
            new("detailRessource", "montant", "MonthlyResource.Amount", false),
            new("demandeLogement", "motifs", "DemandFile.Reasons", true),
            new("motifs", "motif", "DemandFile.Reasons[] (ordre = priorité, le premier est le motif principal)", true),
            new("demandeLogement", "logementRecherche", "DemandFile.Wishes", true),
            new("logementRecherche", "demandeElargie", "HousingWishes.Extended", true),
            new("logementRecherche", "listeTypeLogement", "HousingWishes.Typologies", true),
            new("listeTypeLogement", "typeLogement", "HousingWishes.Typologies[]", true),
            new("logementRecherche", "categorie", "HousingWishes.Category", true),
            new("logementRecherche", "listeLocalisationSouhaite", "HousingWishes.Communes", true),
            new("listeLocalisationSouhaite", "localisationSouhaite", "HousingWishes.Communes[] (ordre de préférence)", true),
            new("localisationSouhaite", "commune", "code INSEE de la commune souhaitée", true),
            new("demandeLogement", "complementHandicap", "DemandFile.Handicap", true),
            new("complementHandicap", "etat", "HandicapComplement.State", true),
            new("complementHandicap", "capaciteMarche", "HandicapComplement.Walking", true),
            new("complementHandicap", "listeDeficienceMotrice", "HandicapComplement.Motor", true),
            new("listeDeficienceMotrice", "deficienceMotrice", "HandicapComplement.Motor[]", true),
            new("complementHandicap", "listeDeficienceSensorielle", "HandicapComplement.Sensory", true),
            new("listeDeficienceSensorielle", "deficienceSensorielle", "HandicapComplement.Sensory[]", true),
            new("complementHandicap", "listeAideTechnique", "HandicapComplement.TechnicalAids", true),
            new("listeAideTechnique", "aideTechnique", "HandicapComplement.TechnicalAids[]", true),
            new("complementHandicap", "listeEquipement", "HandicapComplement.Equipment", true),
            new("listeEquipement", "equipement", "HandicapComplement.Equipment[]", true),
            new("demandeLogement", "statutDalo", "DemandFile.Dalo (NON, ACTIF, CADUC, ACTREL)", true),
            new("demandeLogement", "radiation", "SneDemand.Radiation", true),
            new("radiation", "motif", "SneRadiation.Code (RADATT, RADABA, RADREN, RADIRR, RADCON)", true),
            new("radiation", "sousMotif", "SneRadiation.SubCode (IRRSEJ, IRRRES)", true),
            new("radiation", "dateRadiation", "SneRadiation.On", true),
            new("demande", "eq:complementEquilibre", "extension Equilibre (hors SNE)", true),
            new("eq:complementEquilibre", "eq:priorite", "DemandFile.Priorities[] (attributs code, labellisePar, dateLabellisation, justificatif, finValidite)", true),
            new("eq:complementEquilibre", "eq:handicape", "Person.Disabled / Dependant.Disabled (attributs personne = demandeur, cotitulaire ou personneACharge, rang)", true),
        };
        foreach (var parent in new[] { "demandeur", "cotitulaire" })
        {
            foreach (var element in PersonElements.Where(e => parent == "cotitulaire" || e != "lienDemandeur"))
            {
                m.Add(new(parent, element, "Person." + element, false));
            }
        }

        m.Add(new("demandeur", "listeRessourceRecuePersACharge", "DemandFile.DependantResourcesReceived", false));
        m.Add(new("demandeur", "listeRessourceVerseePersACharge", "DemandFile.DependantResourcesPaid", false));
        m.AddRange(ResourceLists.Select(l => new SneElement(l, "detailRessource", "MonthlyResource", false)));
        return m;
    }

    /// <summary>
    /// Streams the demands of a file. Content errors are rejected on <paramref name="run"/> with their line and field
    /// (the demand is still returned, so that every error of the file is listed); unknown elements are reported as
    /// warnings; a file that is not well-formed XML or not an interfaceNuu throws <see cref="ImportFileException"/>.
    /// </summary>
    public static IEnumerable<SneDemand> Read(Stream stream, ImportRun run, SneFileInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(run);
        info ??= new SneFileInfo();
        var settings = new XmlReaderSettings { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit, CloseInput = false };
        using var xml = XmlReader.Create(stream, settings);
        var root = false;
        while (true)
        {
            XElement? demande;
            try
            {
                demande = Next(xml, run, info, ref root);
            }
            catch (XmlException e)
            {
                throw new ImportFileException($"ligne {e.LineNumber}, colonne {e.LinePosition} : XML mal formé ({e.Message}) : le fichier est refusé en entier");
            }

            if (demande is null)
            {
                if (!root)
                {
                    throw new ImportFileException("le fichier ne contient pas d'élément interfaceNuu (espace de noms " + Namespace + ")");
                }

                yield break;
            }

            yield return new DemandReader(run).Read(demande);
        }
    }

    private static XElement? Next(XmlReader xml, ImportRun run, SneFileInfo info, ref bool root)
    {
        while (!xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
                continue;
            }

            var line = ((IXmlLineInfo)xml).LineNumber;
            if (xml.Depth == 0)
            {
                if (xml.LocalName != "interfaceNuu" || xml.NamespaceURI != Namespace)
                {
                    throw new ImportFileException($"ligne {line} : élément racine « {xml.Name} » : interfaceNuu de l'espace de noms {Namespace} attendu");
                }

                root = true;
                info.Version = xml.GetAttribute("versionInterface");
                if (info.Version is null)
                {
                    run.Warn(line, "interfaceNuu.versionInterface", null, $"ligne {line} : attribut versionInterface absent, lu comme {WrittenVersion}");
                }
                else if (!Versions.Contains(info.Version))
                {
                    throw new ImportFileException($"ligne {line} : versionInterface « {info.Version} » non prise en charge ({string.Join(" ou ", Versions)} attendu)");
                }

                xml.Read();
                continue;
            }

            if (xml.Depth == 1 && xml.NamespaceURI == Namespace && xml.LocalName == "demande")
            {
                var element = XElement.Load(xml.ReadSubtree(), LoadOptions.SetLineInfo);
                xml.Read();
                return element;
            }

            if (xml.Depth == 1 && xml.NamespaceURI == Namespace && xml.LocalName == "entete")
            {
                var entete = XElement.Load(xml.ReadSubtree(), LoadOptions.SetLineInfo);
                xml.Read();
                ReadHeader(entete, run, info);
                continue;
            }

            run.Warn(line, xml.Name, null, $"ligne {line} : élément inconnu « {xml.LocalName} » dans « interfaceNuu » : ignoré");
            xml.Skip();
        }

        return null;
    }

    private static void ReadHeader(XElement entete, ImportRun run, SneFileInfo info)
    {
        Unknown(entete, run);
        if (entete.Element(Ns + "dateFichier") is { } date)
        {
            if (DateTimeOffset.TryParse(date.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                info.FileDate = at;
            }
            else
            {
                var line = LineOf(date);
                run.Reject(line, "entete.dateFichier", date.Value, $"ligne {line} : entete.dateFichier : « {date.Value} » n'est pas une date et heure (AAAA-MM-JJThh:mm:ss)");
            }
        }

        info.FileType = entete.Element(Ns + "typeFichier") is { } type ? Code(type) : null;
    }

    internal static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static string? Code(XElement element) => (element.Attribute("code")?.Value ?? element.Value).Trim() is { Length: > 0 } code ? code : null;

    private static string Key(XElement e) => e.Name.Namespace == Eq ? "eq:" + e.Name.LocalName : e.Name.LocalName;

    private static void Unknown(XElement scope, ImportRun run)
    {
        foreach (var e in scope.Descendants())
        {
            var parent = e.Parent!;
            var known = (e.Name.Namespace == Ns || e.Name.Namespace == Eq) && (parent.Name.Namespace == Ns || parent.Name.Namespace == Eq) && Known.Contains((Key(parent), Key(e)));
            if (!known)
            {
                var line = LineOf(e);
                run.Warn(line, Key(parent) + "." + e.Name.LocalName, null,
                    $"ligne {line} : élément inconnu « {e.Name.LocalName} » dans « {parent.Name.LocalName} » : ignoré (absent de la table de correspondance)");
            }
        }
    }

    /// <summary>Reads one <c>demande</c>; errors go to the run with their line.</summary>
    private sealed class DemandReader(ImportRun run)
    {
        private int _line;

        public SneDemand Read(XElement demande)
        {
            _line = LineOf(demande);
            Unknown(demande, run);
            var dl = demande.Element(Ns + "demandeLogement");
            if (dl is null)
            {
                Reject(demande, "demandeLogement", null, "élément demandeLogement absent");
                dl = new XElement(Ns + "demandeLogement");
            }

            var pp = dl.Element(Ns + "personnePhysique") ?? new XElement(Ns + "personnePhysique");
            var applicantElement = pp.Element(Ns + "demandeur");
            if (applicantElement is null)
            {
                Reject(dl, "demandeur", null, "élément demandeur absent");
            }

            var ext = demande.Element(Eq + "complementEquilibre");
            var disabled = (ext?.Elements(Eq + "handicape") ?? []).Select(h => (h.Attribute("personne")?.Value, Rank: IntAttribute(h, "rang"))).ToHashSet();
            var applicant = Person(applicantElement ?? new XElement(Ns + "demandeur"), "demandeur") with { Disabled = disabled.Contains(("demandeur", null)) };
            var coApplicants = pp.Element(Ns + "listeCotitulaire")?.Elements(Ns + "cotitulaire")
                .Select((c, i) => Person(c, $"cotitulaire[{i + 1}]") with { Disabled = disabled.Contains(("cotitulaire", i + 1)) }).ToList() ?? [];
            var dependants = pp.Element(Ns + "listePersonneACharge")?.Elements(Ns + "personneACharge").Select((d, i) =>
            {
                var at = $"personneACharge[{i + 1}]";
                return new Dependant(Text(d, "nom"), Text(d, "prenom"), Date(d, "dateNaissance", at), CodeOf(d, "sexe"), CodeOf(d, "lienParente"), disabled.Contains(("personneACharge", i + 1)));
            }).ToList() ?? [];
            UnbornChildren? unborn = null;
            if (pp.Element(Ns + "personneANaitre") is { } pn)
            {
                unborn = new UnbornChildren(Int(pn, "nombre", "personneANaitre") ?? 0, Date(pn, "dateNaissancePrevue", "personneANaitre"));
            }

            var custody = pp.Element(Ns + "listePersonneEnGarde")?.Elements(Ns + "personneEnGarde").Select((c, i) =>
            {
                var at = $"personneEnGarde[{i + 1}]";
                return new CustodyChild(Date(c, "dateNaissance", at), CodeOf(c, "sexe"), CodeOf(c, "coParentalite") ?? "");
            }).ToList() ?? [];
            CurrentHousing? housing = null;
            if (pp.Element(Ns + "logementActuel") is { } la)
            {
                const string at = "logementActuel";
                housing = new CurrentHousing(
                    la.Element(Ns + "listeModeleLogement")?.Elements(Ns + "modeleLogement").Select(Code).OfType<string>().ToList() ?? [],
                    Decimal(la, "montantMensuelLoyer", at), Int(la, "nombreHabitant", at), CodeOf(la, "categorieLogement"), CodeOf(la, "typeLogementActuel"),
                    Decimal(la, "surface", at), Bool(la, "proprietaire", at));
            }

            var reasons = dl.Element(Ns + "motifs")?.Elements(Ns + "motif").Select(Code).OfType<string>().ToList() ?? [];
            var wishes = new HousingWishes([], null, [], false);
            if (dl.Element(Ns + "logementRecherche") is { } lr)
            {
                wishes = new HousingWishes(
                    lr.Element(Ns + "listeTypeLogement")?.Elements(Ns + "typeLogement").Select(Code).OfType<string>().ToList() ?? [],
                    CodeOf(lr, "categorie"),
                    lr.Element(Ns + "listeLocalisationSouhaite")?.Elements(Ns + "localisationSouhaite")
                        .Select(l => l.Element(Ns + "commune") is { } c ? Code(c) : null).OfType<string>().ToList() ?? [],
                    Bool(lr, "demandeElargie", "logementRecherche") ?? false);
            }

            HandicapComplement? handicap = null;
            if (dl.Element(Ns + "complementHandicap") is { } ch)
            {
                handicap = new HandicapComplement(CodeOf(ch, "etat"), CodeOf(ch, "capaciteMarche"),
                    Codes(ch, "listeDeficienceMotrice", "deficienceMotrice"), Codes(ch, "listeDeficienceSensorielle", "deficienceSensorielle"),
                    Codes(ch, "listeAideTechnique", "aideTechnique"), Codes(ch, "listeEquipement", "equipement"));
            }

            var dalo = DaloStatus.None;
            if (dl.Element(Ns + "statutDalo") is { } sd && Code(sd) is { } daloCode)
            {
                if (SneCodes.ParseDalo(daloCode) is { } parsed)
                {
                    dalo = parsed;
                }
                else
                {
                    Reject(sd, "statutDalo", daloCode, "statut DALO inconnu (NON, ACTIF, CADUC ou ACTREL attendu)");
                }
            }

            SneRadiation? radiation = null;
            if (dl.Element(Ns + "radiation") is { } rad && CodeOf(rad, "motif") is { } radCode)
            {
                radiation = new SneRadiation(radCode, CodeOf(rad, "sousMotif"), Date(rad, "dateRadiation", "radiation"));
            }

            var priorities = (ext?.Elements(Eq + "priorite") ?? []).Select((p, i) =>
            {
                var at = $"priorite[{i + 1}]";
                return new PriorityLabel(p.Attribute("code")?.Value ?? "", p.Attribute("labellisePar")?.Value ?? "",
                    DateAttribute(p, "dateLabellisation", at) ?? DateOnly.MinValue, p.Attribute("justificatif")?.Value, DateAttribute(p, "finValidite", at));
            }).ToList();

            var file = new DemandFile
            {
                Applicant = applicant,
                CoApplicants = coApplicants,
                Dependants = dependants,
                DependantResourcesReceived = Resources(applicantElement, "listeRessourceRecuePersACharge", "personnesACharge.ressourcesRecues"),
                DependantResourcesPaid = Resources(applicantElement, "listeRessourceVerseePersACharge", "personnesACharge.ressourcesVersees"),
                Unborn = unborn,
                ChildrenInCustody = custody,
                CurrentHousing = housing,
                Reasons = reasons,
                Wishes = wishes,
                Handicap = handicap,
                Dalo = dalo,
                Priorities = priorities,
            };
            return new SneDemand(_line, Text(dl, "numUnique"), Text(dl, "numGuichet"), Date(dl, "dateCreationDemande", "demandeLogement"),
                Date(dl, "dateDernierRenouvellement", "demandeLogement"), radiation, file);
        }

        private Person Person(XElement p, string at)
        {
            PostalAddress? address = null;
            if (p.Element(Ns + "adressePostale") is { } a)
            {
                address = new PostalAddress(Bool(a, "etranger", at + ".adressePostale") ?? false, Text(a, "numero"), Text(a, "voie"), Text(a, "codePostal"), CodeOf(a, "commune"));
            }

            ProfessionalSituation? work = null;
            if (p.Element(Ns + "situationProfessionnelle") is { } w)
            {
                work = new ProfessionalSituation(Text(w, "profession"), CodeOf(w, "typeContratTravail"), Text(w, "nomEmployeurPrincipal"),
                    Bool(w, "etranger", at + ".situationProfessionnelle") ?? false, Text(w, "codePostal"), CodeOf(w, "commune"));
            }

            TaxIncome? tax = null;
            if (p.Element(Ns + "revenuFiscal") is { } t)
            {
                var rf = at + ".revenuFiscal";
                tax = new TaxIncome(Int(t, "anneeMoins1", rf), Decimal(t, "montantMoins1", rf), Int(t, "anneeMoins2", rf), Decimal(t, "montantMoins2", rf));
            }

            return new Person
            {
                Civility = CodeOf(p, "civilite"),
                LastName = Text(p, "nom") ?? "",
                BirthName = Text(p, "nomPatronymique"),
                FirstName = Text(p, "prenom") ?? "",
                BirthDate = Date(p, "dateNaissance", at),
                Nationality = CodeOf(p, "nationalite"),
                FamilySituation = CodeOf(p, "situationFamiliale"),
                LinkToApplicant = CodeOf(p, "lienDemandeur"),
                Phone = Text(p, "telPortable"),
                Email = Text(p, "mel"),
                Address = address,
                Work = work,
                TaxIncome = tax,
                ResourcesReceived = Resources(p, "listeRessourceRecue", at + ".ressourcesRecues"),
                ResourcesPaid = Resources(p, "listeRessourceVersee", at + ".ressourcesVersees"),
            };
        }

        private List<MonthlyResource> Resources(XElement? parent, string list, string at) =>
            parent?.Element(Ns + list)?.Elements(Ns + "detailRessource").Select(d =>
                new MonthlyResource(CodeOf(d, "ressource") ?? "", Decimal(d, "montant", at) ?? 0m)).ToList() ?? [];

        private static List<string> Codes(XElement parent, string list, string item) =>
            parent.Element(Ns + list)?.Elements(Ns + item).Select(Code).OfType<string>().ToList() ?? [];

        private static string? Text(XElement parent, string name) => parent.Element(Ns + name)?.Value.Trim() is { Length: > 0 } text ? text : null;

        private static string? CodeOf(XElement parent, string name) => parent.Element(Ns + name) is { } e ? Code(e) : null;

        private DateOnly? Date(XElement parent, string name, string at)
        {
            if (Text(parent, name) is not { } text)
            {
                return null;
            }

            // xs:date may carry a time zone (2018-03-15+01:00): the calendar date is what counts.
            var day = text.Length > 10 && text[10] is '+' or '-' or 'Z' ? text[..10] : text;
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Reject(parent.Element(Ns + name)!, $"{at}.{name}", text, "n'est pas une date (AAAA-MM-JJ attendu)");
            return null;
        }

        private DateOnly? DateAttribute(XElement element, string name, string at)
        {
            if (element.Attribute(name)?.Value is not { Length: > 0 } text)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Reject(element, $"{at}.{name}", text, "n'est pas une date (AAAA-MM-JJ attendu)");
            return null;
        }

        private static int? IntAttribute(XElement element, string name) =>
            int.TryParse(element.Attribute(name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

        private int? Int(XElement parent, string name, string at)
        {
            if (Text(parent, name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Reject(parent.Element(Ns + name)!, $"{at}.{name}", text, "n'est pas un nombre entier");
            return null;
        }

        private decimal? Decimal(XElement parent, string name, string at)
        {
            if (Text(parent, name) is not { } text)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Reject(parent.Element(Ns + name)!, $"{at}.{name}", text, "n'est pas un montant (chiffres, point décimal)");
            return null;
        }

        private bool? Bool(XElement parent, string name, string at)
        {
            if (Text(parent, name) is not { } text)
            {
                return null;
            }

            switch (text)
            {
                case "true" or "1":
                    return true;
                case "false" or "0":
                    return false;
                default:
                    Reject(parent.Element(Ns + name)!, $"{at}.{name}", text, "n'est pas un booléen (true ou false attendu)");
                    return null;
            }
        }

        private void Reject(XElement element, string field, string? value, string rule)
        {
            var line = LineOf(element) is > 0 and var l ? l : _line;
            run.Reject(line, field, value, value is null ? $"ligne {line} : {field} : {rule}" : $"ligne {line} : {field} : « {value} » {rule}");
        }
    }
}
