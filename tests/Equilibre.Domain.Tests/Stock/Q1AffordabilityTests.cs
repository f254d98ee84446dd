using System.Globalization;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Territory;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>
/// Typical Q1 households of 1 to 6+ persons in a dwelling (issue 4 item 4; domain.md §4.1 UC scale, §4.2 Q1 strictly
/// below the threshold, §7.4 norms, §12 and §16.5 taux d'effort, §3.5 ceilings).
/// </summary>
public sealed class Q1AffordabilityTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);

    // Illustrative threshold: the 2023 national median of the Q1 thresholds (domain.md §4.3), not an EPCI's value.
    private static readonly Q1Threshold Threshold = new("200000000", 2026, 9243m, "valeur d'exemple : médiane nationale 2023 (domain.md §4.3)");

    // A PLUS T3 of 65 m² in "Autres régions", collective heating: 383.50 € rent + 80 € charges = 463.50 € a month.
    private static readonly StockDwelling T3 = new(3, 65m, 383.50m, 0m, 80m, 0m, false,
        new DwellingCeilingBasis(FinancingFamily.Plus, null, CeilingZone.OtherRegions, AbcZone.B2));

    private static readonly AffordabilityThresholds ThirtyPercent = new(30m, null, null, "seuil de l'EPCI (exemple) : 30 %");
    private static readonly CeilingTables Ceilings = new(ReferenceCeilings.All, []);

    [Theory]
    [InlineData(1, "1.0", 1, 0)]
    [InlineData(2, "1.5", 2, 0)]
    [InlineData(3, "1.8", 3, 1)]
    [InlineData(4, "2.1", 4, 2)]   // couple + 2 children under 14 = 2.1 UC (domain.md §4.1 example)
    [InlineData(5, "2.4", 5, 3)]
    [InlineData(6, "2.7", 6, 4)]
    public void TypicalHousehold_Size_CoupleAndChildrenUnder14(int persons, string uc, int category, int dependants)
    {
        var h = Q1Affordability.TypicalHousehold(persons, AsOf);

        Assert.Equal(decimal.Parse(uc, CultureInfo.InvariantCulture), h.ConsumptionUnits.Units);
        Assert.Equal(dependants, h.Composition.Dependants);
        Assert.Equal(category, HouseholdCategories.Rank(h.Composition).Rank);
    }

    public static TheoryData<int, string, string, bool, bool> Rows => new()
    {
        // persons, monthly resources = (9 243 × UC − 1) / 12, taux d'effort 463.50 / monthly, affordable at 30 %, fits the T3 65 m²
        { 1, "770.17", "60.2", false, false },  // one person in a T3: sous-occupation
        { 2, "1155.29", "40.1", false, true },
        { 3, "1386.37", "33.4", false, true },
        { 4, "1617.44", "28.7", true, true },
        { 5, "1848.52", "25.1", true, true },
        { 6, "2079.59", "22.3", true, true },   // stands for 6 and more
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ForDwelling_T3WithoutAid_WorkedTable(int persons, string monthly, string effort, bool affordable, bool fits)
    {
        var result = Q1Affordability.ForDwelling(T3, Threshold, ThirtyPercent, HousingAidAssumption.NotComputed, null, Ceilings, AsOf);

        var row = result.Sizes[persons - 1];
        Assert.Equal(persons, row.Household.Persons);
        Assert.Equal(decimal.Parse(monthly, CultureInfo.InvariantCulture), row.MonthlyResources);
        Assert.Equal(decimal.Parse(effort, CultureInfo.InvariantCulture), row.Affordability.EffortRate.Value);
        Assert.Equal(affordable, row.Affordable);
        Assert.Equal(fits, row.FitsNorms);
        Assert.True(row.Eligibility.Eligible); // far below the PLUS 2026 ceilings of the reference file
        Assert.Equal("aucune aide au logement déduite pour cette taille : le taux d'effort est un majorant", row.Explanation[1]);
        Assert.Equal("aide au logement : APL/AL non calculée par Equilibre : aucune aide déduite, le taux d'effort est un majorant", result.Explanation[2]);
    }

    [Fact]
    public void ForDwelling_T3_SaysWhichSizesItFits()
    {
        var result = Q1Affordability.ForDwelling(T3, Threshold, ThirtyPercent, HousingAidAssumption.NotComputed, null, Ceilings, AsOf);

        Assert.Equal([2, 3, 4, 5, 6], result.Fit.Sizes);
        Assert.Equal(6, result.Sizes.Count);
        Assert.Equal("1 personne(s), personne seule : 1,0 UC × 9\u202f243 € − 1 € = 9\u202f242,00 € par an, soit 770,17 € par mois", result.Sizes[0].Explanation[0]);
    }

    [Fact]
    public void ForDwelling_AidPassedByTheCaller_IsDeducted()
    {
        // An aid amount estimated elsewhere (illustrative): (463.50 − 250) / 770.17 = 27.7 %.
        var aid = new HousingAidAssumption(new Dictionary<int, decimal> { [1] = 250m }, "estimation de l'appelant (exemple)");

        var result = Q1Affordability.ForDwelling(T3, Threshold, ThirtyPercent, aid, null, Ceilings, AsOf);

        Assert.Equal((27.7m, true), (result.Sizes[0].Affordability.EffortRate.Value, result.Sizes[0].Affordable));
        Assert.Equal(0m, result.Sizes[1].HousingAid);
    }

    [Theory]
    [InlineData(1, "10.22", true)]   // (770.17 − 463.50) / 1 / 30
    [InlineData(4, "9.62", false)]   // (1617.44 − 463.50) / 4 / 30 < 10 €
    [InlineData(6, "8.98", false)]
    public void ForDwelling_ResteAVivrePerPersonThreshold_Judged(int persons, string perPerson, bool affordable)
    {
        var perPersonOnly = new AffordabilityThresholds(null, null, 10m, "seuil de l'EPCI (exemple) : 10 € par personne et par jour");

        var row = Q1Affordability.ForDwelling(T3, Threshold, perPersonOnly, HousingAidAssumption.NotComputed, null, Ceilings, AsOf).Sizes[persons - 1];

        Assert.Equal(decimal.Parse(perPerson, CultureInfo.InvariantCulture), row.Affordability.ResteAVivrePerPersonPerDay.Value);
        Assert.Equal(affordable, row.Affordable);
    }

    [Fact]
    public void ForDwelling_IndividualHeatingWithoutForfait_IsNotJudged()
    {
        var dwelling = T3 with { IndividualWaterAndHeating = true };

        var row = Q1Affordability.ForDwelling(dwelling, Threshold, ThirtyPercent, HousingAidAssumption.NotComputed, null, Ceilings, AsOf).Sizes[5];

        Assert.Null(row.Affordable);
        Assert.Contains(row.Explanation, l => l.StartsWith("eau et chauffage individuels, mais aucun forfait paramétré", StringComparison.Ordinal));
    }

    [Fact]
    public void ForDwelling_IndividualHeatingWithAGrid_AddsTheForfait()
    {
        var dwelling = T3 with { IndividualWaterAndHeating = true };
        var grid = new ChargesForfaitGrid([new ChargesForfaitRow(1, 1, 60m, new DateOnly(2026, 1, 1), null)], "grille du bailleur (exemple)");

        var row = Q1Affordability.ForDwelling(dwelling, Threshold, ThirtyPercent, HousingAidAssumption.NotComputed, grid, Ceilings, AsOf).Sizes[5];

        Assert.Equal((25.2m, true), (row.Affordability.EffortRate.Value, row.Affordable)); // 523.50 / 2079.59
    }
}
