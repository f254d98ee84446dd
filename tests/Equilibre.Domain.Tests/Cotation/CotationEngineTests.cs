using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;

namespace Equilibre.Domain.Tests.Cotation;

/// <summary>The cotation engine and grid versions, domain.md §8.2–§8.3.</summary>
public sealed class CotationEngineTests
{
    private static readonly DateOnly On = new(2026, 11, 28);

    private static CotationFacts Facts(
        string[]? reasons = null, string[]? priorities = null, bool singleParent = false, decimal? rent = null, decimal resources = 1500m,
        DateOnly? registered = null, OfferRefusal[]? refusals = null) =>
        new(On, registered ?? On, (reasons ?? []).ToHashSet(), new HashSet<string> { "LP" }, (priorities ?? []).ToHashSet(), DaloStatus.None,
            false, singleParent, false, false, 3, 2, 50, rent, resources, null, new HashSet<string>(), ["51454"], refusals ?? []);

    private static CotationGrid Grid(IReadOnlyList<Rubric> rubrics, SeniorityRule? seniority = null, RefusalPenalty? refusal = null, int? cap = null) =>
        new("200067213", 1, "test", GridScope.General, new DateOnly(2026, 1, 1), null, rubrics, seniority, refusal, cap, new DateOnly(2025, 12, 15), false);

    private static Criterion C(string code, int points, string condition, string? parameter = null) =>
        new(code, code, points, condition, parameter, CriterionSource.Declared, CriterionValidation.None);

    /// <summary>The Rhône grid (domain.md §8.3): cumulative, menacé d'expulsion 20 + parent isolé 5 + taux d'effort trop élevé 10 = 35.</summary>
    [Fact]
    public void CumulativeGrid_AddsEveryMatchingCriterion_20Plus5Plus10Is35()
    {
        var grid = Grid([new Rubric("SITUATION", "Situation", RubricMode.Cumulative,
        [
            C("menacé d'expulsion", 20, "PRIORITE", "MENACE_EXPULSION"),
            C("parent isolé", 5, "PARENT_ISOLE"),
            C("taux d'effort trop élevé", 10, "TAUX_EFFORT_SUPERIEUR", "35"),
            C("sans logement", 30, "LOGEMENT_ACTUEL", "SD"),
        ])]);
        var score = CotationEngine.Score(grid, Facts(priorities: ["MENACE_EXPULSION"], singleParent: true, rent: 700m, resources: 1500m));
        Assert.Equal(35m, score.Total);
        Assert.Equal(3, score.Lines.Count(l => l.Counted));
    }

