using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The withdrawals from the flux (<see cref="WithdrawFromFlux"/>) running on a date or to come, for the bailleur's page:
/// the dwelling (RPLS identifier, address), the reason with its label and source from the configured
/// <see cref="AllocationSettings.Exclusions"/>, the dates, who and when. A withdrawal concerns a bailleur's stock, not the
/// vacancies oriented to a réservataire: the bailleur, the territory and the national scope read it through the stock rule
/// (<see cref="StockAccess"/>), a réservataire or a user without an allocation scope gets nothing (<see cref="Result.SeesAnything"/>).
/// </summary>
public sealed class ListFluxWithdrawals(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public const int MaxItems = 500;

    public sealed record Item(long Id, long DwellingId, string RplsId, string Address, string ReasonCode, string ReasonLabel, DateOnly From, DateOnly? To, string? Note, string By, DateTimeOffset At);

    /// <summary>What the page shows; <c>CanAct</c>: the user may withdraw and end withdrawals (a bailleur acting for its organisation, an administrator).</summary>
    public sealed record Result(bool SeesAnything, bool CanAct, IReadOnlyList<Item> Items, int Total, IReadOnlyList<FluxExclusionReason> Reasons, DateOnly Today, AllocationScope Scope);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var today = FrenchTime.Today(clock);
        var reasons = settings.Exclusions.Reasons;
        if (scope.Kind is AllocationScopeKind.None or AllocationScopeKind.Reservataire)
        {
            return new Result(false, false, [], 0, reasons, today, scope);
        }

        var stock = await StockAccess.ScopeAsync(db, user, ct);
        var dwellings = db.Dwellings.AsNoTracking().Visible(db, stock);
        var query = db.FluxWithdrawals.AsNoTracking().Where(w => (w.To == null || w.To >= today) && dwellings.Any(d => d.Id == w.DwellingId));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(w => w.From).ThenBy(w => w.Id).Take(MaxItems)
            .Join(db.Dwellings.AsNoTracking(), w => w.DwellingId, d => d.Id, (w, d) => new { w, d.RplsId, d.ResidenceId })
            .Join(db.Residences.AsNoTracking(), x => x.ResidenceId, r => r.Id, (x, r) => new { x.w, x.RplsId, r.StreetNumber, r.StreetType, r.StreetName, r.BuildingName, r.CommuneName, r.CommuneCode })
            .ToListAsync(ct);
        var items = rows.Select(x => new Item(
            x.w.Id, x.w.DwellingId, x.RplsId,
            $"{StockText.Address(x.StreetNumber, x.StreetType, x.StreetName, x.BuildingName)}, {x.CommuneName ?? x.CommuneCode}",
            x.w.ReasonCode, settings.Exclusions.Find(x.w.ReasonCode)?.Label ?? "motif retiré de la liste paramétrée",
            x.w.From, x.w.To, x.w.Note, x.w.By, x.w.At)).ToList();
        var canAct = scope.IsAdministrator || (scope.Kind == AllocationScopeKind.Bailleur && scope.ActsAsBailleur);
        return new Result(true, canAct, items, total, reasons, today, scope);
    }

    /// <summary>The dwelling of an RPLS identifier within the user's stock, for the withdrawal form; null when it is not there (<see cref="WithdrawFromFlux.DwellingOfRplsAsync"/>).</summary>
    public Task<long?> FindDwellingAsync(string rplsId, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rplsId);
        ArgumentNullException.ThrowIfNull(user);
        return WithdrawFromFlux.DwellingOfRplsAsync(db, rplsId, user, ct);
    }
}
