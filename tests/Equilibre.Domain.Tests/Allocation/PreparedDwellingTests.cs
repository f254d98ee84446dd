using Equilibre.Domain.Allocation;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Tests.Eligibility;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// The batch twin of the shortlist rule must give the same answer as the explained rule on every combination of facts
/// (same pattern as the cotation's compiled grid), on the 2026 ceilings of data/reference (domain.md §3.5).
/// </summary>
public sealed class PreparedDwellingTests
{
    private static readonly CeilingTables Tables = new(ReferenceCeilings.All, []);

    private static IEnumerable<ShortlistDwelling> Dwellings()
    {
        var cost = new HousingCost(450m, 20m, 120m, 0m, 0m);
        foreach (var family in new[] { FinancingFamily.Plai, FinancingFamily.Plus, FinancingFamily.Pls, FinancingFamily.Pli, FinancingFamily.Other })
        {
            foreach (var (rooms, surface) in new[] { (1, 20m), (3, 65m), (7, 110m) })
            {
                foreach (var adapted in new bool?[] { true, false, null })
                {
                    yield return new ShortlistDwelling("51454", rooms, surface, new DwellingCeilingBasis(family, null, CeilingZone.OtherRegions, AbcZone.B1),
                        cost, rooms > 3 ? new ChargesForfait(40m, "grille de test") : null, adapted, false);
                }
            }
        }
    }

    private static IEnumerable<ShortlistDemand> Demands()
    {
        var households = new[]
        {
            new HouseholdComposition(1, 0, false, false),
            new HouseholdComposition(2, 0, true, false),
            new HouseholdComposition(3, 1, false, true),
            new HouseholdComposition(5, 3, false, false),
            new HouseholdComposition(8, 6, false, false),
        };
        var communes = new IReadOnlySet<string>[] { new HashSet<string>(), new HashSet<string> { "51108" } };
        var rooms = new IReadOnlySet<int>[] { new HashSet<int>(), new HashSet<int> { 1, 3 } };
        var n = 0;
        foreach (var household in households)
        {
            foreach (var wishedCommunes in communes)
            {
                foreach (var wishedRooms in rooms)
                {
                    foreach (var income in new[] { 23403m, 23404m, 60000m })
                    {
                        foreach (var resources in new[] { 0m, 1400m, 3500m })
                        {
                            foreach (var needs in new[] { false, true })
                            {
                                n++;
                                yield return new ShortlistDemand(n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2024, 1, 1), wishedRooms, wishedCommunes,
                                    household, income, resources, 1m + (0.5m * (household.Persons - 1)), needs, null, false, false, false, 10m)
                                {
                                    // half the rows carry the rank stored with the demand, as the batch reads it
                                    CategoryRank = n % 2 == 0 ? HouseholdCategories.Rank(household).Rank : null,
                                };
                            }
                        }
                    }
                }
            }
        }
    }

    public static TheoryData<bool, bool> SettingsRows() => new() { { true, false }, { false, true } };

    [Theory]
    [MemberData(nameof(SettingsRows))]
    public void IsEligible_AgreesWithTheExplainedCheck(bool excludeUnaffordable, bool reserveAdapted)
    {
        var context = new ShortlistContext(new DateOnly(2026, 6, 1), Tables, new AffordabilityThresholds(33m, 12m, 10m, "seuils de test"),
            ShortlistSettings.Default with { ExcludeUnaffordable = excludeUnaffordable, ReserveAdaptedDwellings = reserveAdapted });
        var demands = Demands().ToList();
        var compared = 0;
        var eligible = 0;

        foreach (var dwelling in Dwellings())
        {
            var prepared = new PreparedDwelling(dwelling, context);
            foreach (var demand in demands)
            {
                var explained = ShortlistRules.Check(dwelling, demand, context).Eligible;
                Assert.True(explained == prepared.IsEligible(demand), $"désaccord : {dwelling} / {demand}");
                compared++;
                eligible += explained ? 1 : 0;
            }
        }

        Assert.Equal(45 * 360, compared);
        Assert.InRange(eligible, 500, compared - 500); // both outcomes are well represented
    }

    [Theory]
    [InlineData(FinancingFamily.Plus, 1, "23403")]
    [InlineData(FinancingFamily.Plus, 7, "66866")]   // category 6 (60 156) + one person (6 710)
    [InlineData(FinancingFamily.Plai, 3, "22551")]
    [InlineData(FinancingFamily.Pli, 1, null)]       // no PLI table loaded: unknown
    [InlineData(FinancingFamily.Other, 1, null)]
    public void Ceiling_ByRank_IsLookedUpOnce(FinancingFamily family, int rank, string? amount)
    {
        var dwelling = new ShortlistDwelling("51454", 3, 65m, new DwellingCeilingBasis(family, null, CeilingZone.OtherRegions, AbcZone.B1),
            new HousingCost(450m, 0m, 120m, 0m, 0m), null, false, false);
        var prepared = new PreparedDwelling(dwelling, new ShortlistContext(new DateOnly(2026, 6, 1), Tables, AffordabilityThresholds.None, ShortlistSettings.Default));

        Assert.Equal(amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), prepared.Ceiling(rank));
    }
}
