using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>
/// Eligibility for a dwelling of the stock (domain.md §3.5): ceiling family (CUS ceiling first, §10.1), HLM or PLI table,
/// at the ceiling ± 1 €.
/// </summary>
public sealed class StockEligibilityTests
{
    // domain.md §3.5, PLI values reported for leases signed in 2024 [C-secondary], zone B1 and the shared B2-C column.
    private static readonly PliCeiling[] Pli2024 =
    [
        .. Pli(AbcZone.B1, 35435, 47321, 56905, 68699, 80816, 91078, 10161),
        .. Pli(AbcZone.B2, 31892, 42588, 51215, 61830, 72735, 81971, 9142),
        .. Pli(AbcZone.C, 31892, 42588, 51215, 61830, 72735, 81971, 9142),
    ];

    private static readonly CeilingTables Tables = new(ReferenceCeilings.All, Pli2024);

    private static IEnumerable<PliCeiling> Pli(AbcZone zone, params int[] amounts) =>
        amounts.Select((a, i) => new PliCeiling(new DateOnly(2024, 1, 1), zone, i < 6 ? i + 1 : null, a, CeilingStatus.PublishedSecondarySource, "publié (source secondaire, domain.md §3.5)", null));

    private static HouseholdComposition Couple => new(2, 0, false, false);

    [Theory]
    [InlineData("47320", true)]
    [InlineData("47321", true)]   // at the PLI ceiling, couple, B1
    [InlineData("47322", false)]
    public void Check_PliCoupleInB1_AtTheCeilingPlusMinusOne(string income, bool eligible)
    {
        var dwelling = new DwellingCeilingBasis(FinancingFamily.Pli, null, CeilingZone.OtherRegions, AbcZone.B1);

        var result = StockEligibility.Check(dwelling, Couple, decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2024, 9, 1), Tables);

        Assert.Equal((eligible, 47321m), (result.Eligible, result.Ceiling));
        Assert.Equal("plafonds du financement du logement : PLI", result.Reasons[0]);
        Assert.Equal("catégorie PLI 2 : couple sans personne à charge", result.Reasons[1]);
    }

    [Theory]
    [InlineData(1, 0, false, false, 1, false)]
    [InlineData(2, 0, false, false, 2, false)]
    [InlineData(2, 0, true, false, 2, true)]   // no jeune ménage raise for the PLI (not given by domain.md): flagged
    [InlineData(2, 1, false, false, 3, false)] // "3 pers or 1+1"
    [InlineData(1, 0, false, true, 1, true)]   // no disability raise for the PLI: flagged
    [InlineData(4, 2, false, false, 4, false)]
    [InlineData(7, 5, false, false, 7, false)] // category 6 + 1 extra person
    public void Rank_Pli_GivesTheCategory(int persons, int dependants, bool young, bool disabled, int rank, bool unconfirmed)
    {
        var result = PliCeilings.Rank(new HouseholdComposition(persons, dependants, young, disabled));

        Assert.Equal((rank, unconfirmed), (result.Rank, result.UnconfirmedRule));
    }

    [Fact]
    public void Check_PliSevenPersonsInC_AddsThePerPersonAmount()
    {
        var dwelling = new DwellingCeilingBasis(FinancingFamily.Pli, null, CeilingZone.OtherRegions, AbcZone.C);

        var result = StockEligibility.Check(dwelling, new HouseholdComposition(7, 5, false, false), 91113m, new DateOnly(2024, 9, 1), Tables);

        Assert.Equal((true, 91113m), (result.Eligible, result.Ceiling)); // 81 971 + 9 142
    }

    [Theory]
    [InlineData("31253", true)]
    [InlineData("31254", true)]   // PLUS 2026 "Autres régions" category 2 (domain.md §3.5)
    [InlineData("31255", false)]
    public void Check_PlsDwellingWithAPlusCusCeiling_UsesThePlusCeiling(string income, bool eligible)
    {
        var dwelling = new DwellingCeilingBasis(FinancingFamily.Pls, FinancingFamily.Plus, CeilingZone.OtherRegions, AbcZone.B2);

        var result = StockEligibility.Check(dwelling, Couple, decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 2, 1), Tables);

        Assert.Equal((eligible, 31254m), (result.Eligible, result.Ceiling));
        Assert.Equal("plafond de la CUS (PLUS) retenu à la place du financement initial (PLS)", result.Reasons[0]);
    }

    [Theory]
    [InlineData(FinancingFamily.Other, CeilingZone.OtherRegions, AbcZone.B1, "pas de plafond de ressources connu pour ce financement : éligibilité indéterminée")]
    [InlineData(FinancingFamily.Plus, null, AbcZone.B1, "zone des plafonds HLM inconnue (outre-mer ou commune non rattachée) : éligibilité indéterminée")]
    [InlineData(FinancingFamily.Pli, CeilingZone.OtherRegions, null, "zone A/B/C inconnue : plafond PLI indéterminé")]
    public void Check_NoCeilingOrNoZone_IsUndetermined(FinancingFamily family, CeilingZone? zone, AbcZone? abc, string reason)
    {
        var result = StockEligibility.Check(new DwellingCeilingBasis(family, null, zone, abc), Couple, 10000m, new DateOnly(2026, 2, 1), Tables);

        Assert.Null(result.Eligible);
        Assert.Equal(reason, result.Reasons[^1]);
    }

    [Fact]
    public void Check_PliYearWithoutTable_IsUndeterminedAndNamesTheLastValue()
    {
        var dwelling = new DwellingCeilingBasis(FinancingFamily.Pli, null, CeilingZone.OtherRegions, AbcZone.B1);

        var result = StockEligibility.Check(dwelling, Couple, 40000m, new DateOnly(2026, 2, 1), Tables);

        Assert.Null(result.Eligible);
        Assert.Contains("dernière valeur connue : 47\u202f321 € au 01/01/2024, non appliquée", result.Reasons[2], StringComparison.Ordinal);
    }
}
