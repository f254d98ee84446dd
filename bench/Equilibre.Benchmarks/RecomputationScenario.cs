using System.Globalization;
using Equilibre.Domain.Targets;
using Equilibre.Features;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Organisations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Recalcul national complet" (issue 8's goal: &lt; 10 s): on the national dataset the <c>national</c> scenario loaded
/// (demands, leases, thresholds), what a night recomputes, side by side on connections of their own: the Q1 thresholds
/// of every EPCI (<see cref="RecomputeQ1Thresholds"/>), the cotation of every active demand
/// (<see cref="Features.Cotation.ScoreDemands"/> on the next day, the 40-criterion grid of <see cref="CotationScenario"/>
/// published for every EPCI, the demands' columns kept in memory from one night to the next as in the web app), every
/// target indicator of the leases' year (leases read, then <see cref="TargetEngine"/> for every EPCI × bailleur ×
/// réservataire). Each run is the next night, after a day of changes (<see cref="CotationScenario.DayOfEditsAsync"/>).
/// Baseline in the same run: the three plain SQL statements of the <c>q1</c>, <c>cotation</c> and <c>targets</c>
/// scenarios, side by side too; after each night, Equilibre's thresholds, stored scores, wishes and target figures are
/// compared with theirs (the run fails on any difference).
/// </summary>
internal sealed class RecomputationScenario : IScenario
{
    public const double GoalSeconds = 10.0;

    public string Name => "recalcul";

    /// <summary>The database of the <c>national</c> scenario, as it left it.</summary>
    public Preparation Needs => Preparation.Reference;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if (database.Provider != DatabaseProvider.Postgres)
        {
            Log.Line("recalcul : scénario écrit pour PostgreSQL (base du scénario national, références SQL)");
            return new ScenarioResult([], true);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var grid = CotationScenario.Grid("000000000", new DateOnly(2026, 1, 1));
        await CotationScenario.PrepareAsync(database, connection, grid, ct);
        var period = TargetPeriod.Year(NationalStock.Millesime);

        RecomputeQ1Thresholds.Result? thresholds = null;
        TargetReport? report = null;
        async Task<(double Total, double Q1, double Cotation, double Targets, string Detail)> Night(DateOnly day)
        {
            static async Task<double> Timed(Func<Task> work)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await work();
                return watch.Elapsed.TotalSeconds;
            }

            var night = System.Diagnostics.Stopwatch.StartNew();
            ScoreDemands.Result? scored = null;
            int groups = 0, leases = 0;
            // Three independent recomputations, side by side on their own connections: the Q1 thresholds and the targets
            // use the processor the cotation's writing leaves idle.
            var q1 = Timed(async () =>
            {
                await using var scope = database.Services.CreateAsyncScope();
                thresholds = await scope.ServiceProvider.GetRequiredService<RecomputeQ1Thresholds>().HandleAsync(new(2025), CurrentUser.CommandLine, ct);
            });
            var cotation = Timed(async () => scored = await CotationScenario.ScoreAsync(database, options, day, ct));
            var targets = Timed(async () =>
            {
                await using var scope = database.Services.CreateAsyncScope();
                var (facts, settings) = await TargetsScenario.ReadAsync(scope.ServiceProvider.GetRequiredService<EquilibreDb>(), period, ct);
                report = TargetsScenario.Compute(facts, period, settings);
                groups = report.Groups.Count;
                leases = facts.Count;
            });
            await Task.WhenAll(q1, cotation, targets);
            return (night.Elapsed.TotalSeconds, await q1, await cotation, await targets, string.Create(CultureInfo.InvariantCulture,
                $"{scored!.Scored:N0} notes dont {scored.Changed:N0} écrites (remplacement : {scored.Replaced} ; {scored.FoundInMemory:N0} demandes prises en mémoire) : lecture et notes {scored.ComputeSeconds:0.00} s dont notes {scored.ScoreSeconds:0.00} s, écriture {scored.WriteSeconds:0.00} s après la lecture ({scored.WrittenWhileReading:N0} notes écrites pendant la lecture) ; {leases:N0} baux {period.Label}, {groups:N0} groupes"));
        }

