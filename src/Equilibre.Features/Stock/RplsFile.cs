using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Equilibre.Domain.Stock;
using Equilibre.Features.Imports;

namespace Equilibre.Features.Stock;

/// <summary>One line of an RPLS file, parsed; the fields the file does not have stay null.</summary>
public sealed class RplsLine
{
    public int Line { get; init; }
    public bool Valid { get; set; } = true;
    public string? Identifier { get; set; }
    public string? LandlordReference { get; set; }
    public string? Siren { get; set; }
    public string? BailleurName { get; set; }
    public string CommuneCode { get; set; } = "";
    public string? CommuneName { get; set; }
    public string? PostalCode { get; set; }
    public string? DepartementCode { get; set; }
    public string? RegionCode { get; set; }
    public string? EpciSiren { get; set; }
    public string? StreetNumber { get; set; }
    public string? RepetitionIndex { get; set; }
    public string? StreetType { get; set; }
    public string? StreetName { get; set; }
    public string? ApartmentNumber { get; set; }
    public string? LetterBox { get; set; }
    public string? Staircase { get; set; }
    public string? Corridor { get; set; }
    public string? Floor { get; set; }
    public string? Entrance { get; set; }
    public string? Building { get; set; }
    public string? BuildingName { get; set; }
    public string? Locality { get; set; }
    public string? IrisCode { get; set; }
    public string? QpvCode { get; set; }
    public bool? QpvFlag { get; set; }
    public bool? ExZus { get; set; }
    public bool? Qva { get; set; }
    public ConstructionType? ConstructionType { get; set; }
    public int Rooms { get; set; }
    public decimal? HabitableSurface { get; set; }
    public int? ConstructionYear { get; set; }
    public int? FirstLettingYear { get; set; }
    public int? StockEntryYear { get; set; }
    public EntryMode? EntryMode { get; set; }
    public string FinancingCode { get; set; } = "";
    public FinancingFamily? Financing { get; set; }
    public string? OtherFinancing { get; set; }
    public bool? AplConvention { get; set; }
    public string? ConventionNumber { get; set; }
    public DateOnly? ConventionDate { get; set; }
    public string? CusCeiling { get; set; }
    public DateOnly? DpeDate { get; set; }
    public string? DpeEnergyClass { get; set; }
    public string? DpeGhgClass { get; set; }
    public string? Accessibility { get; set; }
    public decimal? MonthlyRent { get; set; }
    public decimal? EstimatedCharges { get; set; }
    public OccupancyMode? OccupancyMode { get; set; }
    public DateOnly? LeaseStart { get; set; }
    public bool? AdaptedForHandicap { get; set; }

    /// <summary>The résidence this line belongs to: commune and address, normalised.</summary>
    public string AddressKey => Key(CommuneCode, StreetNumber, RepetitionIndex, StreetType, StreetName, BuildingName, Locality);

    /// <summary>What identifies a dwelling of an open-data file that has no <c>IDENT_REP</c> (docs/adr/0007).</summary>
    public string DerivedKey => DerivedKeyOf(AddressKey);

