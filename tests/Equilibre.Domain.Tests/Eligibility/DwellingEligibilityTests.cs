using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Tests.Eligibility;

/// <summary>Eligibility at the ceiling ± 1 € (domain.md §3.5, PLUS 2026 "Autres régions").</summary>
public sealed class DwellingEligibilityTests
{
    private static readonly ResourceCeiling[] Plus2026 =
    [
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 2, 31254m, CeilingStatus.Published, "publie", null, null),
        new(new DateOnly(2026, 1, 1), Financing.Plus, CeilingZone.OtherRegions, 4, 45374m, CeilingStatus.Published, "publie", null, null),
    ];

    [Theory]
    [InlineData("31253", true)]
    [InlineData("31254", true)]   // at the ceiling: eligible ("ne pas excéder")
    [InlineData("31255", false)]  // 1 € above
    public void Check_CoupleAtTheCeiling_EligibleUpToTheEuro(string income, bool eligible)
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plus, CeilingZone.OtherRegions, new HouseholdComposition(2, 0, false, false),
            decimal.Parse(income, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 4, 1));

        Assert.Equal(eligible, result.Eligible);
        Assert.Equal(31254m, result.Ceiling);
        Assert.StartsWith("catégorie 2 : deux personnes", result.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SingleParentWithTwoChildren_UsesCategoryFour()
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plus, CeilingZone.OtherRegions, new HouseholdComposition(3, 2, false, false), 40000m, new DateOnly(2026, 4, 1));

        Assert.Equal((true, 45374m), (result.Eligible, result.Ceiling));
    }

    [Fact]
    public void Check_UnknownCeiling_IsUndeterminedNotRefused()
    {
        var result = DwellingEligibility.Check(Plus2026, Financing.Plai, CeilingZone.OtherRegions, new HouseholdComposition(2, 0, false, false), 10000m, new DateOnly(2026, 4, 1));

        Assert.Null(result.Eligible);
        Assert.Equal("éligibilité indéterminée : plafond inconnu", result.Reasons[^1]);
    }
}

/// <summary>
/// domain.md §3.5 (and §3.3 for the categories): eligibility at the ceiling, one euro below and one euro above, for every
/// cell of the real reference table data/reference/plafonds-hlm in 2025 and 2026, categories 1 to 6 and two ranks beyond.
/// </summary>
public sealed class DwellingEligibilityReferenceTableTests
{
    public static TheoryData<Financing, CeilingZone, int, int> Cells()
    {
        var data = new TheoryData<Financing, CeilingZone, int, int>();
        foreach (var year in new[] { 2025, 2026 })
        {
            foreach (var financing in Enum.GetValues<Financing>())
            {
                foreach (var zone in Enum.GetValues<CeilingZone>())
                {
                    for (var rank = 1; rank <= 8; rank++)
                    {
                        if (Expected(financing, zone, rank, year) is not null)
                        {
                            data.Add(financing, zone, rank, year);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Fact]
    public void Cells_CoverEveryFinancingAndZoneIn2026()
    {
        // domain.md §3.5 gives all three financings in all three zones for 2026 (PLAI and PLS derived): 3 × 3 × 8 ranks.
        Assert.Equal(72, Cells().Count(row => (int)row[3] == 2026));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Check_AtTheCeilingAndOneEuroEitherSide_EligibleUpToTheCeilingIncluded(Financing financing, CeilingZone zone, int rank, int year)
    {
        var ceiling = Expected(financing, zone, rank, year)!.Value;
        var household = Household(rank);
        var signature = new DateOnly(year, 6, 15);

        var below = DwellingEligibility.Check(ReferenceCeilings.All, financing, zone, household, ceiling - 1m, signature);
        var at = DwellingEligibility.Check(ReferenceCeilings.All, financing, zone, household, ceiling, signature);
        var above = DwellingEligibility.Check(ReferenceCeilings.All, financing, zone, household, ceiling + 1m, signature);

        Assert.Equal((true, true, false), (below.Eligible, at.Eligible, above.Eligible));
        Assert.Equal(ceiling, at.Ceiling);
        Assert.EndsWith(": non éligible", above.Reasons[^1], StringComparison.Ordinal);
    }

    // Worked rows typed from the domain.md §3.5 tables, to check the reference file against the spec.
    [Theory]
    [InlineData(Financing.Plus, CeilingZone.OtherRegions, 2, 2026, 31254)]          // PLUS 2026 [C]
    [InlineData(Financing.Plai, CeilingZone.OtherRegions, 1, 2026, 12870)]          // PLAI 2026 [D]
    [InlineData(Financing.Pls, CeilingZone.OtherRegions, 4, 2026, 58986)]           // PLS 2026 [D = PLUS × 1.3]
    [InlineData(Financing.Plus, CeilingZone.OtherRegions, 7, 2026, 66866)]          // 60 156 + 6 710
    [InlineData(Financing.Plai, CeilingZone.ParisAndAdjoiningCommunes, 6, 2025, 45968)] // PLAI 2025 Paris [C]
    [InlineData(Financing.Pls, CeilingZone.ParisAndAdjoiningCommunes, 1, 2025, 34693)]  // PLS 2025 Paris [C]
    [InlineData(Financing.Plus, CeilingZone.IleDeFranceOutsideParis, 3, 2025, 47944)]   // PLUS 2025 [C]
    public void Check_DomainMdWorkedRows_MatchTheReferenceFile(Financing financing, CeilingZone zone, int rank, int year, int ceiling)
    {
        var result = DwellingEligibility.Check(ReferenceCeilings.All, financing, zone, Household(rank), ceiling, new DateOnly(year, 3, 1));

        Assert.Equal((true, (decimal)ceiling), (result.Eligible, result.Ceiling));
    }

    // A household of the given rank without disability: 1 alone, 2 a couple, k ≥ 3 a couple with k − 2 dependants.
    internal static HouseholdComposition Household(int rank) => rank switch
    {
        1 => new HouseholdComposition(1, 0, false, false),
        2 => new HouseholdComposition(2, 0, false, false),
        _ => new HouseholdComposition(rank, rank - 2, false, false),
    };

    // The ceiling computed from the file's cells (category 6 + extra × per-person amount), null when a cell is missing.
    private static decimal? Expected(Financing financing, CeilingZone zone, int rank, int year)
    {
        var cells = ReferenceCeilings.All.Where(c => c.Financing == financing && c.Zone == zone && c.EffectiveFrom.Year == year).ToList();
        var category = Math.Min(rank, 6);
        var baseCell = cells.SingleOrDefault(c => c.Category == category);
        var perPerson = cells.SingleOrDefault(c => c.Category is null);
        return baseCell is null ? null
            : rank <= 6 ? baseCell.Amount
            : perPerson is null ? null
            : baseCell.Amount + ((rank - 6) * perPerson.Amount);
    }
}
