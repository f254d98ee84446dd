using System.Diagnostics;
using System.Globalization;

namespace Equilibre.Benchmarks;

/// <summary>A measured scenario: runs on a prepared database and returns its rows of the table.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>What the database must hold before the scenario runs (most need the reference data and the generated demands).</summary>
    Preparation Needs => Preparation.Demands;

    Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default);
}

/// <summary>How far <see cref="BenchDatabase.PrepareAsync"/> prepares a database: migrated; plus the reference data; plus the generated demands.</summary>
internal enum Preparation
{
    Migrated,
    Reference,
    Demands,
}

internal sealed record ScenarioResult(IReadOnlyList<ResultRow> Rows, bool Succeeded);

/// <summary>Only prepares the database (run separately so that a measuring process starts without the generator's memory).</summary>
internal sealed class PrepareScenario : IScenario
{
    public string Name => "prepare";

    public Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default) =>
        Task.FromResult(new ScenarioResult([], true));
}

/// <summary>Wall times of repeated runs, in seconds.</summary>
internal sealed record Timings(IReadOnlyList<double> Seconds)
{
    public double Min => Seconds.Min();

    public double Median
    {
        get
        {
            var sorted = Seconds.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Min:0.00} s / {Median:0.00} s");

    public string All() => string.Join(" ", Seconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)));
}

/// <summary>One row of the table of docs/performance.md.</summary>
internal sealed record ResultRow(string Scenario, string Database, string Data, Timings Equilibre, Timings? Baseline, string Memory, string Goal, string Met)
{
    public const string Header = "| scénario | base | données | Equilibre (min / médiane) | référence SQL (min / médiane) | ratio (médianes) | mémoire max | objectif | atteint ? |\n|---|---|---|---|---|---|---|---|---|";

    public string ToMarkdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Database} | {Data} | {Equilibre.Describe()} | {Baseline?.Describe() ?? "—"} | {(Baseline is null ? "—" : (Equilibre.Median / Baseline.Median).ToString("0.00", CultureInfo.InvariantCulture))} | {Memory} | {Goal} | {Met} |");
}

/// <summary>Peak working set of the process while an action runs, sampled every 5 ms.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _peak;

    public MemorySampler()
    {
        _peak = Environment.WorkingSet;
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var current = Environment.WorkingSet;
                if (current > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, current);
                }

                Thread.Sleep(5);
            }
        })
        { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0} Mo");

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }
}