        // The three statements a user would write instead, their results kept: after each night, Equilibre's thresholds,
        // stored scores, wishes and target figures must equal them.
        var mismatches = 0L;
        await using var second = new NpgsqlConnection(database.ConnectionString);
        await using var third = new NpgsqlConnection(database.ConnectionString);
        await second.OpenAsync(ct);
        await third.OpenAsync(ct);
        async Task<double> Baseline(DateOnly day)
        {
            // Side by side too, one connection each.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var q1Task = Q1ThresholdsScenario.BaselineAsync(second, ct);
            var targetsTask = TargetsScenario.BaselineAsync(third, NationalStock.Millesime, ct);
            await using (var command = new NpgsqlCommand(CotationScenario.BaselineSql(grid, day), connection) { CommandTimeout = 1800 })
            {
                await command.ExecuteNonQueryAsync(ct);
            }

            var (q1, targets) = (await q1Task, await targetsTask);
            var seconds = watch.Elapsed.TotalSeconds;
            var night = (Q1: Q1ThresholdsScenario.Compare(thresholds!, q1, postgres: true), Cotation: await CotationScenario.MismatchesAsync(connection, ct),
                Targets: TargetsScenario.Compare(report!, targets));
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  écarts avec la référence SQL : seuils Q1 {night.Q1}, notes et souhaits {night.Cotation}, objectifs {night.Targets}"));
            mismatches += night.Q1 + night.Cotation + night.Targets;
            return seconds;
        }

        Log.Line("échauffement (première cotation de la grille, puis une nuit)");
        var day = FrenchTime.Today(TimeProvider.System);
        foreach (var warm in new[] { day, day.AddDays(1) })
        {
            day = warm;
            var night = await Night(day);
            Log.Line(string.Create(CultureInfo.InvariantCulture,
                $"  échauffement, {day:dd/MM} : {night.Total:0.00} s, côte à côte : seuils Q1 {night.Q1:0.00} s, cotation {night.Cotation:0.00} s, objectifs {night.Targets:0.00} s ; {night.Detail}"));
        }

        await Baseline(day);
        var totals = new List<double>();
        var sql = new List<double>();
        var parts = new List<(double Q1, double Cotation, double Targets)>();
        long peak;
        using (var sampler = new MemorySampler())
        {
            for (var i = 0; i < options.Runs; i++)
            {
                day = day.AddDays(1);
                var edited = await CotationScenario.DayOfEditsAsync(connection, options, day, ct);
                var night = await Night(day);
                totals.Add(night.Total);
                parts.Add((night.Q1, night.Cotation, night.Targets));
                sql.Add(await Baseline(day));
                Log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  nuit du {day:dd/MM}, après {edited:N0} demandes modifiées dans la journée : {totals[^1]:0.00} s (côte à côte : seuils Q1 {night.Q1:0.00} s, cotation {night.Cotation:0.00} s, objectifs {night.Targets:0.00} s ; {night.Detail}) ; SQL {sql[^1]:0.00} s"));
            }

            peak = sampler.PeakBytes;
        }

        double Median(Func<(double Q1, double Cotation, double Targets), double> part) => new Timings([.. parts.Select(part)]).Median;
        var timings = new Timings(totals);
        var data = string.Create(CultureInfo.InvariantCulture,
            $"base nationale ; médianes : seuils Q1 {Median(p => p.Q1):0.00} s, cotation {Median(p => p.Cotation):0.00} s, objectifs (lecture des baux comprise) {Median(p => p.Targets):0.00} s");
        return new ScenarioResult(
        [
            new ResultRow("recalcul national complet d'une nuit (seuils Q1, cotation de la nuit, tous les indicateurs d'objectifs de l'année)", database.Label, data, timings,
                new Timings(sql), MemorySampler.Megabytes(peak) + " (processus)", string.Create(CultureInfo.InvariantCulture, $"< {GoalSeconds:0} s"),
                timings.Median < GoalSeconds ? "oui" : "non"),
        ], mismatches == 0);
    }
}
