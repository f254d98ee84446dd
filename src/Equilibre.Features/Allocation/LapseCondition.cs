using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Applications;
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
        var (loaded, refusal) = await OfferRounds.LoadForChangeAsync(
            db, db.Candidates.Where(c => c.Id == request.CandidateId), "candidat", c => c.VacancyId, c => c.Revision, request.ExpectedRevision,
            "seul le bailleur du logement constate la caducité d'une condition suspensive", (c, _) => Task.FromResult(LiftCondition.Changed(c)), user, ct);
        if (loaded is null)
        {
            return refusal!;
        }

        var (candidate, vacancy) = loaded;
        var decision = await LiftCondition.LastDecisionAsync(db, candidate.Id, ct);
        if (decision?.ConditionDeadline is not { } deadline)
        {
            return AllocationResult.Refused("condition", $"aucune condition suspensive à constater caduque : le candidat est {CandidateDecisionWorkflow.Label(candidate.State)}");
        }

        var today = FrenchTime.Today(clock);
        var step = CandidateDecisionWorkflow.Transition(candidate.State, new CandidateAction.LapseCondition(today, deadline));
        if (!step.Allowed)
        {
            return AllocationResult.Refused("condition", step.Explanation);
        }

        var now = clock.GetUtcNow();
        candidate.State = step.State!.Value;
        candidate.Revision++;
        var summary = $"« {decision.MissingDocument} » : {step.Explanation}";
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Candidate, candidate.Id, vacancy.Id, summary, null, user, now));
        db.DemandEvents.Add(DemandAccess.Event(candidate.DemandId, DemandEventKind.CommissionDecision, French.Format($"condition suspensive de la CALEOL du {decision.DecidedOn:dd/MM/yyyy} : {summary}"), null, user, now));
        var lines = new List<string> { summary };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            if (await NobodyLeftAsync(vacancy, ct))
            {
                lines.Add(await OfferRounds.ReopenAsync(db, vacancy, today, "condition suspensive non levée dans le délai et aucun autre candidat attributaire", user, now, ct));
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The candidate changed meanwhile (its revision), or the vacancy (its revision, the one pending offer per vacancy).
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var current = await db.Candidates.AsNoTracking().FirstAsync(c => c.Id == candidate.Id, ct);
            return AllocationResult.Conflict(current.Revision != candidate.Revision - 1
                ? LiftCondition.Changed(current)
                : OfferRounds.Changed(await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct)));
        }

        return AllocationResult.Done(candidate.Id, string.Join(" ; ", lines), lines.Skip(1).ToList());
    }

    /// <summary>
    /// Whether the lapsed attribution was the last hope of the round: the vacancy is at or past its CALEOL, no offer is
    /// pending or accepted, no attributed candidate is left to offer, and none awaits a decision or a condition.
    /// </summary>
    private async Task<bool> NobodyLeftAsync(Vacancy vacancy, CancellationToken ct) =>
        vacancy.State is VacancyState.AtCaleol or VacancyState.Offered
        && !await db.Offers.AnyAsync(o => o.VacancyId == vacancy.Id && (o.State == OfferState.Pending || o.State == OfferState.Accepted), ct)
        && !await db.Candidates.AnyAsync(c => c.VacancyId == vacancy.Id
            && (c.State == CandidateDecisionState.Pending || c.State == CandidateDecisionState.AttributedUnderCondition), ct)
        && (await OfferRounds.RemainingAsync(db, vacancy.Id, ct)).Count == 0;
}
