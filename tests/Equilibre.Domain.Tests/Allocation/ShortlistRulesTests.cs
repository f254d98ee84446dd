using Equilibre.Domain.Allocation;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// Shortlist eligibility (issue 6 on domain.md §3.5 ceilings, §7.4 occupation norms, §7.3 adaptation, §12 taux d'effort and
/// reste à vivre): a PLUS T3 of 65 m² in Reims, 2026 ceilings from data/reference, thresholds 35 % and 10 € per UC per day.
/// </summary>
public sealed class ShortlistRulesTests
{
    private static readonly ShortlistDwelling T3 = new("51454", 3, 65m, new DwellingCeilingBasis(FinancingFamily.Plus, null, CeilingZone.OtherRegions, AbcZone.B1),
        new HousingCost(450m, 0m, 120m, 0m, 0m), null, false, false);

    // A couple with one child: 3 persons, category 3, PLUS 2026 "autres régions" ceiling 37 584 € (domain.md §3.5).
    private static readonly ShortlistDemand Family = new("051022600001", new DateOnly(2023, 5, 2), new HashSet<int> { 3, 4 }, new HashSet<string> { "51454", "51108" },
        new HouseholdComposition(3, 1, false, false), 30000m, 2200m, 1.8m, false, true, false, false, false, 42m);

    private static readonly ShortlistContext Context = new(new DateOnly(2026, 6, 1), new CeilingTables(ReferenceCeilings.All, []),
        new AffordabilityThresholds(35m, 10m, null, "seuils de test de l'EPCI"), ShortlistSettings.Default);

    [Fact]
    public void Check_TheFamily_IsEligible()
    {
        var verdict = ShortlistRules.Check(T3, Family, Context);

        Assert.True(verdict.Eligible);
        Assert.Empty(verdict.Failures);
        Assert.Empty(verdict.Notes);
    }

