using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Features.Stock;

namespace Equilibre.Web.Pages.Parc;

/// <summary>
/// The query-string codes the stock pages and <c>/api/v1/parc</c> share: typologie 1…5 (5 = T5 et plus), financement
/// plai|plus|pls|pli|autre, qpv oui|non, occupation = RPLS MODE code (1…5, 9), dpe A…G, adapte oui|non, tri.
/// </summary>
public static class ParcQuery
{
    public static readonly IReadOnlyDictionary<string, string> Typologies = new Dictionary<string, string>
    {
        ["1"] = "T1",
        ["2"] = "T2",
        ["3"] = "T3",
        ["4"] = "T4",
        ["5"] = "T5 et plus",
    };

    public static readonly IReadOnlyDictionary<string, string> Financings = new Dictionary<string, string>
    {
        ["plai"] = "PLAI",
        ["plus"] = "PLUS",
        ["pls"] = "PLS",
        ["pli"] = "PLI",
        ["autre"] = "autre financement",
    };

    public static readonly IReadOnlyDictionary<string, string> OccupancyModes =
        new[] { OccupancyMode.Let, OccupancyMode.VacantOffered, OccupancyMode.EmptyNotOffered, OccupancyMode.ManagedByAssociation, OccupancyMode.OccupiedOtherwise, OccupancyMode.NotApplicable }
            .ToDictionary(m => ((int)m).ToString(CultureInfo.InvariantCulture), RplsCodes.Label);

    public static readonly IReadOnlyDictionary<string, string> DwellingSorts = new Dictionary<string, string>
    {
        ["adresse"] = "adresse",
        ["typologie"] = "typologie",
        ["surface"] = "surface habitable",
        ["loyer"] = "loyer principal",
    };

    public static readonly IReadOnlyDictionary<string, string> ResidenceSorts = new Dictionary<string, string>
    {
        ["adresse"] = "adresse",
        ["logements"] = "nombre de logements",
    };

    public static readonly IReadOnlyDictionary<string, string> YesNo = new Dictionary<string, string> { ["oui"] = "oui", ["non"] = "non" };

    public static readonly IReadOnlyList<string> DpeClasses = ["A", "B", "C", "D", "E", "F", "G"];

    public static ListDwellings.Request Dwellings(
        int? millesime, string? commune, long? residence, string? typologie, string? financement, string? qpv, string? occupation,
        decimal? loyerMin, decimal? loyerMax, string? dpe, string? adapte, string? tri, int? page, int pageSize) => new(
        millesime, Empty(commune), residence,
        int.TryParse(typologie, NumberStyles.None, CultureInfo.InvariantCulture, out var rooms) && rooms is >= 1 and <= 5 ? rooms : null,
        Financing(financement), Flag(qpv),
        int.TryParse(occupation, NumberStyles.None, CultureInfo.InvariantCulture, out var mode) && Enum.IsDefined((OccupancyMode)mode) ? (OccupancyMode)mode : null,
        loyerMin, loyerMax, DpeClasses.Contains(dpe?.Trim().ToUpperInvariant()) ? dpe!.Trim().ToUpperInvariant() : null, Flag(adapte),
        tri switch
        {
            "typologie" => ListDwellings.Sort.Typology,
            "surface" => ListDwellings.Sort.Surface,
            "loyer" => ListDwellings.Sort.Rent,
            _ => ListDwellings.Sort.Address,
        },
        Math.Max(1, page ?? 1), pageSize);

    public static ListResidences.Request Residences(string? commune, string? qpv, long? bailleur, string? tri, int? page, int pageSize) =>
        new(Empty(commune), Flag(qpv), bailleur, tri == "logements" ? ListResidences.Sort.Dwellings : ListResidences.Sort.Address, Math.Max(1, page ?? 1), pageSize);

    public static FinancingFamily? Financing(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "plai" => FinancingFamily.Plai,
        "plus" => FinancingFamily.Plus,
        "pls" => FinancingFamily.Pls,
        "pli" => FinancingFamily.Pli,
        "autre" => FinancingFamily.Other,
        _ => null,
    };

    /// <summary>The code of a financing family in the query string and the API.</summary>
    public static string? Code(FinancingFamily? family) => family switch
    {
        FinancingFamily.Plai => "plai",
        FinancingFamily.Plus => "plus",
        FinancingFamily.Pls => "pls",
        FinancingFamily.Pli => "pli",
        FinancingFamily.Other => "autre",
        _ => null,
    };

    public static string Occupancy(OccupancyMode? mode) => mode is { } m ? RplsCodes.Label(m) : "non renseigné";

    public static string YesNoUnknown(bool? value) => value switch
    {
        true => "oui",
        false => "non",
        null => "non renseigné",
    };

    /// <summary>The current query string with another page number.</summary>
    public static string PageLink(HttpRequest request, string path, int page)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query.Where(p => p.Key != "page").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return path + "?" + string.Join('&', query);
    }

    private static bool? Flag(string? value) => value switch
    {
        "oui" => true,
        "non" => false,
        _ => null,
    };

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
