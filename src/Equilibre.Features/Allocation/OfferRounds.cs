using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// What the CALEOL and offer use cases share: the order in which attributed candidates are offered the dwelling, the
/// next offer, and where the vacancy goes when nobody is left (the convention's <see cref="ReturnRules"/>). One place,
/// so that a refusal (<see cref="AnswerOffer"/>), an expiry (<see cref="ExpireOffers"/>), the first offer
/// (<see cref="SendOffer"/>) and a CALEOL that attributed to nobody (<see cref="CloseCaleolSession"/>) behave alike; a
/// pending suspensive condition (<see cref="AwaitsConditionAsync"/>) keeps the vacancy from going back.
/// </summary>
internal static class OfferRounds
{
    /// <summary>The summary of the event that reopens a designation to the réservataire: counted against the convention's redesignations.</summary>
    public const string ReopenedForReservataire = "Désignation rouverte au réservataire";

    /// <summary>
    /// The order of the offers: a plain attribution first (R441-3 a), then the ranks (b), then the lifted conditions (c)
    /// in the order of designation. The rank stored on the offer is this position's rank (1 for a plain attribution).
    /// </summary>
    public static int Rank(CaleolDecisionRecord decision, int fallback) => decision.Kind switch
    {
        CaleolDecisionKind.Attribution => 1,
        CaleolDecisionKind.AttributionByRank => decision.Rank ?? fallback,
        _ => fallback,
    };

