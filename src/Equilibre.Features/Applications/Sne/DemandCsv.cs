using System.Globalization;
using System.Text;
using Equilibre.Domain.Applications;
using Equilibre.Features.Imports;

namespace Equilibre.Features.Applications.Sne;

/// <summary>
/// Demands as a CSV file, one line per demand (column dictionary in docs/guide/demandes-format.md). Lists are
/// compact: items separated by <c>|</c> (<c>SAL:1500|AF:400</c>, <c>51454|51573</c>), parts of an item by <c>/</c>
/// (<c>DUPONT/LEA/2010-01-01/F/E/non</c>), co-applicants of a <c>cotitulaires_*</c> column by <c>#</c>. Read through
/// <see cref="DelimitedText"/> (<c>;</c> or <c>,</c>, UTF-8 or Windows-1252); written with <c>;</c> in UTF-8 with BOM.
/// </summary>
public static class DemandCsv
{
    public const char Separator = ';';
    public const string CoApplicantSeparator = "#";

    private sealed record PersonColumn(string Suffix, Func<Person, string> Get, bool CoApplicantOnly = false);

    private static readonly PersonColumn[] PersonColumns =
    [
        new("civilite", p => p.Civility ?? ""),
        new("nom", p => p.LastName),
        new("nom_naissance", p => p.BirthName ?? ""),
        new("prenom", p => p.FirstName),
        new("date_naissance", p => Date(p.BirthDate)),
        new("nationalite", p => p.Nationality ?? ""),
        new("situation_familiale", p => p.FamilySituation ?? ""),
        new("lien", p => p.LinkToApplicant ?? "", CoApplicantOnly: true),
        new("telephone", p => p.Phone ?? ""),
        new("mel", p => p.Email ?? ""),
        new("adresse_etranger", p => p.Address is { } a ? Bool(a.Abroad) : ""),
        new("adresse_numero", p => p.Address?.Number ?? ""),
        new("adresse_voie", p => p.Address?.Street ?? ""),
        new("adresse_code_postal", p => p.Address?.PostalCode ?? ""),
        new("adresse_commune", p => p.Address?.CommuneCode ?? ""),
        new("profession", p => p.Work?.Profession ?? ""),
        new("contrat", p => p.Work?.ContractType ?? ""),
        new("employeur", p => p.Work?.Employer ?? ""),
        new("travail_etranger", p => p.Work is { } w ? Bool(w.Abroad) : ""),
        new("travail_code_postal", p => p.Work?.PostalCode ?? ""),
        new("travail_commune", p => p.Work?.CommuneCode ?? ""),
        new("rfr_annee_n1", p => Int(p.TaxIncome?.YearN1)),
        new("rfr_n1", p => Decimal(p.TaxIncome?.AmountN1)),
        new("rfr_annee_n2", p => Int(p.TaxIncome?.YearN2)),
        new("rfr_n2", p => Decimal(p.TaxIncome?.AmountN2)),
        new("ressources_recues", p => Resources(p.ResourcesReceived)),
        new("ressources_versees", p => Resources(p.ResourcesPaid)),
        new("handicape", p => p.Disabled ? "oui" : ""),
    ];

    private sealed record DemandColumn(string Name, Func<SneDemand, string> Get);

    private static readonly DemandColumn[] Before =
    [
        new("numero_unique", d => d.Numero ?? ""),
        new("numero_guichet", d => d.GuichetCode ?? ""),
        new("date_creation", d => Date(d.CreatedOn)),
        new("date_renouvellement", d => Date(d.LastRenewedOn)),
        new("motif_radiation", d => d.Radiation?.Code ?? ""),
        new("sous_motif_radiation", d => d.Radiation?.SubCode ?? ""),
        new("date_radiation", d => Date(d.Radiation?.On)),
    ];