    /// <summary><see cref="DerivedKey"/> from the <see cref="AddressKey"/> already computed for this line.</summary>
    public string DerivedKeyOf(string addressKey) => Key(addressKey, Building, Entrance, Staircase, Corridor, Floor, ApartmentNumber, LetterBox,
        Rooms.ToString(CultureInfo.InvariantCulture), ConstructionYear?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Hash of the facts stored in a <see cref="DwellingState"/>: equal hashes, nothing to rewrite.</summary>
    public long StateHash() => RplsFile.Hash(Key(
        Siren, LandlordReference, ConstructionType?.ToString(), Rooms.ToString(CultureInfo.InvariantCulture), Inv(HabitableSurface),
        Inv(ConstructionYear), Inv(FirstLettingYear), Inv(StockEntryYear), EntryMode?.ToString(), FinancingCode, Financing?.ToString(),
        OtherFinancing, Inv(AplConvention), ConventionNumber, Inv(ConventionDate), CusCeiling, Inv(DpeDate), DpeEnergyClass, DpeGhgClass,
        Accessibility, Inv(MonthlyRent), Inv(EstimatedCharges), OccupancyMode?.ToString(), Inv(LeaseStart), Inv(AdaptedForHandicap)));

    // Each part upper-cased, its spaces collapsed and trimmed, the parts joined by '|'. Upper-casing maps neither to nor
    // from ' ' and '|' and keeps the length, so the whole key is upper-cased once, after the spaces are collapsed.
    private static string Key(params string?[] parts)
    {
        var key = new StringBuilder(128);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                key.Append('|');
            }

            var word = false;
            var space = false;
            foreach (var c in (parts[i] ?? "").AsSpan())
            {
                if (c == ' ')
                {
                    space = word;
                    continue;
                }

                if (space)
                {
                    key.Append(' ');
                    space = false;
                }

                key.Append(c);
                word = true;
            }
        }

