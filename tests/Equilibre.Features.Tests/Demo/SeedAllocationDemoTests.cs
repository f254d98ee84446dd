using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Features.Demo;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>The demo's allocation history is produced by the real workflow (issue 6 §9), deterministically.</summary>
public sealed class SeedAllocationDemoTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replay_ThreeMonths_RunsTheWholeChainToSignedLeases(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        await using (var reference = database.NewContext())
        {
            Assert.True((await new ImportQ1Thresholds(reference, Make.Clock()).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null))).Succeeded);
            Assert.True((await new ImportResourceCeilings(reference, Make.Clock()).HandleAsync(new(Make.RealReferenceFiles().CeilingsFile, null))).Succeeded);
        }

        await using var services = TestServices.For(database);
        SeedAllocationDemo.Result result;
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync()).Succeeded);
            result = await scope.ServiceProvider.GetRequiredService<SeedAllocationDemo>().HandleAsync(3);
        }

        // ≈ 8.9 % a year of the demo dwellings, over a quarter.
        await using (var count = database.NewContext())
        {
            var expected = await count.Dwellings.CountAsync() * SeedAllocationDemo.Mobility * 3 / 12;
            Assert.True(result.Vacancies >= expected * 0.8 && result.Vacancies <= expected * 1.2, $"{result} ; attendu ≈ {expected:0}");
        }
        Assert.True(result.Leases > result.Vacancies / 3, $"{result.Leases} baux pour {result.Vacancies} vacances");
        Assert.InRange((double)result.Refusals / result.Offers, 0.25, 0.55);

        await using var db = database.NewContext();
        Assert.Equal(result.Leases, await db.Leases.CountAsync(l => l.IsDemo));
        Assert.Equal(result.Vacancies, await db.Vacancies.CountAsync(v => v.IsDemo));
        Assert.True(await db.Vacancies.Where(v => v.IsDemo).Select(v => v.State).Distinct().CountAsync() >= 3, "des vacances à plusieurs étapes du circuit");

        // Every lease radiated its demand for attribution, with the lease in the demand's shared history.
        var leased = await db.Leases.Where(l => l.IsDemo).Select(l => l.DemandId).ToListAsync();
        Assert.All(await db.Demands.Where(d => leased.Contains(d.Id)).Select(d => d.Radiation).ToListAsync(), r => Assert.Equal(RadiationReason.Allocation, r));
        Assert.Equal(leased.Count, await db.DemandEvents.CountAsync(e => leased.Contains(e.DemandId) && e.Kind == DemandEventKind.Lease));
        Assert.True(await db.CaleolDecisions.AnyAsync(d => d.Kind == CaleolDecisionKind.AttributionByRank));

        // Idempotent: a second run adds nothing.
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<SeedAllocationDemo>().HandleAsync(3)).Vacancies);
        }
    }
}