    private static readonly DemandColumn[] After =
    [
        new("personnes_a_charge", d => string.Join("|", d.File.Dependants.Select(p =>
            string.Join("/", p.LastName ?? "", p.FirstName ?? "", Date(p.BirthDate), p.Sex ?? "", p.Relationship ?? "", p.Disabled ? "oui" : "non")))),
        new("personnes_a_charge_ressources_recues", d => Resources(d.File.DependantResourcesReceived)),
        new("personnes_a_charge_ressources_versees", d => Resources(d.File.DependantResourcesPaid)),
        new("enfants_a_naitre", d => Int(d.File.Unborn?.Count)),
        new("date_naissance_prevue", d => Date(d.File.Unborn?.ExpectedOn)),
        new("enfants_en_garde", d => string.Join("|", d.File.ChildrenInCustody.Select(c => string.Join("/", Date(c.BirthDate), c.Sex ?? "", c.Custody)))),
        new("logement_modeles", d => string.Join("|", d.File.CurrentHousing?.Models ?? [])),
        new("logement_loyer", d => Decimal(d.File.CurrentHousing?.MonthlyRent)),
        new("logement_habitants", d => Int(d.File.CurrentHousing?.Occupants)),
        new("logement_categorie", d => d.File.CurrentHousing?.Category ?? ""),
        new("logement_typologie", d => d.File.CurrentHousing?.Typology ?? ""),
        new("logement_surface", d => Decimal(d.File.CurrentHousing?.Surface)),
        new("logement_proprietaire", d => d.File.CurrentHousing?.Owner is { } o ? Bool(o) : ""),
        new("motifs", d => string.Join("|", d.File.Reasons)),
        new("typologies_recherchees", d => string.Join("|", d.File.Wishes.Typologies)),
        new("categorie_recherchee", d => d.File.Wishes.Category ?? ""),
        new("communes_souhaitees", d => string.Join("|", d.File.Wishes.Communes)),
        new("demande_elargie", d => d.File.Wishes.Extended ? "oui" : "non"),
        new("handicap_etat", d => d.File.Handicap?.State ?? ""),
        new("handicap_marche", d => d.File.Handicap?.Walking ?? ""),
        new("handicap_moteur", d => string.Join("|", d.File.Handicap?.Motor ?? [])),
        new("handicap_sensoriel", d => string.Join("|", d.File.Handicap?.Sensory ?? [])),
        new("handicap_aides", d => string.Join("|", d.File.Handicap?.TechnicalAids ?? [])),
        new("handicap_equipements", d => string.Join("|", d.File.Handicap?.Equipment ?? [])),
        new("statut_dalo", d => d.File.Dalo == DaloStatus.None ? "" : SneCodes.Dalo[d.File.Dalo]),
        new("priorites", d => string.Join("|", d.File.Priorities.Select(p =>
            string.Join("/", p.Code, p.LabelledBy, Date(p.LabelledOn), p.Proof ?? "", Date(p.ValidUntil))))),
    ];

