using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Demo;

/// <summary>
/// A year of allocations for the demo EPCIs, produced by running the real workflow (issue 6 §9): vacancies on
/// <see cref="Mobility"/> of each demo bailleur's dwellings a year (the mobility of the demo stock), declared by the
/// bailleur and oriented as the flux ledger proposes, three candidates designated from the shortlist (ranked by
/// cotation) the way real designators choose — drawn among the first thirty with the weights of
/// <see cref="DesignationHabits"/>, which put solvent households, mutations and the préfet's priority households
/// forward, so that the targets come out near the national figures (T1 ≈ 15–20 %) —, decided in the bailleur's weekly
/// CALEOL (which often ranks the most solvent first), offered in rank order with about <see cref="RefusalRate"/>
/// refusals, and leased. Every step goes through the use cases the pages call, with a clock set to the day of the step,
/// so that the flux ledger, the targets and every history are those the workflow writes. The vacancies of the last
/// weeks stop where their calendar stands today (oriented, at the CALEOL, offered), as in real life. The steps are
/// signed « démonstration ». Deterministic (fixed seed); does nothing when demo vacancies exist.
/// <c>Demo:AttributionsMois</c> sets the number of months replayed (12 by default; the tests use fewer).
/// </summary>
public sealed class SeedAllocationDemo(EquilibreDb db, IServiceProvider services, TimeProvider clock)
{
    /// <summary>Months replayed by default (<c>Demo:AttributionsMois</c>).</summary>
    public const int DefaultMonths = 12;

    public const double Mobility = 0.089;
    public const double RefusalRate = 0.40;
    public const double NonAttributionRate = 0.06;

    /// <summary>How the demo's designators choose among the shortlist (the calibration of the replay).</summary>
    public static readonly DesignationHabits Habits = DesignationHabits.Default;

    private static readonly string[] RefusalCodes = ["LOCALISATION", "TYPOLOGIE", "LOYER", "ETAT", "SITUATION", "AUTRE_LOGEMENT"];

    private static readonly CurrentUser Replay = new(0, "démonstration", null, null, TerritoryScope.Nationwide, new HashSet<string> { Roles.Administrateur });

    /// <summary>What the replay produced; <see cref="Problems"/> samples the steps the workflow refused (with its reason).</summary>
    public sealed record Result(int Vacancies, int Designated, int Decisions, int Offers, int Refusals, int Leases)
    {
        public IReadOnlyList<string> Problems { get; init; } = [];

        public override string ToString() => French.Format($"{Vacancies} vacances, {Designated} candidats, {Decisions} décisions, {Offers} offres, {Refusals} refus, {Leases} baux") +
            (Problems.Count == 0 ? "" : " ; refus du circuit : " + string.Join(" | ", Problems));
    }

    public async Task<Result> HandleAsync(int months = DefaultMonths, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (months <= 0 || await db.Vacancies.AnyAsync(v => v.IsDemo, ct))
        {
            return new Result(0, 0, 0, 0, 0, 0);
        }

        var today = FrenchTime.Today(clock);
        var sirens = DemoTerritory.BailleurSirens.ToList();
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => sirens.Contains(b.Siren)).Select(b => b.Id).ToListAsync(ct);
        var dwellings = await db.DwellingStates.AsNoTracking()
            .Where(s => s.BailleurId != null && bailleurs.Contains(s.BailleurId.Value))
            .Where(s => !db.DwellingStates.Any(later => later.DwellingId == s.DwellingId && later.Millesime > s.Millesime))
            .OrderBy(s => s.DwellingId).Select(s => s.DwellingId).ToListAsync(ct);

        // Which dwellings fall vacant, and when: a fixed draw, spread evenly over the replayed months.
        var random = new Random(20261129);
        var first = today.AddMonths(-months);
        var span = today.DayNumber - first.DayNumber;
        var plan = dwellings.Where(_ => random.NextDouble() < Mobility * months / 12.0)
            .Select(id => (Dwelling: id, Day: first.AddDays(random.Next(span))))
            .OrderBy(p => p.Day).ThenBy(p => p.Dwelling).ToList();

