using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Tests.Applications;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Cotation;

/// <summary>Grids drafted, published and applied; stored scores, positions and average wait on both providers (domain.md §8).</summary>
public sealed class CotationTests
{
    private const string Reims = "200067213";

    private static readonly Rubric Situation = new("SITUATION", "Situation", RubricMode.Cumulative,
    [
        new("LOYER", "Logement trop cher (motif 09)", 10, "MOTIF", "09", CriterionSource.Declared, CriterionValidation.None),
        new("EFFORT", "Loyer supérieur à 25 % des ressources", 5, "TAUX_EFFORT_SUPERIEUR", "25", CriterionSource.Computed, CriterionValidation.None),
        new("DALO", "Reconnu DALO", 30, "DALO_ACTIF", null, CriterionSource.Justified, CriterionValidation.None),
    ]);

    private static CotationSettings Settings => CotationSettings.Default with { MinimumHousedForAverage = 1 };

    private static ScoreDemands Scoring(DemandFixture f, EquilibreDb db) => new(db, f.Database.BulkLoader, Settings, f.Clock);

    /// <summary>Creates a draft as the EPCI, gives it <paramref name="rubrics"/> valid from today, publishes it; returns its id.</summary>
    private static async Task<long> PublishAsync(DemandFixture f, IReadOnlyList<Rubric> rubrics, SeniorityRule? seniority = null)
    {
        await using var db = f.Database.NewContext();
        var created = await new CreateCotationDraft(db, f.Clock).HandleAsync(new(Reims, GridScope.General, "vide"), f.EpciReims);
        Assert.True(created.Succeeded, created.Message);
        var record = await db.CotationGrids.AsNoTracking().FirstAsync(g => g.Id == created.GridId);
        var grid = record.ToDomain() with { Label = "Grille test", ValidFrom = FrenchTime.Today(f.Clock), Rubrics = rubrics, Seniority = seniority };
        var saved = await new SaveCotationDraft(db, f.Clock).HandleAsync(new(record.Id, record.Revision, grid), f.EpciReims);
        Assert.True(saved.Succeeded, saved.Message);
        var published = await new PublishCotationGrid(db, f.Clock, Scoring(f, db)).HandleAsync(new(record.Id, record.Revision + 1), f.EpciReims);
        Assert.True(published.Succeeded, published.Message);
        return record.Id;
    }

    private static async Task<GetDemandCotation.Result> CotationOf(DemandFixture f, string numero)
    {
        await using var db = f.Database.NewContext();
        var result = await new GetDemandCotation(db, f.Clock, Settings).HandleAsync(numero, f.Guichet);
        Assert.NotNull(result);
        return result;
    }

