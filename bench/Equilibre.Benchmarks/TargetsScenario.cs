using System.Diagnostics;
using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Objectifs" (issue 7): a national year of leases (≈420,000 at scale 1, 2025), generated here when the bench
/// database has none — 1,250 synthetic EPCI with a 2025 Q1 threshold each, 30 communes per EPCI, 500 bailleurs,
/// 300 réservataires, deterministic draws of flux, QPV, resources, DALO, priority, mutation and relocation. The
/// leases are loaded with <see cref="IBulkLoader"/>; they are ended (<c>EndedOn</c> set) so that they may share the one
/// synthetic dwelling and demand their keys need without breaking the "one active lease" indexes. Measured:
/// (1) <see cref="TargetEngine"/> with T1, T2, T3 for every EPCI × bailleur × réservataire, every group's indicators
/// read (goal &lt; 1 s), beside the same numerators and denominators as one PostgreSQL GROUP BY over the Leases table
/// (the figures must be equal, group by group); (2) the dashboard handler for one EPCI, p95 over 40 calls on
/// different EPCI (goal &lt; 300 ms).
/// </summary>
internal sealed class TargetsScenario : IScenario
{
    public const int NationalLeases = 420_000;
    public const double EngineGoalSeconds = 1.0;
    public const double DashboardGoalMilliseconds = 300;
    private const string Marker = "banc d'essai objectifs";
    private const int Epcis = 1250;

