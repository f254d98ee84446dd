using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Stock;

/// <summary>The ceilings tables a stock rule needs, as loaded from the reference data (never constants in code).</summary>
/// <param name="Hlm">PLAI, PLUS and PLS cells (arrêté du 29 juillet 1987 modifié; data/reference/plafonds-hlm).</param>
/// <param name="Pli">PLI cells by A/B/C zone; empty when none is loaded.</param>
public sealed record CeilingTables(IReadOnlyList<ResourceCeiling> Hlm, IReadOnlyList<PliCeiling> Pli);

/// <summary>What decides the ceiling of a dwelling (domain.md §3.5, §10.1).</summary>
/// <param name="Financing">Initial financing family (RPLS <c>FINAN</c>, through <see cref="RplsFinancingTable"/>).</param>
/// <param name="CusCeiling">The ceiling family set by the CUS rent reorganisation (RPLS "plafond CUS"), which wins when filled.</param>
/// <param name="HlmZone">Zone of the commune for PLAI/PLUS/PLS (<see cref="CeilingZones.Of"/>); null overseas.</param>
/// <param name="AbcZone">A/B/C zone of the commune, needed for the PLI only.</param>
public sealed record DwellingCeilingBasis(FinancingFamily Financing, FinancingFamily? CusCeiling, CeilingZone? HlmZone, AbcZone? AbcZone);

/// <summary>
/// Eligibility of a household for a dwelling of the stock (domain.md §3.2–§3.5): the ceiling family is the CUS ceiling
/// when the dwelling has one, else its financing; PLAI/PLUS/PLS use the HLM table, zone and category; PLI its own table
/// and the A/B/C zone; any other financing has no known ceiling (undetermined, never guessed).
/// </summary>
public static class StockEligibility
{
    public static EligibilityResult Check(DwellingCeilingBasis dwelling, HouseholdComposition household, decimal referenceIncome, DateOnly signature, CeilingTables tables)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        ArgumentNullException.ThrowIfNull(tables);
        var (family, why) = CeilingFamily(dwelling);
        EligibilityResult result;
        switch (family)
        {
            case FinancingFamily.Plai or FinancingFamily.Plus or FinancingFamily.Pls when dwelling.HlmZone is { } zone:
                result = DwellingEligibility.Check(tables.Hlm, ToFinancing(family), zone, household, referenceIncome, signature);
                break;
            case FinancingFamily.Plai or FinancingFamily.Plus or FinancingFamily.Pls:
                return new EligibilityResult(null, null, [why, "zone des plafonds HLM inconnue (outre-mer ou commune non rattachée) : éligibilité indéterminée"]);
            case FinancingFamily.Pli when dwelling.AbcZone is { } abc:
                result = DwellingEligibility.CheckPli(tables.Pli, abc, household, referenceIncome, signature);
                break;
            case FinancingFamily.Pli:
                return new EligibilityResult(null, null, [why, "zone A/B/C inconnue : plafond PLI indéterminé"]);
            default:
                return new EligibilityResult(null, null, [why, "pas de plafond de ressources connu pour ce financement : éligibilité indéterminée"]);
        }

        return result with { Reasons = [why, .. result.Reasons] };
    }

    /// <summary>The family whose ceilings apply: the CUS ceiling when filled, else the initial financing.</summary>
    public static (FinancingFamily Family, string Explanation) CeilingFamily(DwellingCeilingBasis dwelling)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        return dwelling.CusCeiling is { } cus
            ? (cus, French.Format($"plafond de la CUS ({Label(cus)}) retenu à la place du financement initial ({Label(dwelling.Financing)})"))
            : (dwelling.Financing, French.Format($"plafonds du financement du logement : {Label(dwelling.Financing)}"));
    }

    public static string Label(FinancingFamily family) => family switch
    {
        FinancingFamily.Plai => "PLAI",
        FinancingFamily.Plus => "PLUS",
        FinancingFamily.Pls => "PLS",
        FinancingFamily.Pli => "PLI",
        FinancingFamily.Other => "autre financement",
    };

    private static Financing ToFinancing(FinancingFamily family) => family switch
    {
        FinancingFamily.Plai => Financing.Plai,
        FinancingFamily.Plus => Financing.Plus,
        FinancingFamily.Pls => Financing.Pls,
        FinancingFamily.Pli or FinancingFamily.Other => throw new ArgumentOutOfRangeException(nameof(family), family, "pas un financement HLM"),
    };
}
