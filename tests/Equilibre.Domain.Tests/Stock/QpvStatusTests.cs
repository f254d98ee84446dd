using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Tests.Stock;

/// <summary>domain.md §5.3: QPV 2015 list, then décret 2024-806 (13 July 2024); ex-ZUS assimilated for a configurable time.</summary>
public sealed class QpvStatusTests
{
    private static readonly DateOnly Decret2024 = new(2024, 7, 13);

    // Real QPV names (product.md); codes and the split between lists are illustrative.
    private static readonly PriorityArea CroixRouge2015 = new("QP051001", "Croix Rouge", PriorityAreaKind.Qpv, new DateOnly(2015, 1, 1), Decret2024.AddDays(-1));
    private static readonly PriorityArea CroixRouge2024 = new("QN05101M", "Croix Rouge", PriorityAreaKind.Qpv, Decret2024, null);
    private static readonly PriorityArea Sortant = new("QP010002", "Quartier sorti en 2024", PriorityAreaKind.Qpv, new DateOnly(2015, 1, 1), Decret2024.AddDays(-1));
    private static readonly PriorityArea ExZus = new("ZUS1004", "Ancienne ZUS", PriorityAreaKind.ExZus, new DateOnly(2015, 1, 1), null);
    private static readonly PriorityArea Veille = new("QVA10001", "Quartier de veille", PriorityAreaKind.VeilleActive, new DateOnly(2015, 1, 1), null);

    private static readonly QpvRuleSettings SixYears = new(new DateOnly(2020, 12, 31), "paramètre local : six ans (amendement ELAN), non confirmé");
    private static readonly QpvRuleSettings NoAssimilation = new(null, "assimilation non paramétrée");

    public static TheoryData<string, string, bool> Rows => new()
    {
        { "croix-rouge", "2020-06-01", true },
        { "croix-rouge", "2024-07-12", true },   // last day of the 2015 list
        { "croix-rouge", "2024-07-13", true },   // first day of the 2024 list
        { "sortant", "2024-07-12", true },
        { "sortant", "2024-07-13", false },      // left the list with the décret of 13 July 2024
        { "ex-zus", "2020-12-31", true },        // assimilated until the configured date (included)
        { "ex-zus", "2021-01-01", false },
        { "veille", "2022-01-01", false },       // veille active is not a QPV for the targets
        { "aucun", "2022-01-01", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ForTargets_AreasAndDate_SaysWhetherTheDwellingIsInQpv(string dwelling, string date, bool expected)
    {
        PriorityArea[] areas = dwelling switch
        {
            "croix-rouge" => [CroixRouge2015, CroixRouge2024],
            "sortant" => [Sortant],
            "ex-zus" => [ExZus],
            "veille" => [Veille],
            _ => [],
        };

        var result = QpvStatus.ForTargets(areas, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), SixYears);

        Assert.Equal(expected, result.InQpvForTargets);
    }

    [Fact]
    public void ForTargets_ExZusWithoutConfiguredAssimilation_IsOutAndSaysWhy()
    {
        var result = QpvStatus.ForTargets([ExZus], new DateOnly(2019, 1, 1), NoAssimilation);

        Assert.False(result.InQpvForTargets);
        Assert.Contains("assimilation aux QPV terminée ou non paramétrée", result.Explanation, StringComparison.Ordinal);
    }
}
