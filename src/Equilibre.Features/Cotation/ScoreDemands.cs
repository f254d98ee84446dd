using System.Data.Common;
using System.Threading.Channels;
using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Equilibre.Features.Cotation;

/// <summary>
/// Recomputes the stored scores of every active demand of a territory (or of all territories) under the grids in force
/// today. The stored scores are read first, then the demands' columns are streamed with their stored score beside them, scored in chunks on
/// every core while the next chunk is read, and compared in .NET: only the scores that moved are written (deleted and
/// copied again through <see cref="IBulkLoader"/>, with the wishes that carry them), unless none is stored yet or more
/// than <see cref="ReplaceShare"/> of many moved, when replacing every score is cheaper. Scores of demands that are no longer
/// active, or whose EPCI no longer has a grid in force, are removed. One transaction; a day on which nothing moves
/// writes nothing (docs/performance.md, "Cotation").
/// </summary>
public sealed class ScoreDemands(EquilibreDb db, IBulkLoader bulk, CotationSettings settings, TimeProvider clock)
{
    private const int Chunk = 16_384;

    /// <summary>
    /// Share of the stored scores above which the batch replaces them all (and vacuums, on PostgreSQL) instead of
    /// rewriting the changed ones: a grid published or changed moves most scores; a night moves the few whose seniority
    /// crossed a month.
    /// </summary>
    public const double ReplaceShare = 0.2;

    /// <summary>Below this many scores to write, rewriting the changed ones is cheap whatever their share.</summary>
    public const int ReplaceMinimum = 10_000;

    /// <summary>
    /// What the batch did: <c>Changed</c> scores written (new or moved), <c>Removed</c> scores deleted, <c>Replaced</c>
    /// when every score was rewritten; <c>ComputeSeconds</c> is reading the columns and scoring, of which
    /// <c>ScoreSeconds</c> the scoring alone (facts, grid and comparison, all cores), <c>WriteSeconds</c> the writing.
    /// </summary>
    public sealed record Result(
        DateOnly AsOf, int Territories, long Scored, long WithoutGrid, string Summary, double ComputeSeconds = 0, double WriteSeconds = 0,
        double ScoreSeconds = 0, long Changed = 0, long Removed = 0, bool Replaced = false);

    private readonly System.Diagnostics.Stopwatch _scoring = new();

