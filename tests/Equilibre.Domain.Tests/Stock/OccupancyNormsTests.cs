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
}
