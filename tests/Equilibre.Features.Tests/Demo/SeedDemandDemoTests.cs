using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Applications;
using Equilibre.Features.Demo;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Organisations;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>The demo demands are calibrated as product.md "Demo data" says, flagged as demo, and seeded once.</summary>
public sealed class SeedDemandDemoTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DemoDemands_AreCalibratedOnPublishedFigures(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        await using (var db = database.NewContext())
        {
            Assert.True((await new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null))).Succeeded);
            Assert.True((await new ImportResourceCeilings(db, Make.Clock()).HandleAsync(new(Make.RealReferenceFiles().CeilingsFile, null))).Succeeded);
        }

        await using var services = TestServices.For(database);
        await using (var scope = services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync();
            Assert.True(result.Succeeded, result.Message);

            // Reims + Tinqueux (188,445 inhabitants) and Troyes + Saint-André-les-Vergers (74,894) at 1.9 %.
            Assert.Equal(3580 + 1423, result.DemandsCreated);
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync()).DemandsCreated);
        }

        await using var check = database.NewContext();
        var active = await check.Demands.Where(d => d.Status == DemandStatus.Active).ToListAsync();
        Assert.All(await check.Demands.ToListAsync(), d => Assert.True(d.IsDemo));
        Assert.InRange(active.Count(d => d.IsMutation) / (double)active.Count, 0.27, 0.33);
        Assert.InRange(active.Count(d => d.Persons == 1) / (double)active.Count, 0.39, 0.47);
        Assert.InRange(active.Average(d => DemandLifecycle.Seniority(d.RegisteredOn, new DateOnly(2026, 11, 28))), 500, 700);
        Assert.InRange(active.Count(d => d.HasPriority) / (double)active.Count, 0.14, 0.22);
        Assert.InRange(active.Count(d => d.Dalo == DaloStatus.Active) / (double)active.Count, 0.01, 0.03);
        Assert.Equal(check.Demands.Count(), check.Demands.Select(d => d.Numero).Distinct().Count());

        // Both demo EPCIs have a sample grid in force: every active demand of theirs is scored, and the scores spread.
        Assert.Equal(active.Count(d => d.EpciSiren is "200067213" or "200069250"), await check.DemandScores.CountAsync());
        Assert.True(await check.DemandScores.Select(s => s.Score).Distinct().CountAsync() > 10);

        // The recomputed threshold over the stock at 31/12/2025 lands within 5 % of the official 2026 threshold.
        var dreal = new CurrentUser(1, "DREAL", null, null, new TerritoryScope("44", null, null, null), new HashSet<string> { Roles.ServicesEtat });
        var recomputed = await new RecomputeQ1Thresholds(check, DemandSettings.Default).HandleAsync(new(2025), dreal);
        var reims = recomputed.Rows.Single(r => r.EpciSiren == DemoTerritory.GrandReimsSiren);
        Assert.Equal(10154m, reims.Official);
        Assert.InRange(reims.GapPercent!.Value, -5m, 5m);
        var troyes = recomputed.Rows.Single(r => r.EpciSiren == DemoTerritory.TroyesSiren);
        Assert.InRange(troyes.GapPercent!.Value, -5m, 5m);

        // Both populations give the sorted nearest rank of the stock loaded here as entities (the use case streams them).
        var date = new DateOnly(2025, 12, 31);
        var stock = await check.Demands.AsNoTracking().Include(d => d.Wishes)
            .Where(d => d.RegisteredOn <= date && d.ExpiresOn > date && (d.RadiatedOn == null || d.RadiatedOn > date)).ToListAsync();
        static (decimal?, int) Expected(IEnumerable<Demand> demands)
        {
            var sorted = demands.Where(d => d.AnnualResourcesPerUc != null).Select(d => d.AnnualResourcesPerUc!.Value).Order().ToList();
            return (sorted.Count < RecomputeQ1Thresholds.MinimumDemands ? null : sorted[((sorted.Count + 3) / 4) - 1], sorted.Count);
        }

        Assert.Equal(stock.Count(d => d.AnnualResourcesPerUc == null), recomputed.DemandsWithoutResources);
        Assert.All(recomputed.Rows, r => Assert.Equal(Expected(stock.Where(d => d.EpciSiren == r.EpciSiren)), (r.Local, r.Demands)));
        var any = await new RecomputeQ1Thresholds(check, DemandSettings.Default with { Population = ThresholdPopulation.AnyWishedCommune }).HandleAsync(new(2025), dreal);
        Assert.NotEmpty(any.Rows);
        Assert.All(any.Rows, r => Assert.Equal(Expected(stock.Where(d => d.Wishes.Any(w => w.EpciSiren == r.EpciSiren))), (r.Local, r.Demands)));
    }
}
