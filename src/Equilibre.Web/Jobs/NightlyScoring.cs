using System.Globalization;
using Equilibre.Features;
using Equilibre.Features.Cotation;
using Equilibre.Features.Imports;

namespace Equilibre.Web.Jobs;

/// <summary>
/// The night's national cotation (<see cref="ScoreDemands"/> for every territory): the scores move with seniority, so
/// every night at <c>Cotation:HeureDuRecalcul</c> (French time, 02:00 by default) the batch is queued on
/// <see cref="BackgroundJobs"/>, after any import in progress. The web app is the long-lived process that keeps the active
/// demands' cotation columns between nights (<see cref="CotationFactsCache"/>, PostgreSQL): its first night after start-up
/// reads every demand, the next ones only those written since (docs/performance.md). <c>Cotation:RecalculNocturne</c> =
/// false turns it off (the command line's <c>cotation calculer</c> is then scheduled instead).
/// </summary>
public sealed partial class NightlyScoring(BackgroundJobs jobs, IConfiguration configuration, ILogger<NightlyScoring> logger, TimeProvider clock) : BackgroundService
{
    public const string Title = "Recalcul nocturne des notes de cotation";

    /// <summary>Queues the national batch now; the job's status carries its French summary once done.</summary>
    public JobStatus Enqueue() => jobs.Enqueue(Title, null, async (services, progress, ct) =>
    {
        progress.Report(new ImportProgress("cotation de toutes les demandes actives", 0, 0));
        var result = await services.GetRequiredService<ScoreDemands>().RunAsync(null, ct);
        LogDone(logger, result.Summary, result.ComputeSeconds + result.WriteSeconds, result.FoundInMemory);
        return new JobOutcome(result.Summary, null);
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Cotation:RecalculNocturne", true))
        {
            return;
        }

        var setting = configuration["Cotation:HeureDuRecalcul"] ?? "02:00";
        if (!TimeOnly.TryParseExact(setting, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new InvalidOperationException($"Cotation:HeureDuRecalcul « {setting} » : heure au format HH:mm attendue (par exemple 02:00)");
        }

        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                await Task.Delay(FrenchTime.NextAt(at, now) - now, clock, stoppingToken);
                Enqueue();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recalcul nocturne des notes : {Summary} ({Seconds:0.0} s ; {FromMemory} demandes inchangées prises en mémoire)")]
    private static partial void LogDone(ILogger logger, string summary, double seconds, long fromMemory);
}
