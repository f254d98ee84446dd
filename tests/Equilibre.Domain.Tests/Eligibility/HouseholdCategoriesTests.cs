using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Tests.Eligibility;

/// <summary>domain.md §3.3 (arrêté du 29 juillet 1987; algorithm checked against OpenFisca for households with dependants).</summary>
public sealed class HouseholdCategoriesTests
{
    [Theory]
    [InlineData(1, 0, false, false, 1)]
    [InlineData(2, 0, false, false, 2)]
    [InlineData(2, 0, true, false, 3)]   // jeune ménage
    [InlineData(2, 1, false, false, 3)]  // one person + 1 dependant
    [InlineData(1, 0, false, true, 2)]   // single person with a disability card
    [InlineData(2, 0, false, true, 3)]   // 2 persons of whom one handicapped
    [InlineData(3, 2, false, false, 4)]  // one person + 2 dependants
    [InlineData(3, 1, false, true, 4)]
    [InlineData(4, 2, false, false, 4)]
    [InlineData(5, 3, false, false, 5)]
    [InlineData(6, 4, false, false, 6)]
    [InlineData(7, 5, false, false, 7)]  // category 6 + 1 extra person
    [InlineData(8, 6, false, false, 8)]
    public void Rank_Household_GivesTheCategoryOfTheArrete(int persons, int dependants, bool youngCouple, bool disabled, int rank)
    {
        var result = HouseholdCategories.Rank(new HouseholdComposition(persons, dependants, youngCouple, disabled));

        Assert.Equal(rank, result.Rank);
        Assert.Equal(Math.Min(rank, 6), result.Category);
        Assert.False(result.UnconfirmedRule);
    }

    [Fact]
    public void Rank_DisabledPersonInALargeHousehold_IsFlaggedAsUnconfirmed()
    {
        var result = HouseholdCategories.Rank(new HouseholdComposition(6, 4, false, true));

        Assert.Equal((7, true), (result.Rank, result.UnconfirmedRule));
        Assert.Contains("non confirmée au-delà de 5 personnes", result.Explanation, StringComparison.Ordinal);
    }
}
