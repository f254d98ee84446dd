using Equilibre.Domain.Organisations;
using Equilibre.Features.Demo;
using Equilibre.Features.Organisations;
using Equilibre.Features.Tests.Demo;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Organisations;

public sealed class ListOrganisationsTests
{
    private static async Task<CurrentUser> UserOfAsync(TestDatabase database, string organisation, string role)
    {
        await using var db = database.NewContext();
        var o = await db.Organisations.SingleAsync(x => x.Name == organisation);
        return new CurrentUser(1, "test", o.Id, o.Name, o.Scope, new HashSet<string> { role });
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_EpciUser_SeesThePartnersOfItsTerritoryOnly(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        var user = await UserOfAsync(database, DemoTerritory.GrandReimsName, Roles.ChargeMissionEpci);
        await using var db = database.NewContext();

        var names = (await new ListOrganisations(db).HandleAsync(user)).Select(o => o.Name).ToList();

        Assert.Contains(DemoTerritory.GrandReimsName, names);
        Assert.Contains("Ville de Reims", names);
        Assert.Contains(DemoTerritory.GuichetName, names);
        Assert.Contains("Action Logement Services", names);
        Assert.Contains(DemoTerritory.PrefetMarneName, names);
        Assert.Contains(DemoTerritory.Bailleurs[0].Name, names);
        Assert.Contains(DemoTerritory.DrealName, names);
        Assert.DoesNotContain(DemoTerritory.TroyesName, names);
        Assert.DoesNotContain("Troyes Logis (démo)", names);
        Assert.DoesNotContain("Ville de Troyes", names);
        Assert.DoesNotContain("DDT de l'Aube", names);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_DdtOfADepartement_SeesThatDepartementOnly(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        var user = await UserOfAsync(database, "DDT de l'Aube", Roles.ServicesEtat);
        await using var db = database.NewContext();

        var items = await new ListOrganisations(db).HandleAsync(user);

        Assert.Contains(items, o => o.Name == DemoTerritory.TroyesName);
        Assert.Contains(items, o => o.Name == "Troyes Logis (démo)");
        Assert.Contains(items, o => o.Name == DemoTerritory.DrealName); // the région covers the DDT's département
        Assert.DoesNotContain(items, o => o.Name == DemoTerritory.GrandReimsName);
        Assert.DoesNotContain(items, o => o.Name == "DDT de la Marne");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_DrealAndAdministrator_SeeTheirRegionAndEverything(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        var dreal = await UserOfAsync(database, DemoTerritory.DrealName, Roles.ServicesEtat);
        var admin = await UserOfAsync(database, DemoTerritory.AdministrationName, Roles.Administrateur);
        await using var db = database.NewContext();

        var seenByDreal = await new ListOrganisations(db).HandleAsync(dreal);
        var seenByAdmin = await new ListOrganisations(db).HandleAsync(admin);

        Assert.Equal(DemoTerritory.Organisations.Count, seenByAdmin.Count);
        Assert.Equal(DemoTerritory.Organisations.Count, seenByDreal.Count); // every demo organisation is in Grand Est or national
        Assert.Equal(2, seenByAdmin.Single(o => o.Name == DemoTerritory.Bailleurs[0].Name).UserCount); // bailleur + CALEOL member
    }
}
