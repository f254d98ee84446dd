using Equilibre.Features.Allocation;
using Equilibre.Features.Organisations;

namespace Equilibre.Web.Jobs;

/// <summary>
/// The daily pass of <see cref="ExpireOffers"/> (R441-10: no answer by the deadline is a refusal, and the next rank is
/// offered): a minute after start-up, then every 24 hours, each run in its own service scope as the instance's operator.
/// The use case is idempotent, so a restart or two instances running it the same day change nothing twice.
/// </summary>
public sealed partial class OfferExpiryJob(IServiceScopeFactory scopes, ILogger<OfferExpiryJob> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(24), clock);
            do
            {
                await RunAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ExpireOffers>().HandleAsync(CurrentUser.CommandLine, ct);
            if (result.Expired > 0)
            {
                LogExpired(logger, result.Expired);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offres sans réponse dans le délai constatées expirées (valant refus) : {Count}")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Passage quotidien des offres expirées en échec")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