    public static string BaselineSql(int year) => BaselineTemplate.Replace("2025", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    // The thresholds are grouped per EPCI: the arrêté lists an EPCI spanning two départements once per département
    // (111 EPCIs, same amount), and a plain join counted their leases twice (found by the recalcul scenario's check).
    private const string BaselineTemplate = """
        SELECT l."EpciSiren", l."BailleurId",
               CASE WHEN l."Flux" IN ('Prefet', 'Reservataire') THEN COALESCE(l."ReservataireOrganisationId"::text, 'PREFET')
                    WHEN l."Flux" IN ('BailleurNonReserved', 'ReturnedToBailleur') THEN '@flux-propre'
                    WHEN l."Flux" = 'WithdrawnFromFlux' THEN '@hors-flux' END AS reservataire,
               count(*) FILTER (WHERE l."Qpv" = 'NotInQpv') AS t1_den,
               count(*) FILTER (WHERE l."Qpv" = 'NotInQpv' AND (l."Relocation" <> 'None' OR q.q1 IS TRUE)) AS t1_num,
               count(*) FILTER (WHERE l."Qpv" IN ('Qpv', 'ExZusAssimilated', 'ExitedQpvAssimilated')) AS t2_den,
               count(*) FILTER (WHERE l."Qpv" IN ('Qpv', 'ExZusAssimilated', 'ExitedQpvAssimilated') AND q.q1 IS FALSE) AS t2_num,
               count(*) FILTER (WHERE l."Flux" IN ('Reservataire', 'BailleurNonReserved', 'ReturnedToBailleur')) AS t3_den,
               count(*) FILTER (WHERE l."Flux" IN ('Reservataire', 'BailleurNonReserved', 'ReturnedToBailleur') AND (l."Dalo" OR l."PriorityCategory" IS NOT NULL)) AS t3_num
        FROM "Leases" l
        LEFT JOIN (SELECT "EpciSiren", min("AmountPerUcPerYear") AS "AmountPerUcPerYear" FROM "Q1Thresholds" WHERE "Year" = 2025 GROUP BY 1) t
               ON t."EpciSiren" = l."EpciSiren"
        CROSS JOIN LATERAL (SELECT CASE WHEN l."AnnualResourcesPerUc" IS NOT NULL AND t."AmountPerUcPerYear" IS NOT NULL
                                        THEN l."AnnualResourcesPerUc" < t."AmountPerUcPerYear" ELSE l."IsQ1" END AS q1) q
        WHERE l."SignedOn" BETWEEN '2025-01-01' AND '2025-12-31'
        GROUP BY 1, 2, 3
        """;

    public string Name => "targets";

    public Preparation Needs => Preparation.Migrated;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var count = (int)Math.Round(NationalLeases * options.Scale);
        await GenerateAsync(database, count, ct);

        var period = TargetPeriod.Year(2025);
        List<AllocationFact> facts;
        TargetSettings settings;
        var read = Stopwatch.StartNew();
        await using (var scope = database.Services.CreateAsyncScope())
        {
            (facts, settings) = await ReadAsync(scope.ServiceProvider.GetRequiredService<EquilibreDb>(), period, ct);
        }

        var readSeconds = read.Elapsed.TotalSeconds;
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"{facts.Count:N0} baux lus en {readSeconds:0.00} s"));

        TargetReport Engine() => Compute(facts, period, settings);

        var postgres = database.Provider == DatabaseProvider.Postgres;
        await using var connection = postgres ? new NpgsqlConnection(database.ConnectionString) : null;
        if (connection is not null)
        {
            await connection.OpenAsync(ct);
        }

        async Task<Dictionary<string, long[]>> Baseline() => await BaselineAsync(connection!, 2025, ct);

        Log.Line("échauffement");
        var result = Engine();
        var baseline = connection is null ? [] : await Baseline();
        var mismatches = connection is null ? 0 : Compare(result, baseline);
        var engine = new List<double>();
        var sql = new List<double>();
        long peak;
        using (var sampler = new MemorySampler())
        {
            for (var i = 0; i < options.Runs; i++)
            {
                engine.Add(await MemorySampler.TimeAsync(() =>
                {
                    result = Engine();
                    return Task.CompletedTask;
                }));
                if (connection is not null)
                {
                    sql.Add(await MemorySampler.TimeAsync(async () => baseline = await Baseline()));
                }

                Log.Line(string.Create(CultureInfo.InvariantCulture, $"  essai {i + 1} : moteur {engine[^1]:0.000} s{(connection is null ? "" : $", SQL GROUP BY {sql[^1]:0.000} s")}, {result.Groups.Count:N0} groupes"));
            }

            peak = sampler.PeakBytes;
        }

        // Dashboard handler: one EPCI, year 2025, as the nationwide operator (the handler reads that EPCI's leases of 2024–2025).
        var epcis = facts.Select(f => f.EpciSiren).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var calls = new List<double>();
        for (var i = 0; i < 45; i++)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<GetTargetsDashboard>();
            var epci = epcis[(i * 97) % epcis.Count];
            var watch = Stopwatch.StartNew();
            await handler.HandleAsync(new GetTargetsDashboard.Request(TargetView.Epci, period, new TargetFilter(epci), [GroupDimension.Bailleur]), CurrentUser.CommandLine, ct);
            if (i >= 5)
            {
                calls.Add(watch.Elapsed.TotalSeconds);
            }
        }

        var sorted = calls.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"tableau de bord d'un EPCI : médiane {sorted[sorted.Count / 2] * 1000:0} ms, p95 {p95 * 1000:0} ms ; écarts avec la référence : {mismatches}"));

        // Flux bilans (R441-5-1, ExportFluxBilan): the XLSX of the ten bailleurs with the most leases, year 2025.
        var bailleurs = facts.GroupBy(f => f.BailleurId, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(10)
            .Select(g => (Id: long.Parse(g.Key, CultureInfo.InvariantCulture), Leases: g.Count())).ToList();
        var bilans = new List<double>();
        foreach (var (id, _) in bailleurs)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<ExportFluxBilan>();
            var watch = Stopwatch.StartNew();
            var document = await export.XlsxAsync(new ExportFluxBilan.Request(id, 2025), CurrentUser.CommandLine, ct);
            bilans.Add(watch.Elapsed.TotalSeconds);
            if (document.Content is null)
            {
                Log.Line($"bilan de flux du bailleur {id} refusé : {document.Error}");
            }
        }

        Log.Line(string.Create(CultureInfo.InvariantCulture, $"bilans de flux (XLSX) des 10 plus gros bailleurs : médiane {bilans.Order().ElementAt(bilans.Count / 2):0.00} s, max {bilans.Max():0.00} s"));

        var data = string.Create(CultureInfo.InvariantCulture, $"{facts.Count:N0} baux 2025, {result.Groups.Count:N0} groupes EPCI × bailleur × réservataire (lecture des baux {readSeconds:0.0} s en plus)");
        var memory = MemorySampler.Megabytes(peak) + " (processus)";
        var full = count >= NationalLeases;
        var engineTimings = new Timings(engine);
        List<ResultRow> rows =
        [
            new ResultRow("objectifs T1, T2, T3 pour chaque EPCI × bailleur × réservataire (moteur, faits en mémoire)" + (connection is null ? "" : " ; référence : un GROUP BY PostgreSQL"),
                database.Label, data, engineTimings, connection is null ? null : new Timings(sql), memory,
                string.Create(CultureInfo.InvariantCulture, $"< {EngineGoalSeconds:0} s"), !full ? "— (échelle réduite)" : engineTimings.Median < EngineGoalSeconds ? "oui" : "non"),
            new ResultRow("tableau de bord d'un EPCI (handler, lecture comprise), p95 sur 40 appels", database.Label,
                string.Create(CultureInfo.InvariantCulture, $"{epcis.Count:N0} EPCI, ≈ {facts.Count / Math.Max(1, epcis.Count):N0} baux par EPCI et par an"),
                new Timings([p95, p95]), null, "—", string.Create(CultureInfo.InvariantCulture, $"p95 < {DashboardGoalMilliseconds:0} ms"),
                !full ? "— (échelle réduite)" : p95 * 1000 < DashboardGoalMilliseconds ? "oui" : "non"),
            new ResultRow("bilan de flux annuel d'un bailleur (R441-5-1, XLSX), les 10 plus gros bailleurs", database.Label,
                string.Create(CultureInfo.InvariantCulture, $"{bailleurs.Min(b => b.Leases):N0} à {bailleurs.Max(b => b.Leases):N0} baux par bailleur"),
                new Timings(bilans), null, "—", "—", "mesuré"),
        ];
        return new ScenarioResult(rows, mismatches == 0 && result.Groups.Count > 0);
    }

    /// <summary>The leases signed in the period as the engine's facts, and the settings the engine reads (thresholds, rates).</summary>
    internal static async Task<(List<AllocationFact> Facts, TargetSettings Settings)> ReadAsync(EquilibreDb db, TargetPeriod period, CancellationToken ct) =>
        (await db.Leases.SignedBetween(period.From, period.To).ToFactsAsync(db, ct),
         await TargetsQuery.SettingsAsync(db, TargetsSettings.Default, new QpvRuleSettings(null, "banc d'essai"), ct));

    /// <summary>T1, T2, T3 for every EPCI × bailleur × réservataire, every group's indicators and quality read.</summary>
    internal static TargetReport Compute(List<AllocationFact> facts, TargetPeriod period, TargetSettings settings)
    {
        var report = TargetEngine.Compute(facts, StatutoryTargets.All, TargetGrouping.By(GroupDimension.Epci, GroupDimension.Bailleur, GroupDimension.Reservataire), period, settings);
        foreach (var g in report.Groups)
        {
            _ = g.Indicators;
            _ = g.Quality;
        }

        return report;
    }

    /// <summary>The GROUP BY of the year: T1, T2, T3 denominators and numerators per EPCI × bailleur × réservataire.</summary>
    internal static async Task<Dictionary<string, long[]>> BaselineAsync(NpgsqlConnection connection, int year, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(BaselineSql(year), connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new Dictionary<string, long[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var key = $"{reader.GetString(0)}|{reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)}|{(reader.IsDBNull(2) ? "~" : reader.GetString(2))}";
            values[key] = [.. Enumerable.Range(3, 6).Select(reader.GetInt64)];
        }

        return values;
    }

    /// <summary>Equilibre's numerators and denominators against the GROUP BY's, group by group.</summary>
    internal static int Compare(TargetReport report, Dictionary<string, long[]> baseline)
    {
        var mismatches = 0;
        foreach (var g in report.Groups)
        {
            var key = $"{g.Key.Values[0]}|{g.Key.Values[1]}|{g.Key.Values[2] ?? "~"}";
            long[] mine = [g["T1"]!.Denominator, g["T1"]!.Numerator, g["T2"]!.Denominator, g["T2"]!.Numerator, g["T3"]!.Denominator, g["T3"]!.Numerator];
            if (!baseline.TryGetValue(key, out var expected) || !mine.SequenceEqual(expected))
            {
                if (++mismatches <= 20)
                {
                    Log.Line($"  ÉCART {key} : Equilibre {string.Join(",", mine)}, référence {(expected is null ? "absent" : string.Join(",", expected))}");
                }
            }
        }

        return mismatches + Math.Max(0, baseline.Count - report.Groups.Count);
    }

    /// <summary>The synthetic year, unless the database already holds exactly <paramref name="count"/> bench leases.</summary>
    private static async Task GenerateAsync(BenchDatabase database, int count, CancellationToken ct)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        var existing = await db.Leases.CountAsync(l => l.SignedBy == Marker, ct);
        if (existing == count)
        {
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"la base contient déjà {existing:N0} baux du banc d'essai : réutilisés"));
            return;
        }

        var watch = Stopwatch.StartNew();
        await db.Leases.Where(l => l.SignedBy == Marker).ExecuteDeleteAsync(ct);
        var epcis = Enumerable.Range(0, Epcis).Select(i => string.Create(CultureInfo.InvariantCulture, $"29{i:D7}")).ToList();
        if (!await db.Q1Thresholds.AnyAsync(t => t.Source == Marker, ct))
        {
            db.Q1Thresholds.AddRange(epcis.Select((e, i) => new Q1ThresholdEntry
            {
                Year = 2025,
                RegionName = "banc",
                DepartementCode = "99",
                DepartementName = "banc",
                PublishedEpciName = e,
                EpciSiren = e,
                AmountPerUcPerYear = 8000 + (i % 40 * 100),
                MatchExplanation = Marker,
                Source = Marker,
            }));
        }

        var bailleurs = await db.Bailleurs.Where(b => b.Name.StartsWith("Banc ")).Select(b => b.Id).ToListAsync(ct);
        if (bailleurs.Count == 0)
        {
            var rows = Enumerable.Range(0, 500).Select(i => new Bailleur { Siren = string.Create(CultureInfo.InvariantCulture, $"98{i:D7}"), Name = string.Create(CultureInfo.InvariantCulture, $"Banc bailleur {i}") }).ToList();
            db.Bailleurs.AddRange(rows);
            await db.SaveChangesAsync(ct);
            bailleurs = [.. rows.Select(b => b.Id)];
        }

        var residence = await db.Residences.FirstOrDefaultAsync(r => r.AddressKey == Marker, ct);
        if (residence is null)
        {
            residence = new Residence { AddressKey = Marker, CommuneCode = "99999" };
            db.Residences.Add(residence);
            await db.SaveChangesAsync(ct);
        }

        var dwelling = await db.Dwellings.FirstOrDefaultAsync(d => d.RplsId == "BANC-OBJECTIFS", ct);
        if (dwelling is null)
        {
            dwelling = new Dwelling { RplsId = "BANC-OBJECTIFS", ResidenceId = residence.Id, FirstMillesime = 2025 };
            db.Dwellings.Add(dwelling);
        }

        var demand = await db.Demands.FirstOrDefaultAsync(d => d.Numero == "BANC-OBJECTIFS", ct);
        if (demand is null)
        {
            demand = new Demand { Numero = "BANC-OBJECTIFS", ApplicantName = Marker, SearchName = Marker, Typologies = "T3", PriorityCodes = "", Content = "{}" };
            db.Demands.Add(demand);
        }

        await db.SaveChangesAsync(ct);
        var random = new Random(20251231);
        var year = new DateOnly(2025, 1, 1);
        IEnumerable<Lease> Leases()
        {
            for (var i = 0; i < count; i++)
            {
                // Leases per EPCI follow a long tail (a few metropolises, many small EPCI), like the national stock.
                var e = (int)(Epcis * Math.Pow(random.NextDouble(), 2.2));
                var epci = epcis[Math.Min(e, Epcis - 1)];
                var draw = random.Next(100);
                var flux = draw switch
                {
                    < 25 => FluxOrigin.Prefet,
                    < 60 => FluxOrigin.Reservataire,
                    < 88 => FluxOrigin.BailleurNonReserved,
                    < 92 => FluxOrigin.ReturnedToBailleur,
                    < 98 => FluxOrigin.WithdrawnFromFlux,
                    _ => FluxOrigin.Unknown,
                };
                var qpv = random.Next(100) switch { < 22 => QpvBasis.Qpv, < 24 => QpvBasis.ExZusAssimilated, < 99 => QpvBasis.NotInQpv, _ => (QpvBasis?)null };
                var signed = year.AddDays(random.Next(365));
                yield return new Lease
                {
                    DwellingId = dwelling.Id,
                    DemandId = demand.Id,
                    BailleurId = bailleurs[(e * 7 + random.Next(6)) % bailleurs.Count],
                    SignedOn = signed,
                    StartsOn = signed,
                    EndedOn = new DateOnly(2099, 12, 31),
                    Flux = flux,
                    ReservataireOrganisationId = flux switch
                    {
                        FluxOrigin.Prefet => 900_000 + (e % 100),
                        FluxOrigin.Reservataire => 910_000 + random.Next(200),
                        _ => null,
                    },
                    EpciSiren = epci,
                    CommuneCode = string.Create(CultureInfo.InvariantCulture, $"{e % 95 + 1:D2}{random.Next(30):D3}"),
                    DepartementCode = string.Create(CultureInfo.InvariantCulture, $"{e % 95 + 1:D2}"),
                    Rooms = 1 + random.Next(5),
                    Financing = (FinancingFamily)random.Next(4),
                    ConstructionYear = 1950 + random.Next(75),
                    Qpv = qpv,
                    AnnualResourcesPerUc = random.Next(100) < 3 ? null : random.Next(2000, 40000),
                    IsQ1 = random.Next(100) < 50 ? null : random.Next(100) < 30,
                    Dalo = random.Next(100) < 8,
                    PriorityCategory = random.Next(100) < 22 ? "a" : null,
                    Mutation = random.Next(100) < 15,
                    Relocation = random.Next(1000) switch { < 15 => Relocation.Anru, < 18 => Relocation.Orcod, _ => Relocation.None },
                    Imported = true,
                    SignedBy = Marker,
                };
            }
        }

        var loader = scope.ServiceProvider.GetRequiredService<IBulkLoader>();
        await loader.LoadAsync<Lease, Lease>(db, BulkColumns.Of<Lease>(db, withGeneratedKey: false), Leases(), ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Leases\"", ct);
        }

        Log.Line(string.Create(CultureInfo.InvariantCulture, $"{count:N0} baux générés en {watch.Elapsed.TotalSeconds:0.0} s"));
    }
}
