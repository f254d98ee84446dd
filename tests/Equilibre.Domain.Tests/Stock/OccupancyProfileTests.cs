using System.Globalization;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Privacy;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>
/// The OPS profile of a résidence (domain.md §10.2, §10.3, §16.6): resources as a share of the PLUS ceiling of each
/// household in five brackets, recent movers, and the 11-household rule on every figure.
/// </summary>
public sealed class OccupancyProfileTests
{
    private static readonly DateOnly Survey2025 = new(2025, 1, 1);

    [Theory]
    [InlineData("19999", "100000", ResourceBand.Below20)]
    [InlineData("20000", "100000", ResourceBand.From20To40)] // 20 % starts the second bracket
    [InlineData("39999", "100000", ResourceBand.From20To40)]
    [InlineData("59999", "100000", ResourceBand.From40To60)]
    [InlineData("60000", "100000", ResourceBand.From60To100)]
    [InlineData("100000", "100000", ResourceBand.From60To100)] // at the ceiling: still eligible, so inside 60–100
    [InlineData("100001", "100000", ResourceBand.Above100)]
    [InlineData(null, "100000", ResourceBand.Unknown)]
    [InlineData("1000", null, ResourceBand.Unknown)]
    public void Band_AgainstTheCeiling(string? income, string? ceiling, ResourceBand band) =>
        Assert.Equal(band, OccupancyProfile.Band(Dec(income), Dec(ceiling)));

    private static decimal? Dec(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    private static SurveyedHousehold Household(int persons = 1, HouseholdType type = HouseholdType.PersonAlone, int dependants = 0, string? income = "10000",
        bool apl = false, string movedIn = "2015-01-01", int? over60 = null) =>
        new(persons, type, dependants, false, false, Dec(income), apl, DateOnly.Parse(movedIn, CultureInfo.InvariantCulture), over60, over60 is null ? null : 0);

    private static OccupancyProfileResult Compute(IEnumerable<SurveyedHousehold> households) =>
        OccupancyProfile.Compute([.. households], Survey2025, CeilingZone.OtherRegions, ReferenceCeilings.All, 3);

    [Fact]
    public void Compute_TenHouseholds_ShowsNothing()
    {
        var profile = Compute(Enumerable.Range(0, 10).Select(_ => Household(apl: true)));

        Assert.True(profile.All.Masked);
        Assert.Null(profile.All.Persons.Value);
        Assert.All(profile.All.Composition.Concat(profile.All.Resources), s => Assert.True(s.Share.Masked));
        Assert.True(profile.All.AplRecipients.Masked);
        Assert.True(profile.RecentMovers.Masked);
        Assert.Contains(HouseholdDisclosure.Rule, profile.Explanation);
    }

    [Fact]
    public void Compute_ElevenHouseholds_ShowsTheirShares()
    {
        // PLUS 2025 "Autres régions", category 1 = 23 201 € (domain.md §3.5): 4 640 € = 20,0 %, 23 201 € = 100 %
        var households = new List<SurveyedHousehold>
        {
            Household(income: "4000"), Household(income: "4641"), Household(income: "23201"), Household(income: "23202"), Household(income: null),
        };
        households.AddRange(Enumerable.Range(0, 6).Select(_ => Household(persons: 2, type: HouseholdType.CoupleWithoutChildren, income: "15000", apl: true)));

        var profile = Compute(households);

        Assert.Equal((11, 17), (profile.All.Households.Value, profile.All.Persons.Value));
        var resources = profile.All.Resources.Select(r => r.Share.Percent).ToList();
        // couples: 15 000 / 30 984 (cat. 2) = 48,4 % → 40–60 for all six
        Assert.Equal([9.1m, 9.1m, 54.5m, 9.1m, 9.1m, 9.1m], resources);
        Assert.Equal(54.5m, profile.All.AplRecipients.Percent);
        Assert.Equal(45.5m, profile.All.Composition.Single(c => c.Label == "personne seule").Share.Percent);
        Assert.True(profile.All.Persons60Plus.Masked); // no household gave its ages
    }

    [Fact]
    public void Compute_RecentMoversLeavingOnlyOneOtherHousehold_AreMaskedBySecondaryMasking()
    {
        // 11 recent movers (moved in after 1 January 2022) and 1 older household: showing the recent movers would
        // reveal that single household by difference with the résidence's figures.
        var households = Enumerable.Range(0, 11).Select(_ => Household(movedIn: "2023-04-01")).Append(Household(movedIn: "2010-01-01")).ToList();

        var profile = Compute(households);

        Assert.False(profile.All.Masked);
        Assert.True(profile.RecentMovers.Masked);
        Assert.Contains("masquage secondaire", profile.RecentMovers.Households.Explanation, StringComparison.Ordinal);
        Assert.All(profile.RecentMovers.Resources, r => Assert.True(r.Share.Masked));
    }

    [Fact]
    public void Compute_RecentMoversAndOthersBothElevenOrMore_ShowsBoth()
    {
        var households = Enumerable.Range(0, 12).Select(_ => Household(movedIn: "2022-01-02", apl: true))
            .Concat(Enumerable.Range(0, 11).Select(_ => Household(movedIn: "2022-01-01", over60: 1))) // exactly 3 years: not recent
            .ToList();

        var profile = Compute(households);

        Assert.Equal(12, profile.RecentMovers.Households.Value);
        Assert.Equal(100m, profile.RecentMovers.AplRecipients.Percent);
        Assert.Equal(52.2m, profile.All.AplRecipients.Percent);
        Assert.Equal(100m, profile.All.Persons60Plus.Percent); // over the persons of the 11 households that gave their ages
    }
}
