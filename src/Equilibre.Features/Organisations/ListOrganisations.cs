using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Organisations;

/// <summary>
/// The organisations a user may see: everything for an administrator; for anyone else, the partners whose territory
/// overlaps their own — at every level (région, département, EPCI, commune) where both are set, they agree. So an
/// EPCI sees the bailleurs, préfet and DDT of its département and the DREAL of its région but not another EPCI; a
/// DDT sees its département's EPCIs; an organisation with no territory of its own (nationwide: Action Logement) is
/// seen by all; one's own organisation always.
/// </summary>
public sealed class ListOrganisations(EquilibreDb db)
{
    public sealed record Item(long Id, string Name, OrganisationKind Kind, string? Siren, string Territory, bool IsDemo, int UserCount);

    public async Task<IReadOnlyList<Item>> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var query = db.Organisations.AsNoTracking();
        if (!user.SeesEverything)
        {
            var s = user.Scope;
            query = query.Where(o => o.Id == user.OrganisationId
                || (o.RegionCode == null && o.DepartementCode == null && o.EpciSiren == null && o.CommuneCode == null)
                || ((s.RegionCode == null || o.RegionCode == null || o.RegionCode == s.RegionCode)
                    && (s.DepartementCode == null || o.DepartementCode == null || o.DepartementCode == s.DepartementCode)
                    && (s.EpciSiren == null || o.EpciSiren == null || o.EpciSiren == s.EpciSiren)
                    && (s.CommuneCode == null || o.CommuneCode == null || o.CommuneCode == s.CommuneCode)));
        }

        var rows = await query
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.Kind,
                o.Siren,
                o.RegionCode,
                o.DepartementCode,
                o.EpciSiren,
                o.CommuneCode,
                o.IsDemo,
                Users = db.Users.Count(u => u.OrganisationId == o.Id),
                Region = db.Regions.Where(r => r.Code == o.RegionCode).Select(r => r.Name).FirstOrDefault(),
                Departement = db.Departements.Where(d => d.Code == o.DepartementCode).Select(d => d.Name).FirstOrDefault(),
                Epci = db.Epcis.Where(e => e.Siren == o.EpciSiren).Select(e => e.Name).FirstOrDefault(),
                Commune = db.Communes.Where(c => c.Code == o.CommuneCode).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows
            .Select(o => new Item(o.Id, o.Name, o.Kind, o.Siren, Describe(o.Commune, o.Epci, o.Departement, o.Region), o.IsDemo, o.Users))
            .OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Create(Domain.French.Culture, ignoreCase: true))];
    }

    internal static string Describe(string? commune, string? epci, string? departement, string? region) =>
        commune ?? epci ?? departement ?? region ?? "France entière";
}