    /// <summary>The stored score of a demand, checked equal on each of its wishes (the shortlist ranks by the wishes' copy).</summary>
    private static async Task<double> StoredScore(EquilibreDb db, string numero)
    {
        var id = await db.Demands.Where(d => d.Numero == numero).Select(d => d.Id).FirstAsync();
        var score = await db.DemandScores.Where(s => s.DemandId == id).Select(s => s.Score).FirstAsync();
        var wishes = await db.DemandWishes.Where(w => w.DemandId == id).Select(w => w.Score).ToListAsync();
        Assert.NotEmpty(wishes);
        Assert.All(wishes, w => Assert.Equal(score, w));
        return score;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_EPCI_drafts_a_stale_draft_is_refused_and_a_published_version_never_changes(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        await using var db = f.Database.NewContext();
        var forbidden = await new CreateCotationDraft(db, f.Clock).HandleAsync(new(Reims, GridScope.General, "exemple:cumulative"), f.Guichet);
        Assert.Equal(GridOutcome.Forbidden, forbidden.Outcome);

        var created = await new CreateCotationDraft(db, f.Clock).HandleAsync(new(Reims, GridScope.General, "exemple:cumulative"), f.EpciReims);
        Assert.True(created.Succeeded, created.Message);
        var record = await db.CotationGrids.AsNoTracking().FirstAsync(g => g.Id == created.GridId);
        Assert.StartsWith("Exemple", record.Label, StringComparison.Ordinal);
        Assert.Equal(1, record.Version);
        Assert.Equal(new DateOnly(2026, 12, 1), record.ValidFrom);

        var save = new SaveCotationDraft(db, f.Clock);
        var grid = record.ToDomain() with { TotalCap = 80 };
        Assert.True((await save.HandleAsync(new(record.Id, record.Revision, grid), f.EpciReims)).Succeeded);
        var stale = await save.HandleAsync(new(record.Id, record.Revision, grid with { TotalCap = 90 }), f.EpciReims);
        Assert.Equal(GridOutcome.Conflict, stale.Outcome);
        Assert.Contains("modifiée par", stale.Message, StringComparison.Ordinal);

        var invalid = await save.HandleAsync(new(record.Id, record.Revision + 1, grid with
        {
            Rubrics = [new Rubric("R", "R", RubricMode.Cumulative, [new("X", "x", 3, "MOTIF", "99", CriterionSource.Declared, CriterionValidation.None)])],
        }), f.EpciReims);
        Assert.Equal(GridOutcome.Invalid, invalid.Outcome);
        Assert.Contains("motif 01 à 23 attendu", invalid.Message, StringComparison.Ordinal);

        var publish = new PublishCotationGrid(db, f.Clock, Scoring(f, db));
        var published = await publish.HandleAsync(new(record.Id, record.Revision + 1), f.EpciReims);
        Assert.True(published.Succeeded, published.Message);
        Assert.Contains("publiée le 28/11/2026, en vigueur à partir du 01/12/2026", published.Message, StringComparison.Ordinal);
        var again = await save.HandleAsync(new(record.Id, record.Revision + 2, grid with { TotalCap = 10 }), f.EpciReims);
        Assert.Equal(GridOutcome.Invalid, again.Outcome);
        Assert.Contains("ne peut plus changer", again.Message, StringComparison.Ordinal);

        // Not yet in force (1 December): the public page has no grid today, and one from the 1st.
        var get = new GetCotationGrid(db, f.Clock);
        Assert.Null(await get.InForceAsync(Reims, GridScope.General, null, null));
        Assert.Equal(1, (await get.InForceAsync(Reims, GridScope.General, new DateOnly(2026, 12, 1), null))!.Grid.Version);

        // A copy of the published version is the next draft.
        var copy = await new CreateCotationDraft(db, f.Clock).HandleAsync(new(Reims, GridScope.General, $"version:{record.Id}"), f.EpciReims);
        Assert.True(copy.Succeeded);
        Assert.Equal(2, (await db.CotationGrids.AsNoTracking().FirstAsync(g => g.Id == copy.GridId)).Version);
        var list = await new ListCotationGrids(db, f.Clock).HandleAsync(Reims, null);
        Assert.Single(list.Grids); // the public sees the published version only, not the draft
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_demand_gets_its_explained_score_position_and_the_average_wait_and_its_stored_score_follows_its_changes(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);

        // Three couples wishing Reims in T3 (reasons 13 and 09, rent 850 € for 2,840 € a month: 29.9 % > 25 %).
        var a = await f.RegisterAsync(DemandFixture.Couple());
        var b = await f.RegisterAsync(DemandFixture.Couple());
        var c = await f.RegisterAsync(DemandFixture.Couple());
        var housed = await f.RegisterAsync(DemandFixture.Couple());
        await PublishAsync(f, [Situation]);

        var first = await CotationOf(f, a);
        Assert.Equal(15m, first.Score!.Total);
        Assert.Equal(2, first.Score.Lines.Count(l => l.Counted));
        Assert.Equal((1, 4, 3), (first.Position!.Rank, first.Position.Of, first.Position.Tied));

        // b no longer says its rent is too high: its stored score follows the modification, and the three others are ahead of it.
        await using (var db = f.Database.NewContext())
        {
            var file = DemandFixture.Couple() with { Reasons = ["13"] };
            var version = await db.Demands.Where(d => d.Numero == b).Select(d => d.Version).FirstAsync();
            var modified = await f.Modify(db).HandleAsync(new(b, file, version, null), f.Guichet);
            Assert.Equal(DemandOutcome.Done, modified.Outcome);
            Assert.Equal(5d, await StoredScore(db, b));
        }

        Assert.Equal(4, (await CotationOf(f, b)).Position!.Rank);
        var cPosition = (await CotationOf(f, c)).Position!;
        Assert.Equal((1, 2), (cPosition.Rank, cPosition.Tied));

        // Housed three months later: radiated for attribution, no score any more, and the average wait of similar demands.
        f.Clock.Advance(TimeSpan.FromDays(92));
        await using (var db = f.Database.NewContext())
        {
            var id = await db.Demands.Where(d => d.Numero == housed).Select(d => d.Id).FirstAsync();
            var lease = await new RadiateForLease(db, f.Clock, Settings).HandleAsync(id, FrenchTime.Today(f.Clock), "Bailleur test", f.Guichet);
            Assert.Equal(DemandOutcome.Done, lease.Outcome);
            Assert.False(await db.DemandScores.AnyAsync(s => s.DemandId == id));
            Assert.False(await db.DemandWishes.AnyAsync(w => w.DemandId == id && w.Score != null));
        }

        var after = await CotationOf(f, a);
        Assert.Equal(3, after.Position!.Of);
        Assert.Equal(1, after.Wait!.Housed);
        Assert.Equal(3.0m, after.Wait.Months);
        Assert.Contains("même première commune souhaitée", after.Similarity, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_territory_batch_stores_the_same_totals_as_the_explained_score_and_the_preview_shows_who_moves(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numeros = new List<string>
        {
            await f.RegisterAsync(DemandFixture.Couple()),
            await f.RegisterAsync(DemandFixture.Couple() with { Reasons = ["13"] }),
            await f.RegisterAsync(DemandFixture.Couple() with { Dalo = DaloStatus.Active }),
            await f.RegisterAsync(DemandFixture.Couple("51573") with { CurrentHousing = new CurrentHousing(["LP"], 300, 4, "A", "T2", 48, false) }),
        };
        var current = await PublishAsync(f, [Situation], new SeniorityRule(1m, 12));

        await using var db = f.Database.NewContext();
        // No stored score (a first cotation): every score is written and copied on the wishes.
        await db.DemandScores.ExecuteDeleteAsync();
        await db.DemandWishes.ExecuteUpdateAsync(u => u.SetProperty(w => w.Score, (double?)null));
        var batch = await Scoring(f, db).RunAsync(Reims);
        Assert.Equal((4, 4, true), (batch.Scored, batch.Changed, batch.Replaced));
        foreach (var numero in numeros)
        {
            var explained = await CotationOf(f, numero);
            Assert.Equal((double)explained.Score!.Total, await StoredScore(db, numero));
        }

        // A draft that values a low rent instead of a high one: the DALO household stays first, the others swap.
        var created = await new CreateCotationDraft(db, f.Clock).HandleAsync(new(Reims, GridScope.General, $"version:{current}"), f.EpciReims);
        var record = await db.CotationGrids.AsNoTracking().FirstAsync(g => g.Id == created.GridId);
        var draft = record.ToDomain() with
        {
            Rubrics = [new Rubric("S", "Situation", RubricMode.Cumulative,
            [
                new("DALO", "Reconnu DALO", 30, "DALO_ACTIF", null, CriterionSource.Justified, CriterionValidation.None),
                new("TINQUEUX", "Souhaite Tinqueux", 20, "SOUHAITE_EN_PREMIER", "51573", CriterionSource.Declared, CriterionValidation.None),
            ])],
        };
        Assert.True((await new SaveCotationDraft(db, f.Clock).HandleAsync(new(record.Id, record.Revision, draft), f.EpciReims)).Succeeded);
        var preview = await new PreviewCotationGrid(db, f.Clock, Settings).HandleAsync(record.Id, f.EpciReims);
        Assert.NotNull(preview);
        Assert.Equal(4, preview.Demands);
        Assert.Equal(1, preview.CurrentVersion);
        Assert.Contains(preview.Up, m => m.Numero == numeros[3] && m.DraftRank == 2);
        Assert.Equal(4, preview.Distribution.Sum(b => b.Draft));
        Assert.Null(await new PreviewCotationGrid(db, f.Clock, Settings).HandleAsync(record.Id, f.Guichet));
    }
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_nightly_batch_writes_only_the_scores_that_moved_and_removes_those_of_demands_no_longer_active(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var same = await f.RegisterAsync(DemandFixture.Couple() with { Reasons = ["09"] });
        var dalo = await f.RegisterAsync(DemandFixture.Couple());
        var radiated = await f.RegisterAsync(DemandFixture.Couple());
        await PublishAsync(f, [Situation], new SeniorityRule(1m, 12));
        await using var db = f.Database.NewContext();
        var quiet = await Scoring(f, db).RunAsync(Reims);
        Assert.Equal((3, 0, 0, false), (quiet.Scored, quiet.Changed, quiet.Removed, quiet.Replaced));

        // Columns changed behind the registry's back (a bulk import, a radiation batch): the batch finds them.
        long Id(string numero) => db.Demands.Where(d => d.Numero == numero).Select(d => d.Id).First();
        var (daloId, radiatedId) = (Id(dalo), Id(radiated));
        await db.Demands.Where(d => d.Id == daloId).ExecuteUpdateAsync(u => u.SetProperty(d => d.Dalo, DaloStatus.Active));
        await db.Demands.Where(d => d.Id == radiatedId).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DemandStatus.Radiated));
        var before = await StoredScore(db, same);
        var daloBefore = await StoredScore(db, dalo);
        var night = await Scoring(f, db).RunAsync(Reims);
        Assert.Equal((2, 1, 1, false), (night.Scored, night.Changed, night.Removed, night.Replaced));
        Assert.Contains("1 note(s) nouvelle(s) ou modifiée(s), 1 inchangée(s)", night.Summary, StringComparison.Ordinal);
        Assert.Contains("1 note(s) retirée(s)", night.Summary, StringComparison.Ordinal);
        Assert.Equal(before, await StoredScore(db, same));
        Assert.Equal(daloBefore + 30, await StoredScore(db, dalo));
        Assert.False(await db.DemandScores.AnyAsync(s => s.DemandId == radiatedId));
        Assert.All(await db.DemandWishes.Where(w => w.DemandId == radiatedId).Select(w => w.Score).ToListAsync(), Assert.Null);

        // A month later every seniority moved (a national batch would then rewrite them all: ReplaceShare).
        f.Clock.Advance(TimeSpan.FromDays(31));
        var month = await Scoring(f, db).RunAsync(Reims);
        Assert.Equal((2, 2, 0, false), (month.Scored, month.Changed, month.Removed, month.Replaced));
        Assert.Equal(before + 1, await StoredScore(db, same));
        Assert.Equal(daloBefore + 31, await StoredScore(db, dalo));
    }
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moved_scores_are_written_while_the_demands_are_read_and_a_replacement_undoes_them(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numeros = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            numeros.Add(await f.RegisterAsync(DemandFixture.Couple()));
        }

        await PublishAsync(f, [Situation], new SeniorityRule(1m, 12));
        await using var db = f.Database.NewContext();
        var before = new Dictionary<string, double>();
        foreach (var numero in numeros)
        {
            before[numero] = await StoredScore(db, numero);
        }

        // Two demands become DALO behind the registry's back; batches of one score: on PostgreSQL both are written while
        // the demands are read (on a connection of their own), on SQLite after the reading. Same result.
        var dalo = numeros.Take(2).ToList();
        await db.Demands.Where(d => dalo.Contains(d.Numero)).ExecuteUpdateAsync(u => u.SetProperty(d => d.Dalo, DaloStatus.Active));
        var night = await new ScoreDemands(db, f.Database.BulkLoader, Settings, f.Clock) { WriteBatch = 1 }.RunAsync(Reims);
        Assert.Equal((5, 2, false, provider == Provider.Postgres ? 2 : 0), (night.Scored, night.Changed, night.Replaced, night.WrittenWhileReading));
        foreach (var numero in numeros)
        {
            Assert.Equal(before[numero] + (dalo.Contains(numero) ? 30 : 0), await StoredScore(db, numero));
        }

        // A month later all five moved, beyond the replacement's threshold: the writes already made are rolled back and
        // every score is replaced, once.
        f.Clock.Advance(TimeSpan.FromDays(31));
        var month = await new ScoreDemands(db, f.Database.BulkLoader, Settings, f.Clock) { WriteBatch = 1, ReplaceMinimum = 1 }.RunAsync(Reims);
        Assert.Equal((5, 5, true, 0), (month.Scored, month.Changed, month.Replaced, month.WrittenWhileReading));
        foreach (var numero in numeros)
        {
            Assert.Equal(before[numero] + (dalo.Contains(numero) ? 31 : 1), await StoredScore(db, numero));
        }

        var ids = await db.Demands.Where(d => numeros.Contains(d.Numero)).Select(d => d.Id).ToListAsync();
        Assert.Equal(5, await db.DemandScores.CountAsync(s => ids.Contains(s.DemandId)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_national_batch_keeps_the_demands_in_memory_and_reads_again_only_those_written_since(Provider provider)
    {
        await using var f = await DemandFixture.CreateAsync(provider);
        var numeros = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            numeros.Add(await f.RegisterAsync(DemandFixture.Couple()));
        }

        await PublishAsync(f, [Situation]);
        var kept = new CotationFactsCache();
        await using var db = f.Database.NewContext();
        ScoreDemands Night() => new(db, f.Database.BulkLoader, Settings, f.Clock, kept);
        var postgres = provider == Provider.Postgres;

        // The first national batch reads every demand (and, on PostgreSQL, keeps their columns); the next one finds them unchanged.
        var first = await Night().RunAsync();
        Assert.Equal((4L, 0L, 0L), (first.Scored, first.Changed, first.FoundInMemory));
        Assert.Equal(postgres ? 4 : 0, kept.Count);
        var second = await Night().RunAsync();
        Assert.Equal((4L, 0L, postgres ? 4L : 0L), (second.Scored, second.Changed, second.FoundInMemory));

        // Behind the registry's back (plain updates: no handler, no version): one demand becomes DALO, another is radiated;
        // through the registry, a new demand. The batch must see all three.
        var (dalo, radiated) = (numeros[0], numeros[1]);
        var before = await StoredScore(db, dalo);
        await db.Demands.Where(d => d.Numero == dalo).ExecuteUpdateAsync(u => u.SetProperty(d => d.Dalo, DaloStatus.Active));
        await db.Demands.Where(d => d.Numero == radiated).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DemandStatus.Radiated));
        var added = await f.RegisterAsync(DemandFixture.Couple());
        var third = await Night().RunAsync();
        Assert.Equal((4L, 1L, 1L, postgres ? 2L : 0L), (third.Scored, third.Changed, third.Removed, third.FoundInMemory));
        Assert.Equal(before + 30, await StoredScore(db, dalo));
        Assert.Equal(await StoredScore(db, numeros[2]), await StoredScore(db, added));
        Assert.Equal(postgres ? 4 : 0, kept.Count);

        // A batch that reads every demand finds nothing more to write; a territory's batch never uses the cache.
        var full = await Scoring(f, db).RunAsync();
        Assert.Equal((4L, 0L, 0L), (full.Scored, full.Changed, full.FoundInMemory));
        var territory = await Night().RunAsync(Reims);
        Assert.Equal((4L, 0L, 0L), (territory.Scored, territory.Changed, territory.FoundInMemory));
    }
}
