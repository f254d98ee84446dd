using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The bailleur offers the dwelling (R441-10, domain.md §7.2) to the best-ranked candidate the CALEOL attributed it to —
/// plain attribution, then ranks, then lifted suspensive conditions — who was not offered it yet. The response deadline is
/// <see cref="OfferDeadline.Compute"/> from the sending date in the dwelling's département (ten days at least, extended
/// past weekends and public holidays); the vacancy becomes Offered and the demand's history records the offer. One
/// pending offer per dwelling at a time (also a database index). The vacancy is read at <see cref="Request.ExpectedRevision"/>.
/// </summary>
public sealed class SendOffer(EquilibreDb db, TimeProvider clock, AllocationSettings settings)
{
    public sealed record Request(long VacancyId, int? ExpectedRevision, DateOnly? SentOn = null);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var (vacancy, refusal) = await AllocationChanges.LoadAsync(
            db.Vacancies.Visible(scope).Where(v => v.Id == request.VacancyId), "vacance", scope.CanActAsBailleur,
            "seul le bailleur du logement fait les offres", v => v.Revision, request.ExpectedRevision, OfferRounds.Changed, ct);
        if (vacancy is null)
        {
            return refusal!;
        }

        if (await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.VacancyId == vacancy.Id && o.State == OfferState.Pending, ct) is { } pending)
        {
            return AllocationResult.Refused("offre", Domain.French.Format($"une offre est déjà en attente de réponse jusqu'au {pending.Deadline:dd/MM/yyyy} : l'offre suivante ne part qu'après sa réponse ou son expiration"));
        }

        var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.MakeOffer);
        if (!step.Allowed)
        {
            return AllocationResult.Refused("etat", step.Explanation);
        }

        var remaining = await OfferRounds.RemainingAsync(db, vacancy.Id, ct);
        if (remaining.Count == 0)
        {
            return AllocationResult.Refused("candidat", "aucun candidat attributaire (attribution, rang ou condition levée) n'attend d'offre sur ce logement");
        }

        var today = FrenchTime.Today(clock);
        var now = clock.GetUtcNow();
        var (offer, why) = await OfferRounds.OfferAsync(db, vacancy, remaining[0].Candidate, remaining[0].Rank, request.SentOn ?? today, settings, user, now, ct);
        if (offer is null)
        {
            return AllocationResult.Refused("etat", why);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AllocationResult.Conflict(OfferRounds.Changed(await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct)));
        }

        return AllocationResult.Done(offer.Id, why);
    }
}
