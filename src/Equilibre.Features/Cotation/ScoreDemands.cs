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
/// today. The demands' columns are streamed, scored in chunks on every core while the next chunk is read, and compared
/// in .NET with the stored scores (read beside them): only the scores that moved are written (deleted and
/// copied again through <see cref="IBulkLoader"/>, with the wishes that carry them), unless none is stored yet or more
/// than <see cref="ReplaceShare"/> of many moved, when replacing every score is cheaper. Scores of demands that are no longer
/// active, or whose EPCI no longer has a grid in force, are removed. One transaction; a day on which nothing moves
/// writes nothing (docs/performance.md, "Cotation"). On PostgreSQL the demands are read on a connection of their own and
/// the moved scores are written, in batches of <see cref="WriteBatch"/>, while the reading goes on: PostgreSQL writes on
/// one core, which the reading would otherwise leave idle after it (docs/performance.md, "The night on a reloaded
/// database, and the write beside the read"). Given a <see cref="CotationFactsCache"/> (a long-lived process: the web app),
/// the national batch on PostgreSQL reads the (id, xmin) pairs of the active demands and the columns of those written
/// since its previous batch only, the others being taken from memory (ADR 0015).
/// </summary>
public sealed class ScoreDemands(EquilibreDb db, IBulkLoader bulk, CotationSettings settings, TimeProvider clock, CotationFactsCache? facts = null)
{
    private const int Chunk = 16_384;

    /// <summary>
    /// Share of the stored scores above which the batch replaces them all (and vacuums, on PostgreSQL) instead of
    /// rewriting the changed ones: a grid published or changed moves most scores; a night moves the few whose seniority
    /// crossed a month.
    /// </summary>
    public const double ReplaceShare = 0.2;

    /// <summary>Below this many scores to write, rewriting the changed ones is cheap whatever their share (tests lower it).</summary>
    public int ReplaceMinimum { get; init; } = 10_000;

    /// <summary>Moved scores written together while the reading goes on (PostgreSQL; tests lower it).</summary>
    public int WriteBatch { get; init; } = 8_192;

    /// <summary>
    /// What the batch did: <c>Changed</c> scores written (new or moved), <c>Removed</c> scores deleted, <c>Replaced</c>
    /// when every score was rewritten; <c>ComputeSeconds</c> is reading the columns and scoring, of which
    /// <c>ScoreSeconds</c> the scoring alone (facts, grid and comparison, all cores), <c>WriteSeconds</c> the writing left
    /// once the reading is done; <c>WrittenWhileReading</c> of the changed scores were written during the reading;
    /// <c>FoundInMemory</c> active demands were found unchanged in the <see cref="CotationFactsCache"/> (their columns not
    /// read again), the others' columns were read from the database.
    /// </summary>
    public sealed record Result(
        DateOnly AsOf, int Territories, long Scored, long WithoutGrid, string Summary, double ComputeSeconds = 0, double WriteSeconds = 0,
        double ScoreSeconds = 0, long Changed = 0, long Removed = 0, bool Replaced = false, long WrittenWhileReading = 0, long FoundInMemory = 0);

    private readonly System.Diagnostics.Stopwatch _scoring = new();

    /// <summary>The moved scores handed to the writer during the reading (PostgreSQL), and how many so far.</summary>
    private ChannelWriter<List<ScoreValue>>? _changes;
    private int _handedOver;

    /// <summary>How many scores were stored before the batch, known once they are read: the writer's limit depends on it.</summary>
    private long _storedBefore;

    /// <summary>Active demands found unchanged in the <see cref="CotationFactsCache"/>.</summary>
    private long _foundInMemory;

