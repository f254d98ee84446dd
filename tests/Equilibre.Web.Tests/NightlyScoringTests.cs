using Equilibre.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Equilibre.Web.Tests;

/// <summary>The night's national cotation, as the web app queues it (the hour itself: FrenchTimeTests).</summary>
[Collection(SharedWebApp.Name)]
public sealed class NightlyScoringTests(EquilibreWebFactory factory)
{
    [Fact]
    public async Task The_nightly_batch_scores_every_active_demand_of_the_demo_on_the_jobs_queue()
    {
        _ = factory.Server;
        var nightly = factory.Services.GetServices<IHostedService>().OfType<NightlyScoring>().Single();
        var jobs = factory.Services.GetRequiredService<BackgroundJobs>();
        var status = nightly.Enqueue();
        for (var i = 0; i < 600 && !status.Finished; i++)
        {
            await Task.Delay(100);
        }

        Assert.Same(status, jobs.Get(status.Id));
        Assert.True(status.Finished, "le recalcul nocturne n'a pas fini en une minute");
        Assert.False(status.Failed, status.Message);
        Assert.Equal(NightlyScoring.Title, status.Title);
        Assert.Matches("^[0-9\u202F\u00A0 ]+ demande\\(s\\) cotée\\(s\\) au [0-9]{2}/[0-9]{2}/[0-9]{4} dans [1-9][0-9]* territoire\\(s\\) ayant une grille en vigueur", status.Message);
    }
}
