using Equilibre.Domain.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// One CALEOL session as its members see it: the facts (date, mode and voting window, place, members), the agenda —
/// each dwelling with its designated candidates (numéro, who designated, the facts shown at designation) and the
/// decision taken on each so far — and what the user may do: decide (a member of that CALEOL), put a vacancy on the
/// agenda (the bailleur, from its vacancies whose candidates are designated), close. Null outside the user's scope.
/// </summary>
public sealed class GetCaleolSession(EquilibreDb db, TimeProvider clock)
{
    public sealed record CandidateLine(Candidate Candidate, string Numero, CaleolDecisionRecord? Decision);

    public sealed record AgendaItem(Vacancy Vacancy, string? DwellingReference, IReadOnlyList<CandidateLine> Candidates);

    public sealed record Result(
        CaleolSession Session, string Bailleur, IReadOnlyList<string> Members, IReadOnlyList<AgendaItem> Agenda, bool CanDecide, bool CanSchedule,
        IReadOnlyList<Vacancy> Schedulable, bool VotingOpen, string VotingExplanation, int PendingCandidates);

    public async Task<Result?> HandleAsync(long id, CurrentUser user, CancellationToken ct = default)
    {
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var session = await db.CaleolSessions.AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return null;
        }

        var bailleur = await db.Organisations.AsNoTracking().Where(o => o.Id == session.BailleurOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "?";
        var ids = CaleolAgenda.Ids(session);
        var vacancies = await db.Vacancies.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(ct);
        var dwellingIds = vacancies.Select(v => v.DwellingId).ToList();
        var references = await db.Dwellings.AsNoTracking().Where(d => dwellingIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.RplsId, ct);
        var candidates = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.VacancyId)).OrderBy(c => c.Order).ToListAsync(ct);
        var demandIds = candidates.Select(c => c.DemandId).Distinct().ToList();
        var numeros = await db.Demands.AsNoTracking().Where(d => demandIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Numero, ct);
        var decisions = await db.CaleolDecisions.AsNoTracking().Where(d => d.SessionId == session.Id).ToListAsync(ct);
        var agenda = ids.Select(vid => vacancies.FirstOrDefault(v => v.Id == vid)).OfType<Vacancy>()
            .Select(v => new AgendaItem(v, references.GetValueOrDefault(v.DwellingId), [.. candidates.Where(c => c.VacancyId == v.Id)
                .Select(c => new CandidateLine(c, numeros.GetValueOrDefault(c.DemandId, "?"), decisions.FirstOrDefault(d => d.CandidateId == c.Id)))]))
            .ToList();

        var canSchedule = session.Status == CaleolSessionStatus.Planned && (scope.IsAdministrator || (scope.ActsAsBailleur && scope.OrganisationId == session.BailleurOrganisationId) || scope.CanDecide(session));
        var schedulable = canSchedule
            ? await db.Vacancies.AsNoTracking().Where(v => v.BailleurOrganisationId == session.BailleurOrganisationId && v.State == VacancyState.DesignationReceived)
                .OrderBy(v => v.Id).Take(200).ToListAsync(ct)
            : [];
        var now = clock.GetUtcNow();
        var (open, explanation) = session.Status == CaleolSessionStatus.Closed
            ? (false, "séance close : plus aucune décision ne s'enregistre")
            : session.Mode == CaleolMode.Distance
                ? (session.VoteOpens <= now && now <= session.VoteCloses, $"{CaleolAgenda.Describe(session)} : " + (now < session.VoteOpens ? "vote pas encore ouvert" : now > session.VoteCloses ? "vote clos" : "vote en cours"))
                : (FrenchTime.Today(clock) >= session.Date, FrenchTime.Today(clock) >= session.Date ? "séance en présentiel : décisions enregistrables" : "séance en présentiel à venir : décisions enregistrables à partir de sa date");
        var pending = agenda.Where(a => a.Vacancy.State == VacancyState.AtCaleol).Sum(a => a.Candidates.Count(c => c.Candidate.State == CandidateDecisionState.Pending));
        return new Result(session, bailleur, CaleolAgenda.Members(session), agenda, scope.CanDecide(session), canSchedule, schedulable, open, explanation, pending);
    }
}
