using System.Diagnostics;
using System.Globalization;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Replay" (issue 6, "Speed": a national year of vacancies through designation). France lets ≈ 420,000 dwellings a
/// year; each goes through the designation once: the réservataire opens the shortlist (<see cref="GetShortlist.Shown"/>
/// candidates) and designates, which checks the pool again for the three-candidate rule
/// (<see cref="ShortlistEngine.ScanAsync"/> asking for <c>MinimumCandidates</c>, as <see cref="DesignateCandidates"/>
/// does). This scenario replays those two reads for <c>--vacances</c> vacancies (default 42,000: a tenth of a national
/// year, ≈ 5 weeks) sampled like <see cref="ShortlistScenario"/> over the national registry, on two connections at a time
/// (one per core, as a server answering many désignataires at once), and reports the wall time, the throughput and the
/// national year it extrapolates to (linear: the vacancies are independent). The candidates are not written: the writes
/// of one designation (three rows, one event, one audit line) are measured by the feature tests, not here.
/// </summary>
internal sealed class ReplayScenario : IScenario
{
    /// <summary>Lettings in France in a year (RPLS/SNE, ≈ 420,000).</summary>
    public const int NationalYear = 420_000;

    public string Name => "replay";

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if (database.Provider != DatabaseProvider.Postgres)
        {
            Log.Line("replay : scénario écrit pour PostgreSQL");
            return new ScenarioResult([], true);
        }

        var vacancies = options.Vacancies ?? NationalYear / 10;
        List<ShortlistScenario.Sample> samples;
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            samples = await ShortlistScenario.SampleAsync(connection, vacancies, ct);
        }

        List<(Domain.Allocation.PreparedDwelling Dwelling, decimal?[] Ceilings)> prepared;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            prepared = await ShortlistScenario.PrepareAsync(scope.ServiceProvider.GetRequiredService<EquilibreDb>(), samples, ct);
        }

        var minimum = AllocationSettings.Default.Designation.MinimumCandidates;
        Log.Line($"{prepared.Count:N0} vacances tirées sur {samples.Select(s => s.Commune).Distinct().Count():N0} communes ; rejeu sur 2 connexions");
        var next = -1;
        var latencies = new double[prepared.Count];
        long shown = 0;
        long peak;
        var watch = Stopwatch.StartNew();
        using (var sampler = new MemorySampler())
        {
            async Task Worker()
            {
                await using var scope = database.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
                int i;
                while ((i = Interlocked.Increment(ref next)) < prepared.Count)
                {
                    var one = Stopwatch.StartNew();
                    var list = await ShortlistEngine.ScanAsync(db, prepared[i].Dwelling, null, GetShortlist.Shown, ct: ct);
                    await ShortlistEngine.ScanAsync(db, prepared[i].Dwelling, null, minimum, ct: ct);
                    latencies[i] = one.Elapsed.TotalMilliseconds;
                    Interlocked.Add(ref shown, list.Eligible.Count);
                    db.ChangeTracker.Clear();
                }
            }

            await Task.WhenAll(Worker(), Worker());
            peak = sampler.PeakBytes;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var perSecond = prepared.Count / seconds;
        var year = NationalYear / perSecond;
        var ms = latencies.ToList();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{prepared.Count:N0} vacances en {seconds:0.0} s ({perSecond:0} vacances/s ; par vacance p50 {ShortlistScenario.P(ms, 0.5):0.0} ms, p95 {ShortlistScenario.P(ms, 0.95):0.0} ms) ; une année nationale ({NationalYear:N0}) ≈ {year / 60:0.0} min");
        Log.Line(text);
        var row = new ResultRow(
            "rejeu d'une année de vacances par la désignation (liste de 50 puis contrôle des 3 candidats, 2 connexions) — " + text,
            database.Label, string.Create(CultureInfo.InvariantCulture, $"{options.Demands:N0} demandes, {prepared.Count:N0} vacances"),
            new Timings([seconds]), null, MemorySampler.Megabytes(peak) + " (processus)", "mesuré (pas d'objectif chiffré)", "mesuré");
        return new ScenarioResult([row], true);
    }
}
