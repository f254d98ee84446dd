using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// Offers and leases (domain.md §7.2 R441-10, §5, §2.5; issue 6 items 5–7): the response deadline stored on the offer,
/// refusal and expiry moving to the next rank, the return of the vacancy per the convention's rules when nobody is
/// left, the lease's snapshot for the targets, the radiation RADATT, and one active lease per dwelling and per demand
/// under concurrent signatures.
/// </summary>
public sealed class OfferLeaseTests
{
    /// <summary>A vacancy through its CALEOL: candidates ranked 1, 2, … in the order given, session closed.</summary>
    private static async Task<(long Vacancy, long[] Candidates, long Session)> RankedAsync(CaleolWorld w, string rpls, long? convention, long[] demands)
    {
        var (vacancy, candidates) = await w.VacancyAsync(rpls, VacancyState.DesignationReceived, convention, demands);
        var session = await w.SessionAsync(vacancy);
        for (var i = 0; i < candidates.Length; i++)
        {
            var decided = await w.DecideAsync(session, candidates[i], CaleolDecisionKind.AttributionByRank, i + 1);
            Assert.True(decided.Succeeded, decided.Message);
        }

        Assert.True((await w.CloseAsync(session)).Succeeded);
        return (vacancy, candidates, session);
    }

    private static Task<Offer?> PendingAsync(CaleolWorld w, long vacancy) =>
        w.ReadAsync(db => db.Offers.Where(o => o.VacancyId == vacancy && o.State == OfferState.Pending).FirstOrDefaultAsync());

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_deadline_stored_on_the_offer_runs_past_Christmas_and_the_weekend(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var (vacancy, candidates, _) = await RankedAsync(w, CaleolWorld.QpvDwelling, null, await w.DemandsAsync(2));

        // Sent on Tuesday 15/12/2026: ten days from the next day end on Friday 25/12 (Noël), then Saturday and Sunday → Monday 28/12 (R441-10, CPC 641-642).
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero));
        var sent = await w.SendAsync(vacancy);
        Assert.True(sent.Succeeded, sent.Message);
        var offer = await PendingAsync(w, vacancy);
        Assert.Equal((candidates[0], 1, new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 28)), (offer!.CandidateId, offer.Rank, offer.SentOn, offer.Deadline));
        Assert.Equal(VacancyState.Offered, await w.ReadAsync(db => db.Vacancies.Where(v => v.Id == vacancy).Select(v => v.State).SingleAsync()));
        var history = await w.ReadAsync(db => db.DemandEvents.Where(e => e.DemandId == offer.DemandId && e.Kind == DemandEventKind.Offer).Select(e => e.Detail).SingleAsync());
        Assert.Contains("Noël", history, StringComparison.Ordinal);

        // A second offer while one is pending is refused.
        Assert.Contains("déjà en attente de réponse", (await w.SendAsync(vacancy)).Message, StringComparison.Ordinal);
    }

    /// <summary>Worked examples of the return rules (domain.md §9 [U]): redesignations the convention grants → where the vacancy goes once every ranked candidate refused.</summary>
    public static readonly (string Dwelling, int? Redesignations, VacancyState After, bool Returned, string Said)[] AllRefused =
    [
        (CaleolWorld.QpvDwelling, 1, VacancyState.Oriented, false, "la désignation revient au réservataire"),
        (CaleolWorld.OtherQpvDwelling, 0, VacancyState.ReturnedToBailleur, true, "logement rendu au bailleur"),
        (CaleolWorld.TinqueuxDwelling, null, VacancyState.KeptByBailleur, false, "la désignation revient au bailleur"),
    ];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refusal_offers_the_next_rank_and_when_all_refused_the_vacancy_goes_back_per_the_return_rules(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        foreach (var example in AllRefused)
        {
            long? convention = example.Redesignations is { } r ? await w.ConventionAsync(r) : null;
            var (vacancy, candidates, _) = await RankedAsync(w, example.Dwelling, convention, await w.DemandsAsync(2));
            Assert.True((await w.SendAsync(vacancy)).Succeeded);
            var first = await PendingAsync(w, vacancy);

            var unknown = await w.AnswerAsync(first!.Id, OfferAnswer.Refuse, "TROP_LOIN");
            Assert.Contains("motif de refus « TROP_LOIN » inconnu", unknown.Message, StringComparison.Ordinal);

            var refused = await w.AnswerAsync(first.Id, OfferAnswer.Refuse, "LOCALISATION", first.Revision);
            Assert.True(refused.Succeeded, refused.Message);
            var second = await PendingAsync(w, vacancy);
            Assert.Equal((candidates[1], 2), (second!.CandidateId, second.Rank));

            var last = await w.AnswerAsync(second.Id, OfferAnswer.Refuse, "LOYER");
            Assert.True(last.Succeeded, last.Message);
            Assert.Contains(example.Said, last.Message, StringComparison.Ordinal);
            var after = await w.ReadAsync(db => db.Vacancies.SingleAsync(v => v.Id == vacancy));
            Assert.Equal((example.After, example.Returned), (after.State, after.Returned));
            Assert.Null(await PendingAsync(w, vacancy));
            if (example.After == VacancyState.Oriented)
            {
                Assert.Equal(new DateOnly(2026, 12, 28), after.DesignationDeadline);
            }
        }
    }

    /// <summary>
    /// R441-3 c: the only candidate was attributed under a suspensive condition with a deadline on Friday 4/12/2026. Up
    /// to that day the condition cannot be found lapsed; the day after, the bailleur records the lapse (a form read before
    /// the decision is a conflict, the réservataire may not), the attribution falls and, nobody being left, the
    /// designation goes back to the réservataire per its convention — audited and on the demand's history.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_condition_lapses_only_after_its_deadline_and_the_vacancy_then_goes_back_per_the_return_rules(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, await w.ConventionAsync(1), await w.DemandsAsync(1));
        var session = await w.SessionAsync(vacancy);
        var decided = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.AttributionUnderCondition, deadline: new DateOnly(2026, 12, 4), document: "avis d'imposition");
        Assert.True(decided.Succeeded, decided.Message);
        var revision = await w.ReadAsync(db => db.Candidates.Where(c => c.Id == candidates[0]).Select(c => c.Revision).SingleAsync());

        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var early = await w.LapseAsync(candidates[0], revision);
        Assert.Equal(
            (AllocationOutcome.Invalid, "le délai fixé par la décision court jusqu'au 04/12/2026 inclus : condition non encore caduque le 04/12/2026"),
            (early.Outcome, early.Message));

        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(AllocationOutcome.Forbidden, (await w.LapseAsync(candidates[0], revision, w.Prefet)).Outcome);
        var stale = await w.LapseAsync(candidates[0], revision - 1);
        Assert.Equal(
            (AllocationOutcome.Conflict, "le candidat a été modifié entre-temps : il est attributaire sous condition suspensive : rechargez la page, votre action n'a pas été enregistrée"),
            (stale.Outcome, stale.Message));

        var lapsed = await w.LapseAsync(candidates[0], revision);
        Assert.True(lapsed.Succeeded, lapsed.Message);
        Assert.StartsWith("« avis d'imposition » : pièce non reçue au 04/12/2026 : la condition suspensive n'est pas levée, l'attribution n'oblige plus le bailleur ; ", lapsed.Message, StringComparison.Ordinal);
        Assert.Contains("la désignation revient au réservataire", lapsed.Message, StringComparison.Ordinal);
        Assert.Equal(CandidateDecisionState.ConditionLapsed, await w.ReadAsync(db => db.Candidates.Where(c => c.Id == candidates[0]).Select(c => c.State).SingleAsync()));
        var after = await w.ReadAsync(db => db.Vacancies.SingleAsync(v => v.Id == vacancy));
        Assert.Equal((VacancyState.Oriented, new DateOnly(2027, 1, 4)), (after.State, after.DesignationDeadline));
        var audit = await w.ReadAsync(db => db.AllocationEvents.Where(e => e.VacancyId == vacancy && e.EntityKind == AllocationJournal.Candidate).Select(e => e.Summary).ToListAsync());
        Assert.Contains(audit, s => s.Contains("pièce non reçue au 04/12/2026", StringComparison.Ordinal));
        Assert.True(await w.ReadAsync(db => db.DemandEvents.AnyAsync(e => e.Kind == DemandEventKind.CommissionDecision && e.Summary.Contains("n'oblige plus le bailleur"))));

        var again = await w.LapseAsync(candidates[0], null);
        Assert.Contains("impossible de constater la caducité de la condition : le candidat est déjà", again.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// R441-3 c: the CALEOL attributed the dwelling only under a suspensive condition. Closing the session does not send
    /// the vacancy back — the candidate may still be offered it — and the session's summary says why; once the missing
    /// document is received in time, the bailleur's offer goes to that candidate.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_attributing_only_under_condition_closes_without_reopening_and_the_offer_follows_the_lifting(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, await w.ConventionAsync(1), await w.DemandsAsync(1));
        var session = await w.SessionAsync(vacancy);
        var decided = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.AttributionUnderCondition, deadline: new DateOnly(2026, 12, 4), document: "avis d'imposition");
        Assert.True(decided.Succeeded, decided.Message);

        var closed = await w.CloseAsync(session);
        Assert.True(closed.Succeeded, closed.Message);
        Assert.StartsWith($"vacance n° {vacancy} : attribution sous condition suspensive, en attente de la levée d'une condition suspensive", Assert.Single(closed.Warnings), StringComparison.Ordinal);
        Assert.Equal(VacancyState.AtCaleol, await w.ReadAsync(db => db.Vacancies.Where(v => v.Id == vacancy).Select(v => v.State).SingleAsync()));
        Assert.Contains("en attente de la levée d'une condition suspensive",
            await w.ReadAsync(db => db.AllocationEvents.Where(e => e.EntityKind == AllocationJournal.Session && e.EntityId == session).OrderByDescending(e => e.Id).Select(e => e.Detail).FirstAsync()),
            StringComparison.Ordinal);
        Assert.Contains("aucun candidat attributaire", (await w.SendAsync(vacancy)).Message, StringComparison.Ordinal);

        var lifted = await w.LiftAsync(candidates[0], new DateOnly(2026, 12, 2));
        Assert.True(lifted.Succeeded, lifted.Message);
        var sent = await w.SendAsync(vacancy);
        Assert.True(sent.Succeeded, sent.Message);
        Assert.Equal(candidates[0], (await PendingAsync(w, vacancy))!.CandidateId);
    }

    /// <summary>
    /// A plain attribution and an attribution under suspensive condition: the first candidate refuses the offer while the
    /// condition is still pending. The vacancy is not sent back (it stays offered, from which the next offer may leave)
    /// and the answer says it awaits the condition; once it is lifted, the bailleur offers the dwelling to the second.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refusal_while_a_condition_is_pending_keeps_the_vacancy_for_the_offer_after_the_lifting(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, await w.ConventionAsync(1), await w.DemandsAsync(2));
        var session = await w.SessionAsync(vacancy);
        Assert.True((await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution)).Succeeded);
        var decided = await w.DecideAsync(session, candidates[1], CaleolDecisionKind.AttributionUnderCondition, deadline: new DateOnly(2026, 12, 11), document: "avis d'imposition");
        Assert.True(decided.Succeeded, decided.Message);
        var closed = await w.CloseAsync(session);
        Assert.True(closed.Succeeded, closed.Message);
        Assert.Empty(closed.Warnings);
        Assert.True((await w.SendAsync(vacancy)).Succeeded);
        var first = await PendingAsync(w, vacancy);
        Assert.Equal(candidates[0], first!.CandidateId);

        var refused = await w.AnswerAsync(first.Id, OfferAnswer.Refuse, "LOYER");
        Assert.True(refused.Succeeded, refused.Message);
        Assert.Contains("aucun autre candidat à qui faire l'offre pour l'instant, en attente de la levée d'une condition suspensive", refused.Message, StringComparison.Ordinal);
        var after = await w.ReadAsync(db => db.Vacancies.SingleAsync(v => v.Id == vacancy));
        Assert.Equal((VacancyState.Offered, false), (after.State, after.Returned));
        Assert.Null(await PendingAsync(w, vacancy));

        var lifted = await w.LiftAsync(candidates[1], new DateOnly(2026, 12, 1));
        Assert.True(lifted.Succeeded, lifted.Message);
        var sent = await w.SendAsync(vacancy);
        Assert.True(sent.Succeeded, sent.Message);
        var second = await PendingAsync(w, vacancy);
        Assert.Equal(candidates[1], second!.CandidateId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_answer_by_the_deadline_is_a_refusal_and_the_daily_pass_is_idempotent(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var (vacancy, candidates, _) = await RankedAsync(w, CaleolWorld.QpvDwelling, null, await w.DemandsAsync(2));
        Assert.True((await w.SendAsync(vacancy)).Succeeded);
        var first = await PendingAsync(w, vacancy);
        Assert.Equal(new DateOnly(2026, 12, 8), first!.Deadline); // Saturday 28/11 + 10 days = Tuesday 8/12

        // On the last day the offer still runs; the next day it is expired and the second rank is offered.
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 20, 0, 0, TimeSpan.Zero));
        await using (var db = w.Database.NewContext())
        {
            Assert.Equal(0, (await new ExpireOffers(db, w.Clock, w.Settings).HandleAsync(CurrentUser.CommandLine)).Expired);
        }

        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 6, 0, 0, TimeSpan.Zero));
        await using (var db = w.Database.NewContext())
        {
            var pass = await new ExpireOffers(db, w.Clock, w.Settings).HandleAsync(CurrentUser.CommandLine);
            Assert.Equal(1, pass.Expired);
            Assert.Contains("l'absence de réponse vaut refus", pass.Lines[0], StringComparison.Ordinal);
            Assert.Equal(0, (await new ExpireOffers(db, w.Clock, w.Settings).HandleAsync(CurrentUser.CommandLine)).Expired);
        }

        Assert.Equal(OfferState.Expired, await w.ReadAsync(db => db.Offers.Where(o => o.Id == first.Id).Select(o => o.State).SingleAsync()));
        var second = await PendingAsync(w, vacancy);
        Assert.Equal(candidates[1], second!.CandidateId);

        // Too late to accept the expired offer.
        Assert.Equal(AllocationOutcome.Invalid, (await w.AnswerAsync(first.Id, OfferAnswer.Accept)).Outcome);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_lease_keeps_the_targets_snapshot_and_radiates_the_demand_RADATT(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var convention = await w.ConventionAsync(0);
        var demands = await w.DemandsAsync(2);
        var examples = new (string Dwelling, long? Convention, long Demand, FluxOrigin Flux, QpvBasis Qpv, long? Reservataire)[]
        {
            (CaleolWorld.QpvDwelling, convention, demands[0], FluxOrigin.Prefet, QpvBasis.Qpv, w.Prefecture),
            (CaleolWorld.TinqueuxDwelling, null, demands[1], FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, null),
        };
        foreach (var e in examples)
        {
            var (vacancy, _, session) = await RankedAsync(w, e.Dwelling, e.Convention, [e.Demand]);
            Assert.True((await w.SendAsync(vacancy)).Succeeded);
            var offer = await PendingAsync(w, vacancy);
            Assert.True((await w.AnswerAsync(offer!.Id, OfferAnswer.Accept, revision: 1)).Succeeded);

            // The préfet's agent cannot sign; a stale form is a conflict.
            Assert.Equal(e.Reservataire is null ? AllocationOutcome.NotFound : AllocationOutcome.Forbidden, (await w.SignAsync(offer.Id, user: w.Prefet)).Outcome);
            var stale = await w.SignAsync(offer.Id, revision: 1);
            Assert.Equal(AllocationOutcome.Conflict, stale.Outcome);
            Assert.Contains("acceptée", stale.Message, StringComparison.Ordinal);

            var signed = await w.SignAsync(offer.Id, revision: 2);
            Assert.True(signed.Succeeded, signed.Message);
            var lease = await w.ReadAsync(db => db.Leases.SingleAsync(l => l.Id == signed.Id));
            var demand = await w.ReadAsync(db => db.Demands.SingleAsync(d => d.Id == e.Demand));
            var state = await w.ReadAsync(db => db.DwellingStates.Where(s => s.DwellingId == w.Stock.Dwellings[e.Dwelling]).OrderByDescending(s => s.Millesime).FirstAsync());
            Assert.Equal((e.Flux, e.Qpv, e.Reservataire, (long?)session), (lease.Flux, lease.Qpv, lease.ReservataireOrganisationId, lease.CaleolSessionId));
            Assert.Equal((demand.IsQ1, demand.Q1Year, demand.Q1Threshold, demand.AnnualResourcesPerUc, demand.IsMutation),
                (lease.IsQ1, lease.Q1Year, lease.Q1Threshold, lease.AnnualResourcesPerUc, lease.Mutation));
            Assert.NotNull(lease.IsQ1);
            Assert.NotNull(lease.Q1Threshold);
            Assert.Equal((state.Financing, state.ConstructionYear, state.Rooms, "200067213"), (lease.Financing, lease.ConstructionYear, lease.Rooms, lease.EpciSiren));
            Assert.Equal((new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 1)), (lease.SignedOn, lease.StartsOn));
            if (e.Qpv == QpvBasis.Qpv)
            {
                Assert.Contains("Épinettes", lease.QpvExplanation, StringComparison.Ordinal);
            }

            Assert.Equal((DemandStatus.Radiated, RadiationReason.Allocation, new DateOnly(2026, 11, 28)), (demand.Status, demand.Radiation, demand.RadiatedOn));
            Assert.Equal(1, await w.ReadAsync(db => db.DemandEvents.CountAsync(x => x.DemandId == e.Demand && x.Kind == DemandEventKind.Lease)));
            Assert.Equal(VacancyState.Leased, await w.ReadAsync(db => db.Vacancies.Where(v => v.Id == vacancy).Select(v => v.State).SingleAsync()));
            Assert.Equal(1, await w.ReadAsync(db => db.AllocationEvents.CountAsync(x => x.EntityKind == AllocationJournal.Lease && x.EntityId == lease.Id)));
        }

        await using var list = w.Database.NewContext();
        var mine = await new ListLeases(list).HandleAsync(new(Year: 2026), w.Bailleur);
        Assert.Equal(2, mine.Total);
        Assert.Equal(1, (await new ListLeases(list).HandleAsync(new(Flux: FluxOrigin.Prefet), w.Prefet)).Total);
        Assert.Equal(0, (await new ListLeases(list).HandleAsync(new(), w.MemberOfB)).Total);
    }

    /// <summary>A vacancy already offered whose candidates all accepted (written directly: the race the database must settle).</summary>
    private static async Task<long[]> AcceptedOffersAsync(CaleolWorld w, string dwelling, params long[] demands)
    {
        var (vacancy, candidates) = await w.VacancyAsync(dwelling, VacancyState.Offered, null, demands);
        await using var db = w.Database.NewContext();
        var offers = candidates.Select((c, i) => new Offer
        {
            VacancyId = vacancy,
            CandidateId = c,
            DemandId = demands[i],
            Rank = i + 1,
            SentOn = new DateOnly(2026, 11, 20),
            Deadline = new DateOnly(2026, 11, 30),
            State = OfferState.Accepted,
            AnsweredOn = new DateOnly(2026, 11, 25),
            AnsweredBy = "test",
            Revision = 2,
        }).ToList();
        db.Offers.AddRange(offers);
        await db.SaveChangesAsync();
        return [.. offers.Select(o => o.Id)];
    }

    private static async Task<AllocationResult[]> SignTogetherAsync(CaleolWorld w, params long[] offers)
    {
        var contexts = offers.Select(_ => w.Database.NewContext()).ToList();
        try
        {
            var today = FrenchTime.Today(w.Clock);
            return await Task.WhenAll(offers.Select((o, i) => Task.Run(() => w.Sign(contexts[i]).HandleAsync(new(o, today, today, Relocation.None, 2), w.Bailleur))));
        }
        finally
        {
            foreach (var c in contexts)
            {
                await c.DisposeAsync();
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_concurrent_signatures_on_one_dwelling_with_two_demands_make_exactly_one_lease(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider, sqliteFile: true);
        var demands = await w.DemandsAsync(2);
        var offers = await AcceptedOffersAsync(w, CaleolWorld.QpvDwelling, demands);
        var results = await SignTogetherAsync(w, offers);
        Assert.Single(results, r => r.Succeeded);
        var lost = Assert.Single(results, r => r.Outcome == AllocationOutcome.Conflict);
        Assert.Contains("ce logement", lost.Message, StringComparison.Ordinal);
        Assert.Equal(1, await w.ReadAsync(db => db.Leases.CountAsync(l => l.DwellingId == w.Stock.Dwellings[CaleolWorld.QpvDwelling])));
        Assert.Equal(1, await w.ReadAsync(db => db.Demands.CountAsync(d => demands.Contains(d.Id) && d.Status == DemandStatus.Radiated)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_concurrent_signatures_of_one_demand_on_two_dwellings_make_exactly_one_lease(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider, sqliteFile: true);
        var demand = (await w.DemandsAsync(1))[0];
        var first = await AcceptedOffersAsync(w, CaleolWorld.QpvDwelling, demand);
        var second = await AcceptedOffersAsync(w, CaleolWorld.TinqueuxDwelling, demand);
        var results = await SignTogetherAsync(w, first[0], second[0]);
        Assert.Single(results, r => r.Succeeded);
        var lost = Assert.Single(results, r => r.Outcome == AllocationOutcome.Conflict);
        Assert.Contains("un bail actif existe déjà pour cette demande", lost.Message, StringComparison.Ordinal);
        Assert.Equal(1, await w.ReadAsync(db => db.Leases.CountAsync(l => l.DemandId == demand)));
        Assert.Equal(1, await w.ReadAsync(db => db.DemandEvents.CountAsync(e => e.DemandId == demand && e.Kind == DemandEventKind.Lease)));
    }
}
