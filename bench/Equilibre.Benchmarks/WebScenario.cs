namespace Equilibre.Benchmarks;

/// <summary>
/// "Web": the web measures of the <c>national</c> scenario (start-up until <c>/health</c>, the targets dashboard page of
/// the EPCI with the most leases signed in over HTTP, the public key figures) on a database as it is, without
/// re-importing the national files: to measure a change of the web or of an index on a loaded national database.
/// </summary>
internal sealed class WebScenario : IScenario
{
    public string Name => "web";

    public Preparation Needs => Preparation.Migrated;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var rows = await NationalScenario.WebRowsAsync(database, ct);
        return new ScenarioResult(rows, rows.Count > 0);
    }
}
