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

    // domain.md §5.3 [U]: quarters that left the list in 2024 kept for the targets until a configured date.
    private static readonly QpvRuleSettings KeepExited = SixYears with
    {
        ExitedQpvAssimilatedUntil = new DateOnly(2024, 12, 31),
        ExitedQpvSource = "paramètre local : quartiers sortis comptés jusqu'à la fin de 2024 (exemple)",
    };

    public static TheoryData<string, string, bool, bool, QpvBasis> BasisRows => new()
    {
        // dwelling, date, keep exited quarters?, in QPV, basis
        { "croix-rouge", "2024-07-13", false, true, QpvBasis.Qpv },
        { "sortant", "2024-07-12", true, true, QpvBasis.Qpv },
        { "sortant", "2024-07-13", false, false, QpvBasis.NotInQpv },           // default: out the day after its end date
        { "sortant", "2024-07-13", true, true, QpvBasis.ExitedQpvAssimilated }, // kept by configuration
        { "sortant", "2024-12-31", true, true, QpvBasis.ExitedQpvAssimilated }, // last day kept (included)
        { "sortant", "2025-01-01", true, false, QpvBasis.NotInQpv },
        { "sortant", "2014-12-31", true, false, QpvBasis.NotInQpv },            // before the 2015 list: not yet a QPV
        { "ex-zus", "2015-01-01", false, true, QpvBasis.ExZusAssimilated },     // first day of the ex-ZUS area
        { "ex-zus", "2014-12-31", false, false, QpvBasis.NotInQpv },            // before the area's validity
        { "ex-zus-et-sortant", "2024-09-01", true, true, QpvBasis.ExitedQpvAssimilated }, // ex-ZUS over, exited QPV kept
        { "veille", "2025-01-01", true, false, QpvBasis.NotInQpv },
    };

    [Theory]
    [MemberData(nameof(BasisRows))]
    public void ForTargets_DatedRule_GivesTheBasis_Section5_3(string dwelling, string date, bool keepExited, bool inQpv, QpvBasis basis)
    {
        PriorityArea[] areas = dwelling switch
        {
            "croix-rouge" => [CroixRouge2015, CroixRouge2024],
            "sortant" => [Sortant],
            "ex-zus" => [ExZus],
            "ex-zus-et-sortant" => [ExZus, Sortant],
            "veille" => [Veille],
            _ => [],
        };

        var result = QpvStatus.ForTargets(areas, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), keepExited ? KeepExited : SixYears);

        Assert.Equal((inQpv, basis), (result.InQpvForTargets, result.Basis));
    }

    [Fact]
    public void ForTargets_ExitedQuarter_NamesTheExitDateAndTheSetting()
    {
        var kept = QpvStatus.ForTargets([Sortant], new DateOnly(2024, 9, 1), KeepExited);
        var dropped = QpvStatus.ForTargets([Sortant], new DateOnly(2024, 9, 1), SixYears);

        Assert.Equal("Quartier sorti en 2024 (QP010002), sorti de la liste des QPV le 13/07/2024, compté en QPV jusqu'au 31/12/2024 (paramètre local : quartiers sortis comptés jusqu'à la fin de 2024 (exemple))", kept.Explanation);
        Assert.Equal("hors QPV au 01/09/2024 : Quartier sorti en 2024 (QP010002) est sorti de la liste des QPV le 13/07/2024 (maintien des quartiers sortis de la liste des QPV non paramétré (domain.md §5.3, non confirmé))", dropped.Explanation);
    }

    [Fact]
    public void ForTargets_VeilleActive_SaysItIsNotCounted()
    {
        var result = QpvStatus.ForTargets([Veille], new DateOnly(2025, 1, 1), SixYears);

        Assert.Equal("hors QPV au 01/01/2025 : Quartier de veille (QVA10001) est un quartier de veille active, suivi mais pas compté en QPV pour les objectifs", result.Explanation);
    }
}