    public async Task<Result> RunAsync(string? territory = null, CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        _scoring.Reset();
        (_handedOver, _storedBefore, _foundInMemory) = (0, 0, 0);
        var grids = await DemandScoring.InForceAsync(db, territory, today, ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // PostgreSQL: the demands are read on a second connection, so that the context's connection writes meanwhile.
        await using var reading = db.Database.IsNpgsql() && db.Database.GetDbConnection() is ICloneable connection ? (DbConnection)connection.Clone() : null;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var changes = reading is null ? null : Channel.CreateUnbounded<List<ScoreValue>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                _changes = changes?.Writer;
                var writing = changes is null ? Task.FromResult(0L) : WriteWhileReadingAsync(changes.Reader, today, ct);
                Pass pass;
                try
                {
                    pass = await ComputeAsync(territory, grids, reading, today, ct);
                }
                finally
                {
                    changes?.Writer.TryComplete();
                    _changes = null;
                    await Task.WhenAny(writing); // never leave the writer running on the context's connection
                }

                var early = await writing;
                var compute = watch.Elapsed.TotalSeconds;
                watch.Restart();
                var writes = pass.Changed.Count + pass.Removed.Count;
                var replace = pass.Stored == 0 || Replaces(writes, pass.Stored);
                if (replace && early != 0)
                {
                    // Moved scores written during the reading, and then too many moved: replacing them all is cheaper.
                    await transaction.RollbackAsync(ct);
                    await transaction.DisposeAsync();
                    transaction = await db.Database.BeginTransactionAsync(ct);
                }

                if (replace)
                {
                    await ReplaceAsync(territory, pass.All.Select(v => v.ToEntity(today)), ct);
                }
                else if (writes > early)
                {
                    await UpdateAsync([.. pass.Changed.Skip((int)early).Select(v => v.ToEntity(today))], pass.Removed, ct);
                }

                await transaction.CommitAsync(ct);
                if (replace && territory is null && db.Database.IsNpgsql())
                {
                    // A national replacement rewrites every row: the shortlist's index-only scans need the visibility map back at
                    // once, not when autovacuum gets there (docs/performance.md, "Shortlist"). A night's few changes leave it to
                    // autovacuum: a top-50 then reads at most 50 heap rows more.
                    await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"DemandScores\", \"DemandWishes\"", ct);
                }

                return Summarize(pass, grids.Count, today, replace, compute, watch.Elapsed.TotalSeconds, replace ? 0 : Math.Max(early, 0));
            }
            finally
            {
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>So many scores to write that replacing every stored score is cheaper than rewriting them one by one.</summary>
    private bool Replaces(long writes, long stored) => writes > ReplaceMinimum && writes > ReplaceShare * stored;

    private Result Summarize(Pass pass, int territories, DateOnly today, bool replace, double compute, double write, long early)
    {
        var summary = French.Format($"{pass.All.Count:N0} demande(s) cotée(s) au {today:dd/MM/yyyy} dans {territories} territoire(s) ayant une grille en vigueur")
            + (replace
                ? " ; toutes les notes réécrites"
                : French.Format($" ; {pass.Changed.Count:N0} note(s) nouvelle(s) ou modifiée(s), {pass.All.Count - pass.Changed.Count:N0} inchangée(s)"))
            + (pass.Removed.Count > 0 ? French.Format($" ; {pass.Removed.Count:N0} note(s) retirée(s) (demande plus active ou sans grille)") : "")
            + (pass.WithoutGrid > 0 ? French.Format($" ; {pass.WithoutGrid:N0} demande(s) active(s) sans cotation (aucune grille publiée en vigueur pour leur EPCI)") : "");
        return new Result(today, territories, pass.All.Count, pass.WithoutGrid, summary, compute, write, _scoring.Elapsed.TotalSeconds,
            pass.Changed.Count, pass.Removed.Count, replace, early, _foundInMemory);
    }

    /// <summary>
    /// Writes the moved scores handed over during the reading, batch after batch, in the context's transaction. Stops
    /// writing once so many moved that the batch will replace every score instead (the caller then rolls back). Returns
    /// how many were written, or −1 when it stopped.
    /// </summary>
    private async Task<long> WriteWhileReadingAsync(ChannelReader<List<ScoreValue>> batches, DateOnly today, CancellationToken ct)
    {
        var written = 0L;
        var stopped = false;
        await foreach (var batch in batches.ReadAllAsync(ct))
        {
            stopped |= Replaces(written + batch.Count, Interlocked.Read(ref _storedBefore));
            if (!stopped)
            {
                await UpdateAsync([.. batch.Select(v => v.ToEntity(today))], [], ct);
                written += batch.Count;
            }
        }

        return stopped ? -1 : written;
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

    /// <summary>What the reading and scoring found: every score, those that moved, the demands whose score goes.</summary>
    private sealed record Pass(List<ScoreValue> All, List<ScoreValue> Changed, List<long> Removed, long Stored, long WithoutGrid);

    /// <summary>
    /// Streams the active demands' columns (plain SQL, names from the EF model, typed getters, no change tracking nor
    /// materializer) and scores them in chunks: while the reading goes on, the previous chunk is scored on every core and
    /// compared with the stored score. On PostgreSQL the stored scores are read on the context's connection while the
    /// demands stream on their own (the chunks wait for them in a longer queue); on SQLite first, on its one connection.
    /// </summary>
    private async Task<Pass> ComputeAsync(string? territory, Dictionary<string, TerritoryGrids> grids, DbConnection? reading, DateOnly today, CancellationToken ct)
    {
        var pass = new Pass([], [], [], 0, 0);
        var chunks = Channel.CreateBounded<List<CotationRow>>(reading is null ? 2 : 32);
        var stored = new TaskCompletionSource<Dictionary<long, ScoreValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sets = new CodeSets();
        var scoring = Task.Run(async () =>
        {
            try
            {
                var withoutGrid = 0L;
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    withoutGrid += Score(chunk, grids, today, sets, await stored.Task, pass);
                }

                // The stored scores left over: demands no longer active (or moved out of the territory), removed by the pass.
                pass.Removed.AddRange((await stored.Task).Keys);
                return withoutGrid;
            }
            catch (Exception e)
            {
                chunks.Writer.TryComplete(e); // the reading stops instead of waiting for room in the queue
                throw;
            }
        }, ct);
        try
        {
            await ReadAsync(territory, reading, stored, chunks.Writer, ct);
        }
        catch (ChannelClosedException)
        {
            // Only the scoring closes the queue early, when it fails (or the stored scores could not be read): its own
            // exception is thrown below.
        }
        finally
        {
            chunks.Writer.TryComplete();
            stored.TrySetCanceled(ct);
        }

        return pass with { Stored = Interlocked.Read(ref _storedBefore), WithoutGrid = await scoring };
    }

    /// <summary>
    /// Reads the stored scores into <paramref name="stored"/> and streams the active demands into chunks for the scoring.
    /// Two plain statements rather than one <c>FULL JOIN</c>: the join hashed 2.28 M demand rows before its first row
    /// came out (7.1 s of 9.6 s on the national database), so the scoring waited; the demands alone stream from their
    /// first row (docs/performance.md, "Recalcul national complet").
    /// </summary>
    private async Task ReadAsync(
        string? territory, DbConnection? reading, TaskCompletionSource<Dictionary<long, ScoreValue>> stored, ChannelWriter<List<CotationRow>> chunks, CancellationToken ct)
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
        if (reading is not null)
        {
            await reading.OpenAsync(ct);
        }

        DbCommand Command(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandTimeout = 1800;
            command.CommandText = sql;
            if (territory is not null)
            {
                var t = command.CreateParameter();
                t.ParameterName = "@territory";
                t.Value = territory;
                command.Parameters.Add(t);
            }

            return command;
        }

        async Task ReadStoredAsync()
        {
            try
            {
                await using var command = Command(db.Database.GetDbConnection(),
                    $"SELECT {string.Join(", ", storedColumns.Select(S))} FROM {BulkTarget.Quote(score.GetTableName()!)}"
                    + (territory is null ? "" : $" WHERE {S(nameof(DemandScore.Territory))} = @territory"));
                var values = await StoredScoresAsync(command, scope, ct);
                Interlocked.Exchange(ref _storedBefore, values.Count);
                stored.TrySetResult(values);
            }
            catch (Exception e)
            {
                stored.TrySetException(e);
                throw;
            }
        }

        // One connection (SQLite): the stored scores first. Two (PostgreSQL): beside the demands.
        var storedRead = ReadStoredAsync();
        if (reading is null)
        {
            await storedRead;
        }

        var statusValue = status.ConvertToProvider(DemandStatus.Active);
        DbCommand Demands(string select, string? also = null)
        {
            var command = Command(reading ?? db.Database.GetDbConnection(),
                $"SELECT {select} FROM {BulkTarget.Quote(demand.GetTableName()!)} "
                + $"WHERE {D(nameof(Demand.Status))} = @status AND {D(nameof(Demand.EpciSiren))} IS NOT NULL"
                + (territory is null ? "" : $" AND {D(nameof(Demand.EpciSiren))} = @territory") + also);
            var statusParameter = command.CreateParameter();
            statusParameter.ParameterName = "@status";
            statusParameter.Value = statusValue;
            command.Parameters.Add(statusParameter);
            return command;
        }

        var list = string.Join(", ", columns.Select(D));
        var rows = new Chunks(chunks);
        // The national batch of a long-lived process on PostgreSQL: the active demands unchanged since the last batch are
        // taken from memory (CotationFactsCache), only the others' columns are read.
        using var kept = territory is null && reading is not null ? facts?.TryOpen(db.Database.GetConnectionString() ?? "") : null;
        if (kept is null)
        {
            await using var command = Demands(list);
            await ReadRowsAsync(command, dalo, rows, null, ct);
        }
        else if (kept.Empty)
        {
            await using var command = Demands(list + ", xmin");
            await ReadRowsAsync(command, dalo, rows, kept, ct);
        }
        else
        {
            var moved = new List<long>();
            await using (var command = Demands($"{D(nameof(Demand.Id))}, xmin"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var id = reader.GetInt64(0);
                    if (kept.Find(id, reader.GetFieldValue<uint>(1)) is { } row)
                    {
                        _foundInMemory++;
                        await rows.AddAsync(row, ct);
                    }
                    else
                    {
                        moved.Add(id);
                    }
                }
            }

            foreach (var slice in moved.Chunk(10_000))
            {
                await using var command = Demands(list + ", xmin", $" AND {D(nameof(Demand.Id))} = ANY(@ids)");
                var ids = command.CreateParameter();
                ids.ParameterName = "@ids";
                ids.Value = slice;
                command.Parameters.Add(ids);
                await ReadRowsAsync(command, dalo, rows, kept, ct);
            }
        }

        await rows.FlushAsync(ct);
        kept?.Complete();
        await storedRead;
    }

