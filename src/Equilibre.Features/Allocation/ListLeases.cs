using Equilibre.Domain.Targets;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The signed leases the user sees (<see cref="AllocationAccess.Visible(IQueryable{Lease}, AllocationScope)"/>), latest
/// signature first, filtered by year of signature, EPCI, commune, bailleur and flux origin, a page at a time: the
/// attributions counted by the targets (issue 7), with the facts copied at signature.
/// </summary>
public sealed class ListLeases(EquilibreDb db)
{
    public sealed record Request(int? Year = null, string? EpciSiren = null, string? CommuneCode = null, long? BailleurId = null, FluxOrigin? Flux = null, int Page = 1, int PageSize = 50);

    public sealed record Item(Lease Lease, string Numero, string? DwellingReference, string? Bailleur);

    public sealed record Result(int Total, int Page, int PageSize, int Pages, IReadOnlyList<Item> Items, AllocationScope Scope);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var query = db.Leases.AsNoTracking().Visible(scope);
        if (request.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            query = query.Where(l => l.SignedOn >= from && l.SignedOn <= to);
        }

        if (!string.IsNullOrWhiteSpace(request.EpciSiren))
        {
            query = query.Where(l => l.EpciSiren == request.EpciSiren);
        }

        if (!string.IsNullOrWhiteSpace(request.CommuneCode))
        {
            query = query.Where(l => l.CommuneCode == request.CommuneCode);
        }

        if (request.BailleurId is { } bailleur)
        {
            query = query.Where(l => l.BailleurId == bailleur);
        }

        if (request.Flux is { } flux)
        {
            query = query.Where(l => l.Flux == flux);
        }

        var size = Math.Clamp(request.PageSize, 1, 500);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(request.Page, 1, pages);
        var leases = await query.OrderByDescending(l => l.SignedOn).ThenByDescending(l => l.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var demandIds = leases.Where(l => l.DemandId != null).Select(l => l.DemandId!.Value).ToList();
        var dwellingIds = leases.Select(l => l.DwellingId).ToList();
        var bailleurIds = leases.Select(l => l.BailleurId).Distinct().ToList();
        var numeros = await db.Demands.AsNoTracking().Where(d => demandIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Numero, ct);
        var references = await db.Dwellings.AsNoTracking().Where(d => dwellingIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.RplsId, ct);
        var names = await db.Bailleurs.AsNoTracking().Where(b => bailleurIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        return new Result(total, page, size, pages,
            [.. leases.Select(l => new Item(l, (l.DemandId is { } demandId ? numeros.GetValueOrDefault(demandId, "?") : "hors registre"), references.GetValueOrDefault(l.DwellingId), names.GetValueOrDefault(l.BailleurId)))], scope);
    }

    /// <summary>The flux origin as the pages say it.</summary>
    public static string FluxLabel(FluxOrigin flux) => flux switch
    {
        FluxOrigin.Prefet => "contingent préfectoral",
        FluxOrigin.Reservataire => "autre réservataire",
        FluxOrigin.BailleurNonReserved => "flux propre du bailleur",
        FluxOrigin.ReturnedToBailleur => "rendu au bailleur",
        FluxOrigin.WithdrawnFromFlux => "hors flux",
        _ => "inconnu",
    };
}
