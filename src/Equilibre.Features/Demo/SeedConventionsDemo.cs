using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo;

/// <summary>
/// Demo reservation conventions in gestion en flux (domain.md §9, §17.2), after the demo stock: for each demo bailleur,
/// the préfet of its département at 30 % of the flux of which 5 % for State agents (the R441-5-2 maxima), Action
/// Logement Services at 25 %, and the Ville de Reims or the Ville de Troyes a volume on its own territory with a T3
/// commitment; one month (30 days) to designate. The shares and references are demo values (marked <see cref="ReservationConventionRecord.IsDemo"/>),
/// not any real convention's. Idempotent: a pair bailleur × réservataire already holding a convention is left as it is.
/// </summary>
public sealed class SeedConventionsDemo(EquilibreDb db, TimeProvider clock)
{
    private sealed record Plan(string Reservataire, ReservataireKind Kind, decimal? Rate, int? Volume, decimal? Agents, string? Communes, string Typologies, string? Geography);

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var sirens = DemoTerritory.BailleurSirens.ToList();
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => sirens.Contains(b.Siren)).ToListAsync(ct);
        var names = new[] { DemoTerritory.PrefetMarneName, "Préfet de l'Aube (DDETS 10)", "Action Logement Services", "Ville de Reims", "Ville de Troyes" };
        var organisations = await db.Organisations.AsNoTracking().Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var existing = (await db.ReservationConventions.AsNoTracking().Select(c => new { c.BailleurId, c.ReservataireOrganisationId }).ToListAsync(ct))
            .Select(c => (c.BailleurId, c.ReservataireOrganisationId)).ToHashSet();
        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var bailleur in bailleurs.OrderBy(b => b.Siren, StringComparer.Ordinal))
        {
            var demo = DemoTerritory.Bailleurs[sirens.IndexOf(bailleur.Siren)];
            var marne = demo.DepartementCode == "51";
            Plan[] plans =
            [
                new(marne ? DemoTerritory.PrefetMarneName : "Préfet de l'Aube (DDETS 10)", ReservataireKind.Prefet, 30m, null, 5m, null, "", "au moins 30 % hors QPV (R441-5-2)"),
                new("Action Logement Services", ReservataireKind.ActionLogement, 25m, null, null, null, "", null),
                new(marne ? "Ville de Reims" : "Ville de Troyes", ReservataireKind.Collectivite, null, 12, null, marne ? "51454" : "10387", "3:4",
                    marne ? "sur le territoire de Reims" : "sur le territoire de Troyes"),
            ];
            foreach (var plan in plans)
            {
                if (!organisations.TryGetValue(plan.Reservataire, out var reservataire) || !existing.Add((bailleur.Id, reservataire)))
                {
                    continue;
                }

                db.ReservationConventions.Add(new ReservationConventionRecord
                {
                    BailleurId = bailleur.Id,
                    ReservataireOrganisationId = reservataire,
                    Kind = plan.Kind,
                    DepartementCode = demo.DepartementCode!,
                    Communes = plan.Communes,
                    RatePercent = plan.Rate,
                    Volume = plan.Volume,
                    StateAgentsRatePercent = plan.Agents,
                    Typologies = plan.Typologies,
                    GeographyCommitment = plan.Geography,
                    DesignationDelayDays = 30,
                    ValidFrom = new DateOnly(2024, 1, 1),
                    Reference = $"convention de démonstration {bailleur.Siren}-{created + 1:00} du 15/12/2023",
                    IsDemo = true,
                    UpdatedAt = now,
                    UpdatedBy = "démonstration",
                });
                created++;
            }
        }

        await db.SaveChangesAsync(ct);
        return created;
    }
}
