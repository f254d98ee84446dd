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
}
