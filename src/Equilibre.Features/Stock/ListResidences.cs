using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// The résidences holding dwellings the user sees (<see cref="StockAccess"/>) in the latest millésime, filtered by
/// commune, RPLS QPV flag and bailleur, with the number of visible dwellings of each; sorted and paged by 50. Also
/// the same figures per commune, for the map and its table (every filtered résidence, not only the page).
/// </summary>
public sealed class ListResidences(EquilibreDb db)
{
    public enum Sort
    {
        /// <summary>Commune then address (default).</summary>
        Address,

        /// <summary>Most dwellings first.</summary>
        Dwellings,
    }

    public sealed record Request(string? CommuneCode = null, bool? InQpv = null, long? BailleurId = null, Sort SortBy = Sort.Address, int Page = 1, int PageSize = 50);

    public sealed class Item
    {
        public long Id { get; init; }
        public string CommuneCode { get; init; } = "";
        public string? CommuneName { get; init; }
        public string? StreetNumber { get; init; }
        public string? StreetType { get; init; }
        public string? StreetName { get; init; }
        public string? BuildingName { get; init; }
        public string? PostalCode { get; init; }
        public string? EpciSiren { get; init; }
        public bool? InQpv { get; init; }
        public string? QpvCode { get; init; }
        public int Dwellings { get; init; }

        public string Address => StockText.Address(StreetNumber, StreetType, StreetName, BuildingName);
    }

    public sealed record CommuneCount(string CommuneCode, string? CommuneName, int Residences, int Dwellings);

    public sealed record BailleurOption(long Id, string Name, string Siren);

    public sealed record Result(
        IReadOnlyList<Item> Items, int Total, int Page, int PageSize, int? Millesime, IReadOnlyList<CommuneCount> Communes,
        IReadOnlyList<BailleurOption> Bailleurs, StockScope Scope)
    {
        public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await StockAccess.ScopeAsync(db, user, ct);
        var pageSize = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var millesimes = await StockRows.MillesimesAsync(db, scope, ct);
        if (millesimes.Count == 0)
        {
            return new Result([], 0, 1, pageSize, null, [], [], scope);
        }

        var millesime = millesimes[0];
        var rows = StockRows.Of(db, scope, millesime);
        var bailleurIds = rows.Where(r => r.BailleurId != null).Select(r => r.BailleurId);
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => bailleurIds.Contains(b.Id))
            .Select(b => new BailleurOption(b.Id, b.Name, b.Siren)).ToListAsync(ct);
        if (request.CommuneCode is { Length: > 0 } commune)
        {
            rows = rows.Where(r => r.CommuneCode == commune);
        }

        if (request.InQpv is { } qpv)
        {
            rows = qpv ? rows.Where(r => r.InQpv == true) : rows.Where(r => r.InQpv != true);
        }

        if (request.BailleurId is { } bailleur)
        {
            rows = rows.Where(r => r.BailleurId == bailleur);
        }

        var query = db.Residences.AsNoTracking()
            .Select(r => new Item
            {
                Id = r.Id,
                CommuneCode = r.CommuneCode,
                CommuneName = r.CommuneName,
                StreetNumber = r.StreetNumber,
                StreetType = r.StreetType,
                StreetName = r.StreetName,
                BuildingName = r.BuildingName,
                PostalCode = r.PostalCode,
                EpciSiren = r.EpciSiren,
                InQpv = r.InQpv,
                QpvCode = r.QpvCode,
                Dwellings = rows.Count(x => x.ResidenceId == r.Id),
            })
            .Where(i => i.Dwellings > 0);
        var total = await query.CountAsync(ct);
        query = request.SortBy == Sort.Dwellings
            ? query.OrderByDescending(i => i.Dwellings).ThenBy(i => i.CommuneName).ThenBy(i => i.Id)
            : query.OrderBy(i => i.CommuneName).ThenBy(i => i.StreetName).ThenBy(i => i.StreetNumber).ThenBy(i => i.Id);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var communes = await rows.GroupBy(r => r.CommuneCode)
            .Select(g => new CommuneCount(g.Key, g.Max(x => x.CommuneName), g.Select(x => x.ResidenceId).Distinct().Count(), g.Count()))
            .ToListAsync(ct);
        var culture = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        return new Result(items, total, page, pageSize, millesime, [.. communes.OrderBy(c => c.CommuneName ?? c.CommuneCode, culture)],
            [.. bailleurs.OrderBy(b => b.Name, culture)], scope);
    }
}