    /// <summary>The Paris rule (domain.md §8.2): within a rubric only the highest criterion counts: +2 and +1 → 2.</summary>
    [Fact]
    public void HighestOnlyRubric_CountsTheHighestCriterion_2And1Gives2()
    {
        var grid = Grid([new Rubric("LOGEMENT", "Conditions de logement", RubricMode.HighestOnly,
        [
            C("cesser d'habiter avec une autre personne", 2, "MOTIF", "12"),
            C("hébergé chez ses parents", 1, "MOTIF", "01"),
        ])]);
        var score = CotationEngine.Score(grid, Facts(reasons: ["12", "01"]));
        Assert.Equal(2m, score.Total);
        Assert.Contains(score.Lines, l => !l.Counted && l.Why.Contains("seul le critère le plus élevé", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-05-28", 6)]    // 6 full months × 1 point
    [InlineData("2024-11-28", 24)]   // 24 months, cap 24
    [InlineData("2020-01-15", 24)]   // 82 months, capped at 24
    [InlineData("2026-10-29", 0)]    // not yet a full month
    public void Seniority_PointsPerFullMonth_UpToTheCap(string registered, int points)
    {
        var grid = Grid([], new SeniorityRule(1m, 24));
        var score = CotationEngine.Score(grid, Facts(registered: DateOnly.Parse(registered, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(points, score.Total);
    }

    [Fact]
    public void RefusalPenalty_WithdrawsPointsPerAdaptedOfferRefused_OnlyAdaptedOnes()
    {
        var grid = Grid([new Rubric("S", "Situation", RubricMode.Cumulative, [C("sans logement", 30, "LOGEMENT_ACTUEL", "LP")])], refusal: new RefusalPenalty(10, null));
        var score = CotationEngine.Score(grid, Facts(refusals: [new OfferRefusal(new DateOnly(2026, 3, 1), true), new OfferRefusal(new DateOnly(2026, 4, 1), false)]));
        Assert.Equal(20m, score.Total);
    }

    [Fact]
    public void RefusalFreeze_KeepsTheScoreOfTheRefusalDay_ForItsMonths()
    {
        var grid = Grid([], new SeniorityRule(1m, null), new RefusalPenalty(null, 6));
        var registered = new DateOnly(2025, 11, 28);
        var frozen = CotationEngine.Score(grid, Facts(registered: registered, refusals: [new OfferRefusal(new DateOnly(2026, 8, 28), true)]));
        Assert.True(frozen.Frozen);
        Assert.Equal(9m, frozen.Total); // seniority counted up to the refusal (9 months), not 12
        var after = CotationEngine.Score(grid, Facts(registered: registered, refusals: [new OfferRefusal(new DateOnly(2026, 3, 1), true)]));
        Assert.False(after.Frozen);
        Assert.Equal(12m, after.Total);
    }

    [Fact]
    public void VersionInForce_IsTheLatestPublishedOneValidOnTheDate()
    {
        var v1 = Grid([]) with { Version = 1, ValidFrom = new DateOnly(2024, 1, 1), ValidTo = new DateOnly(2025, 12, 31) };
        var v2 = Grid([]) with { Version = 2, ValidFrom = new DateOnly(2026, 1, 1) };
        var draft = Grid([]) with { Version = 3, ValidFrom = new DateOnly(2026, 6, 1), PublishedOn = null };
        CotationGrid[] grids = [v1, v2, draft];
        Assert.Equal(1, CotationGrids.InForce(grids, "200067213", GridScope.General, new DateOnly(2025, 6, 1))!.Version);
        Assert.Equal(2, CotationGrids.InForce(grids, "200067213", GridScope.General, new DateOnly(2026, 11, 28))!.Version);
        Assert.Null(CotationGrids.InForce(grids, "200067213", GridScope.Mutation, new DateOnly(2026, 11, 28)));
        Assert.Null(CotationGrids.InForce(grids, "200067213", GridScope.General, new DateOnly(2023, 6, 1)));
    }

    [Fact]
    public void PublishedVersion_CannotChange_ADraftCanThenBePublishedOnce()
    {
        var published = Grid([]);
        Assert.Contains("ne peut plus changer", CotationGrids.Edit(published, published with { TotalCap = 50 }).Explanation, StringComparison.Ordinal);

        var draft = published with { Version = 2, PublishedOn = null };
        var edited = CotationGrids.Edit(draft, draft with { TotalCap = 50 });
        Assert.True(edited.Allowed);
        var done = CotationGrids.Publish(edited.Grid!, On);
        Assert.True(done.Allowed);
        Assert.Equal(On, done.Grid!.PublishedOn);
        Assert.False(CotationGrids.Publish(done.Grid, On).Allowed);
    }

    [Fact]
    public void Criteria_AreCatalogueConditionsWithTypedParameters()
    {
        var bad = Grid([new Rubric("R", "R", RubricMode.Cumulative, [C("x", 1, "CODE_LIBRE"), C("y", 1, "MOTIF", "42"), C("z", 1, "TAUX_EFFORT_SUPERIEUR", "abc")])]) with { PublishedOn = null };
        var errors = CotationGrids.Check(bad);
        Assert.Equal(3, errors.Count);
        Assert.False(CotationGrids.Publish(bad, On).Allowed);
    }
}

/// <summary>The sample grids are valid, labelled as examples, and the cumulative one gives the published 35.</summary>
public sealed class SampleGridsTests
{
    [Fact]
    public void SampleGrids_AreValidExamples()
    {
        foreach (var grid in SampleGrids.All("200067213", new DateOnly(2026, 1, 1)))
        {
            Assert.Empty(CotationGrids.Check(grid));
            Assert.True(grid.IsExample);
            Assert.StartsWith("Exemple", grid.Label, StringComparison.Ordinal);
            Assert.False(grid.IsPublished);
        }
    }

    [Fact]
    public void CumulativeSample_GivesThePublishedRhoneExample()
    {
        var grid = SampleGrids.Cumulative("200067213", new DateOnly(2026, 1, 1)) with { Seniority = null };
        var on = new DateOnly(2026, 11, 28);
        var facts = new CotationFacts(on, on, new HashSet<string>(), new HashSet<string> { "LP" }, new HashSet<string> { "MENACE_EXPULSION" }, DaloStatus.None,
            false, true, false, false, 2, 2, 45, 600m, 1400m, null, new HashSet<string>(), ["51454"], []);
        Assert.Equal(35m, CotationEngine.Score(grid, facts).Total);
    }
}
