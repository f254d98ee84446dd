using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Territory;

/// <summary>Threshold lookup by EPCI and year (domain.md §4.2–§4.3); values of data/reference/seuils-q1.</summary>
public sealed class Q1ThresholdsTests
{
    private static readonly Q1Threshold[] Table =
    [
        new("200067213", 2024, 9777m, "arrêté du 13 mai 2024"),
        new("200067213", 2025, 10064m, "arrêté 2025"),
        new("200067213", 2026, 10154m, "arrêté du 23 avril 2026"),
        new("200069250", 2026, 8123m, "arrêté du 23 avril 2026"),
        // CA du Grand Saint-Dizier: listed in the Marne and in the Haute-Marne with the same value
        new("200068666", 2026, 10272m, "arrêté du 23 avril 2026"),
        new("200068666", 2026, 10272m, "arrêté du 23 avril 2026"),
        // a data error: two different values for one EPCI and year
        new("999999999", 2026, 9000m, "a"),
        new("999999999", 2026, 9100m, "b"),
    ];

    [Theory]
    [InlineData("200067213", 2024, 9777)]
    [InlineData("200067213", 2025, 10064)]
    [InlineData("200067213", 2026, 10154)]
    [InlineData("200069250", 2026, 8123)]
    [InlineData("200068666", 2026, 10272)]
    public void Find_EpciListedThatYear_ReturnsTheOfficialValue(string siren, int year, int expected)
    {
        var lookup = Q1Thresholds.Find(Table, siren, year);

        Assert.True(lookup.Found);
        Assert.Equal(expected, lookup.Threshold!.AmountPerUcPerYear);
        Assert.True(Q1Thresholds.IsSubjectToReform(Table, siren, year));
    }

    [Theory]
    [InlineData("200069250", 2024)] // not in the 2024 table above
    [InlineData("200067213", 2023)] // year without arrêté
    [InlineData("248400285", 2026)] // EPCI never listed
    public void Find_EpciNotListedThatYear_IsNotSubjectToReform(string siren, int year)
    {
        var lookup = Q1Thresholds.Find(Table, siren, year);

        Assert.False(lookup.Found);
        Assert.False(Q1Thresholds.IsSubjectToReform(Table, siren, year));
        Assert.Contains("ne figure pas dans l'arrêté", lookup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_TwoDifferentValuesForOneYear_RefusesToChooseAndSaysWhy()
    {
        var lookup = Q1Thresholds.Find(Table, "999999999", 2026);

        Assert.False(lookup.Found);
        Assert.Contains("2 seuils différents", lookup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Found_ExplainsInFrench()
    {
        var lookup = Q1Thresholds.Find(Table, "200067213", 2026);

        Assert.Equal("seuil 2026 : 10\u202f154 € par UC et par an (arrêté du 23 avril 2026)", lookup.Explanation);
    }
}
