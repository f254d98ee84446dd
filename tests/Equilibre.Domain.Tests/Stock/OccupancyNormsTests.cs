using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>domain.md §7.4: 9 m² / 16 m² / +9 m² per person / 70 m² cap; rooms > persons + 1.</summary>
public sealed class OccupancyNormsTests
{
    [Theory]
    [InlineData(1, 9)]
    [InlineData(2, 16)]
    [InlineData(3, 25)]
    [InlineData(4, 34)]
    [InlineData(7, 61)]
    [InlineData(8, 70)]  // 16 + 9 × 6 = 70: the cap
    [InlineData(9, 70)]  // capped
    [InlineData(12, 70)]
    public void MinimumSurface_Persons_FollowsTheAplNorm(int persons, int expected) =>
        Assert.Equal(expected, OccupancyNorms.MinimumSurface(persons));

    [Theory]
    [InlineData(1, "8.99", 1, true, false)]
    [InlineData(1, "9", 1, false, false)]
    [InlineData(2, "15.5", 2, true, false)]
    [InlineData(3, "60", 1, false, true)]   // a single person in a T3 (domain.md example)
    [InlineData(4, "75", 2, false, true)]   // a couple in a T4
    [InlineData(3, "60", 2, false, false)]  // 3 rooms = 2 persons + 1: not sous-occupé
    [InlineData(5, "69", 9, true, false)]
    public void Assess_RoomsSurfacePersons_FlagsSurAndSousOccupation(int rooms, string surface, int persons, bool over, bool under)
    {
        var a = OccupancyNorms.Assess(rooms, decimal.Parse(surface, System.Globalization.CultureInfo.InvariantCulture), persons);

        Assert.Equal((over, under), (a.Overcrowded, a.UnderOccupied));
        Assert.Equal(2, a.Explanation.Count);
    }

    // domain.md §7.4: each threshold of the surface norm, one centimetre below and at it.
    [Theory]
    [InlineData("8.99", 1, true)]
    [InlineData("9", 1, false)]
    [InlineData("15.99", 2, true)]
    [InlineData("16", 2, false)]
    [InlineData("24.99", 3, true)]
    [InlineData("25", 3, false)]
    [InlineData("33.99", 4, true)]
    [InlineData("34", 4, false)]
    [InlineData("69.99", 8, true)]
    [InlineData("70", 8, false)]
    [InlineData("70", 10, false)]   // capped at 70 m² from 8 persons
    [InlineData("0", 1, true)]
    public void Assess_SurfaceAtEachThreshold_Section7_4(string surface, int persons, bool overcrowded)
    {
        var a = OccupancyNorms.Assess(1, decimal.Parse(surface, System.Globalization.CultureInfo.InvariantCulture), persons);

        Assert.Equal(overcrowded, a.Overcrowded);
    }

    // domain.md §7.4: sous-occupation when rooms > persons + 1 (T1 to T6).
    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, false)]
    [InlineData(3, 1, true)]
    [InlineData(3, 2, false)]
    [InlineData(4, 2, true)]
    [InlineData(4, 3, false)]
    [InlineData(5, 3, true)]
    [InlineData(6, 4, true)]
    [InlineData(6, 5, false)]
    [InlineData(1, 6, false)]   // sur-occupation is the surface rule, not the rooms rule
    public void Assess_RoomsAgainstPersonsPlusOne_Section7_4(int rooms, int persons, bool underOccupied)
    {
        var a = OccupancyNorms.Assess(rooms, 200m, persons);

        Assert.Equal(underOccupied, a.UnderOccupied);
    }

    // domain.md §7.4: sizes that fit = from rooms − 1 persons to the largest the surface allows.
    [Theory]
    [InlineData(1, "20", 6, "1,2")]          // T1 20 m²: 1 or 2 persons; 3 need 25 m²
    [InlineData(1, "8", 6, "")]              // below 9 m²: no size
    [InlineData(3, "60", 8, "2,3,4,5,6")]    // 7 persons need 61 m²
    [InlineData(3, "61", 8, "2,3,4,5,6,7")]
    [InlineData(4, "75", 6, "3,4,5,6")]      // examined up to 6 (the "6+" of the Q1 table)
    [InlineData(5, "30", 8, "")]             // T5 of 30 m²: 4 persons would be needed, 3 at most fit
    [InlineData(6, "95", 8, "5,6,7,8")]
    public void SizesThatFit_RoomsAndSurface_Section7_4(int rooms, string surface, int largest, string expected)
    {
        var fit = OccupancyNorms.SizesThatFit(rooms, decimal.Parse(surface, System.Globalization.CultureInfo.InvariantCulture), largest);

        Assert.Equal(expected, string.Join(",", fit.Sizes));
    }

    [Fact]
    public void SizesThatFit_ExplainsBothLimits()
    {
        var fit = OccupancyNorms.SizesThatFit(3, 60m);

        Assert.Equal("3 pièce(s), 60 m² : convient de 2 à 6 personnes (moins de 2 personne(s) : sous-occupation (L621-2) ; plus de 6 personne(s) : sur-occupation, minimum 61 m² (L822-10))", fit.Explanation);
        Assert.Equal("3 pièce(s), 65 m² : convient de 2 à 6 personnes (moins de 2 personne(s) : sous-occupation (L621-2) ; tailles examinées jusqu'à 6 personnes)", OccupancyNorms.SizesThatFit(3, 65m, 6).Explanation);
    }
}
