using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using static Equilibre.Domain.Tests.Targets.TargetFacts;

namespace Equilibre.Domain.Tests.Targets;

/// <summary>Grouping, flux holders, periods, comparison, projection and drill-down of the indicator engine (domain.md §5, §5.6, §9).</summary>
public sealed class TargetEngineTests
{
    [Fact]
    public void T3_ReservataireWithoutAttribution_IsShownSansObjetNotZero()
    {
        // A convention with the commune exists, no lease on its flux this year: the group appears, rate "sans objet".
        var grouping = TargetGrouping.By(GroupDimension.Reservataire) with { Expected = [["COMMUNE-REIMS"], ["ACTION-LOGEMENT"]] };

        var report = TargetEngine.Compute([Lease(1, dalo: true), Lease(2)], [StatutoryTargets.T3], grouping, TargetPeriod.Year(2026), Settings);

        Assert.Equal(["ACTION-LOGEMENT", "COMMUNE-REIMS"], report.Groups.Select(g => g.Key[GroupDimension.Reservataire]));
        var commune = report.Groups[1]["T3"]!;
        Assert.Equal((0, 0), (commune.Numerator, commune.Denominator));
        Assert.Null(commune.Rate);
        Assert.Null(commune.Met);
        Assert.Equal("sans objet", commune.RateText);
        Assert.Contains("sans objet", commune.Summary, StringComparison.Ordinal);
        Assert.Equal(0, report.Groups[1].Quality.Leases);
        Assert.Equal("50 %", report.Groups[0]["T3"]!.RateText);
    }

    [Fact]
    public void T3_BailleurOwnFlux_NonReservedAndReturnedTogether_PrefetAndUnknownApart()
    {
        var facts = new[]
        {
            Lease(1, flux: FluxOrigin.BailleurNonReserved, reservataire: null, priority: "SANS_LOGEMENT"),
            Lease(2, flux: FluxOrigin.BailleurNonReserved, reservataire: null),
            Lease(3, flux: FluxOrigin.ReturnedToBailleur, reservataire: null),
            Lease(4, flux: FluxOrigin.ReturnedToBailleur, reservataire: null, dalo: true),
            Lease(5, flux: FluxOrigin.Prefet, reservataire: "PREFET-51", dalo: true),
            Lease(6, flux: FluxOrigin.Unknown, reservataire: null),
            Lease(7, flux: FluxOrigin.WithdrawnFromFlux, reservataire: null, mutation: true),
        };

        var report = TargetEngine.Compute(facts, [StatutoryTargets.T3], TargetGrouping.By(GroupDimension.Bailleur, GroupDimension.Reservataire),
            TargetPeriod.Year(2026), Settings);
        GroupResult Flux(string? value) => Assert.Single(report.Groups, g => g.Key[GroupDimension.Reservataire] == value);

        var own = Flux(GroupKey.OwnFlux);
        Assert.Equal((2, 4, "50 %"), (own["T3"]!.Numerator, own["T3"]!.Denominator, own["T3"]!.RateText));
        Assert.Equal(2, Assert.Single(own["T3"]!.Details, d => d.Code == "rendus-au-bailleur").Count);
        Assert.Contains("flux propre du bailleur", own.Key.Label, StringComparison.Ordinal);

        var prefet = Flux("PREFET-51")["T3"]!;
        Assert.Equal("contingent-prefet", Assert.Single(prefet.Exclusions).Code);
        Assert.Equal("sans objet", prefet.RateText);

        var unknown = Flux(null);
        Assert.Equal("reservataire-inconnu", Assert.Single(unknown["T3"]!.Exclusions).Code);
        Assert.Equal(1, unknown.Quality.UnknownReservataire);
        Assert.Equal("hors-flux", Assert.Single(Flux(GroupKey.OutsideFlux)["T3"]!.Exclusions).Code);
    }

    [Fact]
    public void LocalThresholds_MostSpecificDimensionWins()
    {
        var mutations = CiaCatalogue.MutationShare.Adopt(1, Date("2026-01-01"), null, 0.25m, "CIA d'exemple : 25 % de mutations",
        [
            new LocalThreshold(GroupDimension.Epci, Reims, 0.20m, "CIA d'exemple : 20 % sur l'EPCI"),
            new LocalThreshold(GroupDimension.Bailleur, "BAILLEUR-B", 0.30m, "CIA d'exemple : 30 % pour le bailleur B"),
        ]);
        var facts = new[] { Lease(1, mutation: true), Lease(2), Lease(3, bailleur: "BAILLEUR-B", mutation: true), Lease(4, bailleur: "BAILLEUR-B") };

        var byBailleur = TargetEngine.Compute(facts, [mutations], TargetGrouping.By(GroupDimension.Epci, GroupDimension.Bailleur), TargetPeriod.Year(2026), Settings);
        var byEpci = TargetEngine.Compute(facts, [mutations], TargetGrouping.By(GroupDimension.Epci), TargetPeriod.Year(2026), Settings);
        var whole = TargetEngine.Compute(facts, [mutations], TargetGrouping.None, TargetPeriod.Year(2026), Settings);

        Assert.Equal([0.20m, 0.30m], byBailleur.Groups.Select(g => g.Indicators[0].Threshold));
        Assert.Contains("30 % pour le bailleur B", byBailleur.Groups[1].Indicators[0].ThresholdSource, StringComparison.Ordinal);
        Assert.Equal(0.20m, byEpci.Groups[0].Indicators[0].Threshold);
        Assert.Equal(0.25m, whole.Groups[0].Indicators[0].Threshold);
        Assert.All(byBailleur.Groups, g => Assert.Equal("50 %", g.Indicators[0].RateText));
    }