    /// <summary>The stored scores by demand; their texts (territory, commune, typology: a few thousand values) shared.</summary>
    private static async Task<Dictionary<long, ScoreValue>> StoredScoresAsync(DbCommand command, ValueConverter? scope, CancellationToken ct)
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

    /// <summary>The rows handed to the scoring, by chunks of <see cref="Chunk"/>.</summary>
    private sealed class Chunks(ChannelWriter<List<CotationRow>> chunks)
    {
        private List<CotationRow> _chunk = new(Chunk);

        public ValueTask AddAsync(CotationRow row, CancellationToken ct)
        {
            _chunk.Add(row);
            if (_chunk.Count < Chunk)
            {
                return ValueTask.CompletedTask;
            }

            var full = _chunk;
            _chunk = new List<CotationRow>(Chunk);
            return chunks.WriteAsync(full, ct);
        }

        public ValueTask FlushAsync(CancellationToken ct) => chunks.WriteAsync(_chunk, ct);
    }

    /// <summary>
    /// Reads the demands' columns into rows; with <paramref name="kept"/>, the row's version (<c>xmin</c>, the last
    /// column) too, and the row is kept in memory for the next batch.
    /// </summary>
    private static async Task ReadRowsAsync(DbCommand command, ValueConverter dalo, Chunks rows, CotationFactsCache.Session? kept, CancellationToken ct)
    {
        var daloValues = new Dictionary<string, DaloStatus>(StringComparer.Ordinal);
        var texts = new TextPool();
        await using var reader = await command.ExecuteReaderAsync(ct);
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
            kept?.Keep(reader.GetFieldValue<uint>(22), row);
            await rows.AddAsync(row, ct);
        }
    }

    /// <summary>
    /// Scores a chunk on every core, compares each score with the stored one (taken out of <paramref name="stored"/>: what
    /// is left at the end is removed) and sorts it into the pass; returns the active demands without a grid.
    /// </summary>
    private long Score(List<CotationRow> rows, Dictionary<string, TerritoryGrids> grids, DateOnly today, CodeSets sets, Dictionary<long, ScoreValue> stored, Pass pass)
    {
        _scoring.Start();
        var scored = new ScoreValue?[rows.Count];
        var withoutGrid = 0L;
        Parallel.For(0, rows.Count, () => 0L, (i, _, local) =>
        {
            var row = rows[i];
            var grid = grids.TryGetValue(row.EpciSiren!, out var territoryGrids) ? territoryGrids.For(row.IsMutation) : null;
            if (grid is null)
            {
                return local + 1;
            }

            scored[i] = new ScoreValue(row.Id, row.EpciSiren!, row.FirstCommuneCode, row.MainTypology,
                DemandScoring.Rounded(grid.Total(DemandScoring.Facts(row, today, settings, sets))), grid.Grid.Scope, grid.Grid.Version);
            return local;
        }, local => Interlocked.Add(ref withoutGrid, local));
        for (var i = 0; i < rows.Count; i++)
        {
            var before = stored.Remove(rows[i].Id, out var value) ? value : (ScoreValue?)null;
            if (scored[i] is not { } now)
            {
                if (before is { } gone)
                {
                    pass.Removed.Add(gone.DemandId);
                }

                continue;
            }

            pass.All.Add(now);
            if (before != now)
            {
                pass.Changed.Add(now);
            }
        }

        // PostgreSQL: the moved scores go to the writer by batches while the reading goes on (none when nothing was stored:
        // every score is then written by the replacement).
        if (_changes is { } changes && Interlocked.Read(ref _storedBefore) > 0 && pass.Changed.Count - _handedOver >= WriteBatch)
        {
            changes.TryWrite(pass.Changed.GetRange(_handedOver, pass.Changed.Count - _handedOver));
            _handedOver = pass.Changed.Count;
        }

        _scoring.Stop();
        return withoutGrid;
    }
}
