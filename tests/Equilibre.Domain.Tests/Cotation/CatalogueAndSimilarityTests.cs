using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;

namespace Equilibre.Domain.Tests.Cotation;

/// <summary>The catalogue's computed and local conditions, validations, the batch total, position and average wait (domain.md §8.1–§8.2).</summary>
public sealed class CatalogueAndSimilarityTests
{
    private static readonly DateOnly On = new(2026, 11, 28);

    private static CotationFacts Facts(decimal? rent = 600m, decimal resources = 1500m, decimal uc = 1.5m, DateOnly? registered = null, int? abnormal = null,
        string? lives = null, string[]? validated = null, string[]? reasons = null) =>
        new(On, registered ?? On.AddMonths(-40), (reasons ?? ["06"]).ToHashSet(), new HashSet<string> { "LP" }, new HashSet<string>(), DaloStatus.None,
            false, false, false, false, 3, 2, 50, rent, resources, true, new HashSet<string> { "51573" }, ["51454"], [])
        {
            ConsumptionUnits = uc,
            AbnormalDelayMonths = abnormal,
            CurrentCommune = lives,
            ValidatedCriteria = (validated ?? []).ToHashSet(),
        };

    private static bool Test(string condition, string? parameter, CotationFacts facts) => CriteriaCatalogue.Find(condition)!.Test(facts, parameter);

    /// <summary>Reste à vivre per UC per day (domain.md §12): (1,500 − 600) ÷ 1.5 UC ÷ 30 = 20 €.</summary>
    [Theory]
    [InlineData("20,01", true)]
    [InlineData("20", false)]
    [InlineData("15", false)]
    public void ResteAVivre_BelowTheGridAmount(string amount, bool met) => Assert.Equal(met, Test("RESTE_A_VIVRE_INFERIEUR", amount, Facts()));

    /// <summary>Délai anormalement long: set per département by préfectoral arrêté; never met while it is not configured.</summary>
    [Theory]
    [InlineData(36, true)]   // 40 months ≥ 36
    [InlineData(40, true)]
    [InlineData(41, false)]
    [InlineData(null, false)]
    public void AbnormalDelay_FromTheDepartementsConfiguration(int? months, bool met) => Assert.Equal(met, Test("DELAI_ANORMAL", null, Facts(abnormal: months)));

    [Theory]
    [InlineData("TRAVAILLE_DANS", "51573", true)]
    [InlineData("TRAVAILLE_DANS", "51454", false)]
    [InlineData("HABITE_DANS", "51454, 51573", true)]
    [InlineData("SOUHAITE_EN_PREMIER", "51454", true)]
    [InlineData("SOUHAITE_EN_PREMIER", "51573", false)]
    public void LocalLinks_WithListedCommunes(string condition, string communes, bool met) =>
        Assert.Equal(met, Test(condition, communes, Facts(lives: "51573")));

    /// <summary>A criterion to be validated by a social worker counts once validated; a priority label is itself a validation.</summary>
    [Fact]
    public void CriterionNeedingValidation_CountsOnlyOnceValidated()
    {
        var grid = new CotationGrid("200067213", 1, "test", GridScope.General, new DateOnly(2026, 1, 1), null,
            [new Rubric("S", "Situation", RubricMode.Cumulative, [new("VIOLENCES", "Violences familiales", 10, "MOTIF", "06", CriterionSource.Justified, CriterionValidation.SocialWorker)])],
            null, null, null, new DateOnly(2025, 12, 1), false);
        var pending = CotationEngine.Score(grid, Facts());
        Assert.Equal(0m, pending.Total);
        Assert.Contains(pending.Lines, l => !l.Counted && l.Why.Contains("travailleur social", StringComparison.Ordinal));
        Assert.Equal(10m, CotationEngine.Score(grid, Facts(validated: ["VIOLENCES"])).Total);
    }

    /// <summary>The batch total (no explanation) equals the explained score, for every sample grid and a spread of households.</summary>
    [Fact]
    public void CompiledTotal_EqualsTheExplainedScore()
    {
        var facts = new[]
        {
            Facts(), Facts(rent: null), Facts(rent: 900m, resources: 1000m, reasons: ["03", "09", "12"]), Facts(registered: On.AddDays(-3)),
            Facts(reasons: ["06", "10", "18", "19"], validated: ["VIOLENCES_FAMILIALES"]) with { HousingModels = new HashSet<string> { "SH", "CP" }, Persons = 7 },
            Facts() with { Refusals = [new OfferRefusal(On.AddMonths(-2), true)] },
            Facts(reasons: ["12", "03"]) with { Priorities = new HashSet<string> { "MENACE_EXPULSION", "SANS_LOGEMENT" }, HousingModels = new HashSet<string> { "CPE", "SD" } },
            Facts(reasons: []) with { HousingModels = new HashSet<string>(), Dalo = DaloStatus.Active },
        };
        foreach (var grid in SampleGrids.All("200067213", new DateOnly(2026, 1, 1)))
        {
            var compiled = CotationEngine.Compile(grid with { TotalCap = 40 });
            foreach (var f in facts)
            {
                Assert.Equal(compiled.Score(f).Total, compiled.Total(f));
            }
        }
    }

    [Fact]
    public void Position_IsOnePlusTheHigherScores_TiesShareTheRank()
    {
        var position = SimilarDemands.Position(12m, [20m, 12m, 12m, 8m, 15m], SimilarityDimensions.Epci | SimilarityDimensions.Typology);
        Assert.Equal((3, 5, 1), (position.Rank, position.Of, position.Tied));
        Assert.Contains("3e sur 5", position.Explanation, StringComparison.Ordinal);
        Assert.Contains("même première typologie", position.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("même première commune", position.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AverageWait_InMonths_HiddenUnderTheMinimum()
    {
        var from = On.AddMonths(-12);
        (DateOnly, DateOnly)[] housed = [(new DateOnly(2025, 1, 10), new DateOnly(2026, 1, 10)), (new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 1))];
        var wait = SimilarDemands.Average(housed, from, 2, SimilarityDimensions.Epci);
        Assert.Equal(9.0m, wait.Months); // (365 + 181) ÷ 2 = 273 days ÷ 30.4375
        Assert.Null(SimilarDemands.Average(housed, from, 3, SimilarityDimensions.Epci).Months);
        Assert.Contains("aucune demande semblable", SimilarDemands.Average([], from, 1, SimilarityDimensions.Epci).Explanation, StringComparison.Ordinal);
    }
}