    [Fact]
    public void Definitions_PeriodUsesTheVersionInForceOnItsLastDay()
    {
        var t1v2 = StatutoryTargets.T1 with { Version = 2, ValidFrom = Date("2027-01-01"), Threshold = 0.30m, ThresholdSource = "exemple : taux adapté à 30 % dès 2027" };
        var definitions = new[] { StatutoryTargets.T1, t1v2 };
        var facts = new[] { Lease(1, "2026-06-01"), Lease(2, "2027-06-01") };

        var y2026 = TargetEngine.Compute(facts, definitions, TargetGrouping.None, TargetPeriod.Year(2026), Settings);
        var y2027 = TargetEngine.Compute(facts, definitions, TargetGrouping.None, TargetPeriod.Year(2027), Settings);

        Assert.Equal("T1 v1", y2026.Groups[0].Indicators[0].RuleVersion);
        Assert.Equal(("T1 v2", 0.30m), (y2027.Groups[0].Indicators[0].RuleVersion, y2027.Groups[0].Indicators[0].Threshold));
        Assert.Single(y2027.Definitions);
    }

    public static TheoryData<string, string, string, string> PreviousRows => new()
    {
        // period, its label, previous period's first and last day
        { "mois 2026-03", "mars 2026", "2026-02-01", "2026-02-28" },
        { "trimestre 2026-1", "1er trimestre 2026", "2025-10-01", "2025-12-31" },
        { "trimestre 2026-3", "3e trimestre 2026", "2026-04-01", "2026-06-30" },
        { "semestre 2026-1", "1er semestre 2026", "2025-07-01", "2025-12-31" },
        { "année 2026", "année 2026", "2025-01-01", "2025-12-31" },
        { "plage 2026-03-01 2026-03-10", "du 01/03/2026 au 10/03/2026", "2026-02-19", "2026-02-28" },
    };

