using System.Diagnostics;
using System.Globalization;
using Equilibre.Domain.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Notes en mémoire": the cotation's scoring alone, without the database — the columns of every active demand read
/// once (not timed), then the facts built and scored under the grids in force, on one core and on every core. The floor
/// of any batch that reads the demands, and the cost a night would pay with the demands' facts resident in memory
/// (docs/performance.md, "The night on 2 cores"). Needs the grids the <c>recalcul</c> scenario publishes.
/// </summary>
internal sealed class ScoringScenario : IScenario
{
    public string Name => "notes";

    public Preparation Needs => Preparation.Reference;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var day = Features.FrenchTime.Today(TimeProvider.System);
        List<CotationRow> rows;
        Dictionary<string, TerritoryGrids> grids;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            grids = await DemandScoring.InForceAsync(db, null, day, ct);
            rows = await db.Demands.AsNoTracking().Where(d => d.Status == DemandStatus.Active && d.EpciSiren != null).Select(DemandScoring.Row).ToListAsync(ct);
        }

        Log.Line(string.Create(CultureInfo.InvariantCulture, $"{rows.Count:N0} demandes actives lues, {grids.Count:N0} territoires ayant une grille"));
        var settings = database.Services.GetRequiredService<CotationSettings>();
        var sink = new double[rows.Count];
        void One(int i, CodeSets sets)
        {
            var row = rows[i];
            var grid = grids.TryGetValue(row.EpciSiren!, out var g) ? g.For(row.IsMutation) : null;
            sink[i] = grid is null ? -1 : DemandScoring.Rounded(grid.Total(DemandScoring.Facts(row, day, settings, sets)));
        }

        var single = new List<double>();
        var parallel = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var sets = new CodeSets();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < rows.Count; i++)
            {
                One(i, sets);
            }

            single.Add(watch.Elapsed.TotalSeconds);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Restart();
            Parallel.For(0, rows.Count, i => One(i, sets));
            parallel.Add(watch.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
            Log.Line(string.Create(CultureInfo.InvariantCulture,
                $"  essai {run + 1} : un cœur {single[^1]:0.00} s ({1e6 * single[^1] / rows.Count:0.00} µs par demande), tous les cœurs {parallel[^1]:0.00} s ({cpu[^1]:0.00} s de processeur)"));
        }

        var data = string.Create(CultureInfo.InvariantCulture, $"{rows.Count:N0} demandes actives en mémoire, grille de 40 critères ; un cœur {new Timings(single).Describe()}");
        return new ScenarioResult(
        [
            new ResultRow("notation seule en mémoire (faits + grille, tous les cœurs, sans lecture ni écriture)", database.Label, data, new Timings(parallel), null, "—", "—", "mesuré"),
        ], sink.Any(s => s >= 0));
    }
}
