using System.Globalization;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Recalcul des seuils Q1": <see cref="RecomputeQ1Thresholds"/> for 2025 as the nationwide command-line operator,
/// each run in a fresh DI scope, after one warm-up run; on PostgreSQL, in the same process and interleaved with it,
/// the SQL a user would write (<c>percentile_disc(0.25)</c> per EPCI), with the server's settings and tuned for it
/// (<c>work_mem</c> 256 MB so the sort stays in memory, JIT off). Equilibre's value and count must equal the baseline's for every EPCI, or the scenario fails.
/// </summary>
internal sealed class Q1ThresholdsScenario : IScenario
{
    public const double GoalSeconds = 2.0;

    public const string BaselineSql = """
        SELECT "EpciSiren", percentile_disc(0.25) WITHIN GROUP (ORDER BY "AnnualResourcesPerUc"), count(*)
        FROM "Demands"
        WHERE "RegisteredOn" <= '2025-12-31' AND "ExpiresOn" > '2025-12-31'
          AND ("RadiatedOn" IS NULL OR "RadiatedOn" > '2025-12-31')
          AND "AnnualResourcesPerUc" IS NOT NULL AND "EpciSiren" IS NOT NULL
        GROUP BY "EpciSiren"
        """;

    public string Name => "q1";

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var postgres = database.Provider == DatabaseProvider.Postgres;
        await using var connection = postgres ? new NpgsqlConnection(database.ConnectionString) : null;
        if (connection is not null)
        {
            await connection.OpenAsync(ct);
        }

        async Task<Dictionary<string, (decimal Value, long Count)>> Baseline(bool tuned)
        {
            await using (var set = new NpgsqlCommand(tuned ? "SET work_mem = '256MB'; SET jit = off" : "RESET work_mem; RESET jit", connection))
            {
                await set.ExecuteNonQueryAsync(ct);
            }

            return await BaselineAsync(connection!, ct);
        }

        async Task<RecomputeQ1Thresholds.Result> Equilibre()
        {
            await using var scope = database.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RecomputeQ1Thresholds>().HandleAsync(new(2025), CurrentUser.CommandLine, ct);
        }

        // Warm-up: JIT, EF model and query compilation, connection pools, the table in the OS and PostgreSQL caches.
        Log.Line("échauffement");
        var result = await Equilibre();
        var settings = "";
        var baseline = new Dictionary<string, (decimal Value, long Count)>();
        if (connection is not null)
        {
            await using (var show = new NpgsqlCommand("SELECT 'work_mem ' || current_setting('work_mem') || ', jit ' || current_setting('jit')", connection))
            {
                settings = (string)(await show.ExecuteScalarAsync(ct))!;
            }

            baseline = await Baseline(false);
            await Baseline(true);
        }

        var mismatches = Compare(result, baseline, postgres);
        var equilibre = new List<double>();
        var sqlDefault = new List<double>();
        var sqlLarge = new List<double>();
        var allocated = new List<long>();
        var cpu = new List<double>();
        long peak;
        var demands = result.Rows.Sum(r => (long)r.Demands);
        using (var sampler = new MemorySampler())
        {
            for (var i = 0; i < options.Runs; i++)
            {
                var before = GC.GetTotalAllocatedBytes(true);
                var cpuBefore = Environment.CpuUsage.TotalTime;
                equilibre.Add(await MemorySampler.TimeAsync(async () => result = await Equilibre()));
                cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds);
                allocated.Add(GC.GetTotalAllocatedBytes(true) - before);
                if (connection is not null)
                {
                    sqlDefault.Add(await MemorySampler.TimeAsync(() => Baseline(false)));
                    sqlLarge.Add(await MemorySampler.TimeAsync(() => Baseline(true)));
                }

                var sql = connection is null ? "" : string.Create(CultureInfo.InvariantCulture, $", SQL ({settings}) {sqlDefault[^1]:0.000} s, SQL (work_mem 256MB, jit off) {sqlLarge[^1]:0.000} s");
                Log.Line(string.Create(CultureInfo.InvariantCulture, $"  essai {i + 1} : Equilibre {equilibre[^1]:0.000} s (CPU du processus {cpu[^1]:0.000} s){sql}"));
            }

            peak = sampler.PeakBytes;
        }

        mismatches += Compare(result, baseline, postgres);
        var data = string.Create(CultureInfo.InvariantCulture, $"{options.Demands:N0} demandes, {demands:N0} actives au 31/12/2025 aux ressources connues, {result.Rows.Count:N0} EPCI");
        var memory = string.Create(CultureInfo.InvariantCulture,
            $"{MemorySampler.Megabytes(peak)} (processus), {allocated.Average() / 1024 / 1024:0} Mo alloués et {cpu.Order().ElementAt(cpu.Count / 2):0.00} s de CPU par calcul");
        var timings = new Timings(equilibre);
        var met = options.Demands < BenchOptions.NationalDemands ? "— (échelle réduite)" : timings.Median < GoalSeconds ? "oui" : "non";
        var goal = string.Create(CultureInfo.InvariantCulture, $"< {GoalSeconds:0} s (2,7 M demandes)");
        Log.Line($"Equilibre : {timings.All()} ; mémoire {memory} ; écarts avec la référence : {mismatches}");
        var title = "recalcul des seuils Q1 de tous les EPCI";
        List<ResultRow> rows = connection is null
            ? [new ResultRow(title, database.Label, data, timings, null, memory, goal, met)]
            :
            [
                new ResultRow($"{title} (référence : réglages du serveur, {settings})", database.Label, data, timings, new Timings(sqlDefault), memory, goal, met),
                new ResultRow($"{title} (référence réglée : work_mem 256MB, jit off)", database.Label, data, timings, new Timings(sqlLarge), memory, goal, met),
            ];
        return new ScenarioResult(rows, mismatches == 0 && result.Rows.Count > 0);
    }

    /// <summary>The baseline's first quartile and number of demands per EPCI.</summary>
    internal static async Task<Dictionary<string, (decimal Value, long Count)>> BaselineAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(BaselineSql, connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new Dictionary<string, (decimal, long)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            values[reader.GetString(0)] = (reader.GetDecimal(1), reader.GetInt64(2));
        }

        return values;
    }

    /// <summary>Equilibre's rows against the baseline's: same EPCI, same count, same value (values under 11 demands are hidden).</summary>
    internal static int Compare(RecomputeQ1Thresholds.Result result, Dictionary<string, (decimal Value, long Count)> baseline, bool postgres)
    {
        if (!postgres)
        {
            return 0;
        }

        var mismatches = 0;
        void Mismatch(string text)
        {
            if (++mismatches <= 20)
            {
                Log.Line("  ÉCART " + text);
            }
        }

        foreach (var row in result.Rows)
        {
            if (!baseline.TryGetValue(row.EpciSiren, out var expected))
            {
                Mismatch($"{row.EpciSiren} : absent de la référence");
            }
            else if (expected.Count != row.Demands || (row.Demands >= RecomputeQ1Thresholds.MinimumDemands && row.Local != expected.Value))
            {
                Mismatch(string.Create(CultureInfo.InvariantCulture, $"{row.EpciSiren} : Equilibre {row.Local} sur {row.Demands}, référence {expected.Value} sur {expected.Count}"));
            }
        }

        foreach (var siren in baseline.Keys.Except(result.Rows.Select(r => r.EpciSiren)))
        {
            Mismatch($"{siren} : absent d'Equilibre");
        }

        return mismatches;
    }
}
