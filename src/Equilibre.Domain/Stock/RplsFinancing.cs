namespace Equilibre.Domain.Stock;

/// <summary>Financing family of a dwelling, for ceilings and statistics (domain.md §16.3.1).</summary>
public enum FinancingFamily
{
    Plai,
    Plus,
    Pls,
    Pli,
    Other,
}

/// <summary>
/// Mapping of the RPLS <c>FINAN</c> / <c>FINAN_CODE</c> codes to families. There is no official mapping (domain.md
/// §16.3.1): this is the default of a public university exercise on RPLS 2020, consistent with the order of the
/// arrêté du 5 janvier 2010 — configurable by passing another table. For ceilings, the <c>CUS</c> field wins when
/// it is filled.
/// </summary>
public sealed class RplsFinancingTable(IReadOnlyDictionary<string, FinancingFamily> families, string source)
{
    public static readonly RplsFinancingTable Default = new(new Dictionary<string, FinancingFamily>
    {
        ["10"] = FinancingFamily.Plai,
        ["11"] = FinancingFamily.Plai,
        ["12"] = FinancingFamily.Plus,
        ["13"] = FinancingFamily.Plus,
        ["14"] = FinancingFamily.Pls,
        ["15"] = FinancingFamily.Pls,
        ["17"] = FinancingFamily.Pls,
        ["16"] = FinancingFamily.Pli,
        ["50"] = FinancingFamily.Plus,
        ["51"] = FinancingFamily.Plus,
        ["52"] = FinancingFamily.Plus,
        ["53"] = FinancingFamily.Plus,
        ["54"] = FinancingFamily.Plus,
        ["55"] = FinancingFamily.Plus,
        ["49"] = FinancingFamily.Other,
        ["99"] = FinancingFamily.Other,
    }, "correspondance par défaut (domain.md §16.3.1 : exercice universitaire RPLS 2020, ordre de l'arrêté du 5 janvier 2010) — pas de table officielle");

    public string Source { get; } = source;

    /// <summary>The family of a FINAN code, or null with the reason when the code is unknown.</summary>
    public (FinancingFamily? Family, string Explanation) Map(string? finan)
    {
        var code = finan?.Trim() ?? "";
        return families.TryGetValue(code, out var family)
            ? (family, $"FINAN {code} → {family.ToString().ToUpperInvariant()} ({Source})")
            : (null, $"FINAN « {code} » inconnu de la table de correspondance ({Source})");
    }
}