        // Who designates on each vacancy: the réservataire of the convention it is oriented to, or the bailleur.
        var conventions = await db.ReservationConventions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Kind, ct);
        var choices = new Random(20261130);

        var replayClock = new ReplayClock();
        T Use<T>() => ActivatorUtilities.CreateInstance<T>(services, replayClock);
        var declare = Use<DeclareVacancy>();
        var orient = Use<OrientVacancy>();
        var shortlist = Use<GetShortlist>();
        var designate = Use<DesignateCandidates>();
        var createSession = Use<CreateCaleolSession>();
        var schedule = Use<ScheduleVacancy>();
        var decide = Use<RecordDecision>();
        var sendOffer = Use<SendOffer>();
        var answer = Use<AnswerOffer>();
        var sign = ActivatorUtilities.CreateInstance<SignLease>(services, replayClock, Use<Applications.RadiateForLease>());

        var problems = new List<string>();
        bool Ok(AllocationResult result, string step)
        {
            if (!result.Succeeded && problems.Count < 10)
            {
                problems.Add($"{step} : {result.Message}");
            }

            return result.Succeeded;
        }

        var sessions = new Dictionary<(long Organisation, DateOnly Date), long>();
        int vacancies = 0, designated = 0, decisions = 0, offers = 0, refusals = 0, leases = 0;
        foreach (var (dwelling, day) in plan)
        {
            ct.ThrowIfCancellationRequested();
            if (vacancies % 100 == 0)
            {
                progress?.Report($"Attributions de démonstration : {vacancies} / {plan.Count} vacances rejouées");
            }

            db.ChangeTracker.Clear();
            replayClock.On(day);
            var declared = await declare.HandleAsync(new DeclareVacancy.Request(dwelling, null, day.AddDays(30)), Replay, ct);
            if (!Ok(declared, "déclaration") || declared.Id is not { } vacancyId)
            {
                continue;
            }

            vacancies++;
            await MarkDemoAsync(vacancyId, ct);
            var vacancy = await LoadAsync(vacancyId, ct);
            var oriented = await orient.HandleAsync(new OrientVacancy.Request(vacancyId, vacancy.Revision, vacancy.ProposedConventionId, null), Replay, ct);
            if (!Ok(oriented, "orientation"))
            {
                continue;
            }

            // A week to designate.
            var designationDay = day.AddDays(7);
            if (designationDay > today)
            {
                continue;
            }

            replayClock.On(designationDay);
            var list = await shortlist.HandleAsync(new GetShortlist.Request(vacancyId), Replay, ct);
            if (list is null || list.Candidates.Count == 0)
            {
                if (problems.Count < 10)
                {
                    problems.Add($"liste de candidats vide pour la vacance {vacancyId}");
                }

                continue;
            }

            vacancy = await LoadAsync(vacancyId, ct);
            var designator = vacancy.ConventionId is { } convention && conventions.TryGetValue(convention, out var kind) ? kind : ReservataireKind.Bailleur;
            var chosen = Habits.Choose(list.Candidates, list.MinimumCandidates, designator, choices)
                .Select(c => new DesignateCandidates.Choice(c.Numero)).ToList();
            var designation = await designate.HandleAsync(new DesignateCandidates.Request(vacancyId, vacancy.Revision, chosen,
                chosen.Count < list.MinimumCandidates ? "trop peu de demandes éligibles pour ce logement" : null), Replay, ct);
            if (!Ok(designation, "désignation"))
            {
                continue;
            }

            designated += chosen.Count;

            // The bailleur's CALEOL meets every Thursday.
            var sessionDay = designationDay.AddDays(((int)DayOfWeek.Thursday - (int)designationDay.DayOfWeek + 7) % 7 + 1);
            if (sessionDay > today)
            {
                continue;
            }

            replayClock.On(sessionDay);
            vacancy = await LoadAsync(vacancyId, ct);
            var organisation = vacancy.BailleurOrganisationId ?? 0;
            if (!sessions.TryGetValue((organisation, sessionDay), out var sessionId))
            {
                var created = await createSession.HandleAsync(new CreateCaleolSession.Request(sessionDay, CaleolMode.Presentiel, null, null,
                    "siège du bailleur", "Présidence — administratrice représentant les locataires\nReprésentant du préfet\nReprésentant de l'EPCI\nMaire de la commune (ou son représentant)",
                    organisation), Replay, ct);
                if (!Ok(created, "séance") || created.Id is not { } newSession)
                {
                    continue;
                }

                sessionId = newSession;
                sessions[(organisation, sessionDay)] = sessionId;
                await db.CaleolSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsDemo, true), ct);
            }

            if (!Ok(await schedule.HandleAsync(new ScheduleVacancy.Request(sessionId, vacancyId, null), Replay, ct), "ordre du jour"))
            {
                continue;
            }

            // The commission ranks them, often putting the households with the most headroom under the taux d'effort first.
            var examined = await db.Candidates.AsNoTracking().Where(c => c.VacancyId == vacancyId).OrderBy(c => c.Order)
                .Select(c => new { c.Id, IsQ1 = db.Demands.Where(d => d.Id == c.DemandId).Select(d => d.IsQ1).FirstOrDefault() }).ToListAsync(ct);
            var rank = 0;
            foreach (var candidate in Habits.RankAtCaleol(examined, c => c.IsQ1, choices).Select(c => c.Id))
            {
                var refuse = rank > 0 && random.NextDouble() < NonAttributionRate;
                var request = refuse
                    ? new RecordDecision.Request(sessionId, candidate, CaleolDecisionKind.NonAttribution, Motive: "taux d'effort trop élevé au regard des ressources déclarées")
                    : new RecordDecision.Request(sessionId, candidate, CaleolDecisionKind.AttributionByRank, Rank: ++rank);
                if (Ok(await decide.HandleAsync(request, Replay, ct), "décision"))
                {
                    decisions++;
                }
            }

            // Offers in rank order: answers within a week, about 40 % refusals.
            var offerDay = sessionDay.AddDays(1);
            if (offerDay > today)
            {
                continue;
            }

            replayClock.On(offerDay);
            vacancy = await LoadAsync(vacancyId, ct);
            if (!Ok(await sendOffer.HandleAsync(new SendOffer.Request(vacancyId, vacancy.Revision, offerDay), Replay, ct), "offre"))
            {
                continue;
            }

            offers++;
            var answerDay = offerDay;
            while (true)
            {
                var pending = await db.Offers.AsNoTracking().Where(o => o.VacancyId == vacancyId && o.State == OfferState.Pending)
                    .Select(o => new { o.Id, o.Revision, o.SentOn }).FirstOrDefaultAsync(ct);
                if (pending is null)
                {
                    break;
                }

                answerDay = pending.SentOn.AddDays(random.Next(2, 8));
                if (answerDay > today)
                {
                    break;
                }

                replayClock.On(answerDay);
                var refuses = random.NextDouble() < RefusalRate;
                var answered = await answer.HandleAsync(new AnswerOffer.Request(pending.Id, refuses ? OfferAnswer.Refuse : OfferAnswer.Accept,
                    refuses ? RefusalCodes[random.Next(RefusalCodes.Length)] : null, pending.Revision, answerDay), Replay, ct);
                if (!Ok(answered, "réponse"))
                {
                    break;
                }

                if (!refuses)
                {
                    var signDay = answerDay.AddDays(random.Next(5, 15));
                    if (signDay <= today)
                    {
                        replayClock.On(signDay);
                        var accepted = await db.Offers.AsNoTracking().Where(o => o.Id == pending.Id).Select(o => o.Revision).FirstAsync(ct);
                        if (Ok(await sign.HandleAsync(new SignLease.Request(pending.Id, signDay, signDay.AddDays(1), Relocation.None, accepted), Replay, ct), "bail"))
                        {
                            leases++;
                        }
                    }

                    break;
                }

                refusals++;
                if (await db.Offers.AnyAsync(o => o.VacancyId == vacancyId && o.State == OfferState.Pending, ct))
                {
                    offers++;
                }
            }
        }

        db.ChangeTracker.Clear();
        await db.Leases.Where(l => db.Vacancies.Any(v => v.Id == l.VacancyId && v.IsDemo)).ExecuteUpdateAsync(u => u.SetProperty(l => l.IsDemo, true), ct);
        progress?.Report($"Attributions de démonstration : {vacancies} vacances, {leases} baux signés");
        return new Result(vacancies, designated, decisions, offers, refusals, leases) { Problems = problems };
    }

    private Task<Vacancy> LoadAsync(long id, CancellationToken ct) => db.Vacancies.AsNoTracking().FirstAsync(v => v.Id == id, ct);

    private Task<int> MarkDemoAsync(long vacancyId, CancellationToken ct) =>
        db.Vacancies.Where(v => v.Id == vacancyId).ExecuteUpdateAsync(u => u.SetProperty(v => v.IsDemo, true), ct);

    /// <summary>The replay's clock: the handlers see "today" as the day of the step (09:00 UTC, 10:00 or 11:00 in France).</summary>
    private sealed class ReplayClock : TimeProvider
    {
        private DateTimeOffset _now;

        public void On(DateOnly day) => _now = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
