using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Equilibre.Features.Cotation;

/// <summary>
/// Recomputes the stored scores of every active demand of a territory (or of all territories) under the grids in force
/// today, in one transaction: the demands' columns are streamed in chunks scored in parallel, then the territory's
/// scores are replaced through <see cref="IBulkLoader"/>. Demands of an EPCI without a published grid have no score.
/// </summary>
public sealed class ScoreDemands(EquilibreDb db, IBulkLoader bulk, CotationSettings settings, TimeProvider clock)
{
    private const int Chunk = 16_384;

    /// <summary>
    /// What the batch did; <c>ComputeSeconds</c> is reading the columns and scoring, of which <c>ScoreSeconds</c> the
    /// scoring alone (facts and grid, all cores), <c>WriteSeconds</c> replacing the stored scores.
    /// </summary>
    public sealed record Result(DateOnly AsOf, int Territories, long Scored, long WithoutGrid, string Summary, double ComputeSeconds = 0, double WriteSeconds = 0, double ScoreSeconds = 0);

    private readonly System.Diagnostics.Stopwatch _scoring = new();

    public async Task<Result> RunAsync(string? territory = null, CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        _scoring.Reset();
        var grids = await DemandScoring.InForceAsync(db, territory, today, ct);
        var territories = grids.Keys.ToList();
        var active = db.Demands.AsNoTracking().Where(d => d.Status == DemandStatus.Active && d.EpciSiren != null && (territory == null || d.EpciSiren == territory));
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var withoutGrid = await active.LongCountAsync(d => !territories.Contains(d.EpciSiren!), ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var scores = await ComputeAsync(territory, grids, today, ct);
        var compute = watch.Elapsed.TotalSeconds;
        watch.Restart();

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (territory is null && db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("TRUNCATE \"DemandScores\"", ct);
            }
            else
            {
                await db.DemandScores.Where(s => territory == null || s.Territory == territory).ExecuteDeleteAsync(ct);
            }

            await bulk.LoadAsync<DemandScore, DemandScore>(db, BulkColumns.Of<DemandScore>(db, withGeneratedKey: true), scores, ct);
            await CopyToWishesAsync(territory, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (territory is null && db.Database.IsNpgsql())
        {
            // A national batch rewrites most rows: the shortlist's index-only scans need the visibility map back at once,
            // not when autovacuum gets there (docs/performance.md, "Shortlist").
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"DemandScores\", \"DemandWishes\"", ct);
        }

        var summary = French.Format($"{scores.Count:N0} demande(s) cotée(s) au {today:dd/MM/yyyy} dans {territories.Count} territoire(s) ayant une grille en vigueur")
            + (withoutGrid > 0 ? French.Format($" ; {withoutGrid:N0} demande(s) active(s) sans cotation (aucune grille publiée en vigueur pour leur EPCI)") : "");
        return new Result(today, territories.Count, scores.Count, withoutGrid, summary, compute, watch.Elapsed.TotalSeconds, _scoring.Elapsed.TotalSeconds);
    }


    /// <summary>
    /// The wishes carry the score the shortlist ranks by (<see cref="DemandWish.Score"/>, same value as the stored score):
    /// set where it differs, cleared where the demand has no score any more. Set-based (one <c>UPDATE … FROM</c> each) and
    /// only on the rows that change, so that a batch that changes no score writes no wish.
    /// </summary>
    private async Task CopyToWishesAsync(string? territory, CancellationToken ct)
    {
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
    /// Streams the columns of the active demands with one plain SQL query (names from the EF model, typed getters, no
    /// change tracking nor materializer) and scores them in chunks: the reading stays sequential, the scoring of a
    /// chunk uses every core. Demands of a territory without a grid are skipped.
    /// </summary>
    private async Task<List<DemandScore>> ComputeAsync(string? territory, Dictionary<string, TerritoryGrids> grids, DateOnly today, CancellationToken ct)
    {
        var sets = new CodeSets();
        var results = new List<DemandScore>();
        var chunk = new List<CotationRow>(Chunk);
        var entity = db.Model.FindEntityType(typeof(Demand))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => BulkTarget.Quote(entity.FindProperty(property)!.GetColumnName(store)!);
        var dalo = entity.FindProperty(nameof(Demand.Dalo))!.GetTypeMapping().Converter!;
        var status = entity.FindProperty(nameof(Demand.Status))!.GetTypeMapping().Converter!;
        string[] columns =
        [
            nameof(Demand.Id), nameof(Demand.RegisteredOn), nameof(Demand.EpciSiren), nameof(Demand.DepartementCode), nameof(Demand.FirstCommuneCode),
            nameof(Demand.MainTypology), nameof(Demand.Reasons), nameof(Demand.HousingModels), nameof(Demand.PriorityCodes), nameof(Demand.Dalo),
            nameof(Demand.IsMutation), nameof(Demand.SingleParent), nameof(Demand.Handicap), nameof(Demand.Persons), nameof(Demand.CurrentRooms),
            nameof(Demand.CurrentRent), nameof(Demand.MonthlyResources), nameof(Demand.ConsumptionUnits), nameof(Demand.IsQ1), nameof(Demand.WorkCommunes),
            nameof(Demand.CurrentCommuneCode), nameof(Demand.ValidatedCriteria),
        ];
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandTimeout = 1800;
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(Column))} FROM {BulkTarget.Quote(entity.GetTableName()!)} "
            + $"WHERE {Column(nameof(Demand.Status))} = @status AND {Column(nameof(Demand.EpciSiren))} IS NOT NULL"
            + (territory is null ? "" : $" AND {Column(nameof(Demand.EpciSiren))} = @territory");
        var statusParameter = command.CreateParameter();
        statusParameter.ParameterName = "@status";
        statusParameter.Value = status.ConvertToProvider(DemandStatus.Active);
        command.Parameters.Add(statusParameter);
        if (territory is not null)
        {
            var t = command.CreateParameter();
            t.ParameterName = "@territory";
            t.Value = territory;
            command.Parameters.Add(t);
        }

        var daloValues = new Dictionary<string, DaloStatus>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync(ct))
        {
            var epci = reader.GetString(2);
            if (!grids.ContainsKey(epci))
            {
                continue;
            }

            var daloText = reader.GetString(9);
            if (!daloValues.TryGetValue(daloText, out var daloValue))
            {
                daloValues[daloText] = daloValue = (DaloStatus)dalo.ConvertFromProvider(daloText)!;
            }

            chunk.Add(new CotationRow(
                reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1), epci, Text(3), Text(4), Text(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                daloValue, reader.GetBoolean(10), reader.GetBoolean(11), reader.GetBoolean(12), reader.GetInt32(13),
                reader.IsDBNull(14) ? null : reader.GetInt32(14), reader.IsDBNull(15) ? null : reader.GetDecimal(15), reader.GetDecimal(16), reader.GetDecimal(17),
                reader.IsDBNull(18) ? null : reader.GetBoolean(18), reader.GetString(19), Text(20), reader.GetString(21)));
            if (chunk.Count == Chunk)
            {
                Score(chunk, grids, today, sets, results);
                chunk.Clear();
            }
        }

        Score(chunk, grids, today, sets, results);
        return results;
    }

    private void Score(List<CotationRow> rows, Dictionary<string, TerritoryGrids> grids, DateOnly today, CodeSets sets, List<DemandScore> results)
    {
        _scoring.Start();
        var scored = new DemandScore[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var row = rows[i];
            var grid = grids[row.EpciSiren!].For(row.IsMutation);
            if (grid is null)
            {
                return;
            }

            var score = new DemandScore { DemandId = row.Id, Territory = row.EpciSiren! };
            DemandScoring.Fill(score, row.EpciSiren!, row.FirstCommuneCode, row.MainTypology, grid.Total(DemandScoring.Facts(row, today, settings, sets)), grid.Grid, today);
            scored[i] = score;
        });
        results.AddRange(scored.Where(s => s is not null));
        _scoring.Stop();
    }
}