    // Each row changes one fact of the family or the dwelling and names the failing check.
    [Theory]
    [InlineData("commune", ShortlistCheck.Commune)]
    [InlineData("typologie", ShortlistCheck.Typology)]
    [InlineData("adaptation", ShortlistCheck.Adaptation)]      // needs an adapted dwelling, T3 is not (L442-5-2 4°)
    [InlineData("surface", ShortlistCheck.Overcrowding)]       // 24 m² < 25 m² for 3 persons (L822-10)
    [InlineData("plafond", ShortlistCheck.Ceiling)]            // 37 585 € > 37 584 €
    [InlineData("effort", ShortlistCheck.Affordability)]       // 570 € / 1 400 € = 40,7 % > 35 %
    public void Check_OneFactChanged_FailsOnItsCheck(string change, ShortlistCheck check)
    {
        var (dwelling, demand) = change switch
        {
            "commune" => (T3 with { Commune = "51230" }, Family),
            "typologie" => (T3, Family with { WishedRooms = new HashSet<int> { 2 } }),
            "adaptation" => (T3, Family with { NeedsAdaptedDwelling = true }),
            "surface" => (T3 with { HabitableSurface = 24m }, Family),
            "plafond" => (T3, Family with { ReferenceIncome = 37585m }),
            "effort" => (T3, Family with { MonthlyResources = 1400m }),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var verdict = ShortlistRules.Check(dwelling, demand, Context);

        Assert.False(verdict.Eligible);
        Assert.Equal(check, Assert.Single(verdict.Failures).Check);
    }

    [Fact]
    public void Check_AtTheCeiling_IsEligible() =>
        Assert.True(ShortlistRules.Check(T3, Family with { ReferenceIncome = 37584m }, Context).Eligible);

    [Fact]
    public void Check_StopsAtTheCheapestFailure_UnlessAllReasonsAreAsked()
    {
        var demand = Family with { WishedCommunes = new HashSet<string> { "51108" }, WishedRooms = new HashSet<int> { 2 }, ReferenceIncome = 50000m };

        var batch = ShortlistRules.Check(T3, demand, Context);
        var page = ShortlistRules.Check(T3, demand, Context, allReasons: true);

        Assert.Equal([ShortlistCheck.Commune], batch.Failures.Select(f => f.Check));
        Assert.Equal([ShortlistCheck.Commune, ShortlistCheck.Typology, ShortlistCheck.Ceiling], page.Failures.Select(f => f.Check));
        Assert.Equal("commune 51454 absente des communes souhaitées", page.Failures[0].Explanation);
        Assert.Equal("typologie T3 non souhaitée (souhaits : T2)", page.Failures[1].Explanation);
    }

    [Fact]
    public void Check_UnaffordableButNotExcluded_IsANote()
    {
        var context = Context with { Settings = ShortlistSettings.Default with { ExcludeUnaffordable = false } };

        var verdict = ShortlistRules.Check(T3, Family with { MonthlyResources = 1400m }, context);

        Assert.True(verdict.Eligible);
        Assert.Contains(verdict.Notes, n => n.StartsWith("taux d'effort 40,7 % supérieur au seuil local de 35,0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnknownCeiling_DoesNotExclude()
    {
        var dwelling = T3 with { CeilingBasis = new DwellingCeilingBasis(FinancingFamily.Other, null, CeilingZone.OtherRegions, AbcZone.B1) };

        var verdict = ShortlistRules.Check(dwelling, Family, Context);

        Assert.True(verdict.Eligible);
        Assert.Contains(verdict.Notes, n => n.StartsWith("plafond de ressources à vérifier", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SinglePersonInAT3_EligibleWithASousOccupationNote()
    {
        var single = Family with { Household = new HouseholdComposition(1, 0, false, false), ReferenceIncome = 20000m, ConsumptionUnits = 1m };

        var verdict = ShortlistRules.Check(T3, single, Context);

        Assert.True(verdict.Eligible);
        Assert.Contains("3 pièce(s) pour 1 personne(s) : sous-occupation (L621-2), admise faute d'offre plus petite", verdict.Notes);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Check_AdaptedDwellingForAHouseholdWithoutNeed_DependsOnTheSetting(bool reserve, bool eligible)
    {
        var context = Context with { Settings = ShortlistSettings.Default with { ReserveAdaptedDwellings = reserve } };

        var verdict = ShortlistRules.Check(T3 with { Adapted = true }, Family, context);

        Assert.Equal(eligible, verdict.Eligible);
    }

    [Fact]
    public void Check_WishT6AndMore_MatchesSevenRooms()
    {
        var big = T3 with { Rooms = 7, HabitableSurface = 120m };
        var large = Family with { WishedRooms = new HashSet<int> { 6 }, Household = new HouseholdComposition(7, 5, false, false), ReferenceIncome = 40000m, MonthlyResources = 4000m, ConsumptionUnits = 3m };

        Assert.True(ShortlistRules.Check(big, large, Context).Eligible);
    }

    [Fact]
    public void Rank_ScoreThenSeniorityThenNumber()
    {
        var a = Family with { Number = "B", CotationScore = 40m, RegisteredOn = new DateOnly(2022, 1, 1) };
        var b = Family with { Number = "A", CotationScore = 40m, RegisteredOn = new DateOnly(2022, 1, 1) };
        var c = Family with { Number = "C", CotationScore = 40m, RegisteredOn = new DateOnly(2021, 6, 1) };
        var d = Family with { Number = "D", CotationScore = 55m, RegisteredOn = new DateOnly(2025, 1, 1) };

        Assert.Equal(["D", "C", "A", "B"], ShortlistRules.Rank([a, b, c, d]).Select(x => x.Number));
    }

    [Fact]
    public void Badges_ShowQuartilePriorityDaloMutation()
    {
        Assert.Equal(["premier quartile (Q1)"], ShortlistRules.Badges(Family));
        Assert.Equal(["quartile inconnu", "DALO", "prioritaire (L441-1)", "mutation"],
            ShortlistRules.Badges(Family with { IsFirstQuartile = null, IsDalo = true, IsPriority = true, IsMutation = true }));
    }
}
