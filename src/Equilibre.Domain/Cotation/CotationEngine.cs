namespace Equilibre.Domain.Cotation;

/// <summary>One line of a score's explanation: where the points come from and whether they count.</summary>
public sealed record ScoreLine(string Rubric, string Label, decimal Points, bool Counted, string Why);

/// <summary>A demand's score under a grid on a date: the total is the sum of the counted lines.</summary>
public sealed record CotationScore(string Territory, int GridVersion, DateOnly AsOf, decimal Total, IReadOnlyList<ScoreLine> Lines, bool Frozen);

/// <summary>
/// The cotation engine (domain.md §8.2): each rubric adds its matching criteria (cumulative) or only the highest
/// (highest-only); seniority adds so many points per full month up to its cap; each adapted offer refused withdraws
/// points, or freezes the score at its value on the day of the refusal for some months; the total is capped when the
/// grid says so. The score is the sum of its lines.
/// </summary>
public static class CotationEngine
{
    public static CotationScore Score(CotationGrid grid, CotationFacts facts) => Compile(grid).Score(facts);

    /// <summary>Binds every criterion's condition once: the compiled grid scores many demands without re-reading the grid.</summary>
    public static CompiledGrid Compile(CotationGrid grid) => new(grid);

    /// <summary>Full months between two dates (a month counts on its day-of-month anniversary).</summary>
    public static int FullMonths(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return 0;
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return to.Day < from.Day && from.AddMonths(months) > to ? months - 1 : months;
    }
}

/// <summary>
/// A grid with its conditions bound (<see cref="CriteriaCatalogue"/>): <see cref="Score"/> gives the explained score,
/// <see cref="Total"/> the same total without the explanation, for batches. Both follow the rules of
/// <see cref="CotationEngine"/>; a test checks they agree.
/// </summary>
public sealed class CompiledGrid
{
    private readonly (Rubric Rubric, (Criterion Criterion, Func<CotationFacts, bool> Test, bool NeedsValidation)[] Criteria)[] _rubrics;

    internal CompiledGrid(CotationGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        _rubrics = [.. grid.Rubrics.Select(r => (r, r.Criteria
            .Select(c => (c, CriteriaCatalogue.Find(c.Condition) is { } entry ? entry.Bind(c.Parameter) : _ => false,
                c.Validation != CriterionValidation.None && !CriteriaCatalogue.ValidatedByNature(c.Condition)))
            .ToArray()))];
    }

    public CotationGrid Grid { get; }

    /// <summary>The total only (no explanation lines): what a batch over millions of demands needs.</summary>
    public decimal Total(CotationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var freeze = FreezeDate(facts);
        var at = freeze is { } f ? facts with { AsOf = f } : facts;
        decimal total = 0;
        foreach (var (rubric, criteria) in _rubrics)
        {
            decimal best = 0;
            var any = false;
            foreach (var (criterion, test, needsValidation) in criteria)
            {
                if (!test(at) || (needsValidation && !facts.ValidatedCriteria.Contains(criterion.Code)))
                {
                    continue;
                }

                if (rubric.Mode == RubricMode.Cumulative)
                {
                    total += criterion.Points;
                }
                else if (!any || criterion.Points > best)
                {
                    best = criterion.Points;
                    any = true;
                }
            }

            total += any ? best : 0;
        }

        total += SeniorityPoints(facts.RegisteredOn, at.AsOf).Points;
        if (Grid.Refusal?.PointsPerRefusal is { } penalty)
        {
            foreach (var refusal in facts.Refusals)
            {
                total -= refusal.AdaptedOffer && refusal.On <= at.AsOf ? penalty : 0;
            }
        }

        return Grid.TotalCap is { } cap && total > cap ? cap : total;
    }

    /// <summary>The score with one line per criterion met, seniority, refusals and cap, each saying why it counts or not.</summary>
    public CotationScore Score(CotationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var freeze = FreezeDate(facts);
        var at = freeze is { } f ? facts with { AsOf = f } : facts;
        var lines = new List<ScoreLine>();
        foreach (var (rubric, criteria) in _rubrics)
        {
            var matching = criteria.Where(c => c.Test(at)).ToList();
            var pending = matching.Where(c => c.NeedsValidation && !facts.ValidatedCriteria.Contains(c.Criterion.Code)).Select(c => c.Criterion).ToList();
            lines.AddRange(pending.Select(c => new ScoreLine(rubric.Label, c.Label, c.Points, false,
                c.Validation == CriterionValidation.SocialWorker ? "non compté : à faire valider par un travailleur social" : "non compté : à faire valider par le réservataire")));
            var counted = matching.Select(c => c.Criterion).Except(pending).ToList();
            if (rubric.Mode == RubricMode.Cumulative)
            {
                lines.AddRange(counted.Select(c => new ScoreLine(rubric.Label, c.Label, c.Points, true, "critère rempli (rubrique cumulative)")));
                continue;
            }

            var best = counted.OrderByDescending(c => c.Points).FirstOrDefault();
            lines.AddRange(counted.Select(c => c == best
                ? new ScoreLine(rubric.Label, c.Label, c.Points, true, "critère le plus élevé de la rubrique")
                : new ScoreLine(rubric.Label, c.Label, c.Points, false, French.Format($"non compté : seul le critère le plus élevé de la rubrique compte ({best!.Points} points)"))));
        }

        if (Grid.Seniority is { } seniority)
        {
            var (months, points, capped) = SeniorityPoints(facts.RegisteredOn, at.AsOf);
            lines.Add(new ScoreLine("Ancienneté", French.Format($"{months} mois d'ancienneté × {seniority.PointsPerMonth:0.##}"), points, true,
                capped ? French.Format($"plafonnée à {seniority.Cap} points") : "ancienneté depuis l'enregistrement"));
        }

        if (Grid.Refusal?.PointsPerRefusal is { } penalty)
        {
            foreach (var refusal in facts.Refusals.Where(r => r.AdaptedOffer && r.On <= at.AsOf))
            {
                lines.Add(new ScoreLine("Refus", French.Format($"refus d'un logement adapté le {refusal.On:dd/MM/yyyy}"), -penalty, true, "pénalité de refus de la grille"));
            }
        }

        var total = lines.Where(l => l.Counted).Sum(l => l.Points);
        if (Grid.TotalCap is { } totalCap && total > totalCap)
        {
            lines.Add(new ScoreLine("Plafond", French.Format($"total plafonné à {totalCap} points"), totalCap - total, true, "plafond de la grille"));
            total = totalCap;
        }

        if (freeze is { } frozenOn)
        {
            lines.Insert(0, new ScoreLine("Refus", French.Format($"note gelée depuis le refus d'un logement adapté du {frozenOn:dd/MM/yyyy}"), 0, true,
                French.Format($"la grille gèle la note {Grid.Refusal!.FreezeMonths} mois : calculée au {frozenOn:dd/MM/yyyy}")));
        }

        return new CotationScore(Grid.Territory, Grid.Version, facts.AsOf, total, lines, freeze is not null);
    }

