using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// The CALEOL (domain.md §7.2, R441-3): the five decisions with what each requires, who may decide, the remote voting
/// window, closing, and the minutes read back from the PDF.
/// </summary>
public sealed class CaleolTests
{
    /// <summary>Worked examples: one candidate each, the decision and what it needs; the candidate's state after.</summary>
    public static readonly (CaleolDecisionKind Kind, int? Rank, string? Motive, DateOnly? Deadline, string? Document, CandidateDecisionState After)[] FiveDecisions =
    [
        (CaleolDecisionKind.Attribution, null, null, null, null, CandidateDecisionState.Attributed),
        (CaleolDecisionKind.AttributionByRank, 2, null, null, null, CandidateDecisionState.AttributedByRank),
        (CaleolDecisionKind.AttributionUnderCondition, null, null, new DateOnly(2026, 12, 15), "avis d'imposition N-2", CandidateDecisionState.AttributedUnderCondition),
        (CaleolDecisionKind.NonAttribution, null, "typologie inadaptée à la composition du ménage", null, null, CandidateDecisionState.NotAttributed),
        (CaleolDecisionKind.Inadmissibility, null, "ressources supérieures au plafond PLUS", null, null, CandidateDecisionState.Inadmissible),
    ];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_of_the_five_decisions_is_recorded_with_who_decided_and_the_shared_history(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var demands = await w.DemandsAsync(5);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, null, demands);
        var session = await w.SessionAsync(vacancy);
        Assert.Equal(VacancyState.AtCaleol, await w.ReadAsync(db => db.Vacancies.Where(v => v.Id == vacancy).Select(v => v.State).SingleAsync()));

        for (var i = 0; i < FiveDecisions.Length; i++)
        {
            var d = FiveDecisions[i];
            var result = await w.DecideAsync(session, candidates[i], d.Kind, d.Rank, d.Motive, deadline: d.Deadline, document: d.Document, revision: 1);
            Assert.True(result.Succeeded, $"{d.Kind} : {result.Message}");
            var candidate = await w.ReadAsync(db => db.Candidates.SingleAsync(c => c.Id == candidates[i]));
            Assert.Equal(d.After, candidate.State);
            var record = await w.ReadAsync(db => db.CaleolDecisions.SingleAsync(r => r.CandidateId == candidates[i]));
            Assert.Equal((d.Kind, d.Rank, "Membre CALEOL A", new DateOnly(2026, 11, 27)), (record.Kind, record.Rank, record.DecidedBy, record.DecidedOn));
        }

        Assert.Equal(5, await w.ReadAsync(db => db.DemandEvents.CountAsync(e => e.Kind == DemandEventKind.CommissionDecision)));
        Assert.Equal(5, await w.ReadAsync(db => db.AllocationEvents.CountAsync(e => e.EntityKind == AllocationJournal.Decision && e.VacancyId == vacancy)));

