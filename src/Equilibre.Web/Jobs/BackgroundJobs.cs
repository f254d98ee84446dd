using System.Collections.Concurrent;
using System.Threading.Channels;
using Equilibre.Features.Imports;

namespace Equilibre.Web.Jobs;

/// <summary>Status of a background job, shown on its page and polled by it (kept in memory; results are persisted by the job itself).</summary>
public sealed class JobStatus
{
    public Guid Id { get; } = Guid.NewGuid();
    public required string Title { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string Step { get; set; } = "en attente";
    public int Done { get; set; }
    public int Total { get; set; }
    public bool Finished { get; set; }
    public bool Failed { get; set; }
    public string? Message { get; set; }

    /// <summary>Where to read the result (an import report…), once finished.</summary>
    public string? ResultUrl { get; set; }
}

/// <summary>What a job returns: a French summary and where its result can be read.</summary>
public sealed record JobOutcome(string Message, string? ResultUrl, bool Failed = false);

/// <summary>
/// Runs long tasks (reference imports today; stock imports and recomputations later) one at a time outside the
/// request, each in its own service scope, reporting progress to its status. The web page of a job polls it.
/// </summary>
public sealed partial class BackgroundJobs(IServiceScopeFactory scopes, ILogger<BackgroundJobs> logger, TimeProvider clock) : BackgroundService
{
    private readonly Channel<(JobStatus Status, Func<IServiceProvider, IProgress<ImportProgress>, CancellationToken, Task<JobOutcome>> Work)> _queue =
        Channel.CreateUnbounded<(JobStatus, Func<IServiceProvider, IProgress<ImportProgress>, CancellationToken, Task<JobOutcome>>)>();

    private readonly ConcurrentDictionary<Guid, JobStatus> _jobs = new();

    public JobStatus Enqueue(string title, string? startedBy, Func<IServiceProvider, IProgress<ImportProgress>, CancellationToken, Task<JobOutcome>> work)
    {
        var status = new JobStatus { Title = title, StartedBy = startedBy, QueuedAt = clock.GetUtcNow() };
        _jobs[status.Id] = status;
        if (!_queue.Writer.TryWrite((status, work)))
        {
            throw new InvalidOperationException("la file des travaux est fermée");
        }

        return status;
    }

    public JobStatus? Get(Guid id) => _jobs.GetValueOrDefault(id);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (status, work) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            status.Step = "démarré";
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var progress = new Immediate(p =>
                {
                    status.Step = p.Step;
                    status.Done = p.Done;
                    status.Total = p.Total;
                });
                var outcome = await work(scope.ServiceProvider, progress, stoppingToken);
                (status.Message, status.ResultUrl, status.Failed) = (outcome.Message, outcome.ResultUrl, outcome.Failed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailure(logger, e, status.Title);
                status.Failed = true;
                status.Message = "Le travail a échoué : " + e.Message;
            }
            finally
            {
                status.Finished = true;
                status.FinishedAt = clock.GetUtcNow();
                status.Step = status.Failed ? "en échec" : "terminé";
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Travail « {Title} » en échec")]
    private static partial void LogFailure(ILogger logger, Exception exception, string title);

    private sealed class Immediate(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
