namespace Equilibre.Domain.Eligibility;

/// <summary>Is a household eligible for a dwelling's financing, and why.</summary>
public sealed record EligibilityResult(bool? Eligible, decimal? Ceiling, IReadOnlyList<string> Reasons);

/// <summary>
/// Eligibility of a household for a dwelling (domain.md §3.2, §3.5): the sum of the revenus fiscaux de référence N-2
/// of the persons to house must not exceed the ceiling of the dwelling's financing, zone, household category and year
/// of signature. Unknown ceiling → undetermined (null), never guessed.
/// </summary>
public static class DwellingEligibility
{
    public static EligibilityResult Check(
        IEnumerable<ResourceCeiling> ceilings, Financing financing, CeilingZone zone, HouseholdComposition household, decimal referenceIncome, DateOnly signature)
    {
        var category = HouseholdCategories.Rank(household);
        var lookup = ResourceCeilings.Find(ceilings, financing, zone, category.Rank, signature);
        var reasons = new List<string> { category.Explanation };
        reasons.AddRange(lookup.Explanation);
        if (lookup.Amount is not { } ceiling)
        {
            reasons.Add("éligibilité indéterminée : plafond inconnu");
            return new EligibilityResult(null, null, reasons);
        }

        return Compare(referenceIncome, ceiling, reasons);
    }

    /// <summary>
    /// Eligibility for a PLI dwelling (domain.md §3.5): the household's resources must not exceed the PLI ceiling of the
    /// dwelling's A/B/C zone, PLI category and year of signature. Unknown ceiling → undetermined.
    /// </summary>
    public static EligibilityResult CheckPli(
        IEnumerable<PliCeiling> ceilings, AbcZone zone, HouseholdComposition household, decimal referenceIncome, DateOnly signature)
    {
        var category = PliCeilings.Rank(household);
        var lookup = PliCeilings.Find(ceilings, zone, category.Rank, signature);
        var reasons = new List<string> { category.Explanation };
        reasons.AddRange(lookup.Explanation);
        if (lookup.Amount is not { } ceiling)
        {
            reasons.Add("éligibilité indéterminée : plafond inconnu");
            return new EligibilityResult(null, null, reasons);
        }

        return Compare(referenceIncome, ceiling, reasons);
    }

    // "Ne pas excéder": at the ceiling is eligible, one euro above is not.
    private static EligibilityResult Compare(decimal referenceIncome, decimal ceiling, List<string> reasons)
    {
        var eligible = referenceIncome <= ceiling;
        reasons.Add(French.Format($"revenu fiscal de référence {referenceIncome:N0} € {(eligible ? "≤" : ">")} plafond {ceiling:N0} € : {(eligible ? "éligible" : "non éligible")}"));
        return new EligibilityResult(eligible, ceiling, reasons);
    }
}
