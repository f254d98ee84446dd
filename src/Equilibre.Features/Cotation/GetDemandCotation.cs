using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>
/// What the applicant is entitled to (L441-2-8, domain.md §8.1): the demand's score under the grid in force with its
/// breakdown, its position among similar active demands, and the average wait of similar demands housed in the last
/// twelve months (from demands radiated for a signed lease, RADATT), each with the definition used. Null when the
/// demand is not visible to the user.
/// </summary>
public sealed class GetDemandCotation(EquilibreDb db, TimeProvider clock, CotationSettings settings)
{
    public sealed record Result(
        string Numero, string? Territory, string? TerritoryName, string? NoGridReason, long? GridId, string? GridLabel, CotationScore? Score,
        CotationPosition? Position, AverageWait? Wait, string Similarity, DateOnly? StoredOn);

    public async Task<Result?> HandleAsync(string numero, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var demand = await db.Demands.AsNoTracking().Visible(user).Where(d => d.Numero == numero).Select(DemandScoring.Row).FirstOrDefaultAsync(ct);
        if (demand is null)
        {
            return null;
        }

        var status = await db.Demands.Where(d => d.Id == demand.Id).Select(d => d.Status).FirstAsync(ct);
        var today = FrenchTime.Today(clock);
        var similarity = SimilarDemands.Normalise(settings.Similarity);
        var description = SimilarDemands.Describe(similarity);
        var territoryName = demand.EpciSiren is null ? null : await db.Epcis.Where(e => e.Siren == demand.EpciSiren).Select(e => e.Name).FirstOrDefaultAsync(ct);
        if (demand.EpciSiren is not { } territory)
        {
            return new Result(numero, null, null, "la première commune souhaitée n'appartient à aucun EPCI connu : pas de grille applicable", null, null, null, null, null, description, null);
        }

        var wait = await AverageWaitAsync(demand, similarity, today, ct);
        if (status != DemandStatus.Active)
        {
            return new Result(numero, territory, territoryName, "la demande n'est pas active : elle n'est pas cotée", null, null, null, null, wait, description, null);
        }

        var grids = await DemandScoring.InForceAsync(db, territory, today, ct);
        var grid = grids.TryGetValue(territory, out var g) ? g.For(demand.IsMutation) : null;
        if (grid is null)
        {
            return new Result(numero, territory, territoryName, French.Format($"aucune grille de cotation publiée n'est en vigueur au {today:dd/MM/yyyy} pour {territoryName ?? territory}"),
                null, null, null, null, wait, description, null);
        }

        var score = grid.Score(DemandScoring.Facts(demand, today, settings, new CodeSets()));
        var gridId = await db.CotationGrids.Where(r => r.Territory == territory && r.Scope == grid.Grid.Scope && r.Version == grid.Grid.Version).Select(r => r.Id).FirstAsync(ct);
        var others = db.DemandScores.Where(s => s.Territory == territory && s.DemandId != demand.Id
            && (!similarity.HasFlag(SimilarityDimensions.Commune) || s.CommuneCode == demand.FirstCommuneCode)
            && (!similarity.HasFlag(SimilarityDimensions.Typology) || s.Typology == demand.MainTypology));
        var total = (double)Math.Round(score.Total, 2, MidpointRounding.AwayFromZero);
        var counts = await others.GroupBy(_ => 1)
            .Select(g => new { Higher = g.Count(s => s.Score > total), Tied = g.Count(s => s.Score == total), Of = g.Count() })
            .FirstOrDefaultAsync(ct);
        var (higher, tied, of) = counts is null ? (0, 0, 0) : (counts.Higher, counts.Tied, counts.Of);
        var stored = await db.DemandScores.Where(s => s.DemandId == demand.Id).Select(s => (DateOnly?)s.ComputedOn).FirstOrDefaultAsync(ct);
        return new Result(numero, territory, territoryName, null, gridId, grid.Grid.Label, score,
            SimilarDemands.Position(score.Total, higher, tied + 1, of + 1, similarity), wait, description, stored);
    }

    private async Task<AverageWait> AverageWaitAsync(CotationRow demand, SimilarityDimensions similarity, DateOnly today, CancellationToken ct)
    {
        var from = today.AddMonths(-12);
        var housed = await db.Demands.AsNoTracking()
            .Where(d => d.Radiation == RadiationReason.Allocation && d.RadiatedOn >= from && d.EpciSiren == demand.EpciSiren
                && (!similarity.HasFlag(SimilarityDimensions.Commune) || d.FirstCommuneCode == demand.FirstCommuneCode)
                && (!similarity.HasFlag(SimilarityDimensions.Typology) || d.MainTypology == demand.MainTypology))
            .Select(d => new { d.RegisteredOn, d.RadiatedOn })
            .ToListAsync(ct);
        return SimilarDemands.Average([.. housed.Select(h => (h.RegisteredOn, h.RadiatedOn!.Value))], from, settings.MinimumHousedForAverage, similarity);
    }
}
