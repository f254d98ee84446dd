using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>
/// Recomputes the stored scores of every active demand of a territory (or of all territories) under the grids in force
/// today, in one transaction: the demands' columns are streamed in chunks scored in parallel, then the territory's
/// scores are replaced through <see cref="IBulkLoader"/>. Demands of an EPCI without a published grid have no score.
/// </summary>
public sealed class ScoreDemands(EquilibreDb db, IBulkLoader bulk, CotationSettings settings, TimeProvider clock)
{
    private const int Chunk = 16_384;

    public sealed record Result(DateOnly AsOf, int Territories, long Scored, long WithoutGrid, string Summary);

    public async Task<Result> RunAsync(string? territory = null, CancellationToken ct = default)
    {
        var today = FrenchTime.Today(clock);
        var grids = await DemandScoring.InForceAsync(db, territory, today, ct);
        var territories = grids.Keys.ToList();
        var active = db.Demands.AsNoTracking().Where(d => d.Status == DemandStatus.Active && d.EpciSiren != null && (territory == null || d.EpciSiren == territory));
        var withoutGrid = await active.LongCountAsync(d => !territories.Contains(d.EpciSiren!), ct);
        var scores = await ComputeAsync(active.Where(d => territories.Contains(d.EpciSiren!)), grids, today, ct);

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.DemandScores.Where(s => territory == null || s.Territory == territory).ExecuteDeleteAsync(ct);
            await bulk.LoadAsync<DemandScore, DemandScore>(db, BulkColumns.Of<DemandScore>(db, withGeneratedKey: true), scores, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        var summary = French.Format($"{scores.Count:N0} demande(s) cotée(s) au {today:dd/MM/yyyy} dans {territories.Count} territoire(s) ayant une grille en vigueur")
            + (withoutGrid > 0 ? French.Format($" ; {withoutGrid:N0} demande(s) active(s) sans cotation (aucune grille publiée en vigueur pour leur EPCI)") : "");
        return new Result(today, territories.Count, scores.Count, withoutGrid, summary);
    }


    /// <summary>Scores the rows in chunks: the reading stays sequential, the scoring of a chunk uses every core.</summary>
    private async Task<List<DemandScore>> ComputeAsync(IQueryable<Applications.Demand> demands, Dictionary<string, TerritoryGrids> grids, DateOnly today, CancellationToken ct)
    {
        var sets = new CodeSets();
        var results = new List<DemandScore>();
        var chunk = new List<CotationRow>(Chunk);
        await foreach (var row in demands.Select(DemandScoring.Row).AsAsyncEnumerable().WithCancellation(ct))
        {
            chunk.Add(row);
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
    }
}
