using Equilibre.Domain.Organisations;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

public sealed class SeedDemoTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_Twice_CreatesOneAccountPerRoleOnce(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();

        var again = await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync();

        Assert.True(again.Succeeded);
        Assert.Equal((0, 0), (again.OrganisationsCreated, again.UsersCreated));
        await using var db = database.NewContext();
        Assert.Equal(DemoAccounts.All.Count, await db.Users.CountAsync());
        Assert.Equal(DemoTerritory.Organisations.Count, await db.Organisations.CountAsync(o => o.IsDemo));
        var rolesWithAUser = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).Distinct().ToListAsync();
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), rolesWithAUser.Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_WithoutReferenceTerritory_SaysWhatToDoFirst(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("reference import", result.Message, StringComparison.Ordinal);
    }
}
