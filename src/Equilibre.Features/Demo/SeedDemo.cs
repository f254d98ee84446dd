using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo;

/// <summary>
/// Deterministic demo generator (<c>equilibre demo seed</c>): the demo organisations and one account per role.
/// Idempotent — what exists is left as it is. Stock (<see cref="SeedStockDemo"/>) and demands (<see cref="SeedDemandDemo"/>) come with it; allocations will. Needs the
/// reference territory: the demo EPCIs must exist.
/// </summary>
/// <summary>How much history the demo replays (<c>Demo:AttributionsMois</c>, months of allocations).</summary>
public sealed record DemoOptions(int AllocationMonths)
{
    public static readonly DemoOptions Default = new(SeedAllocationDemo.DefaultMonths);

    public static DemoOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new(Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(configuration, "Demo:AttributionsMois", SeedAllocationDemo.DefaultMonths));
}

public sealed class SeedDemo(EquilibreDb db, UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles, SeedReformDemo reform, SeedDemandDemo demands, SeedCotationDemo cotation, SeedStockDemo stock, SeedConventionsDemo conventions, SeedAllocationDemo allocations, DemoOptions options)
{
    public sealed record Result(bool Succeeded, int OrganisationsCreated, int UsersCreated, string Message, int DemandsCreated = 0, int DwellingsCreated = 0);

    public async Task<Result> HandleAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var epcis = new[] { DemoTerritory.GrandReimsSiren, DemoTerritory.TroyesSiren };
        var present = await db.Epcis.CountAsync(e => epcis.Contains(e.Siren), ct);
        if (present < epcis.Length)
        {
            return new Result(false, 0, 0,
                "Le territoire de référence n'est pas chargé (EPCI du Grand Reims et de Troyes introuvables) : lancez d'abord « equilibre reference import ».");
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<long>(role)), role);
            }
        }

        progress?.Report("Organisations de démonstration");
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, ct);
        var createdOrganisations = 0;
        foreach (var o in DemoTerritory.Organisations)
        {
            if (organisations.ContainsKey(o.Name))
            {
                continue;
            }

            var entity = new Organisation
            {
                Name = o.Name,
                Kind = o.Kind,
                Siren = o.Siren,
                RegionCode = o.RegionCode,
                DepartementCode = o.DepartementCode,
                EpciSiren = o.EpciSiren,
                CommuneCode = o.CommuneCode,
                IsDemo = true,
            };
            db.Organisations.Add(entity);
            organisations[o.Name] = entity;
            createdOrganisations++;
        }

        await db.SaveChangesAsync(ct);

        progress?.Report("Comptes de démonstration");
        var createdUsers = 0;
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new AppUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                IsDemo = true,
                OrganisationId = account.OrganisationName is null ? null : organisations[account.OrganisationName].Id,
            };
            Check(await users.CreateAsync(user, DemoAccounts.Password), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            createdUsers++;
        }

        progress?.Report("Parc social de démonstration (RPLS)");
        var dwellingCount = await stock.HandleAsync(progress, ct);
        progress?.Report("Conventions de réservation en flux (démo)");
        await conventions.HandleAsync(ct);
        progress?.Report("Avancement de la réforme (démo)");
        var reformRecords = await reform.HandleAsync(ct);
        progress?.Report("Demandes de logement social (démo)");
        var demandCount = await demands.HandleAsync(progress, ct);
        progress?.Report("Grilles de cotation d'exemple et notes (démo)");
        var scored = await cotation.HandleAsync(ct);
        progress?.Report("Une année d'attributions rejouée par le circuit réel (démo)");
        var allocated = await allocations.HandleAsync(options.AllocationMonths, progress, ct);
        return new Result(true, createdOrganisations, createdUsers,
            $"Démonstration : {createdOrganisations} organisation(s), {createdUsers} compte(s), {reformRecords} statut(s) d'avancement de la réforme, {dwellingCount} logement(s) sociaux et {demandCount} demande(s) de logement créés, {scored} note(s) de cotation calculées, {allocated.Vacancies} vacance(s) rejouée(s) dont {allocated.Leases} attribution(s) signée(s) ({DemoTerritory.Organisations.Count} organisations et {DemoAccounts.All.Count} comptes au total).",
            demandCount, dwellingCount);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} : {string.Join(" ; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
