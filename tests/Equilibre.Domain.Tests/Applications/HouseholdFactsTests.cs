using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Applications;

/// <summary>The household rules on whole demands: domain.md §3.1 (persons), §3.3 (category), §4.1 (UC), §4.2 (Q1), §3.5 (ceilings).</summary>
public sealed class HouseholdFactsTests
{
    private static readonly DateOnly On = new(2026, 11, 28);

    private static readonly ResourceCeiling[] Ceilings =
    [
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 1, 23403, CeilingStatus.Published, "publié", null, null),
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 4, 45374, CeilingStatus.Published, "publié", null, null),
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 6, 60156, CeilingStatus.Published, "publié", null, null),
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, null, 6710, CeilingStatus.Published, "publié", null, null),
    ];

    private static readonly Q1ThresholdLookup Reims2026 = new(new Q1Threshold("200067213", 2026, 10154, "arrêté 2026"), "seuil 2026 : 10 154 €");

    private static Person Adult(string first, int year, decimal salary, decimal? rfr = 20000, string? link = null) => new()
    {
        LastName = "Test",
        FirstName = first,
        BirthDate = new DateOnly(year, 6, 1),
        LinkToApplicant = link,
        TaxIncome = new TaxIncome(2025, rfr, 2024, rfr),
        ResourcesReceived = salary > 0 ? [new MonthlyResource("SAL", salary)] : [],
    };

    private static DemandFile Demand(Person applicant, params Person[] co) => new()
    {
        Applicant = applicant,
        CoApplicants = co,
        Wishes = new HousingWishes(["T3"], "A", ["51454"], false),
    };

    private static HouseholdFactsResult Facts(DemandFile file, HouseholdSettings? settings = null) =>
        HouseholdFacts.Compute(file, On, settings ?? HouseholdSettings.Default, Reims2026, Ceilings, new CeilingZoneResult(CeilingZone.OtherRegions, "autres régions"));

    [Fact]
    public void CoupleWithTwoChildrenUnder14_Is21Uc_Category4_AndItsResourcesPerUc()
    {
        var file = Demand(Adult("A", 1988, 1800), Adult("B", 1990, 900, link: "M")) with
        {
            Dependants = [new Dependant(null, "C", new DateOnly(2016, 1, 1), "F", "E"), new Dependant(null, "D", new DateOnly(2019, 1, 1), "M", "E")],
        };
        var facts = Facts(file);
        Assert.Equal(4, facts.Persons);
        Assert.Equal(4, facts.Category.Category);
        Assert.Equal(2.1m, facts.ConsumptionUnits.Units);
        Assert.Equal(15428.57m, facts.FirstQuartile.AnnualResourcesPerUc); // 12 × 2,700 / 2.1
        Assert.False(facts.FirstQuartile.IsFirstQuartile);
    }

    [Fact]
    public void SingleAdultWithTwoChildrenUnder14_Is16Uc_AndQ1BelowTheThreshold()
    {
        var file = Demand(Adult("A", 1990, 1300)) with
        {
            Dependants = [new Dependant(null, "C", new DateOnly(2018, 1, 1), "F", "E"), new Dependant(null, "D", new DateOnly(2020, 1, 1), "M", "E")],
        };
        var facts = Facts(file);
        Assert.Equal(1.6m, facts.ConsumptionUnits.Units);
        Assert.Equal(9750m, facts.FirstQuartile.AnnualResourcesPerUc); // 12 × 1,300 / 1.6
        Assert.True(facts.FirstQuartile.IsFirstQuartile);
        Assert.Contains(facts.FirstQuartile.Explanation, l => l.Contains("seuil 2026", StringComparison.Ordinal));
    }

    [Fact]
    public void ChildrenInCustody_ArePersonsToHouse_VisitingRightsOutOfTheUcByDefault()
    {
        var file = Demand(Adult("A", 1980, 2000)) with
        {
            ChildrenInCustody = [new CustodyChild(new DateOnly(2015, 1, 1), "M", "G"), new CustodyChild(new DateOnly(2017, 1, 1), "F", "D")],
            Unborn = new UnbornChildren(1, new DateOnly(2027, 2, 1)),
        };
        var facts = Facts(file);
        Assert.Equal(3, facts.Persons);       // L442-12: alternate custody and visiting rights; unborn not counted by default
        Assert.Equal(4, facts.Category.Rank); // one person + 2 dependants
        Assert.Equal(1.3m, facts.ConsumptionUnits.Units);
        Assert.Contains(facts.PersonsExplanation, l => l.Contains("non confirmée", StringComparison.Ordinal));

        var counted = Facts(file, HouseholdSettings.Default with { CountUnbornAsPersons = true, UnbornSource = "test" });
        Assert.Equal(4, counted.Persons);
    }

    [Theory]
    [InlineData(1995, 2000, "M", 2)] // 31 + 26 = 57 on 28/11/2026: not a jeune ménage
    [InlineData(2000, 2001, "P", 3)] // 26 + 25 = 51 ≤ 55, PACS: jeune ménage, category 3
    [InlineData(2000, 2001, "L", 2)] // co-tenants are not a couple
    [InlineData(1980, 1985, "M", 2)] // 46 + 41 = 87
    public void YoungCouple_SumOfAgesAtMost55(int applicantYear, int partnerYear, string link, int category)
    {
        var facts = Facts(Demand(Adult("A", applicantYear, 1000), Adult("B", partnerYear, 1000, link: link)));
        var young = HouseholdFacts.IsYoungCouple(Demand(Adult("A", applicantYear, 1000), Adult("B", partnerYear, 1000, link: link)), On);
        Assert.Equal(category == 3, young);
        Assert.Equal(category, facts.Category.Category);
    }

    [Fact]
    public void EightPersons_CeilingIsCategory6PlusTwoExtraPersons()
    {
        var children = Enumerable.Range(0, 6).Select(i => new Dependant(null, "E" + i, new DateOnly(2012 + i, 1, 1), "F", "E")).ToList();
        var file = Demand(Adult("A", 1980, 1500, rfr: 71000), Adult("B", 1982, 1500, rfr: 3000, link: "M")) with { Dependants = children };
        var facts = Facts(file);
        Assert.Equal(8, facts.Persons);
        var plus = facts.Eligibility[Financing.Plus];
        Assert.Equal(60156m + (2 * 6710m), plus.Ceiling);
        Assert.False(plus.Eligible); // 74,000 € > 73,576 €
    }

    [Fact]
    public void ReferenceIncome_UnknownWhenAnAdultsN2IsMissing_NeverAPartialSum()
    {
        var facts = Facts(Demand(Adult("A", 1980, 1500), Adult("B", 1982, 900, rfr: null, link: "M")));
        Assert.Null(facts.ReferenceIncome);
        Assert.Null(facts.Eligibility[Financing.Plus].Eligible);
        Assert.Contains(facts.ReferenceIncomeExplanation, l => l.Contains("non renseigné pour B Test", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplicantWithoutResources_HasZeroPerUc_AndIsQ1()
    {
        var facts = Facts(Demand(Adult("A", 1990, 0)));
        Assert.Equal(0m, facts.FirstQuartile.AnnualResourcesPerUc);
        Assert.True(facts.FirstQuartile.IsFirstQuartile);
        Assert.Contains(facts.ResourcesExplanation, l => l.Contains("aucune ressource", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutation_IsCurrentHousingHlm()
    {
        var file = Demand(Adult("A", 1990, 1000)) with { CurrentHousing = new CurrentHousing(["HLM"], 400, 1, "A", "T2", 45, false) };
        Assert.True(Facts(file).IsMutation);
        Assert.False(Facts(file with { CurrentHousing = null }).IsMutation);
    }
}

/// <summary>Zones of the HLM ceilings, domain.md §3.4.</summary>
public sealed class CeilingZonesTests
{
    [Theory]
    [InlineData("75056", "11", CeilingZone.ParisAndAdjoiningCommunes)]
    [InlineData("75113", "11", CeilingZone.ParisAndAdjoiningCommunes)]
    [InlineData("93066", "11", CeilingZone.ParisAndAdjoiningCommunes)] // Saint-Denis
    [InlineData("94080", "11", CeilingZone.ParisAndAdjoiningCommunes)] // Vincennes
    [InlineData("78646", "11", CeilingZone.IleDeFranceOutsideParis)]   // Versailles
    [InlineData("51454", "44", CeilingZone.OtherRegions)]              // Reims
    [InlineData("97411", "04", null)]                                   // Saint-Denis (La Réunion): own tables
    public void Of_Commune(string code, string region, CeilingZone? zone) => Assert.Equal(zone, CeilingZones.Of(code, region).Zone);

    [Fact]
    public void AdjoiningParis_Has29Communes() => Assert.Equal(29, CeilingZones.AdjoiningParis.Count);
}
