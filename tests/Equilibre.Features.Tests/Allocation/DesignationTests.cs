using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// The shortlist and the designation on both providers (issue 6 item 3; domain.md §5.1–§5.4, §7.2, §12, §17.5), on
/// <see cref="DesignationWorld"/>: a T4 in Tinqueux outside QPV (PLUS, category 3 ceiling 37,584 €, rent 520 €, taux
/// d'effort threshold 35 %) and a T3 in a QPV of Reims, both oriented to a réservataire.
/// </summary>
public sealed class DesignationTests
{
    /// <summary>The Tinqueux pool of the worked example: three eligible demands and one excluded for each reason.</summary>
    private sealed record Pool(string A, string B, string C, string Ceiling, string Typology, string Unaffordable, string Adapted, string OtherCommune, string Candidate, string Leased);

    private static async Task<Pool> TinqueuxPoolAsync(DesignationWorld w)
    {
        var a = await w.DemandAsync(50);                                          // Q2–Q4, eligible
        var b = await w.DemandAsync(40, q1: true, dalo: true, rfr: 15000m, monthly: 2000m); // Q1 and DALO, eligible
        var c = await w.DemandAsync(30, typologies: "", priority: true);          // any typology, priority, eligible
        var ceiling = await w.DemandAsync(60, rfr: 37585m);                       // one euro above the category 3 ceiling
        var typology = await w.DemandAsync(55, typologies: "T2");                 // wishes a T2 only
        var unaffordable = await w.DemandAsync(45, monthly: 1000m);               // 520 / 1,000 = 52 % > 35 %
        var adapted = await w.DemandAsync(35, handicap: true);                    // needs an adapted dwelling, this one is not
        var other = await w.DemandAsync(70, communes: [DesignationWorld.ReimsCode]); // wishes Reims only
        var candidate = await w.DemandAsync(65);
        await w.CandidateAsync(w.Tinqueux, candidate.Id);
        var leased = await w.DemandAsync(68);
        await w.ActiveLeaseAsync(leased.Id);
        await w.DemandAsync(80, status: DemandStatus.Radiated);
        return new(a.Numero, b.Numero, c.Numero, ceiling.Numero, typology.Numero, unaffordable.Numero, adapted.Numero, other.Numero, candidate.Numero, leased.Numero);
    }

    private static async Task<int> RevisionAsync(DesignationWorld w, long vacancyId)
    {
        await using var db = w.Database.NewContext();
        return await db.Vacancies.Where(v => v.Id == vacancyId).Select(v => v.Revision).SingleAsync();
    }

    private static async Task<AllocationResult> DesignateAsync(DesignationWorld w, long vacancyId, int revision, IEnumerable<DesignateCandidates.Choice> choices, string? motive = null)
    {
        await using var db = w.Database.NewContext();
        return await DesignationWorld.Designate(db).HandleAsync(new(vacancyId, revision, [.. choices], motive), w.ReservataireUser);
    }

