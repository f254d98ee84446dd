using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Closes a CALEOL session once every candidate of its agenda has a decision (the minutes record one per candidate,
/// R441-3). A dwelling for which the commission attributed to nobody goes back at once per the convention's return
/// rules (<see cref="OfferRounds.ReopenAsync"/>); the others wait for the bailleur's offer (<see cref="SendOffer"/>), including
/// one attributed only under a suspensive condition not yet lifted (<see cref="OfferRounds.AwaitsConditionAsync"/>): it
/// stays at its CALEOL and the summary says it awaits the lifting.
/// </summary>
public sealed class CloseCaleolSession(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(long SessionId, int? ExpectedRevision);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var (session, refusal) = await AllocationChanges.LoadAsync(
            db.CaleolSessions.Visible(scope).Where(s => s.Id == request.SessionId), "séance de CALEOL", scope.CanDecide,
            "seul un membre de la CALEOL du bailleur clôt ses séances", s => s.Revision, request.ExpectedRevision, CaleolAgenda.Changed, ct);
        if (session is null)
        {
            return refusal!;
        }

        if (session.Status == CaleolSessionStatus.Closed)
        {
            return AllocationResult.Refused("seance", French.Format($"la séance du {session.Date:dd/MM/yyyy} est déjà close"));
        }

        var agenda = CaleolAgenda.Ids(session);
        var vacancies = await db.Vacancies.Where(v => agenda.Contains(v.Id)).ToListAsync(ct);
        var atCaleol = vacancies.Where(v => v.State == VacancyState.AtCaleol).Select(v => v.Id).ToList();
        var pending = await db.Candidates.CountAsync(c => atCaleol.Contains(c.VacancyId) && c.State == CandidateDecisionState.Pending, ct);
        if (pending > 0)
        {
            return AllocationResult.Refused("decisions", French.Format($"{pending} candidat(s) de l'ordre du jour sans décision : la CALEOL se prononce sur chaque candidat examiné avant la clôture du procès-verbal"));
        }

        var now = clock.GetUtcNow();
        var today = FrenchTime.Today(clock);
        var lines = new List<string>();
        foreach (var vacancy in vacancies.Where(v => v.State == VacancyState.AtCaleol))
        {
            if ((await OfferRounds.RemainingAsync(db, vacancy.Id, ct)).Count > 0)
            {
                continue;
            }

            if (await OfferRounds.AwaitsConditionAsync(db, vacancy.Id, ct))
            {
                lines.Add($"vacance n° {vacancy.Id} : attribution sous condition suspensive, {OfferRounds.AwaitingCondition}");
            }
            else
            {
                lines.Add($"vacance n° {vacancy.Id} : " + await OfferRounds.ReopenAsync(db, vacancy, today, "la CALEOL n'a attribué le logement à aucun candidat", user, now, ct));
            }
        }

        session.Status = CaleolSessionStatus.Closed;
        session.Revision++;
        session.UpdatedAt = now;
        session.UpdatedBy = user.DisplayName;
        var decisions = await db.CaleolDecisions.CountAsync(d => d.SessionId == session.Id, ct);
        var summary = French.Format($"séance de CALEOL du {session.Date:dd/MM/yyyy} close : {agenda.Count} logement(s), {decisions} décision(s)");
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Session, session.Id, null, summary, lines.Count == 0 ? null : string.Join(" ; ", lines), user, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AllocationResult.Conflict(CaleolAgenda.Changed(await db.CaleolSessions.AsNoTracking().FirstAsync(s => s.Id == session.Id, ct)));
        }

        return AllocationResult.Done(session.Id, summary, lines);
    }
}
