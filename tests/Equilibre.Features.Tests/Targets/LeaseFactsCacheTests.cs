using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Targets;

/// <summary>
/// The dashboards' lease facts cache (ADR 0013): a view reads the leases again exactly when the leases changed (a lease
/// signed, an import recorded), never shares facts between two scopes, and stays within its capacity and lifetime.
/// Worked leases of <see cref="TargetsWorld"/>: 12 leases of the Grand Reims signed in 2026, 4 in 2025.
/// </summary>
public sealed class LeaseFactsCacheTests
{
    private static readonly TargetPeriod Year2026 = TargetPeriod.Year(2026);

    private static async Task<(IReadOnlyList<AllocationFact> Facts, bool FromCache)> ReadAsync(LeaseFactsCache cache, Features.Data.EquilibreDb db, CurrentUser user)
    {
        // What the dashboard of the year 2026 and the Grand Reims reads: 2025 (the previous period) and 2026.
        var scope = await AllocationAccess.ScopeAsync(db, user);
        return await cache.GetAsync(db, TargetsQuery.Leases(db, scope, new TargetFilter(TargetsWorld.Reims)), new DateOnly(2025, 1, 1), Year2026.To);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_view_reads_the_leases_again_exactly_when_a_lease_was_signed_or_an_import_recorded(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        var clock = Make.Clock();
        var cache = new LeaseFactsCache(clock);
        await using var db = database.NewContext();
        var dashboard = new GetTargetsDashboard(db, TargetsWorld.Settings, TargetsWorld.Qpv, clock, cache);

        // First view: read; another breakdown of the same scope and period: the same facts, not read again.
        var first = await dashboard.HandleAsync(new(TargetView.Epci, Year2026, new TargetFilter(TargetsWorld.Reims)), world.EpciUser);
        Assert.Equal(12, first.Total.Quality.Leases);
        var byBailleur = await dashboard.HandleAsync(new(TargetView.Epci, Year2026, new TargetFilter(TargetsWorld.Reims), [GroupDimension.Bailleur]), world.EpciUser);
        Assert.Equal(12, byBailleur.Total.Quality.Leases);
        Assert.Equal(2, cache.Count); // 2025 and 2026
        var (facts, fromCache) = await ReadAsync(cache, db, world.EpciUser);
        Assert.True(fromCache);
        Assert.Equal(16, facts.Count); // 12 of 2026 and the 4 of 2025 the comparison reads

        // A lease signed in Troyes leaves the Grand Reims' facts as they are; one signed in Reims: the next view counts it.
        await using (var writer = database.NewContext())
        {
            var bailleur = await writer.Bailleurs.SingleAsync(b => b.Id == world.BailleurA);
            await world.AddAsync(writer, 13, new DateOnly(2026, 10, 1), bailleur, FluxOrigin.BailleurNonReserved, Domain.Stock.QpvBasis.NotInQpv, 9_000m, epci: TargetsWorld.Troyes, commune: "10387");
            Assert.True((await ReadAsync(cache, db, world.EpciUser)).FromCache);
            await world.AddAsync(writer, 14, new DateOnly(2026, 10, 1), bailleur, FluxOrigin.BailleurNonReserved, Domain.Stock.QpvBasis.NotInQpv, 9_000m);
        }

        Assert.Equal(13, (await dashboard.HandleAsync(new(TargetView.Epci, Year2026, new TargetFilter(TargetsWorld.Reims)), world.EpciUser)).Total.Quality.Leases);

        // An import that corrected a lease (moved into 2024) and recorded its run after its commit: the next view reads again.
        await using (var writer = database.NewContext())
        {
            await writer.Leases.Where(l => l.Id == world.Leases[1]).ExecuteUpdateAsync(u => u.SetProperty(l => l.SignedOn, new DateOnly(2024, 6, 1)));
            writer.ImportRuns.Add(new ImportRun { Kind = "attributions", Source = "corrections.csv", Succeeded = true, StartedAt = clock.GetUtcNow(), FinishedAt = clock.GetUtcNow() });
            await writer.SaveChangesAsync();
        }

        (facts, fromCache) = await ReadAsync(cache, db, world.EpciUser);
        Assert.False(fromCache);
        Assert.Equal(16, facts.Count);
        Assert.DoesNotContain(facts, f => f.LeaseId == world.Leases[1]);
        Assert.Equal(12, (await dashboard.HandleAsync(new(TargetView.Epci, Year2026, new TargetFilter(TargetsWorld.Reims)), world.EpciUser)).Total.Quality.Leases);

        // Unchanged data, but past the lifetime: read again.
        Assert.True((await ReadAsync(cache, db, world.EpciUser)).FromCache);
        clock.Advance(LeaseFactsCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False((await ReadAsync(cache, db, world.EpciUser)).FromCache);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_scopes_never_share_facts_and_the_cache_keeps_within_its_capacity(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var cache = new LeaseFactsCache(Make.Clock(), capacity: 16);

        // Same filter, two scopes: the EPCI sees its 16 leases, bailleur A only its own — two entries, never one.
        var epci = await ReadAsync(cache, db, world.EpciUser);
        var bailleur = await ReadAsync(cache, db, world.BailleurAUser);
        Assert.False(bailleur.FromCache);
        Assert.Equal(16, epci.Facts.Count);
        Assert.NotEmpty(bailleur.Facts);
        Assert.All(bailleur.Facts, f => Assert.Equal(world.BailleurA.ToString(System.Globalization.CultureInfo.InvariantCulture), f.BailleurId));
        Assert.True(bailleur.Facts.Count < epci.Facts.Count);

        // One entry per year and scope. 16 + the bailleur's 12 exceed the capacity of 16: the least recently used entries
        // (the EPCI's 2025, then its 2026) went; the bailleur's two years stay.
        Assert.Equal(12, bailleur.Facts.Count);
        Assert.Equal((2, 12), (cache.Count, cache.FactCount));
        Assert.False((await ReadAsync(cache, db, world.EpciUser)).FromCache);
        Assert.True((await ReadAsync(cache, db, world.EpciUser)).FromCache);
    }
}
