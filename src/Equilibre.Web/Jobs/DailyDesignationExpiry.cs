using Equilibre.Features.Allocation;
using Equilibre.Features.Organisations;

namespace Equilibre.Web.Jobs;

/// <summary>
/// Returns to the bailleurs, once at start-up and then every day, the vacancies whose réservataire missed its designation
/// deadline (<see cref="ExpireDesignations"/>, idempotent): the deadline is a date, so a daily pass is enough, and a
/// restarted server catches up at once. Each pass runs in its own service scope, like <see cref="BackgroundJobs"/>; a
/// failed pass is logged and the next one retries. <c>Attributions:ExpirationQuotidienne</c> = false turns it off.
/// </summary>
public sealed partial class DailyDesignationExpiry(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DailyDesignationExpiry> logger) : BackgroundService
{
    /// <summary>Who the audit names for the automatic returns.</summary>
    public static readonly CurrentUser System = CurrentUser.CommandLine with { DisplayName = "Equilibre (contrôle quotidien des délais de désignation)" };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Attributions:ExpirationQuotidienne", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ExpireDesignations>().HandleAsync(System, stoppingToken);
                if (result.Returned > 0)
                {
                    LogReturned(logger, result.Returned);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailure(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} logement(s) rendu(s) au bailleur : délai de désignation dépassé")]
    private static partial void LogReturned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Contrôle quotidien des délais de désignation en échec")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
