using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Puts a vacancy whose candidates are designated on the agenda of a planned session of its bailleur's CALEOL
/// (<see cref="VacancyWorkflow"/> SubmitToCaleol: DesignationReceived → AtCaleol). The vacancy is read at
/// <see cref="Request.ExpectedRevision"/>: if someone moved it meanwhile the answer is a conflict saying how.
/// </summary>
public sealed class ScheduleVacancy(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long SessionId, long VacancyId, int? ExpectedRevision);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var session = await db.CaleolSessions.Visible(scope).FirstOrDefaultAsync(s => s.Id == request.SessionId, ct);
        if (session is null)
        {
            return AllocationResult.NotFound("séance de CALEOL");
        }

        var (vacancy, refusal) = await AllocationChanges.LoadAsync(
            db.Vacancies.Visible(scope).Where(v => v.Id == request.VacancyId), "vacance", v => scope.CanActAsBailleur(v) || scope.CanDecide(session),
            "seul le bailleur du logement ou un membre de sa CALEOL inscrit une vacance à l'ordre du jour", ct);
        if (vacancy is null)
        {
            return refusal!;
        }

        if (vacancy.BailleurOrganisationId != session.BailleurOrganisationId)
        {
            return AllocationResult.Refused("seance", "cette séance est celle de la CALEOL d'un autre bailleur que celui du logement");
        }

        if (session.Status == CaleolSessionStatus.Closed)
        {
            return AllocationResult.Refused("seance", French.Format($"la séance du {session.Date:dd/MM/yyyy} est close : choisissez une séance prévue"));
        }

        if (request.ExpectedRevision is { } expected && expected != vacancy.Revision)
        {
            return AllocationResult.Conflict(OfferRounds.Changed(vacancy));
        }

        var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.SubmitToCaleol);
        if (!step.Allowed)
        {
            return AllocationResult.Refused("etat", step.Explanation);
        }

        if (!await db.Candidates.AnyAsync(c => c.VacancyId == vacancy.Id && c.State == CandidateDecisionState.Pending, ct))
        {
            return AllocationResult.Refused("candidats", "aucun candidat en attente de décision sur cette vacance : rien à examiner en CALEOL");
        }

        var now = clock.GetUtcNow();
        OfferRounds.Touch(vacancy, step.State!.Value, user, now);
        session.Agenda = CaleolAgenda.With(session, vacancy.Id);
        session.Revision++;
        session.UpdatedAt = now;
        session.UpdatedBy = user.DisplayName;
        var what = French.Format($"{step.Explanation} : séance du {session.Date:dd/MM/yyyy} ({CaleolAgenda.Describe(session)})");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, what, null, user, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == vacancy.Id, ct);
            return current.Revision != vacancy.Revision - 1
                ? AllocationResult.Conflict(OfferRounds.Changed(current))
                : AllocationResult.Conflict(CaleolAgenda.Changed(await db.CaleolSessions.AsNoTracking().FirstAsync(s => s.Id == session.Id, ct)));
        }

        return AllocationResult.Done(vacancy.Id, what);
    }
}
