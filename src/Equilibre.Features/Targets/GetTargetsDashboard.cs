using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;

namespace Equilibre.Features.Targets;

/// <summary>
/// The targets dashboard (issue 7, domain.md §5, §5.6): every indicator in force (T1, T2, T3, and the CIA engagements
/// of the EPCI when one is chosen) for the period, overall and per group of the chosen breakdown, each figure with its
/// numerator, denominator, exclusions and reasons, threshold and its source, rule version, QPV rule, data quality, the
/// same figure in the previous period of the same length, and the year-end projection at the current pace. All the
/// arithmetic is the Domain's (<see cref="TargetEngine"/>, <see cref="TargetProjection"/>); this handler only reads
/// the leases of the user's scope and labels the groups.
/// </summary>
public sealed class GetTargetsDashboard(EquilibreDb db, TargetsSettings settings, QpvRuleSettings qpv, TimeProvider clock, LeaseFactsCache cache)
{
    public sealed record Request(TargetView View, TargetPeriod Period, TargetFilter Filter, IReadOnlyList<GroupDimension>? Dimensions = null);

    /// <summary>One indicator of one group, now and in the previous period.</summary>
    public sealed record Figure(IndicatorResult Current, IndicatorResult? Previous)
    {
        /// <summary>Change of the rate in percentage points; null when either rate is sans objet.</summary>
        public decimal? DeltaPoints => new IndicatorChange(new GroupKey([], []), Current, Previous).DeltaPoints;
    }

    /// <summary>The year-end projection of one indicator of the whole.</summary>
    public sealed record Projection(string IndicatorId, YearEndProjection Value);

    public sealed record Line(GroupKey Key, string Label, IReadOnlyList<Figure> Figures, DataQuality Quality, DataQuality? PreviousQuality);

    public sealed record Result(
        string ScopeDescription,
        bool SeesAnything,
        TargetView View,
        TargetPeriod Period,
        TargetPeriod PreviousPeriod,
        TargetFilter Filter,
        IReadOnlyList<GroupDimension> Dimensions,
        IReadOnlyList<IndicatorDefinition> Definitions,
        Line Total,
        IReadOnlyList<Line> Lines,
        IReadOnlyList<Projection> Projections,
        IReadOnlyList<string> Method,
        IReadOnlyList<string> Notes,
        TargetLabels Labels);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var dimensions = request.Dimensions ?? TargetsQuery.DefaultDimensions(request.View);
        var definitions = settings.Definitions(request.Filter.EpciSiren);
        var previous = request.Period.Previous();
        var today = FrenchTime.Today(clock);
        var yearStart = new DateOnly(request.Period.To.Year, 1, 1);
        var facts = scope.SeesAnything
            ? (await cache.GetAsync(db, TargetsQuery.Leases(db, scope, request.Filter), new[] { previous.From, yearStart }.Min(), request.Period.To, ct)).Facts
            : [];
        var engineSettings = await TargetsQuery.SettingsAsync(db, settings, qpv, ct);
        var grouped = TargetEngine.CompareWithPrevious(facts, definitions, TargetGrouping.By([.. dimensions]), request.Period, engineSettings);
        var total = TargetEngine.CompareWithPrevious(facts, definitions, TargetGrouping.None, request.Period, engineSettings);
        var labels = await TargetsQuery.LabelsAsync(db, grouped.Current.Groups.Select(g => g.Key), ct);

        // Projection: from 1 January of the period's last year to the period's end, or today if earlier.
        var asOf = new[] { request.Period.To, today }.Min();
        IReadOnlyList<Projection> projections = [];
        if (asOf >= yearStart)
        {
            var ytd = TargetEngine.Compute(facts, definitions, TargetGrouping.None, TargetPeriod.Range(yearStart, asOf), engineSettings);
            projections = [.. ytd.Groups[0].Indicators.Select(i => new Projection(i.Definition.Id, TargetProjection.AtCurrentPace(i, asOf)))];
        }

        var notes = new List<string> { $"Vous voyez {scope.Description}." };
        if (definitions.Any(d => CiaCatalogue.Find(d.Id) is not null))
        {
            notes.Add(TargetsSettings.CiaNotice);
        }
        else if (request.Filter.EpciSiren is null)
        {
            notes.Add("les objectifs locaux de CIA s'affichent quand un EPCI est choisi (ils sont propres à chaque EPCI)");
        }

        if (request.Period.To > today)
        {
            notes.Add(French.Format($"la période se termine après aujourd'hui ({today:dd/MM/yyyy}) : les chiffres sont provisoires"));
        }

        return new Result(scope.Description, scope.SeesAnything, request.View, request.Period, previous, request.Filter, dimensions, grouped.Current.Definitions,
            LineOf(total.Current.Groups[0], total.Previous.Groups.Count > 0 ? total.Previous.Groups[0] : null, labels),
            [.. Lines(grouped, labels)], projections, grouped.Current.Method, notes, labels);
    }

    private static IEnumerable<Line> Lines(TargetComparison comparison, TargetLabels labels)
    {
        var before = comparison.Previous.Groups.ToDictionary(g => Key(g.Key), StringComparer.Ordinal);
        return comparison.Current.Groups.Select(g => LineOf(g, before.GetValueOrDefault(Key(g.Key)), labels));
    }

    private static Line LineOf(GroupResult current, GroupResult? previous, TargetLabels labels) =>
        new(current.Key, labels.Of(current.Key), [.. current.Indicators.Select(i => new Figure(i, previous?[i.Definition.Id]))], current.Quality, previous?.Quality);

    internal static string Key(GroupKey key) => string.Join('\u001f', key.Values.Select(v => v ?? "\u0000"));
}
