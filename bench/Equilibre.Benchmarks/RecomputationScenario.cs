using System.Globalization;
using Equilibre.Domain.Targets;
using Equilibre.Features;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Organisations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Recalcul national complet" (issue 8's goal: &lt; 10 s): on the national dataset the <c>national</c> scenario loaded
/// (demands, leases, thresholds), what a night recomputes, in order: the Q1 thresholds of every EPCI
/// (<see cref="RecomputeQ1Thresholds"/>), the cotation of every active demand (<see cref="Features.Cotation.ScoreDemands"/>
/// on the next day, the 40-criterion grid of <see cref="CotationScenario"/> published for every EPCI), every target
/// indicator of the leases' year (leases read, then <see cref="TargetEngine"/> for every EPCI × bailleur ×
/// réservataire). Each run is the next night. Baseline in the same run: the three plain SQL statements of the
/// <c>q1</c>, <c>cotation</c> and <c>targets</c> scenarios, one after the other; after each night, Equilibre's
/// thresholds, stored scores, wishes and target figures are compared with theirs (the run fails on any difference).
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
        async Task<(double Q1, double Cotation, double Targets, string Detail)> Night(DateOnly day)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using (var scope = database.Services.CreateAsyncScope())
            {
                thresholds = await scope.ServiceProvider.GetRequiredService<RecomputeQ1Thresholds>().HandleAsync(new(2025), CurrentUser.CommandLine, ct);
            }

            var q1 = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var scored = await CotationScenario.ScoreAsync(database, day, ct);
            var cotation = watch.Elapsed.TotalSeconds;
            watch.Restart();
            int groups, leases;
            await using (var scope = database.Services.CreateAsyncScope())
            {
                var (facts, settings) = await TargetsScenario.ReadAsync(scope.ServiceProvider.GetRequiredService<EquilibreDb>(), period, ct);
                report = TargetsScenario.Compute(facts, period, settings);
                groups = report.Groups.Count;
                leases = facts.Count;
            }

            var targets = watch.Elapsed.TotalSeconds;
            return (q1, cotation, targets, string.Create(CultureInfo.InvariantCulture,
                $"{scored.Scored:N0} notes dont {scored.Changed:N0} écrites (remplacement : {scored.Replaced}) : lecture et notes {scored.ComputeSeconds:0.00} s dont notes {scored.ScoreSeconds:0.00} s, écriture {scored.WriteSeconds:0.00} s après la lecture ({scored.WrittenWhileReading:N0} notes écrites pendant la lecture) ; {leases:N0} baux {period.Label}, {groups:N0} groupes"));
        }

        // The three statements a user would write instead, their results kept: after each night, Equilibre's thresholds,
        // stored scores, wishes and target figures must equal them.
        var mismatches = 0L;
        async Task<double> Baseline(DateOnly day)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var q1 = await Q1ThresholdsScenario.BaselineAsync(connection, ct);
            await using (var command = new NpgsqlCommand(CotationScenario.BaselineSql(grid, day), connection) { CommandTimeout = 1800 })
            {
                await command.ExecuteNonQueryAsync(ct);
            }

            var targets = await TargetsScenario.BaselineAsync(connection, NationalStock.Millesime, ct);
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
                $"  échauffement, {day:dd/MM} : seuils Q1 {night.Q1:0.00} s, cotation {night.Cotation:0.00} s, objectifs {night.Targets:0.00} s ; {night.Detail}"));
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
                var night = await Night(day);
                totals.Add(night.Q1 + night.Cotation + night.Targets);
                parts.Add((night.Q1, night.Cotation, night.Targets));
                sql.Add(await Baseline(day));
                Log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  nuit du {day:dd/MM} : {totals[^1]:0.00} s (seuils Q1 {night.Q1:0.00} s, cotation {night.Cotation:0.00} s, objectifs {night.Targets:0.00} s ; {night.Detail}) ; SQL {sql[^1]:0.00} s"));
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