        // A second decision on a decided candidate is refused: a correction is a new examination.
        var again = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.NonAttribution, motive: "revirement");
        Assert.Equal(AllocationOutcome.Invalid, again.Outcome);
        Assert.Contains("nouvel examen", again.Message, StringComparison.Ordinal);
    }

    /// <summary>What each decision requires (R441-3, CandidateDecisionWorkflow), refused with the rule in the message.</summary>
    public static readonly (CaleolDecisionKind Kind, int? Rank, string? Motive, DateOnly? Deadline, string? Document, string Said)[] Incomplete =
    [
        (CaleolDecisionKind.NonAttribution, null, null, null, null, "le motif est obligatoire"),
        (CaleolDecisionKind.Inadmissibility, null, "  ", null, null, "le motif est obligatoire"),
        (CaleolDecisionKind.AttributionByRank, null, null, null, null, "le rang du candidat"),
        (CaleolDecisionKind.AttributionUnderCondition, null, null, new DateOnly(2026, 12, 15), null, "pièce justificative manquante"),
        (CaleolDecisionKind.AttributionUnderCondition, null, null, new DateOnly(2026, 11, 27), "RIB", "délai de production"),
        (CaleolDecisionKind.Attribution, 1, null, null, null, "un rang ne se donne que"),
    ];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_decision_missing_what_the_law_requires_is_refused_and_a_rank_is_given_once(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var demands = await w.DemandsAsync(2);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, null, demands);
        var session = await w.SessionAsync(vacancy);
        foreach (var d in Incomplete)
        {
            var result = await w.DecideAsync(session, candidates[0], d.Kind, d.Rank, d.Motive, deadline: d.Deadline, document: d.Document);
            Assert.Equal(AllocationOutcome.Invalid, result.Outcome);
            Assert.Contains(d.Said, result.Message, StringComparison.Ordinal);
        }

        Assert.True((await w.DecideAsync(session, candidates[0], CaleolDecisionKind.AttributionByRank, 1)).Succeeded);
        var twice = await w.DecideAsync(session, candidates[1], CaleolDecisionKind.AttributionByRank, 1);
        Assert.Contains("le rang 1 est déjà donné", twice.Message, StringComparison.Ordinal);
        Assert.Equal(0, await w.ReadAsync(db => db.CaleolDecisions.CountAsync(r => r.CandidateId == candidates[1])));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_a_member_of_the_bailleurs_CALEOL_decides_and_a_remote_vote_only_within_its_window(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var demands = await w.DemandsAsync(2);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, null, demands);
        await using var db = w.Database.NewContext();

        // Remote session voting from Tuesday 1st to Thursday 3/12/2026; the clock says Saturday 28/11: not yet open.
        var remote = await new CreateCaleolSession(db, w.Clock).HandleAsync(new(new DateOnly(2026, 12, 1), CaleolMode.Distance,
            new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero), null, "Mme Durand — présidente"), w.Member);
        Assert.True(remote.Succeeded, remote.Message);
        var session = remote.Id!.Value;
        Assert.True((await new ScheduleVacancy(db, w.Clock).HandleAsync(new(session, vacancy, 1), w.Bailleur)).Succeeded);
        var early = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution);
        Assert.Equal(AllocationOutcome.Invalid, early.Outcome);
        Assert.Contains("fenêtre de vote", early.Message, StringComparison.Ordinal);

        // The bailleur's agent (not a member), a member of another bailleur's CALEOL, the préfet: refused or not found.
        Assert.Equal(AllocationOutcome.Forbidden, (await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution, user: w.Bailleur)).Outcome);
        Assert.Equal(AllocationOutcome.NotFound, (await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution, user: w.MemberOfB)).Outcome);
        Assert.Equal(AllocationOutcome.NotFound, (await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution, user: w.Prefet)).Outcome);

        // Within the window the vote counts, dated from the window's close.
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var inTime = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution);
        Assert.True(inTime.Succeeded, inTime.Message);
        Assert.Equal(new DateOnly(2026, 12, 3), (await w.ReadAsync(d => d.CaleolDecisions.SingleAsync())).DecidedOn);

        // After the close of the vote: refused again.
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 17, 0, 1, TimeSpan.Zero));
        var late = await w.DecideAsync(session, candidates[1], CaleolDecisionKind.NonAttribution, motive: "dossier incomplet");
        Assert.Contains("fenêtre de vote", late.Message, StringComparison.Ordinal);

        // A window that closes before it opens is refused at creation.
        var upsideDown = await new CreateCaleolSession(db, w.Clock).HandleAsync(new(new DateOnly(2026, 12, 1), CaleolMode.Distance,
            new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), null, "Mme Durand"), w.Member);
        Assert.Contains("l'ouverture du vote doit précéder sa clôture", upsideDown.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_revision_is_a_conflict_saying_what_changed(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var demands = await w.DemandsAsync(1);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, null, demands);
        var session = await w.SessionAsync(vacancy);
        Assert.True((await w.DecideAsync(session, candidates[0], CaleolDecisionKind.Attribution, revision: 1)).Succeeded);
        var stale = await w.DecideAsync(session, candidates[0], CaleolDecisionKind.NonAttribution, motive: "doublon", revision: 1);
        Assert.Equal(AllocationOutcome.Conflict, stale.Outcome);
        Assert.Contains("attributaire", stale.Message, StringComparison.Ordinal);
        Assert.Contains("Membre CALEOL A", stale.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_minutes_list_members_and_each_dwellings_decisions_with_ranks_and_motives_by_numero_only(Provider provider)
    {
        await using var w = await CaleolWorld.CreateAsync(provider);
        var demands = await w.DemandsAsync(3);
        var (vacancy, candidates) = await w.VacancyAsync(CaleolWorld.QpvDwelling, VacancyState.DesignationReceived, null, demands);
        var session = await w.SessionAsync(vacancy);
        Assert.True((await w.DecideAsync(session, candidates[0], CaleolDecisionKind.AttributionByRank, 1)).Succeeded);
        Assert.True((await w.DecideAsync(session, candidates[1], CaleolDecisionKind.AttributionByRank, 2)).Succeeded);
        var early = await w.CloseAsync(session);
        Assert.Contains("1 candidat(s) de l'ordre du jour sans décision", early.Message, StringComparison.Ordinal);
        Assert.True((await w.DecideAsync(session, candidates[2], CaleolDecisionKind.NonAttribution, motive: "ressources insuffisantes pour le loyer")).Succeeded);
        Assert.True((await w.CloseAsync(session)).Succeeded);

        await using var db = w.Database.NewContext();
        var minutes = await new ExportCaleolMinutes(new GetCaleolSession(db, w.Clock), w.Clock).HandleAsync(session, w.Member);
        var text = PdfText.All(minutes!.Pdf).ReplaceLineEndings(" "); // table cells wrap
        var numeros = await db.Demands.Where(d => demands.Contains(d.Id)).OrderBy(d => d.Id).Select(d => d.Numero).ToListAsync();
        Assert.Contains("Procès-verbal de la CALEOL du 27/11/2026", text, StringComparison.Ordinal);
        Assert.Contains("Mme Durand — présidente", text, StringComparison.Ordinal);
        Assert.Contains(CaleolWorld.QpvDwelling, text, StringComparison.Ordinal);
        Assert.All(numeros, n => Assert.Contains(n, text, StringComparison.Ordinal));
        Assert.Contains("attribution par ordre de priorité", text, StringComparison.Ordinal);
        Assert.Contains("ressources insuffisantes pour le loyer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Martin", text, StringComparison.Ordinal);

        // Outside the bailleur: no minutes.
        Assert.Null(await new ExportCaleolMinutes(new GetCaleolSession(db, w.Clock), w.Clock).HandleAsync(session, w.MemberOfB));
    }
}
