using Equilibre.Domain;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Ends a withdrawal from the flux on a date (the relocation is done, the mutation found…): from the next day a vacancy of
/// the dwelling counts in the flux again. Only the bailleur of the dwelling or an administrator ends it; the end may not
/// precede its start.
/// </summary>
public sealed class EndFluxWithdrawal(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long WithdrawalId, DateOnly To, string? Note);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var withdrawal = await db.FluxWithdrawals.FirstOrDefaultAsync(w => w.Id == request.WithdrawalId, ct);
        if (withdrawal is null)
        {
            return AllocationResult.NotFound("Retrait du flux");
        }

        var (_, refusal) = await WithdrawFromFlux.OwnDwellingAsync(db, withdrawal.DwellingId, user, ct);
        if (refusal is not null)
        {
            return refusal.Outcome == AllocationOutcome.NotFound ? AllocationResult.NotFound("Retrait du flux") : refusal;
        }

        if (request.To < withdrawal.From)
        {
            return AllocationResult.Refused("Fin", French.Format($"Fin : le {request.To:dd/MM/yyyy} précède le début du retrait ({withdrawal.From:dd/MM/yyyy})"));
        }

        if (withdrawal.To is { } ended && ended <= request.To)
        {
            return AllocationResult.Refused("Fin", French.Format($"Fin : le retrait se termine déjà le {ended:dd/MM/yyyy}"));
        }

        withdrawal.To = request.To;
        var now = clock.GetUtcNow();
        var summary = French.Format($"fin du retrait du flux ({withdrawal.ReasonCode}) le {request.To:dd/MM/yyyy} : le logement compte de nouveau dans le flux");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Withdrawal, withdrawal.Id, null, summary, request.Note, user, now));
        await db.SaveChangesAsync(ct);
        return AllocationResult.Done(withdrawal.Id, summary);
    }
}
