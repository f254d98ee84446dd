using System.Globalization;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>Examen périodique de l'occupation, L442-5-2 1° to 5° (domain.md §7.3), with the norms of §7.4 and the ceilings of §3.5.</summary>
public sealed class OccupancyReviewTests
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private static readonly CeilingTables Ceilings = new(ReferenceCeilings.All, []);
    private static readonly DwellingCeilingBasis PlusB1 = new(FinancingFamily.Plus, null, CeilingZone.OtherRegions, AbcZone.B1);

    private static OccupancyReviewCase Case(
        int rooms = 3, string surface = "65", bool? adapted = false, int persons = 2, int dependants = 0, bool needs = false,
        string? income = "20000", AbcZone? zone = AbcZone.B1) =>
        new(rooms, decimal.Parse(surface, CultureInfo.InvariantCulture), adapted, PlusB1 with { AbcZone = zone },
            new HouseholdComposition(persons, dependants, false, false), needs,
            income is null ? null : decimal.Parse(income, CultureInfo.InvariantCulture), new DateOnly(2020, 3, 15));

    public static TheoryData<string, OccupancyReviewCase, OccupancyReviewReason[]> Rows => new()
    {
        { "couple dans un T3 de 65 m²", Case(), [] },
        { "personne seule dans un T4 (§7.4)", Case(rooms: 4, surface: "75", persons: 1), [OccupancyReviewReason.UnderOccupation] },
        { "couple dans un T4 (§7.4)", Case(rooms: 4, surface: "75"), [OccupancyReviewReason.UnderOccupation] },
        { "4 personnes dans 30 m² (< 34 m²)", Case(rooms: 2, surface: "30", persons: 4, dependants: 2), [OccupancyReviewReason.Overcrowding] },
        { "4 personnes dans 34 m²", Case(rooms: 2, surface: "34", persons: 4, dependants: 2), [] },
        { "logement adapté, plus de besoin", Case(adapted: true), [OccupancyReviewReason.AdaptedDwellingNotNeeded] },
        { "besoin d'adaptation, logement ordinaire", Case(needs: true), [OccupancyReviewReason.AdaptationNeeded] },
        { "besoin d'adaptation, logement adapté", Case(adapted: true, needs: true), [] },
        // PLUS 2026 "Autres régions", category 2 = 31 254 € (data/reference/plafonds-hlm, domain.md §3.5)
        { "couple au plafond", Case(income: "31254"), [] },
        { "couple à plafond + 1 €", Case(income: "31255"), [OccupancyReviewReason.ResourcesAboveCeiling] },
        { "couple à plafond − 1 €", Case(income: "31253"), [] },
        {
            "personne seule dans un T5 adapté, ressources élevées",
            Case(rooms: 5, surface: "90", adapted: true, persons: 1, income: "30000"), // PLUS cat. 1: 23 403 €
            [OccupancyReviewReason.UnderOccupation, OccupancyReviewReason.AdaptedDwellingNotNeeded, OccupancyReviewReason.ResourcesAboveCeiling]
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Classify_Occupancy_FindsTheSituationsOfL442_5_2(string label, OccupancyReviewCase occupancy, OccupancyReviewReason[] expected)
    {
        var result = OccupancyReview.Classify(occupancy, AsOf, Ceilings, OccupancyReviewSettings.Default);

        Assert.True(expected.SequenceEqual(result.Findings.Select(f => f.Reason)), label + " : " + string.Join(", ", result.Findings.Select(f => f.Reason)));
        Assert.All(result.Findings, f => Assert.StartsWith("L442-5-2 ", f.LegalReference, StringComparison.Ordinal));
        Assert.Equal(expected.Length > 0, result.SendToCaleol);
    }

    // The share of the ceiling is configurable [U]: at 150 %, 31 254 × 1.5 = 46 881 €.
    [Theory]
    [InlineData("46881", false)]
    [InlineData("46882", true)]
    public void Classify_ConfiguredShareOfTheCeiling_IsTheThreshold(string income, bool above)
    {
        var settings = OccupancyReviewSettings.Default with { ResourcesShareOfCeiling = 1.5m, Source = "150 % du plafond (paramètre d'exemple)" };

        var result = OccupancyReview.Classify(Case(income: income), AsOf, Ceilings, settings);

        Assert.Equal(above, result.Findings.Any(f => f.Reason == OccupancyReviewReason.ResourcesAboveCeiling));
    }

    [Fact]
    public void Classify_ResourcesAbove_ExplainsTheShareAndTheCeiling()
    {
        var finding = Assert.Single(OccupancyReview.Classify(Case(income: "31255"), AsOf, Ceilings, OccupancyReviewSettings.Default).Findings);

        Assert.StartsWith("ressources 31\u202f255 € = 100,0 % du plafond 31\u202f254 €, au-delà de 100 % (31\u202f254 €) : plafonds du financement du logement : PLUS ; catégorie 2", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal("L442-5-2 5° CCH (dépassement du plafond de ressources applicable au logement)", finding.LegalReference);
    }

    [Theory]
    [InlineData(AbcZone.ABis, true)]
    [InlineData(AbcZone.A, true)]
    [InlineData(AbcZone.B1, true)]
    [InlineData(AbcZone.B2, false)]
    [InlineData(AbcZone.C, false)]
    [InlineData(null, null)]
    public void Classify_Zone_DecidesWhetherTheReviewIsDue(AbcZone? zone, bool? inZone)
    {
        var result = OccupancyReview.Classify(Case(rooms: 4, surface: "75", persons: 1, zone: zone), AsOf, Ceilings, OccupancyReviewSettings.Default);

        Assert.Equal(inZone, result.InReviewZone);
        Assert.Single(result.Findings);                   // the sous-occupation is found whatever the zone
        Assert.Equal(inZone != false, result.SendToCaleol);
    }

    [Fact]
    public void Classify_UnknownIncomeOrAdaptation_IsUndeterminedNotAFinding()
    {
        var result = OccupancyReview.Classify(Case(adapted: null, needs: true, income: null), AsOf, Ceilings, OccupancyReviewSettings.Default);

        Assert.Empty(result.Findings);
        Assert.Equal(2, result.Undetermined.Count);
        Assert.Equal("ressources inconnues : dépassement du plafond non déterminé", result.Undetermined[1]);
    }

    // L442-5-2: every three years from the lease signature.
    [Theory]
    [InlineData("2020-03-15", "2022-01-01", null, "2023-03-15")]
    [InlineData("2020-03-15", "2023-03-15", "2023-03-15", "2023-03-15")]
    [InlineData("2020-03-15", "2023-03-16", "2023-03-15", "2026-03-15")]
    [InlineData("2020-03-15", "2026-05-01", "2026-03-15", "2029-03-15")]
    [InlineData("2020-02-29", "2023-01-01", null, "2023-02-28")]
    public void ReviewDates_EveryThreeYearsFromTheLease(string lease, string asOf, string? last, string next)
    {
        var l = DateOnly.Parse(lease, CultureInfo.InvariantCulture);
        var a = DateOnly.Parse(asOf, CultureInfo.InvariantCulture);

        Assert.Equal(last is null ? null : DateOnly.Parse(last, CultureInfo.InvariantCulture), OccupancyReview.LastReviewOn(l, a));
        Assert.Equal(DateOnly.Parse(next, CultureInfo.InvariantCulture), OccupancyReview.NextReviewOn(l, a));
    }
}
