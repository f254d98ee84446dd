using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// The dwellings the user sees (<see cref="StockAccess"/>) in one millésime — the latest held unless one is asked —
/// filtered by commune, résidence, typology (5 = T5 and more), financing family, RPLS QPV flag, occupancy mode at
/// 1 January, monthly rent range, DPE energy class and adaptation for handicap; sorted and paged by 50.
/// </summary>
public sealed class ListDwellings(EquilibreDb db)
{
    public enum Sort
    {
        /// <summary>Commune, address, floor, apartment (default).</summary>
        Address,
        Typology,
        Surface,
        Rent,
    }

    public const int DefaultPageSize = 50;

    public sealed record Request(
        int? Millesime = null, string? CommuneCode = null, long? ResidenceId = null, int? Rooms = null, FinancingFamily? Financing = null,
        bool? InQpv = null, OccupancyMode? OccupancyMode = null, decimal? RentFrom = null, decimal? RentTo = null, string? DpeClass = null,
        bool? Adapted = null, Sort SortBy = Sort.Address, int Page = 1, int PageSize = DefaultPageSize);

    /// <summary>A page of dwellings; <see cref="Millesime"/> is null when the user sees no dwelling at all.</summary>
    public sealed record Result(IReadOnlyList<StockRow> Items, int Total, int Page, int PageSize, int? Millesime, IReadOnlyList<int> Millesimes, StockScope Scope)
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
        int? millesime = request.Millesime is { } asked && millesimes.Contains(asked) ? asked : millesimes.Count > 0 ? millesimes[0] : null;
        if (millesime is not { } m)
        {
            return new Result([], 0, 1, pageSize, null, millesimes, scope);
        }

        var query = Filter(StockRows.Of(db, scope, m), request);
        var total = await query.CountAsync(ct);
        query = request.SortBy switch
        {
            Sort.Typology => query.OrderBy(r => r.Rooms).ThenBy(r => r.CommuneName).ThenBy(r => r.StreetName).ThenBy(r => r.DwellingId),
            Sort.Surface => query.OrderByDescending(r => r.HabitableSurface.HasValue).ThenBy(r => r.HabitableSurface).ThenBy(r => r.DwellingId),
            Sort.Rent => query.OrderByDescending(r => r.MonthlyRent.HasValue).ThenBy(r => r.MonthlyRent).ThenBy(r => r.DwellingId),
            _ => query.OrderBy(r => r.CommuneName).ThenBy(r => r.StreetName).ThenBy(r => r.StreetNumber).ThenBy(r => r.Floor).ThenBy(r => r.ApartmentNumber).ThenBy(r => r.DwellingId),
        };
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Result(items, total, page, pageSize, m, millesimes, scope);
    }

    internal static IQueryable<StockRow> Filter(IQueryable<StockRow> query, Request request)
    {
        if (request.CommuneCode is { Length: > 0 } commune)
        {
            query = query.Where(r => r.CommuneCode == commune);
        }

        if (request.ResidenceId is { } residence)
        {
            query = query.Where(r => r.ResidenceId == residence);
        }

        if (request.Rooms is { } rooms)
        {
            query = rooms >= 5 ? query.Where(r => r.Rooms >= 5) : query.Where(r => r.Rooms == rooms);
        }

        if (request.Financing is { } financing)
        {
            query = query.Where(r => r.Financing == financing);
        }

        if (request.InQpv is { } qpv)
        {
            query = qpv ? query.Where(r => r.InQpv == true) : query.Where(r => r.InQpv != true);
        }

        if (request.OccupancyMode is { } mode)
        {
            query = query.Where(r => r.OccupancyMode == mode);
        }

        if (request.RentFrom is { } from)
        {
            query = query.Where(r => r.MonthlyRent >= from);
        }

        if (request.RentTo is { } to)
        {
            query = query.Where(r => r.MonthlyRent <= to);
        }

        if (request.DpeClass is { Length: 1 } dpe)
        {
            var c = dpe.ToUpperInvariant();
            query = query.Where(r => r.DpeEnergyClass == c);
        }

        if (request.Adapted is { } adapted)
        {
            query = adapted ? query.Where(r => r.AdaptedForHandicap == true) : query.Where(r => r.AdaptedForHandicap != true);
        }

        return query;
    }
}
