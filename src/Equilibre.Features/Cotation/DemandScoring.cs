using System.Collections.Concurrent;
using System.Linq.Expressions;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>The columns of a demand the cotation reads (never its JSON document): the same for one demand and a batch.</summary>
public sealed record CotationRow(
    long Id, DateOnly RegisteredOn, string? EpciSiren, string? DepartementCode, string? FirstCommuneCode, string? MainTypology,
    string Reasons, string HousingModels, string PriorityCodes, DaloStatus Dalo, bool IsMutation, bool SingleParent, bool Handicap,
    int Persons, int? CurrentRooms, decimal? CurrentRent, decimal MonthlyResources, decimal ConsumptionUnits, bool? IsQ1,
    string WorkCommunes, string? CurrentCommuneCode, string ValidatedCriteria);

/// <summary>
/// Scores demands from their projected columns: the facts (<see cref="Facts"/>), the grid in force for a demand's EPCI
/// (a mutation grid for a mutation when the EPCI has one), and the stored score kept up to date when a demand changes
/// (<see cref="StageAsync"/>).
/// </summary>
public static class DemandScoring
{
    public static readonly Expression<Func<Demand, CotationRow>> Row = d => new CotationRow(
        d.Id, d.RegisteredOn, d.EpciSiren, d.DepartementCode, d.FirstCommuneCode, d.MainTypology, d.Reasons, d.HousingModels, d.PriorityCodes,
        d.Dalo, d.IsMutation, d.SingleParent, d.Handicap, d.Persons, d.CurrentRooms, d.CurrentRent, d.MonthlyResources, d.ConsumptionUnits, d.IsQ1,
        d.WorkCommunes, d.CurrentCommuneCode, d.ValidatedCriteria);

    private static readonly Func<Demand, CotationRow> RowOf = Row.Compile();

    public static CotationRow Of(Demand demand) => RowOf(demand);