    [Theory]
    [MemberData(nameof(PreviousRows))]
    public void Period_Previous_HasTheSameLength(string period, string label, string from, string to)
    {
        var parts = period.Split(' ');
        var p = parts[0] switch
        {
            "mois" => TargetPeriod.Month(int.Parse(parts[1][..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1][5..], System.Globalization.CultureInfo.InvariantCulture)),
            "trimestre" => TargetPeriod.Quarter(int.Parse(parts[1][..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1][5..], System.Globalization.CultureInfo.InvariantCulture)),
            "semestre" => TargetPeriod.Semester(int.Parse(parts[1][..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1][5..], System.Globalization.CultureInfo.InvariantCulture)),
            "année" => TargetPeriod.Year(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            _ => TargetPeriod.Range(Date(parts[1]), Date(parts[2])),
        };

        Assert.Equal(label, p.Label);
        Assert.Equal((Date(from), Date(to)), (p.Previous().From, p.Previous().To));
        Assert.Equal(p.Kind, p.Previous().Kind);
    }

    [Fact]
    public void CompareWithPrevious_SameGroups_GivesTheChangeInPoints()
    {
        var facts = new[]
        {
            // Q4 2025: 1 Q1 lease out of 4 outside QPV (25 %)
            Lease(1, "2025-10-02"), Lease(2, "2025-11-03", resources: 15000m), Lease(3, "2025-11-20", resources: 15000m), Lease(4, "2025-12-30", resources: 15000m),
            // Q1 2026: 1 out of 5 (20 %), and a new bailleur with no lease in Q4
            Lease(5, "2026-01-05"), Lease(6, "2026-02-10", resources: 15000m), Lease(7, "2026-03-31", resources: 15000m), Lease(8, "2026-03-01", resources: 15000m),
            Lease(9, "2026-03-15", bailleur: "BAILLEUR-B", resources: 15000m),
            Lease(10, "2026-04-01"), // Q2: in neither
        };

        var comparison = TargetEngine.CompareWithPrevious(facts, [StatutoryTargets.T1], TargetGrouping.None, TargetPeriod.Quarter(2026, 1), Settings);
        var change = Assert.Single(comparison.Changes());
        Assert.Equal(("20 %", "25 %", -5.0m), (change.Current.RateText, change.Previous!.RateText, change.DeltaPoints));

        var byBailleur = TargetEngine.CompareWithPrevious(facts, [StatutoryTargets.T1], TargetGrouping.By(GroupDimension.Bailleur), TargetPeriod.Quarter(2026, 1), Settings);
        var newcomer = Assert.Single(byBailleur.Changes(), c => c.Key[GroupDimension.Bailleur] == "BAILLEUR-B");
        Assert.Null(newcomer.Previous);
        Assert.Null(newcomer.DeltaPoints);
    }

    [Fact]
    public void Projection_AtTheEndOfMarch_ScalesByDaysAndSaysWhatIsStillNeeded()
    {
        // 20 Q1 leases out of 100 outside QPV by 31 March 2026 (day 90 of 365).
        var facts = Enumerable.Range(1, 100).Select(i => Lease(i, "2026-02-01", resources: i <= 20 ? 8000m : 15000m)).ToList();
        var period = TargetPeriod.Range(Date("2026-01-01"), Date("2026-03-31"));

        var t1 = Single(StatutoryTargets.T1, facts, period: period);
        var projection = TargetProjection.AtCurrentPace(t1, period.To);

        // 100 × 365 / 90 = 405.6 ; ⌈0.25 × 405.56⌉ − 20 = 102 − 20 = 82 ; 82 / 305.56 = 26.8 % of the remaining leases.
        Assert.Equal((81.1m, 405.6m), (projection.ProjectedNumerator, projection.ProjectedDenominator));
        Assert.Equal(0.2m, projection.ProjectedRate);
        Assert.Equal(82, projection.StillNeeded);
        Assert.Equal(0.268m, Math.Round(projection.ShareOfRemainingNeeded!.Value, 3));
        Assert.Contains("jours écoulés", projection.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Projection_NoLeaseYet_IsSansObjet()
    {
        var t1 = Single(StatutoryTargets.T1, [], period: TargetPeriod.Range(Date("2026-01-01"), Date("2026-01-31")));
        var projection = TargetProjection.AtCurrentPace(t1, Date("2026-01-31"));

        Assert.Null(projection.ProjectedRate);
        Assert.Null(projection.StillNeeded);
    }

    [Fact]
    public void Leases_DrillDown_ReturnsTheLeasesBehindEachFigure()
    {
        var facts = new[]
        {
            Lease(1), Lease(2, resources: 15000m), Lease(3, relocation: Relocation.Anru, resources: 15000m), Lease(4, qpv: null),
            Lease(5, qpv: QpvBasis.Qpv), Lease(6, epci: Troyes, resources: 8000m), Lease(7, "2025-12-31"),
        };
        var report = TargetEngine.Compute(facts, StatutoryTargets.All, TargetGrouping.By(GroupDimension.Epci), TargetPeriod.Year(2026), Settings);
        var reims = Assert.Single(report.Groups, g => g.Key[GroupDimension.Epci] == Reims);
        var t1 = reims["T1"]!;

        var numerator = report.Leases(facts, reims.Key, t1.Definition, LeasePart.Numerator).Select(f => f.LeaseId);
        var denominator = report.Leases(facts, reims.Key, t1.Definition, LeasePart.Denominator).Select(f => f.LeaseId);
        var excluded = report.Leases(facts, reims.Key, t1.Definition, LeasePart.Excluded).Select(f => f.LeaseId);

        Assert.Equal([1L, 3L], numerator);
        Assert.Equal([1L, 2L, 3L], denominator);
        Assert.Equal([4L], excluded);
        Assert.Equal((2, 3, 1), (t1.Numerator, t1.Denominator, t1.Excluded));
    }

    [Fact]
    public void Report_Method_StatesEveryRuleAndSource()
    {
        var report = TargetEngine.Compute([Lease()], StatutoryTargets.All, TargetGrouping.None, TargetPeriod.Year(2026), Settings);

        Assert.Contains(report.Method, l => l.StartsWith("période : année 2026", StringComparison.Ordinal));
        Assert.Contains(report.Method, l => l.Contains("T1 v1 — ressources inconnues : gardées au dénominateur", StringComparison.Ordinal));
        Assert.Contains(report.Method, l => l.Contains("T3 v1 — flux : contingent du préfet exclu", StringComparison.Ordinal));
        Assert.Contains(report.Method, l => l.Contains("année du seuil", StringComparison.Ordinal) && l.Contains("non confirmée", StringComparison.Ordinal));
        Assert.Contains(report.Method, l => l.Contains("« sans objet », jamais 0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_ExpectedKeyOfTheWrongLength_IsRefused()
    {
        var grouping = TargetGrouping.By(GroupDimension.Epci, GroupDimension.Bailleur) with { Expected = [[Reims]] };

        Assert.Throws<ArgumentException>(() => TargetEngine.Compute([Lease()], StatutoryTargets.All, grouping, TargetPeriod.Year(2026), Settings));
    }
}