    /// <summary>Every column, in file order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        .. Before.Select(c => c.Name),
        .. PersonColumns.Where(c => !c.CoApplicantOnly).Select(c => "demandeur_" + c.Suffix),
        .. PersonColumns.Select(c => "cotitulaires_" + c.Suffix),
        .. After.Select(c => c.Name),
    ];

    /// <summary>The columns a file must have; the others may be left out (read as empty).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["numero_unique", "date_creation", "demandeur_nom", "demandeur_prenom"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public static void WriteHeader(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(Separator, Columns));
        writer.Write("\r\n");
    }

    public static void WriteLine(TextWriter writer, SneDemand demand)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(demand);
        var values = Before.Select(c => c.Get(demand))
            .Concat(PersonColumns.Where(c => !c.CoApplicantOnly).Select(c => c.Get(demand.File.Applicant)))
            .Concat(PersonColumns.Select(c => demand.File.CoApplicants.Count == 0 ? "" : string.Join(CoApplicantSeparator, demand.File.CoApplicants.Select(c.Get))))
            .Concat(After.Select(c => c.Get(demand)));
        writer.Write(string.Join(Separator, values.Select(Quote)));
        writer.Write("\r\n");
    }

    /// <summary>Writes a whole file in UTF-8 with BOM (what a spreadsheet opens without mangling accents).</summary>
    public static void Write(Stream stream, IEnumerable<SneDemand> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        WriteHeader(writer);
        foreach (var d in demands)
        {
            WriteLine(writer, d);
        }
    }

    /// <summary>Streams the demands of a file; content errors are rejected on the run with line and column.</summary>
    public static IEnumerable<SneDemand> Read(TextReader reader, ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(run);
        foreach (var row in DelimitedText.Read(reader, [.. RequiredColumns]))
        {
            yield return new RowReader(run, row).Read();
        }
    }

    private static string Quote(string value) =>
        value.IndexOfAny([Separator, '"', '\n', '\r', ',']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Decimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Bool(bool value) => value ? "oui" : "non";

    private static string Resources(IEnumerable<MonthlyResource> list) =>
        string.Join("|", list.Select(r => r.Code + ":" + r.Amount.ToString(CultureInfo.InvariantCulture)));

    private sealed class RowReader(ImportRun run, DelimitedRow row)
    {
        public SneDemand Read()
        {
            var applicant = Person(s => row["demandeur_" + s], "demandeur_");
            var coApplicants = CoApplicants();
            var dependants = Items("personnes_a_charge", 5, 6).Select(p => new Dependant(
                Empty(p.Parts[0]), Empty(p.Parts[1]), ParseDate(p.Column, p.Parts[2]), Empty(p.Parts[3]), Empty(p.Parts[4]),
                p.Parts.Length > 5 && (ParseBool(p.Column, p.Parts[5]) ?? false))).ToList();
            var custody = Items("enfants_en_garde", 3, 3).Select(p => new CustodyChild(ParseDate(p.Column, p.Parts[0]), Empty(p.Parts[1]), p.Parts[2])).ToList();
            UnbornChildren? unborn = row["enfants_a_naitre"] is { Length: > 0 } count
                ? new UnbornChildren(ParseInt("enfants_a_naitre", count) ?? 0, DateOf("date_naissance_prevue"))
                : null;
            var housingColumns = new[] { "logement_modeles", "logement_loyer", "logement_habitants", "logement_categorie", "logement_typologie", "logement_surface", "logement_proprietaire" };
            var housing = housingColumns.All(c => row[c].Length == 0) ? null
                : new CurrentHousing(List("logement_modeles"), DecimalOf("logement_loyer"), IntOf("logement_habitants"), Empty(row["logement_categorie"]),
                    Empty(row["logement_typologie"]), DecimalOf("logement_surface"), BoolOf("logement_proprietaire"));
            var handicapColumns = new[] { "handicap_etat", "handicap_marche", "handicap_moteur", "handicap_sensoriel", "handicap_aides", "handicap_equipements" };
            var handicap = handicapColumns.All(c => row[c].Length == 0) ? null
                : new HandicapComplement(Empty(row["handicap_etat"]), Empty(row["handicap_marche"]), List("handicap_moteur"), List("handicap_sensoriel"),
                    List("handicap_aides"), List("handicap_equipements"));
            var dalo = DaloStatus.None;
            if (row["statut_dalo"] is { Length: > 0 } daloCode)
            {
                if (SneCodes.ParseDalo(daloCode) is { } parsed)
                {
                    dalo = parsed;
                }
                else
                {
                    Reject("statut_dalo", daloCode, "statut DALO inconnu (NON, ACTIF, CADUC ou ACTREL attendu)");
                }
            }

            var priorities = Items("priorites", 3, 5).Select(p => new PriorityLabel(p.Parts[0], p.Parts[1], ParseDate(p.Column, p.Parts[2]) ?? DateOnly.MinValue,
                p.Parts.Length > 3 ? Empty(p.Parts[3]) : null, p.Parts.Length > 4 ? ParseDate(p.Column, p.Parts[4]) : null)).ToList();
            var file = new DemandFile
            {
                Applicant = applicant,
                CoApplicants = coApplicants,
                Dependants = dependants,
                DependantResourcesReceived = ResourcesOf("personnes_a_charge_ressources_recues", row["personnes_a_charge_ressources_recues"]),
                DependantResourcesPaid = ResourcesOf("personnes_a_charge_ressources_versees", row["personnes_a_charge_ressources_versees"]),
                Unborn = unborn,
                ChildrenInCustody = custody,
                CurrentHousing = housing,
                Reasons = List("motifs"),
                Wishes = new HousingWishes(List("typologies_recherchees"), Empty(row["categorie_recherchee"]), List("communes_souhaitees"), BoolOf("demande_elargie") ?? false),
                Handicap = handicap,
                Dalo = dalo,
                Priorities = priorities,
            };
            var radiation = row["motif_radiation"] is { Length: > 0 } code
                ? new SneRadiation(code, Empty(row["sous_motif_radiation"]), DateOf("date_radiation"))
                : null;
            return new SneDemand(row.Line, Empty(row["numero_unique"]), Empty(row["numero_guichet"]), DateOf("date_creation"), DateOf("date_renouvellement"), radiation, file);
        }

        private List<Person> CoApplicants()
        {
            var split = PersonColumns.ToDictionary(c => c.Suffix, c => row["cotitulaires_" + c.Suffix] is { Length: > 0 } v ? v.Split(CoApplicantSeparator) : null);
            var count = split.Values.Max(v => v?.Length ?? 0);
            foreach (var (suffix, values) in split)
            {
                if (values is not null && values.Length != count)
                {
                    Reject("cotitulaires_" + suffix, row["cotitulaires_" + suffix],
                        $"{values.Length} valeur(s) au lieu de {count} (une par cotitulaire, séparées par {CoApplicantSeparator})");
                }
            }

            return Enumerable.Range(0, count).Select(i => Person(s => split[s] is { } v && i < v.Length ? v[i].Trim() : "", "cotitulaires_")).ToList();
        }

        private Person Person(Func<string, string> get, string prefix)
        {
            string? Opt(string suffix) => Empty(get(suffix));
            var addressParts = new[] { "adresse_etranger", "adresse_numero", "adresse_voie", "adresse_code_postal", "adresse_commune" };
            var workParts = new[] { "profession", "contrat", "employeur", "travail_etranger", "travail_code_postal", "travail_commune" };
            var taxParts = new[] { "rfr_annee_n1", "rfr_n1", "rfr_annee_n2", "rfr_n2" };
            return new Person
            {
                Civility = Opt("civilite"),
                LastName = get("nom"),
                BirthName = Opt("nom_naissance"),
                FirstName = get("prenom"),
                BirthDate = ParseDate(prefix + "date_naissance", get("date_naissance")),
                Nationality = Opt("nationalite"),
                FamilySituation = Opt("situation_familiale"),
                LinkToApplicant = prefix == "demandeur_" ? null : Opt("lien"),
                Phone = Opt("telephone"),
                Email = Opt("mel"),
                Address = addressParts.All(p => get(p).Length == 0) ? null
                    : new PostalAddress(ParseBool(prefix + "adresse_etranger", get("adresse_etranger")) ?? false, Opt("adresse_numero"), Opt("adresse_voie"),
                        Opt("adresse_code_postal"), Opt("adresse_commune")),
                Work = workParts.All(p => get(p).Length == 0) ? null
                    : new ProfessionalSituation(Opt("profession"), Opt("contrat"), Opt("employeur"), ParseBool(prefix + "travail_etranger", get("travail_etranger")) ?? false,
                        Opt("travail_code_postal"), Opt("travail_commune")),
                TaxIncome = taxParts.All(p => get(p).Length == 0) ? null
                    : new TaxIncome(ParseInt(prefix + "rfr_annee_n1", get("rfr_annee_n1")), ParseDecimal(prefix + "rfr_n1", get("rfr_n1")),
                        ParseInt(prefix + "rfr_annee_n2", get("rfr_annee_n2")), ParseDecimal(prefix + "rfr_n2", get("rfr_n2"))),
                ResourcesReceived = ResourcesOf(prefix + "ressources_recues", get("ressources_recues")),
                ResourcesPaid = ResourcesOf(prefix + "ressources_versees", get("ressources_versees")),
                Disabled = ParseBool(prefix + "handicape", get("handicape")) ?? false,
            };
        }

        private List<MonthlyResource> ResourcesOf(string column, string text)
        {
            var list = new List<MonthlyResource>();
            foreach (var item in Split(text))
            {
                var parts = item.Split(':');
                if (parts.Length != 2)
                {
                    Reject(column, item, "ressource attendue sous la forme CODE:montant (ex. SAL:1500|AF:400)");
                    continue;
                }

                list.Add(new MonthlyResource(parts[0].Trim(), ParseDecimal(column, parts[1]) ?? 0m));
            }

            return list;
        }

        private sealed record Item(string Column, string[] Parts);

        private List<Item> Items(string column, int min, int max)
        {
            var items = new List<Item>();
            foreach (var item in Split(row[column]))
            {
                var parts = item.Split('/').Select(p => p.Trim()).ToArray();
                if (parts.Length < min || parts.Length > max)
                {
                    Reject(column, item, min == max ? $"{min} parties séparées par / attendues" : $"{min} à {max} parties séparées par / attendues");
                    continue;
                }

                items.Add(new Item(column, parts));
            }

            return items;
        }

        private List<string> List(string column) => [.. Split(row[column])];

        private static IEnumerable<string> Split(string text) => text.Split('|').Select(s => s.Trim()).Where(s => s.Length > 0);

        private static string? Empty(string text) => text.Trim() is { Length: > 0 } t ? t : null;

        private DateOnly? DateOf(string column) => ParseDate(column, row[column]);

        private int? IntOf(string column) => ParseInt(column, row[column]);

        private decimal? DecimalOf(string column) => ParseDecimal(column, row[column]);

        private bool? BoolOf(string column) => ParseBool(column, row[column]);

        private DateOnly? ParseDate(string column, string text)
        {
            if (text.Trim().Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Reject(column, text, "n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA attendu)");
            return null;
        }

        private int? ParseInt(string column, string text)
        {
            if (text.Trim().Length == 0)
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Reject(column, text, "n'est pas un nombre entier");
            return null;
        }

        private decimal? ParseDecimal(string column, string text)
        {
            var t = new string([.. text.Where(c => !char.IsWhiteSpace(c))]).Replace(',', '.');
            if (t.Length == 0)
            {
                return null;
            }

            if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Reject(column, text, "n'est pas un montant (ex. 1500 ou 1500,50)");
            return null;
        }

        private bool? ParseBool(string column, string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "":
                    return null;
                case "oui" or "o" or "true" or "1" or "vrai":
                    return true;
                case "non" or "n" or "false" or "0" or "faux":
                    return false;
                default:
                    Reject(column, text, "oui ou non attendu");
                    return null;
            }
        }

        private void Reject(string column, string value, string rule) =>
            run.Reject(row.Line, column, value, $"ligne {row.Line} : {column} : « {value} » {rule}");
    }
}
