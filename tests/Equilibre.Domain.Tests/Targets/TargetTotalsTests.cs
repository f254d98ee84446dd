using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Targets;

/// <summary>
/// Totals: any grouping adds up to the ungrouped figures, and both match a plain count of the facts; a synthetic
/// national year of 420,000 leases (issue 7, "≈420,000 leases a year") goes through every EPCI × bailleur × réservataire.
/// Times are measured by the benchmarks, never asserted here.
/// </summary>
public sealed class TargetTotalsTests
{
    private static readonly IndicatorDefinition[] Definitions =
    [
        .. StatutoryTargets.All,
        CiaCatalogue.MutationShare.Adopt(1, new DateOnly(2017, 1, 1), null, 0.25m, "CIA d'exemple"),
        CiaCatalogue.PriorityShare.Adopt(1, new DateOnly(2017, 1, 1), null, 0.40m, "CIA d'exemple"),
    ];

    /// <summary>Deterministic synthetic leases: <paramref name="epcis"/> EPCIs, 12 bailleurs, 40 réservataires, every flux, QPV basis and resource case.</summary>
    private static (List<AllocationFact> Facts, TargetSettings Settings) Synthetic(int count, int epcis, int seed)
    {
        var random = new Random(seed);
        var thresholds = new List<Q1Threshold>();
        for (var e = 0; e < epcis; e++)
        {
            // One EPCI in 50 has no threshold loaded (resources known but no threshold).
            if (e % 50 != 49)
            {
                thresholds.Add(new Q1Threshold(Siren(e), 2026, 8000m + (e % 40 * 100m), "synthétique"));
            }
        }

        FluxOrigin[] fluxes = [FluxOrigin.Reservataire, FluxOrigin.Reservataire, FluxOrigin.Reservataire, FluxOrigin.Prefet, FluxOrigin.BailleurNonReserved,
            FluxOrigin.ReturnedToBailleur, FluxOrigin.WithdrawnFromFlux, FluxOrigin.Unknown];
        QpvBasis?[] bases = [QpvBasis.NotInQpv, QpvBasis.NotInQpv, QpvBasis.NotInQpv, QpvBasis.Qpv, QpvBasis.ExZusAssimilated, QpvBasis.ExitedQpvAssimilated, null];
        string?[] typologies = ["T1", "T2", "T3", "T4", "T5", null];
        var facts = new List<AllocationFact>(count);
        for (var i = 0; i < count; i++)
        {
            var e = random.Next(epcis);
            var flux = fluxes[random.Next(fluxes.Length)];
            var resourcesCase = random.Next(10);
            facts.Add(new AllocationFact
            {
                LeaseId = i + 1,
                SignedOn = new DateOnly(2026, 1, 1).AddDays(random.Next(365)),
                EpciSiren = Siren(e),
                CommuneCode = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e:D3}{random.Next(5):D2}"),
                BailleurId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"B{random.Next(12)}"),
                Flux = flux,
                ReservataireId = flux switch
                {
                    FluxOrigin.Reservataire => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"R{random.Next(40)}"),
                    FluxOrigin.Prefet => "PREFET",
                    _ => null,
                },
                Typology = typologies[random.Next(typologies.Length)],
                Financing = (FinancingFamily)random.Next(5),
                Qpv = bases[random.Next(bases.Length)],
                AnnualResourcesPerUc = resourcesCase switch { 0 => null, < 4 => 5000m + random.Next(4000), _ => 9000m + random.Next(20000) },
                Q1AtSignature = resourcesCase == 0 && random.Next(2) == 0 ? random.Next(2) == 0 : null,
                Relocation = random.Next(40) switch { 0 => Relocation.Anru, 1 => Relocation.Orcod, _ => Relocation.None },
                Dalo = random.Next(10) == 0,
                PriorityCategory = random.Next(5) == 0 ? "SANS_LOGEMENT" : null,
                Mutation = random.Next(4) == 0,
                CalSessionId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CAL-{random.Next(48)}"),
            });
        }

        return (facts, new TargetSettings(thresholds, Q1YearRule.Default, null));
    }

    private static string Siren(int e) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2000{e:D5}");

    public static TheoryData<string> Groupings => new()
    {
        "Epci",
        "Commune",
        "Bailleur",
        "Reservataire",
        "QpvStatus",
        "Typology",
        "Financing",
        "CalSession",
        "Month",
        "Quarter",
        "Semester",
        "Year",
        "Epci,Bailleur,Reservataire",
        "Epci,QpvStatus,Typology,Month",
    };

    [Theory]
    [MemberData(nameof(Groupings))]
    public void Compute_AnyGrouping_AddsUpToTheUngroupedFigures(string dimensions)
    {
        var (facts, settings) = Synthetic(20_000, 30, seed: 7);
        var grouping = new TargetGrouping([.. dimensions.Split(',').Select(Enum.Parse<GroupDimension>)]);

        var whole = TargetEngine.Compute(facts, Definitions, TargetGrouping.None, TargetPeriod.Year(2026), settings);
        var grouped = TargetEngine.Compute(facts, Definitions, grouping, TargetPeriod.Year(2026), settings);

        Assert.Equal(whole.Groups[0].Quality.Leases, grouped.Groups.Sum(g => g.Quality.Leases));
        Assert.Equal(whole.Groups[0].Quality.UnknownResources, grouped.Groups.Sum(g => g.Quality.UnknownResources));
        Assert.Equal(whole.Groups[0].Quality.UnknownQpv, grouped.Groups.Sum(g => g.Quality.UnknownQpv));
        foreach (var definition in whole.Definitions)
        {
            var total = whole.Groups[0][definition.Id]!;
            var parts = grouped.Groups.Select(g => g[definition.Id]!).ToList();
            Assert.Equal(total.Numerator, parts.Sum(p => p.Numerator));
            Assert.Equal(total.Denominator, parts.Sum(p => p.Denominator));
            Assert.Equal(total.Excluded, parts.Sum(p => p.Excluded));
            foreach (var detail in total.Details)
            {
                Assert.Equal(detail.Count, parts.Sum(p => p.Details.Where(d => d.Code == detail.Code).Sum(d => d.Count)));
            }
        }

        Assert.Equal(grouped.Groups.Count, grouped.Groups.Select(g => string.Join("|", g.Key.Values)).Distinct().Count());

        // The drill-down re-reads the facts with GroupKey.ValueOf and the same rules: it finds the same leases.
        foreach (var group in grouped.Groups.Take(3).Concat(grouped.Groups.TakeLast(3)))
        {
            Assert.Equal(group.Quality.Leases, grouped.Leases(facts, group.Key, Definitions[0], LeasePart.Denominator)
                .Concat(grouped.Leases(facts, group.Key, Definitions[0], LeasePart.Excluded)).Count()
                + OutOfScope(grouped, facts, group));
            foreach (var indicator in group.Indicators)
            {
                Assert.Equal(indicator.Numerator, grouped.Leases(facts, group.Key, indicator.Definition, LeasePart.Numerator).Count());
                Assert.Equal(indicator.Denominator, grouped.Leases(facts, group.Key, indicator.Definition, LeasePart.Denominator).Count());
                Assert.Equal(indicator.Excluded, grouped.Leases(facts, group.Key, indicator.Definition, LeasePart.Excluded).Count());
            }
        }

        // Groups come sorted by their values, unknown first.
        var keys = grouped.Groups.Select(g => string.Join("\u001f", g.Key.Values.Select(v => v ?? ""))).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    /// <summary>Leases of the group outside the first definition's scope (T1: in QPV).</summary>
    private static int OutOfScope(TargetReport report, List<AllocationFact> facts, GroupResult group) =>
        facts.Count(f => report.Period.Contains(f.SignedOn)
            && group.Key.Dimensions.Select((d, i) => GroupKey.ValueOf(f, d) == group.Key.Values[i]).All(x => x)
            && f.Qpv is QpvBasis.Qpv or QpvBasis.ExZusAssimilated or QpvBasis.ExitedQpvAssimilated);

    [Fact]
    public void Compute_NationalYear_420000Leases_EveryEpciBailleurReservataire_MatchesPlainCounts()
    {
        var (facts, settings) = Synthetic(420_000, 450, seed: 2026);
        var grouping = TargetGrouping.By(GroupDimension.Epci, GroupDimension.Bailleur, GroupDimension.Reservataire);

        var report = TargetEngine.Compute(facts, Definitions, grouping, TargetPeriod.Year(2026), settings);

        Assert.Equal(420_000, report.Groups.Sum(g => g.Quality.Leases));
        Assert.True(report.Groups.Count > 100_000, $"{report.Groups.Count} groupes");

        // Plain counts written independently of the engine (domain.md §5.1, §5.2, §5.4).
        var thresholds = settings.Q1Thresholds.ToDictionary(t => t.EpciSiren, t => t.AmountPerUcPerYear);
        bool? IsQ1(AllocationFact f) => f.AnnualResourcesPerUc is { } r && thresholds.TryGetValue(f.EpciSiren, out var t) ? r < t : f.Q1AtSignature;
        var outside = facts.Where(f => f.Qpv == QpvBasis.NotInQpv).ToList();
        var inQpv = facts.Where(f => f.Qpv is QpvBasis.Qpv or QpvBasis.ExZusAssimilated or QpvBasis.ExitedQpvAssimilated).ToList();
        var owing = facts.Where(f => f.Flux is FluxOrigin.Reservataire or FluxOrigin.BailleurNonReserved or FluxOrigin.ReturnedToBailleur).ToList();
        var expected = new Dictionary<string, (int Numerator, int Denominator)>
        {
            ["T1"] = (outside.Count(f => f.Relocation != Relocation.None || IsQ1(f) == true), outside.Count),
            ["T2"] = (inQpv.Count(f => IsQ1(f) == false), inQpv.Count),
            ["T3"] = (owing.Count(f => f.Dalo || f.PriorityCategory is not null), owing.Count),
            ["CIA_MUTATIONS"] = (facts.Count(f => f.Mutation), facts.Count),
            ["CIA_PRIORITAIRES"] = (facts.Count(f => f.Dalo || f.PriorityCategory is not null), facts.Count),
        };

        foreach (var (id, (numerator, denominator)) in expected)
        {
            Assert.Equal(numerator, report.Groups.Sum(g => g[id]!.Numerator));
            Assert.Equal(denominator, report.Groups.Sum(g => g[id]!.Denominator));
        }

        Assert.Equal(facts.Count(f => f.Qpv is null), report.Groups.Sum(g => g["T1"]!.Excluded));
        Assert.Equal(facts.Count(f => f.Flux is FluxOrigin.Prefet or FluxOrigin.WithdrawnFromFlux or FluxOrigin.Unknown), report.Groups.Sum(g => g["T3"]!.Excluded));
    }
}
