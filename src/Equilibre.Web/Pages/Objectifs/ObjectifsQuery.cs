using System.Globalization;
using System.Text;
using Equilibre.Domain.Targets;
using Equilibre.Features.Targets;

namespace Equilibre.Web.Pages.Objectifs;

/// <summary>
/// The query string of the targets pages and of <c>/api/v1/objectifs</c> (one parser, so a page link and an API call
/// ask the same thing): <c>vue</c> epci|bailleur|reservataire|coordination, <c>periode</c> annee|semestre|trimestre|mois|plage,
/// <c>annee</c>, <c>numero</c>, <c>du</c>/<c>au</c> (AAAA-MM-JJ), filters <c>epci</c>, <c>bailleur</c>, <c>reservataire</c>,
/// <c>commune</c>, <c>seance</c>, and <c>groupes</c> (comma-separated: epci, commune, bailleur, reservataire, qpv, typologie,
/// financement, construction, seance, mois, trimestre, semestre, annee).
/// </summary>
public sealed record ObjectifsQuery(
    string? Vue, string? Periode, int? Annee, int? Numero, DateOnly? Du, DateOnly? Au, string? Epci, long? Bailleur, long? Reservataire, string? Commune, long? Seance, string? Groupes)
{
    public static readonly IReadOnlyList<(string Code, GroupDimension Dimension, string Label)> DimensionCodes =
    [
        ("epci", GroupDimension.Epci, "EPCI"),
        ("commune", GroupDimension.Commune, "commune"),
        ("bailleur", GroupDimension.Bailleur, "bailleur"),
        ("reservataire", GroupDimension.Reservataire, "réservataire"),
        ("qpv", GroupDimension.QpvStatus, "QPV / hors QPV"),
        ("typologie", GroupDimension.Typology, "typologie"),
        ("financement", GroupDimension.Financing, "financement"),
        ("construction", GroupDimension.ConstructionPeriod, "période de construction"),
        ("seance", GroupDimension.CalSession, "séance de CAL"),
        ("mois", GroupDimension.Month, "mois"),
        ("trimestre", GroupDimension.Quarter, "trimestre"),
        ("semestre", GroupDimension.Semester, "semestre"),
        ("annee", GroupDimension.Year, "année"),
    ];

    public static readonly IReadOnlyList<(string Code, TargetView View)> Views =
        [("epci", TargetView.Epci), ("bailleur", TargetView.Bailleur), ("reservataire", TargetView.Reservataire), ("coordination", TargetView.Coordination)];

    public static ObjectifsQuery From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? S(string key) => query[key].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        int? I(string key) => int.TryParse(S(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        long? L(string key) => long.TryParse(S(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        DateOnly? D(string key) => DateOnly.TryParseExact(S(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;
        return new(S("vue"), S("periode"), I("annee"), I("numero"), D("du"), D("au"), S("epci"), L("bailleur"), L("reservataire"), S("commune"), L("seance"), S("groupes"));
    }

    public TargetView View => Views.FirstOrDefault(v => v.Code == Vue).Code is null ? TargetView.Epci : Views.First(v => v.Code == Vue).View;

    public TargetFilter Filter => new(Epci, Bailleur, Reservataire, Commune, Seance);

    /// <summary>The dimensions asked, or null for the view's default; the unknown codes in <paramref name="error"/>.</summary>
    public IReadOnlyList<GroupDimension>? Dimensions(out string? error)
    {
        error = null;
        if (Groupes is null)
        {
            return null;
        }

        var codes = Groupes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = codes.Where(c => DimensionCodes.All(d => d.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            error = $"regroupement inconnu : {string.Join(", ", unknown)} (attendus : {string.Join(", ", DimensionCodes.Select(d => d.Code))})";
            return null;
        }

        return [.. codes.Distinct().Select(c => DimensionCodes.First(d => d.Code == c).Dimension)];
    }

    public TargetPeriod? Period(DateOnly today, out string? error) =>
        TargetsQuery.Period(Periode, Annee ?? today.Year, Numero, Du, Au, out error);

    /// <summary>The dashboard request, or the French reason it cannot be made.</summary>
    public GetTargetsDashboard.Request? ToRequest(DateOnly today, out string? error)
    {
        var dimensions = Dimensions(out error);
        if (error is not null)
        {
            return null;
        }

        var period = Period(today, out error);
        return period is null ? null : new GetTargetsDashboard.Request(View, period, Filter, dimensions);
    }

    public static string Code(GroupDimension dimension) => DimensionCodes.First(d => d.Dimension == dimension).Code;

    /// <summary>This query as a query string, with some parameters replaced or added (null removes).</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new List<(string, string?)>
        {
            ("vue", Vue), ("periode", Periode), ("annee", Annee?.ToString(CultureInfo.InvariantCulture)), ("numero", Numero?.ToString(CultureInfo.InvariantCulture)),
            ("du", Du?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("au", Au?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("epci", Epci),
            ("bailleur", Bailleur?.ToString(CultureInfo.InvariantCulture)), ("reservataire", Reservataire?.ToString(CultureInfo.InvariantCulture)), ("commune", Commune),
            ("seance", Seance?.ToString(CultureInfo.InvariantCulture)), ("groupes", Groupes),
        };
        foreach (var (key, value) in changes)
        {
            values.RemoveAll(v => v.Item1 == key);
            values.Add((key, value));
        }

        var text = new StringBuilder();
        foreach (var (key, value) in values.Where(v => v.Item2 is not null))
        {
            text.Append(text.Length == 0 ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value!));
        }

        return text.ToString();
    }

    /// <summary>The query string of the drill-down of one figure.</summary>
    public string DrillDown(GroupKey key, string indicatorId, LeasePart part)
    {
        ArgumentNullException.ThrowIfNull(key);
        var part2 = part switch { LeasePart.Numerator => "numerateur", LeasePart.Denominator => "denominateur", _ => "exclues" };
        return With(("groupes", key.Dimensions.Count == 0 ? "" : string.Join(",", key.Dimensions.Select(Code))),
            ("valeurs", string.Join("|", key.Values.Select(v => v ?? "~"))), ("indicateur", indicatorId), ("partie", part2));
    }

    /// <summary>Values of a drill-down (<c>valeurs</c>, "|"-separated, "~" = inconnu).</summary>
    public static IReadOnlyList<string?> Values(string? text, int count) =>
        count == 0 ? [] : [.. (text ?? "").Split('|').Select(v => v == "~" ? null : v)];

    public static LeasePart? Part(string? text) => text switch
    {
        "numerateur" => LeasePart.Numerator,
        "denominateur" => LeasePart.Denominator,
        "exclues" => LeasePart.Excluded,
        _ => null,
    };
}
