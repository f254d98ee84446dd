using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Cotation;

/// <summary>
/// The effect of a draft on the territory's current active demands, beside the grid in force: distribution of the
/// scores, the demands that move up or down most in the territory's ranking, and the share of first-quartile and
/// priority (L441-1 or DALO) households among the top tenth — what a CIL asks before adopting a grid.
/// </summary>
public sealed class PreviewCotationGrid(EquilibreDb db, TimeProvider clock, CotationSettings settings)
{
    public sealed record Bin(decimal From, decimal To, int Draft, int Current);

    public sealed record Mover(string Numero, decimal DraftScore, int DraftRank, decimal? CurrentScore, int? CurrentRank);

    public sealed record TopShare(int TopCount, decimal DraftQ1Percent, decimal DraftPriorityPercent, decimal? CurrentQ1Percent, decimal? CurrentPriorityPercent);

    public sealed record Result(
        long GridId, int Demands, int? CurrentVersion, decimal DraftAverage, decimal DraftMedian, decimal? CurrentAverage, decimal? CurrentMedian,
        IReadOnlyList<Bin> Distribution, IReadOnlyList<Mover> Up, IReadOnlyList<Mover> Down, TopShare Top, string Explanation);

    public async Task<Result?> HandleAsync(long gridId, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var record = await db.CotationGrids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == gridId, ct);
        if (record is null || !CotationAccess.CanEdit(user, record.Territory))
        {
            return null;
        }

        var today = FrenchTime.Today(clock);
        var draft = CotationEngine.Compile(record.ToDomain() with { PublishedOn = null });
        var inForce = (await DemandScoring.InForceAsync(db, record.Territory, today, ct)).GetValueOrDefault(record.Territory);
        var current = record.Scope == GridScope.Mutation ? inForce?.Mutation : inForce?.General;
        var mutationGridElsewhere = record.Scope == GridScope.General && inForce?.Mutation is not null;
        var rows = await db.Demands.AsNoTracking()
            .Where(d => d.Status == DemandStatus.Active && d.EpciSiren == record.Territory)
            .Where(d => record.Scope == GridScope.Mutation ? d.IsMutation : !(mutationGridElsewhere && d.IsMutation))
            .Select(DemandScoring.Row).ToListAsync(ct);
        var sets = new CodeSets();
        var scored = rows.Select(r =>
        {
            var facts = DemandScoring.Facts(r, today, settings, sets);
            return (Row: r, Draft: draft.Total(facts), Current: current?.Total(facts));
        }).ToList();

        var draftRanks = Ranks(scored.Select(s => s.Draft).ToList());
        var currentRanks = current is null ? null : Ranks(scored.Select(s => s.Current!.Value).ToList());
        var moves = currentRanks is null ? [] : scored.Select((s, i) => (s.Row.Id, s.Draft, Rank: draftRanks[i], s.Current, CurrentRank: currentRanks[i])).ToList();
        var upIds = moves.Where(m => m.Rank < m.CurrentRank).OrderByDescending(m => m.CurrentRank - m.Rank).ThenBy(m => m.Rank).Take(10).ToList();
        var downIds = moves.Where(m => m.Rank > m.CurrentRank).OrderByDescending(m => m.Rank - m.CurrentRank).ThenBy(m => m.Rank).Take(10).ToList();
        var ids = upIds.Concat(downIds).Select(m => m.Id).ToList();
        var numeros = await db.Demands.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Numero, ct);
        var up = upIds.Select(m => new Mover(numeros[m.Id], m.Draft, m.Rank, m.Current, m.CurrentRank)).ToList();
        var down = downIds.Select(m => new Mover(numeros[m.Id], m.Draft, m.Rank, m.Current, m.CurrentRank)).ToList();

        var top = Math.Max(1, (int)Math.Ceiling(scored.Count / 10m));
        var topShare = new TopShare(scored.Count == 0 ? 0 : top,
            Share(scored.OrderByDescending(s => s.Draft).Take(top), s => s.Row.IsQ1 == true),
            Share(scored.OrderByDescending(s => s.Draft).Take(top), s => s.Row.PriorityCodes.Length > 0 || s.Row.Dalo == DaloStatus.Active),
            current is null ? null : Share(scored.OrderByDescending(s => s.Current).Take(top), s => s.Row.IsQ1 == true),
            current is null ? null : Share(scored.OrderByDescending(s => s.Current).Take(top), s => s.Row.PriorityCodes.Length > 0 || s.Row.Dalo == DaloStatus.Active));

        var explanation = French.Format($"{scored.Count:N0} demande(s) active(s) de l'EPCI")
            + (record.Scope == GridScope.Mutation ? " (demandes de mutation)" : mutationGridElsewhere ? " (hors mutations, cotées par la grille de mutation)" : "")
            + (current is null ? " ; aucune grille en vigueur à comparer" : French.Format($" ; comparaison avec la version {current.Grid.Version} en vigueur"))
            + French.Format($" ; rang dans l'EPCI (1 = note la plus haute, ex æquo au même rang) ; « premier décile » = les {top:N0} premières demandes");
        return new Result(record.Id, scored.Count, current?.Grid.Version,
            Average(scored.Select(s => s.Draft)), Median(scored.Select(s => s.Draft)),
            current is null ? null : Average(scored.Select(s => s.Current!.Value)), current is null ? null : Median(scored.Select(s => s.Current!.Value)),
            Distribution(scored.Select(s => s.Draft).ToList(), current is null ? [] : scored.Select(s => s.Current!.Value).ToList()), up, down, topShare, explanation);
    }

    /// <summary>Competition ranking: 1 + the number of strictly higher scores.</summary>
    private static int[] Ranks(List<decimal> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var ranks = new int[scores.Count];
        for (var k = 0; k < order.Length; k++)
        {
            ranks[order[k]] = k > 0 && scores[order[k]] == scores[order[k - 1]] ? ranks[order[k - 1]] : k + 1;
        }

        return ranks;
    }

    private static decimal Share<T>(IEnumerable<T> top, Func<T, bool> predicate)
    {
        var list = top.ToList();
        return list.Count == 0 ? 0 : Math.Round(100m * list.Count(predicate) / list.Count, 1, MidpointRounding.AwayFromZero);
    }

    private static decimal Average(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : Math.Round(list.Average(), 1, MidpointRounding.AwayFromZero);
    }

    private static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2m;
    }

    private static readonly decimal[] Widths = [1m, 2m, 5m, 10m, 20m, 25m, 50m, 100m, 200m, 500m];

    /// <summary>About ten bins of a round width covering both distributions.</summary>
    private static List<Bin> Distribution(List<decimal> draft, List<decimal> current)
    {
        if (draft.Count == 0)
        {
            return [];
        }

        var min = Math.Floor(Math.Min(draft.Min(), current.Count > 0 ? current.Min() : decimal.MaxValue));
        var max = Math.Max(draft.Max(), current.Count > 0 ? current.Max() : decimal.MinValue);
        var width = Widths.FirstOrDefault(w => (max - min) / w <= 12m, 1000m);
        var start = Math.Floor(min / width) * width;
        var bins = new List<Bin>();
        for (var from = start; from <= max; from += width)
        {
            var to = from + width;
            bins.Add(new Bin(from, to, draft.Count(s => s >= from && s < to), current.Count(s => s >= from && s < to)));
        }

        return bins;
    }
}