    // The score stays at its value of the day of the last adapted offer refused, for the grid's months.
    private DateOnly? FreezeDate(CotationFacts facts)
    {
        if (Grid.Refusal?.FreezeMonths is not { } months || facts.Refusals.Count == 0)
        {
            return null;
        }

        DateOnly? latest = null;
        foreach (var r in facts.Refusals)
        {
            if (r.AdaptedOffer && r.On <= facts.AsOf && facts.AsOf < r.On.AddMonths(months) && (latest is null || r.On > latest))
            {
                latest = r.On;
            }
        }

        return latest;
    }

    private (int Months, decimal Points, bool Capped) SeniorityPoints(DateOnly registeredOn, DateOnly asOf)
    {
        if (Grid.Seniority is not { } seniority)
        {
            return (0, 0, false);
        }

        var months = CotationEngine.FullMonths(registeredOn, asOf);
        var raw = seniority.PointsPerMonth * months;
        return seniority.Cap is { } cap && raw > cap ? (months, cap, true) : (months, raw, false);
    }
}

/// <summary>A decision on a grid: the grid after it, or why it is refused.</summary>
public sealed record GridDecision(bool Allowed, CotationGrid? Grid, string Explanation);

/// <summary>Versions of the grids: which is in force on a date, editing a draft, publishing an immutable version.</summary>
public static class CotationGrids
{
    /// <summary>The published version in force on a date for a territory and scope (the latest valid one), or null.</summary>
    public static CotationGrid? InForce(IEnumerable<CotationGrid> grids, string territory, GridScope scope, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(grids);
        return grids.Where(g => g.Territory == territory && g.Scope == scope && g.IsPublished && g.ValidOn(date))
            .OrderByDescending(g => g.ValidFrom).ThenByDescending(g => g.Version).FirstOrDefault();
    }

    /// <summary>Validation of a grid's content: codes, catalogue conditions and their parameters, points.</summary>
    public static IReadOnlyList<string> Check(CotationGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var errors = new List<string>();
        if (grid.Rubrics.GroupBy(r => r.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add($"la rubrique {twice.Key} figure deux fois");
        }

        foreach (var criterion in grid.Rubrics.SelectMany(r => r.Criteria))
        {
            if (CriteriaCatalogue.Check(criterion) is { } problem)
            {
                errors.Add(problem);
            }
        }

        if (grid.ValidTo is { } to && to < grid.ValidFrom)
        {
            errors.Add("la fin de validité précède le début");
        }

        if (grid.Seniority is { PointsPerMonth: < 0 } or { Cap: < 0 })
        {
            errors.Add("les points d'ancienneté et leur plafond ne peuvent pas être négatifs");
        }

        return errors;
    }

    /// <summary>A draft can change; a published version never does (a new version is drafted instead).</summary>
    public static GridDecision Edit(CotationGrid current, CotationGrid proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        if (current.IsPublished)
        {
            return new(false, null, French.Format($"la version {current.Version} est publiée depuis le {current.PublishedOn:dd/MM/yyyy} : elle ne peut plus changer ; créez une nouvelle version"));
        }

        var errors = Check(proposed);
        return errors.Count > 0 ? new(false, null, string.Join(" ; ", errors)) : new(true, proposed with { PublishedOn = null, Version = current.Version }, "brouillon enregistré");
    }

    /// <summary>Publishes a draft on a date: immutable from then on; refused when its content is invalid or already published.</summary>
    public static GridDecision Publish(CotationGrid draft, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.IsPublished)
        {
            return new(false, null, French.Format($"la version {draft.Version} est déjà publiée (le {draft.PublishedOn:dd/MM/yyyy})"));
        }

        var errors = Check(draft);
        return errors.Count > 0
            ? new(false, null, string.Join(" ; ", errors))
            : new(true, draft with { PublishedOn = on }, French.Format($"version {draft.Version} publiée le {on:dd/MM/yyyy}, en vigueur à partir du {draft.ValidFrom:dd/MM/yyyy}"));
    }
}