    /// <summary>The facts of a row on a date; the comma lists become shared read-only sets (<paramref name="sets"/>).</summary>
    public static CotationFacts Facts(CotationRow row, DateOnly asOf, CotationSettings settings, CodeSets sets)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sets);
        return new CotationFacts(asOf, row.RegisteredOn, sets.Of(row.Reasons), sets.Of(row.HousingModels), sets.Of(row.PriorityCodes), row.Dalo,
            row.IsMutation, row.SingleParent, row.Handicap, false, row.Persons, row.CurrentRooms, null, row.CurrentRent, row.MonthlyResources,
            row.IsQ1, sets.Of(row.WorkCommunes), row.FirstCommuneCode is { } c ? [c] : [], [])
        {
            ConsumptionUnits = row.ConsumptionUnits,
            CurrentCommune = row.CurrentCommuneCode,
            AbnormalDelayMonths = settings.AbnormalDelayFor(row.DepartementCode),
            ValidatedCriteria = sets.Of(row.ValidatedCriteria),
        };
    }

    /// <summary>Published grids in force on a date, per territory: the general one and the mutation one when there is one.</summary>
    public static async Task<Dictionary<string, TerritoryGrids>> InForceAsync(EquilibreDb db, string? territory, DateOnly on, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var records = await db.CotationGrids.AsNoTracking()
            .Where(g => g.PublishedOn != null && (territory == null || g.Territory == territory))
            .ToListAsync(ct);
        var result = new Dictionary<string, TerritoryGrids>(StringComparer.Ordinal);
        foreach (var versions in records.GroupBy(r => r.Territory, StringComparer.Ordinal))
        {
            var (t, parsed) = (versions.Key, versions.Select(Parsed).ToList());
            var grids = parsed.Select(p => p.Grid).ToList();
            var general = CotationGrids.InForce(grids, t, GridScope.General, on);
            var mutation = CotationGrids.InForce(grids, t, GridScope.Mutation, on);
            CompiledGrid? Compiled(CotationGrid? grid) => grid is null ? null : parsed.First(p => ReferenceEquals(p.Grid, grid)).Compiled;
            if (general is not null || mutation is not null)
            {
                result[t] = new TerritoryGrids(Compiled(general), Compiled(mutation));
            }
        }

        return result;
    }

    /// <summary>Everything stored of a published version: two records alike are the same grid, whatever their database.</summary>
    private readonly record struct PublishedKey(
        string Territory, GridScope Scope, int Version, string Label, DateOnly ValidFrom, DateOnly? ValidTo, DateOnly? PublishedOn, bool IsExample, string Content);

    /// <summary>
    /// Published versions never change (a new version is drafted instead): each is read from its JSON and compiled once
    /// per process, not at every batch — for France, 1,255 grids of 40 criteria cost ≈ 1 s to read again (docs/performance.md).
    /// </summary>
    private static readonly ConcurrentDictionary<PublishedKey, (CotationGrid Grid, CompiledGrid Compiled)> Published = new();

    private static (CotationGrid Grid, CompiledGrid Compiled) Parsed(CotationGridRecord r) =>
        Published.GetOrAdd(new PublishedKey(r.Territory, r.Scope, r.Version, r.Label, r.ValidFrom, r.ValidTo, r.PublishedOn, r.IsExample, r.Content), _ =>
        {
            var grid = r.ToDomain();
            return (grid, CotationEngine.Compile(grid));
        });

    /// <summary>
    /// Brings the stored score of a tracked demand up to date before it is saved: scored under the grid in force when it
    /// is active in an EPCI that has one, removed otherwise. Saved by the caller's SaveChanges, with the demand.
    /// </summary>
    public static async Task StageAsync(EquilibreDb db, Demand demand, CotationSettings settings, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(demand);
        var stored = demand.Id == 0 ? null : await db.DemandScores.FirstOrDefaultAsync(s => s.DemandId == demand.Id, ct);
        var grid = demand.Status == DemandStatus.Active && demand.EpciSiren is { } epci
            && (await InForceAsync(db, epci, today, ct)).TryGetValue(epci, out var grids) ? grids.For(demand.IsMutation) : null;
        if (demand.Id != 0 && !db.Entry(demand).Collection(d => d.Wishes).IsLoaded)
        {
            await db.Entry(demand).Collection(d => d.Wishes).LoadAsync(ct);
        }

        if (grid is null)
        {
            if (stored is not null)
            {
                db.DemandScores.Remove(stored);
            }

            CopyToWishes(demand, null);
            return;
        }

        var score = grid.Total(Facts(Of(demand), today, settings, new CodeSets()));
        if (stored is null)
        {
            stored = new DemandScore { DemandId = demand.Id, Territory = demand.EpciSiren! };
            db.DemandScores.Add(stored);
        }

        Fill(stored, demand.EpciSiren!, demand.FirstCommuneCode, demand.MainTypology, score, grid.Grid, today);
        CopyToWishes(demand, stored.Score);
    }

    /// <summary>The shortlist reads the score from the wishes (<see cref="DemandWish.Score"/>): same value, same moment.</summary>
    private static void CopyToWishes(Demand demand, double? score)
    {
        foreach (var wish in demand.Wishes)
        {
            wish.Score = score;
        }
    }

    /// <summary>A total as stored: rounded to the hundredth, half away from zero.</summary>
    public static double Rounded(decimal score) => (double)Math.Round(score, 2, MidpointRounding.AwayFromZero);

    public static void Fill(DemandScore stored, string territory, string? commune, string? typology, decimal score, CotationGrid grid, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(grid);
        stored.Territory = territory;
        stored.CommuneCode = commune;
        stored.Typology = typology;
        stored.Score = Rounded(score);
        stored.Scope = grid.Scope;
        stored.GridVersion = grid.Version;
        stored.ComputedOn = today;
    }
}

/// <summary>The grids in force of one territory.</summary>
public sealed record TerritoryGrids(CompiledGrid? General, CompiledGrid? Mutation)
{
    /// <summary>A mutation demand is scored by the mutation grid when the territory has one, by the general grid otherwise.</summary>
    public CompiledGrid? For(bool isMutation) => isMutation && Mutation is not null ? Mutation : General;
}

/// <summary>Comma-separated code lists as shared read-only sets: a batch holds one set per distinct list, not per demand.</summary>
public sealed class CodeSets
{
    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _sets = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Of(string? list) => string.IsNullOrEmpty(list)
        ? Empty
        : _sets.GetOrAdd(list, l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));
}
