using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The missing document of an attribution under suspensive condition came in (R441-3 c): the bailleur records the date
/// it was received; by the deadline fixed by the decision (included) the condition is lifted and the candidate can be
/// offered the dwelling (<see cref="SendOffer"/>), after it the workflow refuses and says the condition lapsed — the
/// bailleur then records the lapse (<see cref="LapseCondition"/>).
/// </summary>
public sealed class LiftCondition(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long CandidateId, DateOnly ReceivedOn, int? ExpectedRevision);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (staged, refusal) = await StageAsync(
            db, request.CandidateId, request.ExpectedRevision, "seul le bailleur du logement enregistre la réception de la pièce manquante",
            "aucune condition suspensive à lever", deadline => new CandidateAction.LiftCondition(request.ReceivedOn, deadline), user, clock.GetUtcNow(), ct);
        if (staged is null)
        {
            return refusal!;
        }

        var (candidate, _, summary) = staged;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Candidates.AsNoTracking().FirstAsync(c => c.Id == candidate.Id, ct);
            return AllocationResult.Conflict(Changed(current));
        }

        return AllocationResult.Done(candidate.Id, summary);
    }

    /// <summary>A candidate attributed under a suspensive condition not yet lifted, with what is missing and until when.</summary>
    public sealed record Pending(long CandidateId, int Revision, string Numero, string? MissingDocument, DateOnly Deadline, DateOnly DecidedOn);

    /// <summary>
    /// The conditions still to lift on a vacancy the user sees (the page shows them with their deadline next to the
    /// offers); empty outside the scope.
    /// </summary>
    public async Task<IReadOnlyList<Pending>> PendingAsync(long vacancyId, CurrentUser user, CancellationToken ct = default)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        if (!await db.Vacancies.AsNoTracking().Visible(scope).AnyAsync(v => v.Id == vacancyId, ct))
        {
            return [];
        }

        var candidates = await db.Candidates.AsNoTracking().Where(c => c.VacancyId == vacancyId && c.State == CandidateDecisionState.AttributedUnderCondition)
            .OrderBy(c => c.Order).ToListAsync(ct);
        var pending = new List<Pending>();
        foreach (var candidate in candidates)
        {
            var decision = await LastDecisionAsync(db, candidate.Id, ct);
            if (decision?.ConditionDeadline is { } deadline)
            {
                pending.Add(new(candidate.Id, candidate.Revision, await OfferRounds.NumeroAsync(db, candidate.DemandId, ct), decision.MissingDocument, deadline, decision.DecidedOn));
            }
        }

        return pending;
    }

    /// <summary>
    /// One step of a suspensive condition, lifted here or lapsed (<see cref="LapseCondition"/>): the candidate loaded for
    /// the bailleur's change (<see cref="OfferRounds.LoadForChangeAsync"/>), the deadline of its last decision (else
    /// "<paramref name="nothingTo"/>"), the workflow's <paramref name="action"/> on that deadline, and the new state staged
    /// with its audit line and the demand's history. One place, so that both record the condition alike; the caller saves.
    /// </summary>
    internal static async Task<(ConditionStep? Staged, AllocationResult? Refusal)> StageAsync(
        EquilibreDb db, long candidateId, int? expectedRevision, string onlyBailleur, string nothingTo, Func<DateOnly, CandidateAction> action,
        CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (loaded, refusal) = await OfferRounds.LoadForChangeAsync(
            db, db.Candidates.Where(c => c.Id == candidateId), "candidat", c => c.VacancyId, c => c.Revision, expectedRevision,
            onlyBailleur, (c, _) => Task.FromResult(Changed(c)), user, ct);
        if (loaded is null)
        {
            return (null, refusal);
        }

        var (candidate, vacancy) = loaded;
        var decision = await LastDecisionAsync(db, candidate.Id, ct);
        if (decision?.ConditionDeadline is not { } deadline)
        {
            return (null, AllocationResult.Refused("condition", $"{nothingTo} : le candidat est {CandidateDecisionWorkflow.Label(candidate.State)}"));
        }

        var step = CandidateDecisionWorkflow.Transition(candidate.State, action(deadline));
        if (!step.Allowed)
        {
            return (null, AllocationResult.Refused("condition", step.Explanation));
        }

        candidate.State = step.State!.Value;
        candidate.Revision++;
        var summary = $"« {decision.MissingDocument} » : {step.Explanation}";
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Candidate, candidate.Id, vacancy.Id, summary, null, user, now));
        db.DemandEvents.Add(DemandAccess.Event(candidate.DemandId, DemandEventKind.CommissionDecision, French.Format($"condition suspensive de la CALEOL du {decision.DecidedOn:dd/MM/yyyy} : {summary}"), null, user, now));
        return (new ConditionStep(candidate, vacancy, summary), null);
    }

    /// <summary>The candidate's last CALEOL decision (the one that fixed its condition, if any).</summary>
    private static Task<CaleolDecisionRecord?> LastDecisionAsync(EquilibreDb db, long candidateId, CancellationToken ct) =>
        db.CaleolDecisions.AsNoTracking().Where(d => d.CandidateId == candidateId).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    /// <summary>What changed on a candidate, for a conflict message (also <see cref="LapseCondition"/>'s).</summary>
    internal static string Changed(Candidate candidate) => $"le candidat a été modifié entre-temps : il est {CandidateDecisionWorkflow.Label(candidate.State)}";
}

/// <summary>A suspensive condition's step staged by <see cref="LiftCondition.StageAsync"/>: the candidate, its vacancy and what was recorded.</summary>
internal sealed record ConditionStep(Candidate Candidate, Vacancy Vacancy, string Summary);
