using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The deadline fixed by an attribution under suspensive condition (R441-3 c) passed without the missing document: the
/// bailleur records that the condition lapsed (<see cref="CandidateAction.LapseCondition"/>, refused up to the deadline
/// included) and the attribution no longer binds it (<see cref="CandidateDecisionState.ConditionLapsed"/>): the candidate
/// can no longer be offered the dwelling. Another attributed candidate still waiting is offered it by the bailleur as
/// usual (<see cref="SendOffer"/>); when nobody is left — no offer pending or accepted, no candidate to offer, none still
/// awaiting a decision or a condition — the vacancy goes back per the convention's return rules, as when the CALEOL
/// attributed to nobody (<see cref="OfferRounds.ReopenAsync"/>). The candidate is read at
/// <see cref="Request.ExpectedRevision"/>; the lapse and what follows are saved together.
/// </summary>
public sealed class LapseCondition(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long CandidateId, int? ExpectedRevision);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = FrenchTime.Today(clock);
        var now = clock.GetUtcNow();
        var (staged, refusal) = await LiftCondition.StageAsync(
            db, request.CandidateId, request.ExpectedRevision, "seul le bailleur du logement constate la caducité d'une condition suspensive",
            "aucune condition suspensive à constater caduque", deadline => new CandidateAction.LapseCondition(today, deadline), user, now, ct);
        if (staged is null)
        {
            return refusal!;
        }

        var (candidate, vacancy, summary) = staged;
        var (saved, next) = await OfferRounds.SaveWithFollowUpAsync(db, async () => await NobodyLeftAsync(vacancy, ct)
            ? await OfferRounds.ReopenAsync(db, vacancy, today, "condition suspensive non levée dans le délai et aucun autre candidat attributaire", user, now, ct)
            : null, ct);
        if (!saved)
        {
            // The candidate changed meanwhile (its revision), or the vacancy (its revision).
            var current = await db.Candidates.AsNoTracking().FirstAsync(c => c.Id == candidate.Id, ct);
            return AllocationResult.Conflict(current.Revision != candidate.Revision - 1
                ? LiftCondition.Changed(current)
                : OfferRounds.Changed(await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct)));
        }

        return next is null ? AllocationResult.Done(candidate.Id, summary) : AllocationResult.Done(candidate.Id, $"{summary} ; {next}", [next]);
    }

    /// <summary>
    /// Whether the lapsed attribution was the last hope of the round: the vacancy is at or past its CALEOL, no offer is
    /// pending or accepted, no attributed candidate is left to offer, and none awaits a decision or a condition.
    /// </summary>
    private async Task<bool> NobodyLeftAsync(Vacancy vacancy, CancellationToken ct) =>
        vacancy.State is VacancyState.AtCaleol or VacancyState.Offered
        && !await db.Offers.AnyAsync(o => o.VacancyId == vacancy.Id && (o.State == OfferState.Pending || o.State == OfferState.Accepted), ct)
        && !await db.Candidates.AnyAsync(c => c.VacancyId == vacancy.Id && c.State == CandidateDecisionState.Pending, ct)
        && !await OfferRounds.AwaitsConditionAsync(db, vacancy.Id, ct)
        && (await OfferRounds.RemainingAsync(db, vacancy.Id, ct)).Count == 0;
}
