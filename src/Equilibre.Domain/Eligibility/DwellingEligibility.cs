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

        var eligible = referenceIncome <= ceiling;
        reasons.Add(French.Format($"revenu fiscal de référence {referenceIncome:N0} € {(eligible ? "≤" : ">")} plafond {ceiling:N0} € : {(eligible ? "éligible" : "non éligible")}"));
        return new EligibilityResult(eligible, ceiling, reasons);
    }
}
