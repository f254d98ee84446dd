using Equilibre.Domain.Organisations;
using Equilibre.Features.Organisations;
using Equilibre.Features.Tests.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Organisations;

public sealed class CreateOrganisationAndUserTests
{
    private static readonly CurrentUser Admin = new(1, "Admin", null, null, TerritoryScope.Nationwide, new HashSet<string> { Roles.Administrateur });


    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateOrganisation_FromACommune_DerivesEpciDepartementAndRegion(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var db = database.NewContext();

        var result = await new CreateOrganisation(db).HandleAsync(new("CCAS de Tinqueux", OrganisationKind.GuichetEnregistreur, null, null, null, null, "51573"), Admin);

        Assert.Empty(result.Errors);
        var o = await db.Organisations.SingleAsync(x => x.Id == result.Id);
        Assert.Equal(("44", "51", "200067213", "51573"), (o.RegionCode, o.DepartementCode, o.EpciSiren, o.CommuneCode));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateOrganisation_InconsistentOrUnknownTerritory_IsRefusedWithTheReason(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var db = database.NewContext();
        var handler = new CreateOrganisation(db);

        var inconsistent = await handler.HandleAsync(new("Ville de Tinqueux", OrganisationKind.Commune, "12345", null, "10", null, "51573"), Admin);
        var unknown = await handler.HandleAsync(new("Bailleur X", OrganisationKind.Bailleur, null, null, "99", null, null), Admin);
        var notAdmin = await handler.HandleAsync(new("Bailleur Y", OrganisationKind.Bailleur, null, "44", null, null, null),
            Admin with { Roles = new HashSet<string> { Roles.ServicesEtat } });

        Assert.Equal(["Siren", "DepartementCode"], inconsistent.Errors.Select(e => e.Field));
        Assert.Contains("la commune Tinqueux est dans le département 51 et non « 10 »", inconsistent.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal("aucun département de code « 99 »", unknown.Errors.Single().Message);
        Assert.Single(notAdmin.Errors);
        Assert.False(await db.Organisations.AnyAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CreateUser_Rules_AreExplainedInFrench(Provider provider)
    {
        await using var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<CreateUser>();

        var firstAdmin = await handler.HandleAsync(new("premiere@exemple.fr", "Première administratrice", null, [Roles.Administrateur], "Un-Mot-De-Passe-2026"), null);
        var shortPassword = await handler.HandleAsync(new("court@exemple.fr", "Court", null, [Roles.Administrateur], "Court1!"), Admin);
        var professionalWithoutOrganisation = await handler.HandleAsync(new("b@exemple.fr", "B", null, [Roles.Bailleur], "Un-Mot-De-Passe-2026"), Admin);
        var duplicate = await handler.HandleAsync(new("premiere@exemple.fr", "Doublon", null, [Roles.Administrateur], "Un-Mot-De-Passe-2026"), Admin);

        Assert.Empty(firstAdmin.Errors);
        Assert.Equal("Le mot de passe doit contenir au moins 12 caractères.", shortPassword.Errors.Single().Message);
        Assert.Equal("OrganisationId", professionalWithoutOrganisation.Errors.Single().Field);
        Assert.Equal("un compte « premiere@exemple.fr » existe déjà", duplicate.Errors.Single().Message);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }
}
