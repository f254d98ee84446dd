using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>
/// One grid version (a draft only for its editors), or the grid in force of a territory on a date — the public page of
/// the PPGD (L441-2-8: the grid is published), readable without an account.
/// </summary>
public sealed class GetCotationGrid(EquilibreDb db, TimeProvider clock)
{
    public sealed record Result(long Id, CotationGrid Grid, int Revision, string? TerritoryName, bool CanEdit, DateTimeOffset UpdatedAt, string UpdatedBy);

    public async Task<Result?> ByIdAsync(long id, CurrentUser? user, CancellationToken ct = default)
    {
        var record = await db.CotationGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        return record is null || !CotationAccess.CanRead(user, record) ? null : await ResultAsync(record, user, ct);
    }

    /// <summary>The published grid in force for a territory and scope on a date (today by default).</summary>
    public async Task<Result?> InForceAsync(string territory, GridScope scope, DateOnly? on, CurrentUser? user, CancellationToken ct = default)
    {
        var records = await db.CotationGrids.AsNoTracking().Where(g => g.Territory == territory && g.Scope == scope && g.PublishedOn != null).ToListAsync(ct);
        var grid = CotationGrids.InForce(records.Select(r => r.ToDomain()), territory, scope, on ?? FrenchTime.Today(clock));
        return grid is null ? null : await ResultAsync(records.First(r => r.Version == grid.Version), user, ct);
    }

    private async Task<Result> ResultAsync(CotationGridRecord record, CurrentUser? user, CancellationToken ct)
    {
        var name = await db.Epcis.Where(e => e.Siren == record.Territory).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return new Result(record.Id, record.ToDomain(), record.Revision, name, user is not null && CotationAccess.CanEdit(user, record.Territory),
            record.UpdatedAt, record.UpdatedBy);
    }
}
