using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Tests.Eligibility;

/// <summary>Ceiling lookup (domain.md §3.3 category rule beyond six persons, §3.5 tables 2025 and 2026).</summary>
public sealed class ResourceCeilingsTests
{
    private static ResourceCeiling Cell(int year, Financing f, CeilingZone z, int? category, decimal amount, CeilingStatus status = CeilingStatus.Published) =>
        new(new DateOnly(year, 1, 1), f, z, category, amount, status, status == CeilingStatus.Derived ? "derive" : "publie", null, null);

    private const CeilingZone Other = CeilingZone.OtherRegions;
    private const CeilingZone Paris = CeilingZone.ParisAndAdjoiningCommunes;

    // domain.md §3.5: PLUS 2025 and 2026, "Autres régions" and Paris; PLS 2026 derived; PLAI 2026 without per-person amount here.
    private static readonly ResourceCeiling[] Table =
    [
        Cell(2025, Financing.Plus, Other, 1, 23201), Cell(2025, Financing.Plus, Other, 3, 37259), Cell(2025, Financing.Plus, Other, 6, 59636),
        Cell(2025, Financing.Plus, Other, null, 6652), Cell(2025, Financing.Plus, Paris, 2, 39885),
        Cell(2026, Financing.Plus, Other, 1, 23403), Cell(2026, Financing.Plus, Other, 3, 37584), Cell(2026, Financing.Plus, Other, 6, 60156),
        Cell(2026, Financing.Plus, Other, null, 6710),
        Cell(2026, Financing.Pls, Other, 1, 30424, CeilingStatus.Derived),
        Cell(2026, Financing.Plai, Other, 6, 33086),
    ];

    public static TheoryData<Financing, CeilingZone, int, string, int> Rows => new()
    {
        { Financing.Plus, Other, 1, "2026-03-01", 23403 },
        { Financing.Plus, Other, 3, "2026-01-01", 37584 },
        { Financing.Plus, Other, 3, "2025-12-31", 37259 },  // the 2026 arrêté applies from 1 January only
        { Financing.Plus, Other, 6, "2026-06-30", 60156 },
        { Financing.Plus, Other, 7, "2026-06-30", 66866 },  // category 6 + 1 person: 60 156 + 6 710
        { Financing.Plus, Other, 9, "2026-06-30", 80286 },  // category 6 + 3 persons
        { Financing.Plus, Other, 8, "2025-06-30", 72940 },  // 59 636 + 2 × 6 652
        { Financing.Plus, Paris, 2, "2025-06-30", 39885 },
        { Financing.Pls, Other, 1, "2026-06-30", 30424 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Find_FinancingZoneCategoryDate_ReturnsTheCeilingInForce(Financing financing, CeilingZone zone, int rank, string date, int expected)
    {
        var lookup = ResourceCeilings.Find(Table, financing, zone, rank, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(lookup.Found);
        Assert.Equal(expected, lookup.Amount);
        Assert.Equal(Math.Min(rank, 6), lookup.Category);
        Assert.Equal(Math.Max(0, rank - 6), lookup.ExtraPersons);
    }

    [Fact]
    public void Find_BeyondSix_ExplainsTheExtraPersons()
    {
        var lookup = ResourceCeilings.Find(Table, Financing.Plus, Other, 7, new DateOnly(2026, 6, 30));

        Assert.Equal(2, lookup.Explanation.Count);
        Assert.Equal("+ 1 × 6\u202f710 € par personne supplémentaire (publie) = 66\u202f866 €", lookup.Explanation[1]);
    }

    [Fact]
    public void Find_DerivedValue_SaysSo()
    {
        var lookup = ResourceCeilings.Find(Table, Financing.Pls, Other, 1, new DateOnly(2026, 6, 30));

        Assert.Equal(CeilingStatus.Derived, Assert.Single(lookup.CellsUsed).Status);
        Assert.Contains("derive", lookup.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Find_NoPerPersonAmount_IsUndeterminedNotGuessed()
    {
        var lookup = ResourceCeilings.Find(Table, Financing.Plai, Other, 7, new DateOnly(2026, 6, 30));

        Assert.False(lookup.Found);
        Assert.Contains("aucun montant par personne supplémentaire", lookup.Explanation[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Find_YearWithoutItsOwnCell_DoesNotCarryTheOldValueForward()
    {
        var lookup = ResourceCeilings.Find(Table, Financing.Plus, Other, 3, new DateOnly(2027, 3, 1));

        Assert.False(lookup.Found);
        Assert.Equal("aucun plafond PLUS 2027 connu pour la catégorie 3, zone « Autres régions » (dernière valeur connue : 37\u202f584 € au 01/01/2026, non appliquée : les plafonds sont révisés chaque 1er janvier)", lookup.Explanation[0]);
    }

    [Fact]
    public void Find_BeforeAnyCell_IsNotFound()
    {
        var lookup = ResourceCeilings.Find(Table, Financing.Plus, Other, 1, new DateOnly(2024, 12, 31));

        Assert.False(lookup.Found);
        Assert.Contains("aucun plafond PLUS", lookup.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Find_RankBelowOne_IsABug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceCeilings.Find(Table, Financing.Plus, Other, 0, new DateOnly(2026, 1, 1)));
}
