using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications.Sne;

/// <summary>
/// Writes demands as an interfaceNuu file, in the element order of the real example (the [D] blocks after
/// <c>personnePhysique</c>, the Equilibre extension last), one demand at a time so that an export streams.
/// Dispose closes the root element.
/// </summary>
public sealed class SneXmlWriter : IDisposable
{
    private static readonly XNamespace Ns = SneXml.Namespace;
    private static readonly XNamespace Eq = SneXml.ExtensionNamespace;
    private readonly XmlWriter _xml;
    private bool _disposed;

    public SneXmlWriter(Stream stream, DateTimeOffset fileDate, string? fileType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, IndentChars = "    ", Encoding = new UTF8Encoding(false), CloseOutput = false });
        _xml.WriteStartDocument(standalone: true);
        _xml.WriteStartElement("ns1", "interfaceNuu", SneXml.Namespace);
        _xml.WriteAttributeString("versionInterface", SneXml.WrittenVersion);
        new XElement(Ns + "entete",
            new XElement(Ns + "dateFichier", fileDate.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)),
            CodeElement("typeFichier", fileType)).WriteTo(_xml);
    }

    /// <summary>Writes a whole file.</summary>
    public static void Write(Stream stream, IEnumerable<SneDemand> demands, DateTimeOffset fileDate, string? fileType = null)
    {
        ArgumentNullException.ThrowIfNull(demands);
        using var writer = new SneXmlWriter(stream, fileDate, fileType);
        foreach (var d in demands)
        {
            writer.Write(d);
        }
    }

    public void Write(SneDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ToElement(demand).WriteTo(_xml);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
        _xml.Dispose();
    }

    public static XElement ToElement(SneDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var f = demand.File;
        var logementRecherche = f.Wishes.Typologies.Count == 0 && f.Wishes.Communes.Count == 0 && f.Wishes.Category is null && !f.Wishes.Extended
            ? null
            : new XElement(Ns + "logementRecherche",
                new XElement(Ns + "demandeElargie", Bool(f.Wishes.Extended)),
                new XElement(Ns + "listeTypeLogement", f.Wishes.Typologies.Select(t => CodeElement("typeLogement", t))),
                CodeElement("categorie", f.Wishes.Category),
                new XElement(Ns + "listeLocalisationSouhaite", f.Wishes.Communes.Select(c => new XElement(Ns + "localisationSouhaite", CodeElement("commune", c)))));
        var handicap = f.Handicap is not { } h ? null
            : new XElement(Ns + "complementHandicap",
                CodeElement("etat", h.State),
                CodeElement("capaciteMarche", h.Walking),
                CodeList("listeDeficienceMotrice", "deficienceMotrice", h.Motor),
                CodeList("listeDeficienceSensorielle", "deficienceSensorielle", h.Sensory),
                CodeList("listeAideTechnique", "aideTechnique", h.TechnicalAids),
                CodeList("listeEquipement", "equipement", h.Equipment));
        var radiation = demand.Radiation is not { } r ? null
            : new XElement(Ns + "radiation", CodeElement("motif", r.Code), CodeElement("sousMotif", r.SubCode), Text("dateRadiation", Date(r.On)));
        var demandeLogement = new XElement(Ns + "demandeLogement",
            Text("numUnique", demand.Numero),
            Text("numGuichet", demand.GuichetCode),
            Text("dateCreationDemande", Date(demand.CreatedOn)),
            Text("dateDernierRenouvellement", Date(demand.LastRenewedOn)),
            new XElement(Ns + "personnePhysique",
                Person("demandeur", f.Applicant, f),
                f.Dependants.Count == 0 ? null : new XElement(Ns + "listePersonneACharge", f.Dependants.Select(d => new XElement(Ns + "personneACharge",
                    Text("nom", d.LastName), Text("prenom", d.FirstName), Text("dateNaissance", Date(d.BirthDate)), CodeElement("sexe", d.Sex), CodeElement("lienParente", d.Relationship)))),
                f.Unborn is not { } u ? null : new XElement(Ns + "personneANaitre", Text("nombre", Int(u.Count)), Text("dateNaissancePrevue", Date(u.ExpectedOn))),
                f.ChildrenInCustody.Count == 0 ? null : new XElement(Ns + "listePersonneEnGarde", f.ChildrenInCustody.Select(c => new XElement(Ns + "personneEnGarde",
                    Text("dateNaissance", Date(c.BirthDate)), CodeElement("sexe", c.Sex), CodeElement("coParentalite", c.Custody)))),
                f.CoApplicants.Count == 0 ? null : new XElement(Ns + "listeCotitulaire", f.CoApplicants.Select(c => Person("cotitulaire", c, null))),
                f.CurrentHousing is not { } la ? null : new XElement(Ns + "logementActuel",
                    new XElement(Ns + "listeModeleLogement", la.Models.Select(m => CodeElement("modeleLogement", m))),
                    Text("montantMensuelLoyer", Decimal(la.MonthlyRent)),
                    Text("nombreHabitant", Int(la.Occupants)),
                    CodeElement("categorieLogement", la.Category),
                    CodeElement("typeLogementActuel", la.Typology),
                    Text("surface", Decimal(la.Surface)),
                    Text("proprietaire", la.Owner is { } owner ? Bool(owner) : null))),
            f.Reasons.Count == 0 ? null : CodeList("motifs", "motif", f.Reasons),
            logementRecherche,
            handicap,
            f.Dalo == DaloStatus.None ? null : CodeElement("statutDalo", SneCodes.Dalo[f.Dalo]),
            radiation);
        var disabled = new List<XElement>();
        if (f.Applicant.Disabled)
        {
            disabled.Add(new XElement(Eq + "handicape", new XAttribute("personne", "demandeur")));
        }

        disabled.AddRange(f.CoApplicants.Select((c, i) => (c.Disabled, i)).Where(x => x.Disabled)
            .Select(x => new XElement(Eq + "handicape", new XAttribute("personne", "cotitulaire"), new XAttribute("rang", Int(x.i + 1)!))));
        disabled.AddRange(f.Dependants.Select((d, i) => (d.Disabled, i)).Where(x => x.Disabled)
            .Select(x => new XElement(Eq + "handicape", new XAttribute("personne", "personneACharge"), new XAttribute("rang", Int(x.i + 1)!))));
        var extension = disabled.Count == 0 && f.Priorities.Count == 0 ? null
            : new XElement(Eq + "complementEquilibre", new XAttribute(XNamespace.Xmlns + "eq", SneXml.ExtensionNamespace),
                f.Priorities.Select(p => new XElement(Eq + "priorite",
                    new XAttribute("code", p.Code),
                    new XAttribute("labellisePar", p.LabelledBy),
                    new XAttribute("dateLabellisation", Date(p.LabelledOn)!),
                    p.Proof is null ? null : new XAttribute("justificatif", p.Proof),
                    p.ValidUntil is { } until ? new XAttribute("finValidite", Date(until)!) : null)),
                disabled);
        return new XElement(Ns + "demande", demandeLogement, extension);
    }

    private static XElement Person(string name, Person p, DemandFile? applicantOf) => new(Ns + name,
        CodeElement("civilite", p.Civility),
        Text("nom", p.LastName),
        Text("nomPatronymique", p.BirthName),
        Text("prenom", p.FirstName),
        Text("dateNaissance", Date(p.BirthDate)),
        CodeElement("nationalite", p.Nationality),
        CodeElement("situationFamiliale", p.FamilySituation),
        CodeElement("lienDemandeur", p.LinkToApplicant),
        Text("telPortable", p.Phone),
        Text("mel", p.Email),
        p.Address is not { } a ? null : new XElement(Ns + "adressePostale",
            Text("etranger", Bool(a.Abroad)), Text("numero", a.Number), Text("voie", a.Street), Text("codePostal", a.PostalCode), CodeElement("commune", a.CommuneCode)),
        p.Work is not { } w ? null : new XElement(Ns + "situationProfessionnelle",
            Text("profession", w.Profession), CodeElement("typeContratTravail", w.ContractType), Text("nomEmployeurPrincipal", w.Employer),
            Text("etranger", Bool(w.Abroad)), Text("codePostal", w.PostalCode), CodeElement("commune", w.CommuneCode)),
        p.TaxIncome is not { } t ? null : new XElement(Ns + "revenuFiscal",
            Text("anneeMoins1", Int(t.YearN1)), Text("montantMoins1", Decimal(t.AmountN1)), Text("anneeMoins2", Int(t.YearN2)), Text("montantMoins2", Decimal(t.AmountN2))),
        Resources("listeRessourceRecue", p.ResourcesReceived),
        Resources("listeRessourceVersee", p.ResourcesPaid),
        applicantOf is null ? null : Resources("listeRessourceRecuePersACharge", applicantOf.DependantResourcesReceived),
        applicantOf is null ? null : Resources("listeRessourceVerseePersACharge", applicantOf.DependantResourcesPaid));

    private static XElement Resources(string name, IEnumerable<MonthlyResource> list) =>
        new(Ns + name, list.Select(r => new XElement(Ns + "detailRessource", CodeElement("ressource", r.Code), Text("montant", Decimal(r.Amount)))));

    private static XElement CodeList(string list, string item, IEnumerable<string> codes) => new(Ns + list, codes.Select(c => CodeElement(item, c)));

    private static XElement? CodeElement(string name, string? code) => code is null ? null : new XElement(Ns + name, new XAttribute("code", code));

    private static XElement? Text(string name, string? value) => value is null ? null : new XElement(Ns + name, value);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Decimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