    /// <summary>The candidates that may still be offered the dwelling, best first, with the rank of each.</summary>
    public static async Task<IReadOnlyList<(Candidate Candidate, int Rank)>> RemainingAsync(EquilibreDb db, long vacancyId, CancellationToken ct)
    {
        var candidates = await db.Candidates.Where(c => c.VacancyId == vacancyId).ToListAsync(ct);
        var offered = await db.Offers.Where(o => o.VacancyId == vacancyId).Select(o => o.CandidateId).ToListAsync(ct);
        var decisions = await db.CaleolDecisions.Where(d => d.VacancyId == vacancyId).ToListAsync(ct);
        var lastOfSession = decisions.GroupBy(d => d.CandidateId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Id).First());
        return candidates
            .Where(c => CandidateDecisionWorkflow.CanBeOffered(c.State) && !offered.Contains(c.Id) && lastOfSession.ContainsKey(c.Id))
            .Select(c => (Candidate: c, Rank: Rank(lastOfSession[c.Id], 1000 + c.Order), Kind: lastOfSession[c.Id].Kind))
            .OrderBy(x => x.Kind == CaleolDecisionKind.Attribution ? 0 : x.Kind == CaleolDecisionKind.AttributionByRank ? 1 : 2)
            .ThenBy(x => x.Rank).ThenBy(x => x.Candidate.Order)
            .Select(x => (x.Candidate, x.Rank))
            .ToList();
    }

    /// <summary>What is said of a vacancy nobody can be offered yet while a suspensive condition is pending: it is not reopened.</summary>
    public const string AwaitingCondition = "en attente de la levée d'une condition suspensive : la vacance n'est pas remise en désignation, l'offre partira une fois la condition levée (ou la vacance repartira selon la convention si la condition devient caduque)";

    /// <summary>
    /// Whether a candidate of the vacancy is attributed under a suspensive condition not yet lifted (R441-3 c): he cannot
    /// be offered the dwelling now (<see cref="RemainingAsync"/>) but may be once the condition is lifted
    /// (<see cref="LiftCondition"/>), so the vacancy must not go back while it is pending — only its lapse
    /// (<see cref="LapseCondition"/>) ends that hope. The one reading of "someone is still left" for the closing of the
    /// CALEOL, a refused or expired offer and a lapsed condition.
    /// </summary>
    public static Task<bool> AwaitsConditionAsync(EquilibreDb db, long vacancyId, CancellationToken ct) =>
        db.Candidates.AnyAsync(c => c.VacancyId == vacancyId && c.State == CandidateDecisionState.AttributedUnderCondition, ct);

    /// <summary>
    /// Offers the dwelling to the best remaining candidate (vacancy → Offered, deadline by <see cref="OfferDeadline"/>),
    /// or, when none is left, sends the vacancy back per the return rules — unless a suspensive condition is still pending
    /// (<see cref="AwaitsConditionAsync"/>): the vacancy then stays where it is (Offered, from which the workflow allows
    /// the next offer) and the explanation says so. Stages the changes; the caller saves.
    /// </summary>
    public static async Task<string> OfferNextOrReopenAsync(EquilibreDb db, Vacancy vacancy, DateOnly today, AllocationSettings settings, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        var remaining = await RemainingAsync(db, vacancy.Id, ct);
        if (remaining.Count == 0)
        {
            return await AwaitsConditionAsync(db, vacancy.Id, ct)
                ? $"aucun autre candidat à qui faire l'offre pour l'instant, {AwaitingCondition}"
                : await ReopenAsync(db, vacancy, today, "aucun candidat attributaire restant", user, now, ct);
        }

        var (_, why) = await OfferAsync(db, vacancy, remaining[0].Candidate, remaining[0].Rank, today, settings, user, now, ct);
        return why;
    }

    /// <summary>Stages an offer to <paramref name="candidate"/>; refuses with the workflow's explanation when the vacancy cannot be offered.</summary>
    public static async Task<(Offer? Offer, string Explanation)> OfferAsync(
        EquilibreDb db, Vacancy vacancy, Candidate candidate, int rank, DateOnly sentOn, AllocationSettings settings, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.MakeOffer);
        if (!step.Allowed)
        {
            return (null, step.Explanation);
        }

        var deadline = OfferDeadline.Compute(sentOn, vacancy.DepartementCode, settings.OfferDeadline);
        var offer = new Offer
        {
            VacancyId = vacancy.Id,
            CandidateId = candidate.Id,
            DemandId = candidate.DemandId,
            Rank = rank,
            SentOn = sentOn,
            Deadline = deadline.LastDay,
            State = OfferState.Pending,
            Revision = 1,
        };
        db.Offers.Add(offer);
        Touch(vacancy, step.State!.Value, user, now);
        var numero = await NumeroAsync(db, candidate.DemandId, ct);
        var summary = French.Format($"offre au rang {rank} (demande n° {numero}) : réponse attendue au plus tard le {deadline.LastDay:dd/MM/yyyy}");
        var detail = string.Join(" ; ", deadline.Explanation);
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Offer, candidate.Id, vacancy.Id, summary, detail, user, now));
        db.DemandEvents.Add(DemandAccess.Event(candidate.DemandId, DemandEventKind.Offer,
            French.Format($"offre d'un logement T{vacancy.Rooms} à {vacancy.CommuneCode} (rang {rank}) : réponse attendue au plus tard le {deadline.LastDay:dd/MM/yyyy}"), detail, user, now));
        return (offer, summary);
    }

    /// <summary>
    /// Nobody attributed is left: the designation goes back to the réservataire while its convention grants
    /// redesignations (<see cref="ReturnRules.Redesignations"/>), else the dwelling returns to the bailleur (counted in
    /// the réservataire's flux per <see cref="ReturnRules.ReturnedCountsAsDelivered"/>); a vacancy the bailleur kept is
    /// reopened to it. Stages the change and its event; returns the explanation.
    /// </summary>
    public static async Task<string> ReopenAsync(EquilibreDb db, Vacancy vacancy, DateOnly today, string why, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        string explanation;
        if (vacancy.ReservataireOrganisationId is null || vacancy.ConventionId is not { } conventionId)
        {
            var action = vacancy.Returned ? VacancyAction.ReturnToBailleur : VacancyAction.ReopenForBailleur;
            var step = VacancyWorkflow.Transition(vacancy.State, action);
            if (!step.Allowed)
            {
                return step.Explanation;
            }

            Touch(vacancy, step.State!.Value, user, now);
            explanation = $"{why} : {step.Explanation}";
            db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, "Désignation rouverte au bailleur", explanation, user, now));
            return explanation;
        }

        var record = await db.ReservationConventions.AsNoTracking().FirstAsync(c => c.Id == conventionId, ct);
        var convention = record.ToDomain("le réservataire", "le bailleur");
        var used = await db.AllocationEvents.CountAsync(e => e.VacancyId == vacancy.Id && e.EntityKind == AllocationJournal.Vacancy && e.Summary == ReopenedForReservataire, ct);
        if (used < convention.Return.Redesignations)
        {
            var step = VacancyWorkflow.Transition(vacancy.State, VacancyAction.ReopenForReservataire);
            if (!step.Allowed)
            {
                return step.Explanation;
            }

            Touch(vacancy, step.State!.Value, user, now);
            vacancy.OrientedOn = today;
            vacancy.DesignationDeadline = convention.DesignationDeadline(today);
            explanation = French.Format($"{why} : {step.Explanation} (nouvelle désignation {used + 1} sur {convention.Return.Redesignations} permises, {convention.Return.Source}) ; à désigner au plus tard le {vacancy.DesignationDeadline:dd/MM/yyyy}");
            db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, ReopenedForReservataire, explanation, user, now));
            return explanation;
        }

        var back = VacancyWorkflow.Transition(vacancy.State, VacancyAction.ReturnToBailleur);
        if (!back.Allowed)
        {
            return back.Explanation;
        }

        Touch(vacancy, back.State!.Value, user, now);
        var counted = convention.Return.ReturnedCountsAsDelivered ? "compté comme mis à disposition du réservataire" : "non compté dans le flux du réservataire";
        explanation = French.Format($"{why} et plus de nouvelle désignation permise ({convention.Return.Redesignations} prévue(s), {convention.Return.Source}) : {back.Explanation} ; {counted}");
        vacancy.ReservataireOrganisationId = null;
        vacancy.Returned = true;
        vacancy.ReturnedOn = today;
        vacancy.ReturnReason = explanation;
        db.AllocationEvents.Add(AllocationJournal.Event(AllocationJournal.Vacancy, vacancy.Id, vacancy.Id, "Logement rendu au bailleur", explanation, user, now));
        return explanation;
    }

    /// <summary>
    /// Loads a record of a vacancy's offer round (an offer, a candidate) for a bailleur's change — the answer to an offer
    /// (<see cref="AnswerOffer"/>), the lease (<see cref="SignLease"/>), the lifted condition (<see cref="LiftCondition"/>):
    /// the record and its vacancy within the user's <see cref="AllocationAccess"/> scope (else "introuvable", so that a
    /// record outside the scope is not even confirmed to exist), the user acting as the dwelling's bailleur (else
    /// <paramref name="onlyBailleur"/>), and the record at <paramref name="expectedRevision"/> (else a conflict saying
    /// what <paramref name="changed"/>). One place, so that the three use cases refuse alike and in the same order.
    /// </summary>
    public static async Task<(OfferRoundChange<T>? Loaded, AllocationResult? Refusal)> LoadForChangeAsync<T>(
        EquilibreDb db, IQueryable<T> record, string what, Func<T, long> vacancyOf, Func<T, int> revisionOf, int? expectedRevision,
        string onlyBailleur, Func<T, Vacancy, Task<string>> changed, CurrentUser user, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(vacancyOf);
        ArgumentNullException.ThrowIfNull(revisionOf);
        ArgumentNullException.ThrowIfNull(changed);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var found = await record.FirstOrDefaultAsync(ct);
        var vacancyId = found is null ? 0 : vacancyOf(found);
        var vacancy = found is null ? null : await db.Vacancies.Visible(scope).FirstOrDefaultAsync(v => v.Id == vacancyId, ct);
        if (found is null || vacancy is null)
        {
            return (null, AllocationResult.NotFound(what));
        }

        if (!scope.CanActAsBailleur(vacancy))
        {
            return (null, AllocationResult.Forbidden(onlyBailleur));
        }

        if (expectedRevision is { } expected && expected != revisionOf(found))
        {
            return (null, AllocationResult.Conflict(await changed(found, vacancy)));
        }

        return (new OfferRoundChange<T>(found, vacancy), null);
    }

    /// <summary>
    /// Saves a staged step, then what follows it in the round — <paramref name="followUp"/> stages the next offer or the
    /// return of the vacancy and says so, or returns null when nothing follows — in one transaction: a refused offer
    /// (<see cref="AnswerOffer"/>), a lapsed condition (<see cref="LapseCondition"/>). Not saved when the database
    /// refused (a revision, a unique index): rolled back and the tracker cleared, for the caller to say what changed.
    /// </summary>
    public static async Task<(bool Saved, string? FollowUp)> SaveWithFollowUpAsync(EquilibreDb db, Func<Task<string?>> followUp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            var line = await followUp();
            if (line is not null)
            {
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return (true, line);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (false, null);
        }
    }

    /// <summary>The vacancy moved: new state, new revision, who and when.</summary>
    public static void Touch(Vacancy vacancy, VacancyState state, CurrentUser user, DateTimeOffset now)
    {
        vacancy.State = state;
        vacancy.Revision++;
        vacancy.UpdatedAt = now;
        vacancy.UpdatedBy = user.DisplayName;
    }

    public static async Task<string> NumeroAsync(EquilibreDb db, long? demandId, CancellationToken ct) =>
        demandId is null
            ? "ménage hors registre (bail importé)"
            : await db.Demands.Where(d => d.Id == demandId).Select(d => d.Numero).FirstOrDefaultAsync(ct) ?? $"#{demandId}";

    /// <summary>What changed on a vacancy, for a conflict message.</summary>
    public static string Changed(Vacancy vacancy) =>
        French.Format($"la vacance n° {vacancy.Id} a été modifiée entre-temps : elle est {VacancyWorkflow.Label(vacancy.State)} (par {vacancy.UpdatedBy}, le {FrenchTime.InFrance(vacancy.UpdatedAt):dd/MM/yyyy à HH:mm})");
}

/// <summary>A record of an offer round loaded for a change by <see cref="OfferRounds.LoadForChangeAsync"/>, with its vacancy.</summary>
internal sealed record OfferRoundChange<T>(T Record, Vacancy Vacancy);