    public async Task<Result> RunAsync(string? territory = null, CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        _scoring.Reset();
        var grids = await DemandScoring.InForceAsync(db, territory, today, ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pass = await ComputeAsync(territory, grids, today, ct);
        var compute = watch.Elapsed.TotalSeconds;
        watch.Restart();

        var writes = pass.Changed.Count + pass.Removed.Count;
        var replace = pass.Stored == 0 || (writes > ReplaceMinimum && writes > ReplaceShare * pass.Stored);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (replace)
            {
                await ReplaceAsync(territory, pass.All.Select(v => v.ToEntity(today)), ct);
            }
            else if (writes > 0)
            {
                await UpdateAsync([.. pass.Changed.Select(v => v.ToEntity(today))], pass.Removed, ct);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (replace && territory is null && db.Database.IsNpgsql())
        {
            // A national replacement rewrites every row: the shortlist's index-only scans need the visibility map back at
            // once, not when autovacuum gets there (docs/performance.md, "Shortlist"). A night's few changes leave it to
            // autovacuum: a top-50 then reads at most 50 heap rows more.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"DemandScores\", \"DemandWishes\"", ct);
        }

        var summary = French.Format($"{pass.All.Count:N0} demande(s) cotée(s) au {today:dd/MM/yyyy} dans {grids.Count} territoire(s) ayant une grille en vigueur")
            + (replace
                ? " ; toutes les notes réécrites"
                : French.Format($" ; {pass.Changed.Count:N0} note(s) nouvelle(s) ou modifiée(s), {pass.All.Count - pass.Changed.Count:N0} inchangée(s)"))
            + (pass.Removed.Count > 0 ? French.Format($" ; {pass.Removed.Count:N0} note(s) retirée(s) (demande plus active ou sans grille)") : "")
            + (pass.WithoutGrid > 0 ? French.Format($" ; {pass.WithoutGrid:N0} demande(s) active(s) sans cotation (aucune grille publiée en vigueur pour leur EPCI)") : "");
        return new Result(today, grids.Count, pass.All.Count, pass.WithoutGrid, summary, compute, watch.Elapsed.TotalSeconds, _scoring.Elapsed.TotalSeconds,
            pass.Changed.Count, pass.Removed.Count, replace);
    }

    /// <summary>Every stored score of the territory replaced by the new ones, and every wish given its demand's score.</summary>
    private async Task ReplaceAsync(string? territory, IEnumerable<DemandScore> scores, CancellationToken ct)
    {
        if (territory is null && db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE \"DemandScores\"", ct);
        }
        else
        {
            await db.DemandScores.Where(s => territory == null || s.Territory == territory).ExecuteDeleteAsync(ct);
        }

        await bulk.LoadAsync<DemandScore, DemandScore>(db, BulkColumns.Of<DemandScore>(db, withGeneratedKey: true), scores, ct);
        await (from w in db.DemandWishes
               join s in db.DemandScores on w.DemandId equals s.DemandId
               where (territory == null || s.Territory == territory) && (w.Score == null || w.Score != s.Score)
               select new { Wish = w, Stored = s })
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Wish.Score, x => (double?)x.Stored.Score), ct);
        await db.DemandWishes
            .Where(w => w.Score != null && !db.DemandScores.Any(s => s.DemandId == w.DemandId)
                && (territory == null || db.Demands.Any(d => d.Id == w.DemandId && d.EpciSiren == territory)))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.Score, (double?)null), ct);
    }

    /// <summary>
    /// Only the scores that moved: deleted and copied again (one statement per slice of ids, one bulk copy), the removed
    /// ones deleted, and the wishes of those demands given the new score when it differs (the shortlist reads it there,
    /// <see cref="DemandWish.Score"/>; a score that only changed commune or typology rewrites no wish) or none.
    /// </summary>
    private async Task UpdateAsync(List<DemandScore> changed, List<long> removed, CancellationToken ct)
    {
        foreach (var slice in changed.Select(s => s.DemandId).Concat(removed).Chunk(50_000))
        {
            await db.DemandScores.Where(s => slice.Contains(s.DemandId)).ExecuteDeleteAsync(ct);
        }

        await bulk.LoadAsync<DemandScore, DemandScore>(db, BulkColumns.Of<DemandScore>(db, withGeneratedKey: true), changed, ct);
        foreach (var slice in changed.Select(s => s.DemandId).Chunk(50_000))
        {
            await (from w in db.DemandWishes
                   join s in db.DemandScores on w.DemandId equals s.DemandId
                   where slice.Contains(w.DemandId) && (w.Score == null || w.Score != s.Score)
                   select new { Wish = w, Stored = s })
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Wish.Score, x => (double?)x.Stored.Score), ct);
        }

        foreach (var slice in removed.Chunk(50_000))
        {
            await db.DemandWishes.Where(w => slice.Contains(w.DemandId)).ExecuteUpdateAsync(u => u.SetProperty(w => w.Score, (double?)null), ct);
        }
    }

    /// <summary>
    /// A score as the batch keeps and compares it: every column but the day it was written. A value, not an entity: the
    /// national batch holds 2.3 million of them, and objects would cost the garbage collector more than the scoring
    /// (docs/performance.md, "The night on 2 cores"). Two alike are the same score (record equality).
    /// </summary>
    private readonly record struct ScoreValue(long DemandId, string Territory, string? CommuneCode, string? Typology, double Score, GridScope Scope, int GridVersion)
    {
        public DemandScore ToEntity(DateOnly computedOn) => new()
        {
            DemandId = DemandId,
            Territory = Territory,
            CommuneCode = CommuneCode,
            Typology = Typology,
            Score = Score,
            Scope = Scope,
            GridVersion = GridVersion,
            ComputedOn = computedOn,
        };
    }

    /// <summary>A demand's columns (null when only a stored score is left) and its stored score.</summary>
    private readonly record struct Item(CotationRow? Row, ScoreValue? Stored);

    /// <summary>What the reading and scoring found: every score, those that moved, the demands whose score goes.</summary>
    private sealed record Pass(List<ScoreValue> All, List<ScoreValue> Changed, List<long> Removed, long Stored, long WithoutGrid);

    /// <summary>
    /// Streams the active demands' columns with their stored score (plain SQL, names from the EF model, typed getters, no
    /// change tracking nor materializer) and scores them in chunks: while the reading goes on, the
    /// previous chunk is scored on every core and compared with what is stored.
    /// </summary>
    private async Task<Pass> ComputeAsync(string? territory, Dictionary<string, TerritoryGrids> grids, DateOnly today, CancellationToken ct)
    {
        var pass = new Pass([], [], [], 0, 0);
        var chunks = Channel.CreateBounded<List<Item>>(2);
        var sets = new CodeSets();
        var scoring = Task.Run(async () =>
        {
            var withoutGrid = 0L;
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                withoutGrid += Score(chunk, grids, today, sets, pass);
            }

            return withoutGrid;
        }, ct);
        long stored;
        try
        {
            stored = await ReadAsync(territory, chunks.Writer, ct);
        }
        finally
        {
            chunks.Writer.TryComplete();
        }

        return pass with { Stored = stored, WithoutGrid = await scoring };
    }

    /// <summary>
    /// Reads the stored scores, then streams the active demands into chunks for the scoring, each with its stored score;
    /// the stored scores left over (demand no longer active) follow in the last chunk. Returns how many were stored.
    /// Two plain statements rather than one <c>FULL JOIN</c>: the join hashed 2.28 M demand rows before its first row
    /// came out (7.1 s of 9.6 s on the national database), so the scoring waited; the demands alone stream from their
    /// first row (docs/performance.md, "Recalcul national complet").
    /// </summary>
    private async Task<long> ReadAsync(string? territory, ChannelWriter<List<Item>> chunks, CancellationToken ct)
    {
        var demand = db.Model.FindEntityType(typeof(Demand))!;
        var score = db.Model.FindEntityType(typeof(DemandScore))!;
        string Column(IEntityType entity, string property) =>
            BulkTarget.Quote(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
        string D(string property) => Column(demand, property);
        string S(string property) => Column(score, property);
        var dalo = demand.FindProperty(nameof(Demand.Dalo))!.GetTypeMapping().Converter!;
        var status = demand.FindProperty(nameof(Demand.Status))!.GetTypeMapping().Converter!;
        var scope = score.FindProperty(nameof(DemandScore.Scope))!.GetTypeMapping().Converter;
        string[] columns =
        [
            nameof(Demand.Id), nameof(Demand.RegisteredOn), nameof(Demand.EpciSiren), nameof(Demand.DepartementCode), nameof(Demand.FirstCommuneCode),
            nameof(Demand.MainTypology), nameof(Demand.Reasons), nameof(Demand.HousingModels), nameof(Demand.PriorityCodes), nameof(Demand.Dalo),
            nameof(Demand.IsMutation), nameof(Demand.SingleParent), nameof(Demand.Handicap), nameof(Demand.Persons), nameof(Demand.CurrentRooms),
            nameof(Demand.CurrentRent), nameof(Demand.MonthlyResources), nameof(Demand.ConsumptionUnits), nameof(Demand.IsQ1), nameof(Demand.WorkCommunes),
            nameof(Demand.CurrentCommuneCode), nameof(Demand.ValidatedCriteria),
        ];
        string[] storedColumns =
        [
            nameof(DemandScore.DemandId), nameof(DemandScore.Territory), nameof(DemandScore.CommuneCode), nameof(DemandScore.Typology),
            nameof(DemandScore.Score), nameof(DemandScore.Scope), nameof(DemandScore.GridVersion),
        ];
        await db.Database.OpenConnectionAsync(ct);
        void Territory(DbCommand command)
        {
            if (territory is not null)
            {
                var t = command.CreateParameter();
                t.ParameterName = "@territory";
                t.Value = territory;
                command.Parameters.Add(t);
            }
        }

        Dictionary<long, ScoreValue> stored;
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandTimeout = 1800;
            command.CommandText = $"SELECT {string.Join(", ", storedColumns.Select(S))} FROM {BulkTarget.Quote(score.GetTableName()!)}"
                + (territory is null ? "" : $" WHERE {S(nameof(DemandScore.Territory))} = @territory");
            Territory(command);
            stored = await ReadStoredAsync(command, scope, ct);
        }

        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandTimeout = 1800;
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(D))} FROM {BulkTarget.Quote(demand.GetTableName()!)} "
                + $"WHERE {D(nameof(Demand.Status))} = @status AND {D(nameof(Demand.EpciSiren))} IS NOT NULL"
                + (territory is null ? "" : $" AND {D(nameof(Demand.EpciSiren))} = @territory");
            var statusParameter = command.CreateParameter();
            statusParameter.ParameterName = "@status";
            statusParameter.Value = status.ConvertToProvider(DemandStatus.Active);
            command.Parameters.Add(statusParameter);
            Territory(command);
            var count = stored.Count;
            await ReadRowsAsync(command, dalo, stored, chunks, ct);
            return count;
        }
    }

    /// <summary>The stored scores by demand; their texts (territory, commune, typology: a few thousand values) shared.</summary>
    private static async Task<Dictionary<long, ScoreValue>> ReadStoredAsync(DbCommand command, ValueConverter? scope, CancellationToken ct)
    {
        var texts = new TextPool();
        var stored = new Dictionary<long, ScoreValue>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var scopeValue = scope is null ? (GridScope)reader.GetInt32(5) : (GridScope)scope.ConvertFromProvider(reader.GetValue(5))!;
            var id = reader.GetInt64(0);
            stored[id] = new ScoreValue(id, texts.Read(reader, 1)!, texts.Read(reader, 2), texts.Read(reader, 3), reader.GetDouble(4), scopeValue, reader.GetInt32(6));
        }

        return stored;
    }

    private static async Task ReadRowsAsync(DbCommand command, ValueConverter dalo, Dictionary<long, ScoreValue> stored, ChannelWriter<List<Item>> chunks, CancellationToken ct)
    {
        var daloValues = new Dictionary<string, DaloStatus>(StringComparer.Ordinal);
        var chunk = new List<Item>(Chunk);
        var texts = new TextPool();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            // Every text shared: the scores keep the EPCI, commune and typology of 2.3 million demands, and the code lists
            // are looked up as sets; one string per row would be promoted and scanned by the collector.
            string? Text(int i) => texts.Read(reader, i);
            while (await reader.ReadAsync(ct))
            {
                var daloText = reader.GetString(9);
                if (!daloValues.TryGetValue(daloText, out var daloValue))
                {
                    daloValues[daloText] = daloValue = (DaloStatus)dalo.ConvertFromProvider(daloText)!;
                }

                var row = new CotationRow(
                    reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), Text(2), Text(3), Text(4), Text(5), Text(6)!, Text(7)!, Text(8)!,
                    daloValue, reader.GetBoolean(10), reader.GetBoolean(11), reader.GetBoolean(12), reader.GetInt32(13),
                    reader.IsDBNull(14) ? null : reader.GetInt32(14), reader.IsDBNull(15) ? null : reader.GetDecimal(15), reader.GetDecimal(16), reader.GetDecimal(17),
                    reader.IsDBNull(18) ? null : reader.GetBoolean(18), Text(19)!, Text(20), Text(21)!);
                chunk.Add(new Item(row, stored.Remove(row.Id, out var before) ? before : null));
                if (chunk.Count == Chunk)
                {
                    await chunks.WriteAsync(chunk, ct);
                    chunk = new List<Item>(Chunk);
                }
            }
        }

        // The stored scores of demands no longer active (or moved out of the territory): removed by the pass.
        chunk.AddRange(stored.Values.Select(s => new Item(null, s)));
        await chunks.WriteAsync(chunk, ct);
    }

    /// <summary>Scores a chunk on every core and sorts each row into the pass; returns the active demands without a grid.</summary>
    private long Score(List<Item> items, Dictionary<string, TerritoryGrids> grids, DateOnly today, CodeSets sets, Pass pass)
    {
        _scoring.Start();
        var scored = new ScoreValue?[items.Count];
        var withoutGrid = 0L;
        Parallel.For(0, items.Count, () => 0L, (i, _, local) =>
        {
            if (items[i].Row is not { } row)
            {
                return local;
            }

            var grid = grids.TryGetValue(row.EpciSiren!, out var territoryGrids) ? territoryGrids.For(row.IsMutation) : null;
            if (grid is null)
            {
                return local + 1;
            }

            scored[i] = new ScoreValue(row.Id, row.EpciSiren!, row.FirstCommuneCode, row.MainTypology,
                DemandScoring.Rounded(grid.Total(DemandScoring.Facts(row, today, settings, sets))), grid.Grid.Scope, grid.Grid.Version);
            return local;
        }, local => Interlocked.Add(ref withoutGrid, local));
        for (var i = 0; i < items.Count; i++)
        {
            var (stored, score) = (items[i].Stored, scored[i]);
            if (score is not { } now)
            {
                if (stored is { } gone)
                {
                    pass.Removed.Add(gone.DemandId);
                }

                continue;
            }

            pass.All.Add(now);
            if (stored != now)
            {
                pass.Changed.Add(now);
            }
        }

        _scoring.Stop();
        return withoutGrid;
    }
}