    private static DesignateCandidates.Choice[] Choices(params string[] numeros) => [.. numeros.Select(n => new DesignateCandidates.Choice(n))];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shortlist_ranks_the_eligible_demands_by_score_and_counts_the_excluded_ones_by_reason(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        var p = await TinqueuxPoolAsync(w);
        await using var db = w.Database.NewContext();
        var result = await DesignationWorld.Shortlist(db).HandleAsync(new(w.Tinqueux), w.ReservataireUser);

        Assert.NotNull(result);
        Assert.True(result.CanDesignate, result.CannotDesignateReason);
        Assert.Equal([p.A, p.B, p.C], result.Candidates.Select(c => c.Numero));
        Assert.Equal([1, 2, 3], result.Candidates.Select(c => c.Rank));
        Assert.Equal((3, true, 7), (result.EligibleCount, result.CountIsExact, result.Pool)); // not the other commune, the candidate, the leased, the radiated
        Assert.False(result.TooFewEligible);
        var excluded = result.Excluded.ToDictionary(e => e.Check, e => e.Count);
        Assert.Equal(new Dictionary<ShortlistCheck, int>
        {
            [ShortlistCheck.Typology] = 1,
            [ShortlistCheck.Adaptation] = 1,
            [ShortlistCheck.Ceiling] = 1,
            [ShortlistCheck.Affordability] = 1,
        }, excluded);

        var b = result.Candidates[1];
        Assert.Equal(["premier quartile (Q1)", "DALO"], b.Badges);
        Assert.Equal(40m, b.Score);
        Assert.Contains(result.Candidates[2].Badges, x => x == "prioritaire (L441-1)");

        // Nothing names a household: only numbers (privacy), and none of the excluded ones.
        Assert.DoesNotContain(result.Candidates, c => c.Numero == p.Ceiling || c.Numero == p.OtherCommune || c.Numero == p.Candidate || c.Numero == p.Leased);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_effect_of_a_Q1_DALO_candidate_on_T1_and_T3_is_the_worked_example_of_domain_5(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        await TinqueuxPoolAsync(w);
        await using var db = w.Database.NewContext();
        var result = await DesignationWorld.Shortlist(db).HandleAsync(new(w.Tinqueux), w.ReservataireUser);
        Assert.NotNull(result);

        // Counters this year: EPCI T1 1/4 outside QPV, T2 1/1 in QPV; the réservataire T1 1/2, T2 1/1, T3 1/3.
        Assert.Equal([(1, 4), (1, 1), (1, 2), (1, 1), (1, 3)], result.Counters.Select(c => (c.Numerator, c.Denominator)));

        // B is Q1 and DALO, the dwelling is outside QPV: T1 of the EPCI 1/4 = 25 % → 2/5 = 40 %; of the réservataire
        // 1/2 = 50 % → 2/3 = 66.7 %; T3 1/3 = 33.3 % → 2/4 = 50 %; T2 does not concern a dwelling outside QPV.
        var b = result.Candidates[1];
        Assert.Equal(
            [(StatutoryTarget.T1, 25.0m, 40.0m), (StatutoryTarget.T1, 50.0m, 66.7m), (StatutoryTarget.T3, 33.3m, 50.0m)],
            b.Effects.Select(e => (e.Counter.Target, e.RateBefore!.Value, e.RateAfter!.Value)));
        Assert.Contains("T1 EPCI CU du Grand Reims : 1/4 = 25,0 % → 2/5 = 40,0 % (objectif 25 %) : ménage du premier quartile", b.Effects[0].Explanation, StringComparison.Ordinal);

        // A is neither: the EPCI's T1 falls to 1/5 = 20 %.
        Assert.Equal(20.0m, result.Candidates[0].Effects[0].RateAfter);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Three_candidates_are_designated_with_their_snapshot_history_and_audit_and_a_stale_revision_is_a_conflict(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        var p = await TinqueuxPoolAsync(w);
        var revision = await RevisionAsync(w, w.Tinqueux);

        var done = await DesignateAsync(w, w.Tinqueux, revision, Choices(p.C, p.A, p.B));
        Assert.True(done.Succeeded, done.Message);
        Assert.Empty(done.Warnings); // outside QPV with a Q1 candidate (B)
        Assert.Contains("3 candidat(s) désigné(s)", done.Message, StringComparison.Ordinal);

        await using (var db = w.Database.NewContext())
        {
            var vacancy = await db.Vacancies.SingleAsync(v => v.Id == w.Tinqueux);
            Assert.Equal((VacancyState.DesignationReceived, revision + 1), (vacancy.State, vacancy.Revision));
            var candidates = await db.Candidates.Where(c => c.VacancyId == w.Tinqueux && c.DesignatedBy != "désignation antérieure (test)").OrderBy(c => c.Order).ToListAsync();
            var numeros = await db.Demands.Where(d => candidates.Select(c => c.DemandId).Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Numero);
            Assert.Equal([p.C, p.A, p.B], candidates.Select(c => numeros[c.DemandId]));
            Assert.Equal((40m, true, true, false), (candidates[2].Score, candidates[2].IsQ1, candidates[2].IsDalo, candidates[2].IsPriority));
            Assert.All(candidates, c => Assert.Equal(CandidateDecisionState.Pending, c.State));
            var events = await db.DemandEvents.Where(e => e.Kind == DemandEventKind.Designated).ToListAsync();
            Assert.Equal(3, events.Count);
            Assert.Contains(events, e => e.Summary.StartsWith("désignée candidate en rang 1", StringComparison.Ordinal));
            var audit = await db.AllocationEvents.SingleAsync(e => e.VacancyId == w.Tinqueux);
            Assert.Contains(p.C, audit.Summary, StringComparison.Ordinal);
        }

        // The same form sent again (revision read before the designation): a conflict saying what changed.
        var again = await DesignateAsync(w, w.Tinqueux, revision, Choices(p.C, p.A, p.B));
        Assert.Equal(AllocationOutcome.Conflict, again.Outcome);
        Assert.Contains("pourvue de candidats désignés", again.Message, StringComparison.Ordinal);
        Assert.Contains("rechargez la page", again.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_candidates_are_refused_when_three_are_eligible_but_a_DALO_household_designated_by_the_prefet_alone_is_accepted(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        var p = await TinqueuxPoolAsync(w);
        var revision = await RevisionAsync(w, w.Tinqueux);

        var two = await DesignateAsync(w, w.Tinqueux, revision, Choices(p.A, p.C), "pas d'autre candidat");
        Assert.Equal(AllocationOutcome.Invalid, two.Outcome);
        Assert.Contains("au moins 3 candidats doivent être examinés par logement (R441-3) : 2 désigné(s) alors que 3 demandes sont éligibles", two.Message, StringComparison.Ordinal);

        var dalo = await DesignateAsync(w, w.Tinqueux, revision, [new DesignateCandidates.Choice(p.B, DesignatedByPrefetUnderDalo: true)]);
        Assert.True(dalo.Succeeded, dalo.Message);
        await using var db = w.Database.NewContext();
        var candidate = await db.Candidates.SingleAsync(c => c.VacancyId == w.Tinqueux && c.DesignatedBy != "désignation antérieure (test)");
        Assert.True(candidate.DesignatedByPrefetUnderDalo);
        var audit = await db.AllocationEvents.SingleAsync(e => e.VacancyId == w.Tinqueux);
        Assert.Contains("désigné par le préfet au titre du DALO", audit.Detail, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Too_few_eligible_demands_allow_two_candidates_with_the_CIA_warning_in_QPV(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        string[] reims = [DesignationWorld.ReimsCode];
        var m = await w.DemandAsync(20, typologies: "T3", communes: reims, q1: true, monthly: 2000m);
        var n = await w.DemandAsync(10, typologies: "T2,T3", communes: reims, q1: true, monthly: 2000m);
        await w.DemandAsync(90, typologies: "T4", communes: reims); // wrong typology

        await using (var db = w.Database.NewContext())
        {
            var shortlist = await DesignationWorld.Shortlist(db).HandleAsync(new(w.Reims), w.ReservataireUser);
            Assert.NotNull(shortlist);
            Assert.Equal((2, true, true), (shortlist.EligibleCount, shortlist.CountIsExact, shortlist.TooFewEligible));
            Assert.Equal([m.Numero, n.Numero], shortlist.Candidates.Select(c => c.Numero));

            // In QPV: T2 moves, T1 does not concern the dwelling. A Q1 household: the EPCI's T2 1/1 = 100 % → 1/2 = 50 %.
            Assert.Equal([StatutoryTarget.T2, StatutoryTarget.T2, StatutoryTarget.T3], shortlist.Candidates[0].Effects.Select(e => e.Counter.Target));
            Assert.Equal(50.0m, shortlist.Candidates[0].Effects[0].RateAfter);
        }

        var result = await DesignateAsync(w, w.Reims, await RevisionAsync(w, w.Reims), Choices(m.Numero, n.Numero), "deux demandes éligibles seulement");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["logement en QPV sans candidat des quartiles 2 à 4 (règle de désignation de la CIA, paramétrable (avertissement ; domain.md §5.1–§5.2, non confirmée comme règle légale))"], result.Warnings);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outside_QPV_three_candidates_without_Q1_are_accepted_with_the_CIA_warning_and_ineligible_demands_are_refused_with_the_reason(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        var p = await TinqueuxPoolAsync(w);
        var d = await w.DemandAsync(20, q1: null);
        var revision = await RevisionAsync(w, w.Tinqueux);

        var ineligible = await DesignateAsync(w, w.Tinqueux, revision, Choices(p.A, p.Ceiling, p.OtherCommune, p.Candidate, p.Leased));
        Assert.Equal(AllocationOutcome.Invalid, ineligible.Outcome);
        Assert.Contains($"demande {p.Ceiling} non éligible à ce logement", ineligible.Message, StringComparison.Ordinal);
        Assert.Contains("plafond", ineligible.Message, StringComparison.Ordinal);
        Assert.Contains($"demande {p.OtherCommune} non éligible à ce logement : commune 51573 absente des communes souhaitées", ineligible.Message, StringComparison.Ordinal);
        Assert.Contains($"demande {p.Candidate} : déjà candidate sur ce logement", ineligible.Message, StringComparison.Ordinal);
        Assert.Contains($"demande {p.Leased} : le ménage a déjà un bail actif", ineligible.Message, StringComparison.Ordinal);
        Assert.Equal(4, ineligible.Errors.Count);

        var warned = await DesignateAsync(w, w.Tinqueux, revision, Choices(p.A, p.C, d.Numero));
        Assert.True(warned.Succeeded, warned.Message);
        Assert.Equal(["logement hors QPV sans candidat du premier quartile (règle de désignation de la CIA, paramétrable (avertissement ; domain.md §5.1–§5.2, non confirmée comme règle légale))"], warned.Warnings);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_reservataire_of_the_vacancy_designates_another_one_does_not_see_it_and_the_bailleur_reads_it(Provider provider)
    {
        var w = await DesignationWorld.CreateAsync(provider);
        await using var _ = w.Database;
        var p = await TinqueuxPoolAsync(w);
        var revision = await RevisionAsync(w, w.Tinqueux);
        var other = StockWorld.User(w.Stock.Reservataire, new("44", "10", null, null), Roles.Reservataire);

        await using var db = w.Database.NewContext();
        Assert.Null(await DesignationWorld.Shortlist(db).HandleAsync(new(w.Tinqueux), other));
        var refused = await DesignationWorld.Designate(db).HandleAsync(new(w.Tinqueux, revision, Choices(p.A, p.B, p.C)), other);
        Assert.Equal(AllocationOutcome.NotFound, refused.Outcome);

        var bailleurView = await DesignationWorld.Shortlist(db).HandleAsync(new(w.Tinqueux), w.Stock.BailleurAUser);
        Assert.NotNull(bailleurView);
        Assert.False(bailleurView.CanDesignate);
        var forbidden = await DesignationWorld.Designate(db).HandleAsync(new(w.Tinqueux, revision, Choices(p.A, p.B, p.C)), w.Stock.BailleurAUser);
        Assert.Equal(AllocationOutcome.Forbidden, forbidden.Outcome);
    }
}