        return key.ToString().ToUpperInvariant();
    }

    private static string? Inv(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>
/// The RPLS "données détaillées au logement" CSV (domain.md §16.2): one table maps each of our fields to the header
/// names it has had by millésime (≤2022 <c>DEPCOM</c>, <c>FINAN</c>, <c>QPV</c>…; 2023+ <c>DEPCOM_CODE</c>,
/// <c>FINAN_CODE</c>, <c>PLG_QP</c>…), with its parser and the rule named in the report. The "version loi" columns
/// (<c>IDENT_REP</c>, <c>SIRET</c>, <c>RS</c>, <c>LOYERPRINC</c>, <c>MODE</c>, <c>BAIL</c>) are read when present.
/// Streamed line by line through <see cref="DelimitedText"/> (<c>;</c> or <c>,</c>, UTF-8 or Windows-1252).
/// </summary>
public static class RplsFile
{
    /// <summary>
    /// A column: our field, the header names accepted (the first present wins), whether a value is required, the rule
    /// as the report states it, and the parser (false = the value breaks the rule; called for empty values too).
    /// </summary>
    public sealed record Column(string Field, string[] Headers, bool Required, string Rule, Func<string, RplsLine, RplsFinancingTable, int, bool> Parse);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("identifiant", ["IDENT_REP"], true, "identifiant du logement dans le répertoire, 40 caractères au plus", (v, l, _, _) => Text(v, 40, l, static (r, x) => r.Identifier = x)),
        new("référence bailleur", ["IDENT_INT"], false, "40 caractères au plus", (v, l, _, _) => Text(v, 40, l, static (r, x) => r.LandlordReference = x)),
        new("SIRET du bailleur", ["SIRET"], false, "SIRET de 14 chiffres (ou SIREN de 9)", (v, l, _, _) => Siret(v, l)),
        new("raison sociale du bailleur", ["RS"], false, "200 caractères au plus", (v, l, _, _) => Text(v, 200, l, static (r, x) => r.BailleurName = x)),
        new("commune", ["DEPCOM", "DEPCOM_CODE"], true, "code commune INSEE de 5 caractères (2A/2B pour la Corse)", (v, l, _, _) => Commune(v, l)),
        new("nom de la commune", ["LIBCOM", "DEPCOM_LIBELLE"], false, "100 caractères au plus", (v, l, _, _) => Text(v, 100, l, static (r, x) => r.CommuneName = x)),
        new("code postal", ["CODEPOSTAL"], false, "code postal de 5 chiffres", (v, l, _, _) => Digits(v, 5, l, static (r, x) => r.PostalCode = x)),
        new("département", ["DEP", "DEP_CODE"], false, "code département de 2 ou 3 caractères", (v, l, _, _) => Departement(v, l)),
        new("région", ["REG", "REG_CODE"], false, "code région de 2 chiffres", (v, l, _, _) => Digits(v, 2, l, static (r, x) => r.RegionCode = x)),
        new("EPCI", ["EPCI", "EPCI_CODE"], false, "SIREN de l'EPCI, 9 chiffres", (v, l, _, _) => Digits(v, 9, l, static (r, x) => r.EpciSiren = x)),
        new("numéro de voie", ["NUMVOIE"], false, "10 caractères au plus", (v, l, _, _) => Text(v, 10, l, static (r, x) => r.StreetNumber = x)),
        new("indice de répétition", ["INDREP"], false, "10 caractères au plus", (v, l, _, _) => Text(v, 10, l, static (r, x) => r.RepetitionIndex = x)),
        new("type de voie", ["TYPVOIE"], false, "40 caractères au plus", (v, l, _, _) => Text(v, 40, l, static (r, x) => r.StreetType = x)),
        new("nom de voie", ["NOMVOIE"], false, "200 caractères au plus", (v, l, _, _) => Text(v, 200, l, static (r, x) => r.StreetName = x)),
        new("numéro d'appartement", ["NUMAPPT"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.ApartmentNumber = x)),
        new("numéro de boîte aux lettres", ["NUMBOITE"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.LetterBox = x)),
        new("escalier", ["ESC"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.Staircase = x)),
        new("couloir", ["COULOIR"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.Corridor = x)),
        new("étage", ["ETAGE"], false, "10 caractères au plus", (v, l, _, _) => Text(v, 10, l, static (r, x) => r.Floor = x)),
        new("entrée", ["ENTREE"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.Entrance = x)),
        new("bâtiment", ["BAT"], false, "20 caractères au plus", (v, l, _, _) => Text(v, 20, l, static (r, x) => r.Building = x)),
        new("immeuble", ["IMMEU"], false, "100 caractères au plus", (v, l, _, _) => Text(v, 100, l, static (r, x) => r.BuildingName = x)),
        new("lieu-dit", ["LIEUDIT"], false, "100 caractères au plus", (v, l, _, _) => Text(v, 100, l, static (r, x) => r.Locality = x)),
        new("IRIS", ["PLG_IRIS2024_CODE", "PLG_IRIS2022_CODE", "PLG_IRIS"], false, "code IRIS de 4 caractères (suffixe) ou de 9", (v, l, _, _) => Iris(v, l)),
        new("code QPV", ["QPV_CODE", "PLG_QP24", "PLG_QP"], false, "code du quartier prioritaire, 20 caractères au plus (vide hors QPV)", (v, l, _, _) => QpvCode(v, l)),
        new("QPV", ["QPV"], false, "1 (en QPV) ou 2 (hors QPV)", (v, l, _, _) => Flag(v, RplsCodes.ParseQpvFlag, l, static (r, x) => r.QpvFlag = x)),
        new("ex-ZUS", ["PLG_ZUS"], false, "code de la ZUS, vide hors ZUS", (v, l, _, _) => Presence(v, l, static (r, x) => r.ExZus = x)),
        new("QVA", ["PLG_QVA"], false, "code du quartier de veille active, vide hors QVA", (v, l, _, _) => Presence(v, l, static (r, x) => r.Qva = x)),
        new("type de construction", ["TYPECONST", "TYPECONST_CODE", "TYPECONST_LIBELLE"], false, "C (collectif), I (individuel) ou E (logement étudiant)", (v, l, _, _) => Construction(v, l)),
        new("nombre de pièces", ["NBPIECE"], true, "nombre de pièces principales, entier de 1 à 20", (v, l, _, _) => Int(v, 1, 20, l, static (r, x) => r.Rooms = x ?? 0)),
        new("surface habitable", ["SURFHAB"], false, "surface habitable en m², de 1 à 1 000", (v, l, _, _) => Decimal(v, 1, 1000, l, static (r, x) => r.HabitableSurface = x)),
        new("année de construction", ["CONSTRUCT"], false, "année (AAAA) entre 1500 et le millésime", (v, l, _, m) => Int(v, 1500, m, l, static (r, x) => r.ConstructionYear = x)),
        new("année de première location", ["LOCAT"], false, "année (AAAA) entre 1500 et le millésime", (v, l, _, m) => Int(v, 1500, m, l, static (r, x) => r.FirstLettingYear = x)),
        new("année d'entrée dans le patrimoine", ["PATRIMOINE"], false, "année (AAAA) entre 1500 et le millésime", (v, l, _, m) => Int(v, 1500, m, l, static (r, x) => r.StockEntryYear = x)),
        new("mode d'entrée", ["ORIGINE"], false, "1 (construction), 2 (acquisition avec travaux), 3 (sans travaux) ou 4 (VEFA)", (v, l, _, _) => Code(v, RplsCodes.ParseEntryMode, l, static (r, x) => r.EntryMode = x)),
        new("financement initial", ["FINAN", "FINAN_CODE"], true, "code FINAN connu de la table de correspondance (10 à 17, 49, 50 à 55, 99)", (v, l, t, _) => Financing(v, l, t)),
        new("autre financement", ["FINANAUTRE"], false, "100 caractères au plus", (v, l, _, _) => Text(v, 100, l, static (r, x) => r.OtherFinancing = x)),
        new("conventionnement APL", ["CONV"], false, "1 (conventionné) ou 2 (non conventionné)", (v, l, _, _) => Flag(v, RplsCodes.ParseConvention, l, static (r, x) => r.AplConvention = x)),
        new("numéro de convention", ["NUMCONV"], false, "40 caractères au plus", (v, l, _, _) => Text(v, 40, l, static (r, x) => r.ConventionNumber = x)),
        new("date de convention", ["DATCONV"], false, "date JJ/MM/AAAA", (v, l, _, _) => Date(v, l, static (r, x) => r.ConventionDate = x)),
        new("plafond CUS", ["CUS"], false, "10 caractères au plus", (v, l, _, _) => Text(v, 10, l, static (r, x) => r.CusCeiling = x)),
        new("date du DPE", ["DPEDATE"], false, "mois MM/AAAA (01/1900 = pas de DPE)", (v, l, _, _) => Month(v, l, static (r, x) => r.DpeDate = x, none: "01/1900")),
        new("classe énergie du DPE", ["DPEENERGIE"], false, "classe A à G, vide si inconnue", (v, l, _, _) => Dpe(v, l, static (r, x) => r.DpeEnergyClass = x)),
        new("classe GES du DPE", ["DPESERRE"], false, "classe A à G, vide si inconnue", (v, l, _, _) => Dpe(v, l, static (r, x) => r.DpeGhgClass = x)),
        new("accessibilité PMR", ["PMR_LIBELLE", "PMR_CODE", "PMR"], false, "100 caractères au plus", (v, l, _, _) => Text(v, 100, l, static (r, x) => r.Accessibility = x)),
        new("loyer principal", ["LOYERPRINC"], false, "loyer mensuel en euros, de 0 à 9 998 (9999 = sans objet)", (v, l, _, _) => Rent(v, l)),
        new("charges estimées", ["CHARGES"], false, "charges mensuelles en euros, de 0 à 9 998", (v, l, _, _) => Decimal(v, 0, 9998, l, static (r, x) => r.EstimatedCharges = x)),
        new("mode d'occupation", ["MODE"], false, "1, 2, 3, 4, 5 ou 9 (mode d'occupation au 1er janvier)", (v, l, _, _) => Code(v, RplsCodes.ParseOccupancyMode, l, static (r, x) => r.OccupancyMode = x)),
        new("date du bail", ["BAIL"], false, "mois MM/AAAA", (v, l, _, _) => Month(v, l, static (r, x) => r.LeaseStart = x, none: null)),
        new("logement adapté au handicap", ["ADAPTE_HANDICAP"], false, "oui ou non (1 ou 0)", (v, l, _, _) => Flag(v, YesNo, l, static (r, x) => r.AdaptedForHandicap = x)),
    ];

    /// <summary>
    /// Reads the file and yields every line, parsed; a line breaking a rule is yielded with <see cref="RplsLine.Valid"/>
    /// false and its reasons recorded in <paramref name="run"/>. Throws <see cref="ImportFileException"/> when a
    /// required column is missing under all its names.
    /// </summary>
    public static IEnumerable<RplsLine> Read(TextReader reader, ImportRun run, RplsFinancingTable financing, int millesime)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(financing);
        List<(Column Column, string Header, int Index)> present = [];
        var rows = DelimitedText.ReadFields(reader, header =>
        {
            var missing = new List<string>();
            foreach (var column in Columns)
            {
                var name = column.Headers.FirstOrDefault(h => header.Contains(h, StringComparer.OrdinalIgnoreCase));
                if (name is not null)
                {
                    present.Add((column, name, DelimitedText.IndexOf(header, name)));
                }
                else if (column.Required && column.Field != "identifiant")
                {
                    missing.Add($"{column.Field} ({string.Join(" ou ", column.Headers)})");
                }
            }

            if (missing.Count > 0)
            {
                throw new ImportFileException(
                    $"ligne 1 (en-tête) : colonne(s) obligatoire(s) absente(s) : {string.Join(", ", missing)} ; ce n'est pas un fichier RPLS « données détaillées au logement »");
            }
        });
        foreach (var row in rows)
        {
            var line = new RplsLine { Line = row.Line };
            foreach (var (column, header, index) in present)
            {
                var value = row.Fields[index];
                if (column.Required && value.Length == 0)
                {
                    Reject(run, line, header, value, $"valeur obligatoire ({column.Rule})");
                }
                else if (!column.Parse(value, line, financing, millesime))
                {
                    Reject(run, line, header, value, column.Rule);
                }
            }

            yield return line;
        }
    }

    private static void Reject(ImportRun run, RplsLine line, string header, string value, string rule)
    {
        line.Valid = false;
        run.Reject(line.Line, header, value, $"ligne {line.Line} : {header} : « {value} » : {rule}");
    }

    /// <summary>A stable 64-bit hash of a text (the first 8 bytes of its SHA-256).</summary>
    public static long Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digest = stackalloc byte[32];
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var bytes = length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(text, bytes)], digest);
            return BitConverter.ToInt64(digest[..8]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string? Null(string v) => v.Length == 0 ? null : v;

    private static bool Text(string v, int max, RplsLine l, Action<RplsLine, string?> set)
    {
        set(l, Null(v));
        return v.Length <= max;
    }

    private static bool Digits(string v, int length, RplsLine l, Action<RplsLine, string?> set)
    {
        if (v.Length == 0)
        {
            return true;
        }

        // DiDo declares some codes as integers: a leading zero may have been lost ("1053" for 01053).
        var padded = v.All(char.IsAsciiDigit) && v.Length < length ? v.PadLeft(length, '0') : v;
        set(l, padded);
        return padded.Length == length && padded.All(char.IsAsciiDigit);
    }

    private static bool Commune(string v, RplsLine l)
    {
        var code = v.Length == 4 && v.All(char.IsAsciiDigit) ? "0" + v : v.ToUpperInvariant();
        l.CommuneCode = code;
        return code.Length == 5 && (code[..2].All(char.IsAsciiDigit) || code[..2] is "2A" or "2B") && code[2..].All(char.IsAsciiDigit);
    }

    private static bool Departement(string v, RplsLine l)
    {
        var code = v.Length == 1 && char.IsAsciiDigit(v[0]) ? "0" + v : v.ToUpperInvariant();
        l.DepartementCode = Null(code);
        return code.Length is 0 or 2 or 3 && code.All(char.IsAsciiLetterOrDigit);
    }

    private static bool Siret(string v, RplsLine l)
    {
        var digits = v.Replace(" ", "", StringComparison.Ordinal);
        l.Siren = digits.Length >= 9 ? digits[..9] : Null(digits);
        return digits.Length is 0 or 9 or 14 && digits.All(char.IsAsciiDigit);
    }

    private static bool Iris(string v, RplsLine l)
    {
        // Files up to 2022 give the 4-character suffix; the full code is the commune followed by it (domain.md §16.3.2).
        l.IrisCode = v.Length == 4 ? l.CommuneCode + v : Null(v);
        return v.Length is 0 or 4 or 9;
    }

    private static bool QpvCode(string v, RplsLine l)
    {
        // 2023+ files: a QPV code means "in QPV", an empty one "outside".
        l.QpvCode = Null(v);
        l.QpvFlag = v.Length > 0;
        return v.Length <= 20;
    }

    private static bool Presence(string v, RplsLine l, Action<RplsLine, bool> set)
    {
        set(l, v.Length > 0);
        return v.Length <= 20;
    }

    private static bool Flag(string v, Func<string, bool?> parse, RplsLine l, Action<RplsLine, bool?> set)
    {
        var value = parse(v);
        set(l, value);
        return v.Length == 0 || value is not null;
    }

    private static bool? YesNo(string v) => v.Trim().ToUpperInvariant() switch
    {
        "OUI" or "1" or "O" => true,
        "NON" or "0" or "N" => false,
        _ => null,
    };

    private static bool Code<T>(string v, Func<string, T?> parse, RplsLine l, Action<RplsLine, T?> set)
        where T : struct
    {
        var value = parse(v);
        set(l, value);
        return v.Length == 0 || value is not null;
    }

    private static bool Construction(string v, RplsLine l)
    {
        l.ConstructionType = RplsCodes.ParseConstructionType(v);
        return v.Length == 0 || l.ConstructionType is not null;
    }

    private static bool Financing(string v, RplsLine l, RplsFinancingTable table)
    {
        l.FinancingCode = v;
        l.Financing = table.Map(v).Family;
        return l.Financing is not null && v.Length <= 4;
    }

    private static bool Dpe(string v, RplsLine l, Action<RplsLine, string?> set)
    {
        set(l, RplsCodes.ParseDpeClass(v)?.ToString());

        // Anything but A–G means "unknown" (not done, not given): kept as null, not a rejection.
        return v.Length <= 10;
    }

    private static bool Int(string v, int min, int max, RplsLine l, Action<RplsLine, int?> set)
    {
        if (v.Length == 0)
        {
            set(l, null);
            return true;
        }

        var ok = int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
        set(l, ok ? n : null);
        return ok;
    }

    private static bool Decimal(string v, decimal min, decimal max, RplsLine l, Action<RplsLine, decimal?> set)
    {
        if (v.Length == 0)
        {
            set(l, null);
            return true;
        }

        var ok = decimal.TryParse(v.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
        set(l, ok ? n : null);
        return ok;
    }

    private static bool Rent(string v, RplsLine l)
    {
        // 9999 = January not fully invoiced: no rent to keep (domain.md §16.3.3).
        if (decimal.TryParse(v.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n == 9999)
        {
            l.MonthlyRent = null;
            return true;
        }

        return Decimal(v, 0, 9998, l, static (r, x) => r.MonthlyRent = x);
    }

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "yyyy-MM-dd"];

    private static bool Date(string v, RplsLine l, Action<RplsLine, DateOnly?> set)
    {
        if (v.Length == 0)
        {
            set(l, null);
            return true;
        }

        var ok = DateOnly.TryParseExact(v, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        set(l, ok ? d : null);
        return ok;
    }

    private static readonly string[] MonthFormats = ["MM/yyyy", "M/yyyy", "yyyy-MM"];

    private static bool Month(string v, RplsLine l, Action<RplsLine, DateOnly?> set, string? none)
    {
        if (v.Length == 0 || v == none)
        {
            set(l, null);
            return true;
        }

        var ok = DateOnly.TryParseExact(v, MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        set(l, ok ? d : null);
        return ok;
    }
}
