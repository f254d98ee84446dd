using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The bailleur takes one of its dwellings out of the flux for a period (R441-5: mutations, ANRU/NPNRU or ORCOD
/// relocations, unfit buildings, sale; defence, security and health stock — <see cref="AllocationSettings.Exclusions"/>,
/// configurable). A vacancy declared while the withdrawal runs copies its reason: it stays with the bailleur and is not
/// counted in the réservataires' flux. Periods of one dwelling may not overlap.
/// </summary>
public sealed class WithdrawFromFlux(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Request(long DwellingId, string? ReasonCode, DateOnly From, DateOnly? To, string? Note);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var (_, refusal) = await OwnDwellingAsync(db, request.DwellingId, user, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new List<FieldError>();
        var reason = settings.Exclusions.Find(request.ReasonCode);
        if (reason is null)
        {
            errors.Add(new("Motif", $"Motif « {request.ReasonCode} » : inconnu ; motifs admis : {string.Join(", ", settings.Exclusions.Reasons.Select(r => r.Code))}"));
        }

        if (request.To is { } to && to < request.From)
        {
            errors.Add(new("Fin", French.Format($"Fin : le {to:dd/MM/yyyy} précède le début ({request.From:dd/MM/yyyy})")));
        }

        if (errors.Count == 0)
        {
            var last = request.To ?? DateOnly.MaxValue;
            var overlapping = await db.FluxWithdrawals.AsNoTracking()
                .Where(w => w.DwellingId == request.DwellingId && w.From <= last && (w.To == null || w.To >= request.From))
                .Select(w => new { w.ReasonCode, w.From }).FirstOrDefaultAsync(ct);
            if (overlapping is not null)
            {
                errors.Add(new("Debut", French.Format($"Début : le logement est déjà soustrait du flux depuis le {overlapping.From:dd/MM/yyyy} (motif {overlapping.ReasonCode}) sur cette période ; terminez ce retrait d'abord")));
            }
        }

        if (errors.Count > 0)
        {
            return AllocationResult.Invalid(errors, $"{errors.Count} erreur(s) : le retrait du flux n'a pas été enregistré");
        }

        var now = clock.GetUtcNow();
        var withdrawal = new FluxWithdrawal
        {
            DwellingId = request.DwellingId,
            ReasonCode = reason!.Code,
            From = request.From,
            To = request.To,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            By = user.DisplayName,
            At = now,
        };
        db.FluxWithdrawals.Add(withdrawal);
        await db.SaveChangesAsync(ct);
        var summary = French.Format($"logement soustrait du flux à compter du {request.From:dd/MM/yyyy}{(request.To is { } end ? French.Format($" jusqu'au {end:dd/MM/yyyy}") : "")} : {reason.Label} ({reason.Source})");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Withdrawal, withdrawal.Id, null, summary, withdrawal.Note, user, now));
        await db.SaveChangesAsync(ct);
        return AllocationResult.Done(withdrawal.Id, summary);
    }

    /// <summary>
    /// The dwelling of an RPLS identifier within the user's stock (<see cref="StockAccess"/>), or null when it is not
    /// there — the one lookup of the vacancy declaration (<see cref="DeclareVacancy"/>) and of the withdrawal form
    /// (<see cref="ListFluxWithdrawals.FindDwellingAsync"/>), so that an identifier outside the user's stock answers as an
    /// unknown one and is not even confirmed to exist.
    /// </summary>
    internal static async Task<long?> DwellingOfRplsAsync(EquilibreDb db, string rplsId, CurrentUser user, CancellationToken ct)
    {
        var stock = await StockAccess.ScopeAsync(db, user, ct);
        var rpls = rplsId.Trim();
        return await db.Dwellings.AsNoTracking().Visible(db, stock).Where(d => d.RplsId == rpls).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The dwelling must be visible in the stock and its latest state owned by one of the user's bailleurs (or the user an administrator).</summary>
    internal static async Task<(long BailleurId, AllocationResult? Refusal)> OwnDwellingAsync(EquilibreDb db, long dwellingId, CurrentUser user, CancellationToken ct)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        if (!scope.IsAdministrator && !(scope.Kind == AllocationScopeKind.Bailleur && scope.ActsAsBailleur))
        {
            return (0, AllocationResult.Forbidden("seul le bailleur du logement (ou un administrateur) agit sur ses vacances et ses retraits du flux"));
        }

        var stock = await StockAccess.ScopeAsync(db, user, ct);
        var visible = await db.Dwellings.AsNoTracking().Visible(db, stock).AnyAsync(d => d.Id == dwellingId, ct);
        if (!visible)
        {
            return (0, AllocationResult.NotFound("Logement"));
        }

        var owner = await db.DwellingStates.AsNoTracking().Where(s => s.DwellingId == dwellingId).OrderByDescending(s => s.Millesime)
            .Select(s => s.BailleurId).FirstOrDefaultAsync(ct);
        if (owner is not { } bailleurId || (!scope.IsAdministrator && !scope.BailleurIds.Contains(bailleurId)))
        {
            return (0, AllocationResult.Forbidden("ce logement n'appartient pas à votre organisme selon son dernier millésime RPLS"));
        }

        return (bailleurId, null);
    }
}
