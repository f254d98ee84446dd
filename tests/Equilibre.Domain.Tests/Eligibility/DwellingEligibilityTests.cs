using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Tests.Eligibility;

/// <summary>Eligibility at the ceiling ± 1 € (domain.md §3.5, PLUS 2026 "Autres régions").</summary>
public sealed class DwellingEligibilityTests
{
    private static readonly ResourceCeiling[] Plus2026 =
    [
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 2, 31254m, CeilingStatus.Published, "publie", null, null),
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 4, 45374m, CeilingStatus.Published, "publie", null, null),
    ];

    [Theory]
    [InlineData("31253", true)]
    [InlineData("31254", true)]   // at the ceiling: eligible ("ne pas excéder")
    [InlineData("31255", false)]  // 1 € above
    public void Check_CoupleAtTheCeiling_EligibleUpToTheEuro(string income, bool eligible)
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plus, CeilingZone.OtherRegions, new HouseholdComposition(2, 0, false, false),
            decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 4, 1));

        Assert.Equal(eligible, result.Eligible);
        Assert.Equal(31254m, result.Ceiling);
        Assert.StartsWith("catégorie 2 : deux personnes", result.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SingleParentWithTwoChildren_UsesCategoryFour()
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plus, CeilingZone.OtherRegions, new HouseholdComposition(3, 2, false, false), 40000m, new DateOnly(2026, 4, 1));

        Assert.Equal((true, 45374m), (result.Eligible, result.Ceiling));
    }

    [Fact]
    public void Check_UnknownCeiling_IsUndeterminedNotRefused()
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plai, CeilingZone.OtherRegions, new HouseholdComposition(2, 0, false, false), 10000m, new DateOnly(2026, 4, 1));

        Assert.Null(result.Eligible);
        Assert.Equal("éligibilité indéterminée : plafond inconnu", result.Reasons[^1]);
    }
}
