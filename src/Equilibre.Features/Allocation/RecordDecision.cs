using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// A CALEOL decision on one candidate of its agenda (R441-3 CCH, domain.md §7.2): one of the five legal decisions, checked
/// by <see cref="CandidateDecisionWorkflow"/> (rank for a ranked attribution, motive for a non-attribution or an
/// irrecevabilité, deadline and missing document for a suspensive condition), once per candidate. Only a member of the
/// bailleur's CALEOL records it (<see cref="AllocationAccess.CanDecide"/>); a remote session only within its voting
/// window, an in-person one from its date. Who decided is kept with the decision, an audit line is written and the
/// demand's shared history gets the decision (gestion partagée). A rank or a plain attribution already given on the
/// dwelling is refused: the offers follow one order.
/// </summary>
public sealed class RecordDecision(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(
        long SessionId, long CandidateId, CaleolDecisionKind Kind, int? Rank = null, string? Motive = null, DateOnly? ConditionDeadline = null,
        string? MissingDocument = null, int? ExpectedRevision = null);

    public async Task<AllocationResult> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var (session, refusal) = await AllocationChanges.LoadAsync(
            db.CaleolSessions.Visible(scope).Where(s => s.Id == request.SessionId), "séance de CALEOL", scope.CanDecide,
            "seul un membre de la CALEOL du bailleur enregistre ses décisions", ct);
        if (session is null)
        {
            return refusal!;
        }

        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == request.CandidateId, ct);
        if (candidate is null || !CaleolAgenda.Ids(session).Contains(candidate.VacancyId))
        {
            return AllocationResult.NotFound("candidat à l'ordre du jour de cette séance");
        }

        if (session.Status == CaleolSessionStatus.Closed)
        {
            return AllocationResult.Refused("seance", French.Format($"la séance du {session.Date:dd/MM/yyyy} est close : une décision se corrige par un nouvel examen en CALEOL"));
        }

        var now = clock.GetUtcNow();
        var today = FrenchTime.Today(clock);
        DateOnly decidedOn;
        if (session.Mode == CaleolMode.Distance)
        {
            if (session.VoteOpens is not { } opens || session.VoteCloses is not { } closes || now < opens || now > closes)
            {
                return AllocationResult.Refused("vote", French.Format(
                    $"séance à distance : les votes ne sont recevables que pendant la fenêtre de vote ({CaleolAgenda.Describe(session)}) ; il est {FrenchTime.InFrance(now):dd/MM/yyyy HH:mm}"));
            }

            decidedOn = DateOnly.FromDateTime(FrenchTime.InFrance(closes).DateTime);
        }
        else
        {
            if (today < session.Date)
            {
                return AllocationResult.Refused("seance", French.Format($"la séance du {session.Date:dd/MM/yyyy} n'a pas encore eu lieu : ses décisions s'enregistrent à partir de cette date"));
            }

            decidedOn = session.Date;
        }

        var vacancy = await db.Vacancies.FirstAsync(v => v.Id == candidate.VacancyId, ct);
        if (vacancy.State != VacancyState.AtCaleol)
        {
            return AllocationResult.Refused("etat", $"la vacance est {VacancyWorkflow.Label(vacancy.State)} : la CALEOL ne décide que sur une vacance inscrite à son ordre du jour");
        }

        if (request.ExpectedRevision is { } expected && expected != candidate.Revision)
        {
            return AllocationResult.Conflict(await ChangedAsync(candidate, ct));
        }

        var motive = Clean(request.Motive, 2000);
        var document = Clean(request.MissingDocument, 300);
        var decision = new CaleolDecision(request.Kind, decidedOn, request.Rank, request.ConditionDeadline, document, motive);
        var step = CandidateDecisionWorkflow.Transition(candidate.State, new CandidateAction.Decide(decision));
        if (!step.Allowed)
        {
            return AllocationResult.Refused(Field(request.Kind), step.Explanation);
        }

        var others = await db.CaleolDecisions.AsNoTracking().Where(d => d.VacancyId == vacancy.Id && d.SessionId == session.Id && d.CandidateId != candidate.Id).ToListAsync(ct);
        if (request.Kind == CaleolDecisionKind.AttributionByRank && others.FirstOrDefault(d => d.Kind == CaleolDecisionKind.AttributionByRank && d.Rank == request.Rank) is { } taken)
        {
            return AllocationResult.Refused("rang", French.Format($"le rang {request.Rank} est déjà donné à la demande n° {await OfferRounds.NumeroAsync(db, taken.DemandId, ct)} pour ce logement : chaque candidat classé a son propre rang"));
        }

        if (request.Kind == CaleolDecisionKind.Attribution && others.FirstOrDefault(d => d.Kind == CaleolDecisionKind.Attribution) is { } first)
        {
            return AllocationResult.Refused("decision", $"le logement est déjà attribué à la demande n° {await OfferRounds.NumeroAsync(db, first.DemandId, ct)} : pour désigner des suivants, attribuez par ordre de priorité (R441-3 b)");
        }

        var record = new CaleolDecisionRecord
        {
            SessionId = session.Id,
            CandidateId = candidate.Id,
            VacancyId = vacancy.Id,
            DemandId = candidate.DemandId,
            Kind = request.Kind,
            Rank = request.Rank,
            Motive = motive,
            ConditionDeadline = request.Kind == CaleolDecisionKind.AttributionUnderCondition ? request.ConditionDeadline : null,
            MissingDocument = request.Kind == CaleolDecisionKind.AttributionUnderCondition ? document : null,
            DecidedOn = decidedOn,
            DecidedByUserId = user.UserId == 0 ? null : user.UserId,
            DecidedBy = user.DisplayName,
            At = now,
            Revision = 1,
        };
        db.CaleolDecisions.Add(record);
        candidate.State = step.State!.Value;
        candidate.Revision++;
        var numero = await OfferRounds.NumeroAsync(db, candidate.DemandId, ct);
        var summary = $"CALEOL : {step.Explanation} (demande n° {numero})";
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Decision, candidate.Id, vacancy.Id, summary, null, user, now));
        db.DemandEvents.Add(DemandAccess.Event(candidate.DemandId, DemandEventKind.CommissionDecision,
            French.Format($"décision de la CALEOL du {decidedOn:dd/MM/yyyy} sur un logement T{vacancy.Rooms} à {vacancy.CommuneCode} : {step.Explanation}"), null, user, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Candidates.AsNoTracking().FirstAsync(c => c.Id == candidate.Id, ct);
            return AllocationResult.Conflict(await ChangedAsync(current, ct));
        }

        return AllocationResult.Done(record.Id, summary);
    }

    private async Task<string> ChangedAsync(Candidate candidate, CancellationToken ct)
    {
        var last = await db.CaleolDecisions.AsNoTracking().Where(d => d.CandidateId == candidate.Id).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        return last is null
            ? $"le candidat a été modifié entre-temps : il est {CandidateDecisionWorkflow.Label(candidate.State)}"
            : French.Format($"le candidat a été modifié entre-temps : il est {CandidateDecisionWorkflow.Label(candidate.State)} (décision « {CandidateDecisionWorkflow.Label(last.Kind)} » enregistrée par {last.DecidedBy} le {FrenchTime.InFrance(last.At):dd/MM/yyyy à HH:mm})");
    }

    private static string Field(CaleolDecisionKind kind) => kind switch
    {
        CaleolDecisionKind.AttributionByRank => "rang",
        CaleolDecisionKind.AttributionUnderCondition => "condition",
        CaleolDecisionKind.NonAttribution or CaleolDecisionKind.Inadmissibility => "motif",
        _ => "decision",
    };

    private static string? Clean(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();
}
