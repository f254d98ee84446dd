using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>Taux d'effort (arrêté du 10 mars 2011, domain.md §12 and §16.5) and reste à vivre (USH formula, §12).</summary>
public sealed class AffordabilityTests
{
    // A T3 at 5,90 €/m² × 65 m² (Grand Est mean rent, product.md): 383,50 € + 80 € charges, 150 € APL.
    private static readonly HousingCost T3 = new(383.50m, 0m, 80m, 0m, 150m);

    [Theory]
    [InlineData("1500", "20.9")]   // (383.50 + 80 − 150) / 1500 = 20.9 %
    [InlineData("1045", "30.0")]   // 313.50 / 1045 = 30.0 %
    [InlineData("900", "34.8")]
    public void EffortRate_WorkedExamples(string resources, string expected)
    {
        var rate = Affordability.EffortRate(T3, decimal.Parse(resources, System.Globalization.CultureInfo.InvariantCulture), null);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rate.Value);
        Assert.Equal(2, rate.Explanation.Count);
    }

    [Fact]
    public void EffortRate_IndividualWaterAndHeating_AddsTheForfaitAndNamesItsSource()
    {
        // APL forfait charges 2026 for a single person or couple, used as a labelled proxy (domain.md §16.5).
        var forfait = new ChargesForfait(61.29m, "forfait APL de référence 2026, à remplacer par la grille du bailleur");

        var rate = Affordability.EffortRate(T3, 1500m, forfait);

        Assert.Equal(25.0m, rate.Value); // (313.50 + 61.29) / 1500 = 24.99 → 25.0
        Assert.Contains("forfait APL de référence 2026", rate.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void EffortRate_NoResources_IsNotComputed()
    {
        var rate = Affordability.EffortRate(T3, 0m, null);

        Assert.Null(rate.Value);
        Assert.Contains("non calculable", rate.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ResteAVivre_PerPersonAndPerUc_PerDay()
    {
        // couple + 2 children under 14 = 4 persons, 2.1 UC (domain.md §4.1); resources 2 000 € per month.
        var perPerson = Affordability.ResteAVivrePerPersonPerDay(T3, 2000m, 4);
        var perUc = Affordability.ResteAVivrePerUcPerDay(T3, 2000m, 2.1m);

        Assert.Equal(14.05m, perPerson.Value); // (2000 − 313.50) / 4 / 30 = 14.054
        Assert.Equal(26.77m, perUc.Value);     // 1686.50 / 2.1 / 30 = 26.77
        Assert.Equal("÷ 4 personne(s) ÷ 30 jours = 14,05 € par personne et par jour", perPerson.Explanation[1]);
        Assert.Equal("reste à vivre 14,05 € par personne et par jour, sous le seuil local de 15,00 €", Affordability.BelowThreshold(perPerson, 15m, "personne"));
        Assert.Null(Affordability.BelowThreshold(perPerson, null, "personne")); // no threshold configured: no alert
    }

    // An EPCI's local thresholds (illustrative, not taken from any PPGD): 30 % maximum, 12 € per UC and 8 € per person per day.
    private static readonly AffordabilityThresholds Local = new(30m, 12m, 8m, "seuils de l'EPCI (exemple)");

    public static TheoryData<string, int, string, string, bool, string, string, string, bool?> AssessRows => new()
    {
        // label, persons, UC (§4.1), monthly resources, forfait APL 2026 proxy (§16.5), effort %, RAV per UC/day, per person/day, affordable
        { "couple + 2 enfants < 14 ans", 4, "2.1", "2000", false, "15.7", "26.77", "14.05", true },   // 313.50 / 2000; 1686.50 / 2.1 / 30; / 4 / 30
        { "personne seule", 1, "1", "900", false, "34.8", "19.55", "19.55", false },                  // 313.50 / 900 = 34.8 % > 30 %
        { "parent seul + 1 enfant < 14 ans", 2, "1.3", "1045", false, "30.0", "18.76", "12.19", true }, // exactly at 30 %: affordable
        { "couple + 4 enfants < 14 ans", 6, "2.7", "1500", false, "20.9", "14.65", "6.59", false },    // rate fine, 6.59 € per person < 8 €
        { "couple, eau et chauffage individuels", 2, "1.5", "1500", true, "25.0", "25.00", "18.75", true }, // (313.50 + 61.29) / 1500 = 24.99
    };

    [Theory]
    [MemberData(nameof(AssessRows))]
    public void Assess_WorkedExamples_Section12And16_5(string label, int persons, string uc, string resources, bool forfait, string effort, string perUc, string perPerson, bool? affordable)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var f = forfait ? new ChargesForfait(61.29m, "forfait APL de référence 2026") : null;

        var a = Affordability.Assess(T3, decimal.Parse(resources, inv), persons, decimal.Parse(uc, inv), f, Local);

        Assert.Equal(decimal.Parse(effort, inv), a.EffortRate.Value);
        Assert.Equal(decimal.Parse(perUc, inv), a.ResteAVivrePerUcPerDay.Value);
        Assert.Equal(decimal.Parse(perPerson, inv), a.ResteAVivrePerPersonPerDay.Value);
        Assert.True(affordable == a.Affordable, label);
        Assert.Equal(affordable == false, a.Alerts.Count > 0);
        Assert.EndsWith("(seuils de l'EPCI (exemple))", a.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_ForfaitIsAHousingCostForTheResteAVivreToo()
    {
        var a = Affordability.Assess(T3, 1500m, 2, 1.5m, new ChargesForfait(61.29m, "forfait APL de référence 2026"), Local);

        Assert.Equal("reste à vivre : ressources 1\u202f500,00 € − dépense de logement nette 374,79 € (dont forfait eau et chauffage individuels 61,29 €) = 1\u202f125,21 € par mois",
            a.ResteAVivrePerUcPerDay.Explanation[0]);
    }

    [Fact]
    public void Assess_NoThresholdConfigured_ComputesButDoesNotJudge()
    {
        var a = Affordability.Assess(T3, 900m, 1, 1m, null, AffordabilityThresholds.None);

        Assert.Equal(34.8m, a.EffortRate.Value);
        Assert.Null(a.Affordable);
        Assert.Equal("non évalué : aucun seuil local paramétré (aucun seuil local paramétré)", a.Explanation[^1]);
    }

    [Fact]
    public void Assess_NoResources_IsNotJudged()
    {
        var a = Affordability.Assess(T3, 0m, 1, 1m, null, Local);

        Assert.Null(a.EffortRate.Value);
        Assert.Null(a.Affordable);
        Assert.StartsWith("non évalué : ressources inconnues", a.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_OnlyTheUcThresholdSet_JudgesOnIt()
    {
        var perUcOnly = new AffordabilityThresholds(null, 20m, null, "seuil par UC seul");

        var a = Affordability.Assess(T3, 900m, 1, 1m, null, perUcOnly); // 19.55 € < 20 €

        Assert.False(a.Affordable);
        Assert.Equal("reste à vivre 19,55 € par UC et par jour, sous le seuil local de 20,00 €", Assert.Single(a.Alerts));
    }

    // A bailleur's forfait grid (illustrative amounts, domain.md §16.5: no national table): by rooms and persons, dated.
    private static readonly ChargesForfaitGrid Grid = new(
    [
        new(1, 1, 50m, new DateOnly(2026, 1, 1), null),
        new(3, 1, 60m, new DateOnly(2026, 1, 1), null),
        new(3, 3, 70m, new DateOnly(2026, 1, 1), null),
        new(5, 1, 80m, new DateOnly(2026, 1, 1), null),
        new(1, 1, 45m, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
    ], "grille du bailleur (exemple)");

    [Theory]
    [InlineData(4, 2, "2026-03-01", "60")]
    [InlineData(4, 4, "2026-03-01", "70")]
    [InlineData(2, 5, "2026-03-01", "50")]
    [InlineData(6, 6, "2026-03-01", "80")]   // the row with more rooms wins
    [InlineData(2, 1, "2025-06-30", "45")]   // the 2025 row, valid until 31/12/2025 included
    [InlineData(2, 1, "2024-06-30", null)]   // no row yet
    public void ForfaitGrid_RoomsPersonsDate_PicksTheMostSpecificValidRow(int rooms, int persons, string date, string? expected)
    {
        var forfait = Grid.Find(rooms, persons, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), forfait?.MonthlyAmount);
        if (forfait is not null)
        {
            Assert.StartsWith("grille du bailleur (exemple), ligne ", forfait.Source, StringComparison.Ordinal);
        }
    }
}
