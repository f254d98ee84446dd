namespace Equilibre.Domain.Targets;

/// <summary>A count beside a figure: an exclusion (left out of the denominator) or a detail (how the figure is made up).</summary>
public sealed record IndicatorCount(string Code, string Label, int Count);

/// <summary>Which leases of a result a drill-down returns.</summary>
public enum LeasePart
{
    /// <summary>The leases counted in the numerator.</summary>
    Numerator,

    /// <summary>The leases of the denominator (numerator included).</summary>
    Denominator,

    /// <summary>The leases excluded from the denominator, whatever the reason.</summary>
    Excluded,
}

/// <summary>
/// One indicator in one group: numerator, denominator, rate, the threshold that applies to this group and its source,
/// whether it is met, the exclusions with their counts and reasons, the details (relocations counted, unknown
/// resources kept, ex-ZUS assimilated…) and the rule version. A rate without denominator is "sans objet", never 0 %.
/// </summary>
public sealed record IndicatorResult(
    IndicatorDefinition Definition,
    int Numerator,
    int Denominator,
    decimal Threshold,
    string ThresholdSource,
    IReadOnlyList<IndicatorCount> Exclusions,
    IReadOnlyList<IndicatorCount> Details)
{
    /// <summary>Numerator ÷ denominator (a fraction); null = sans objet.</summary>
    public decimal? Rate => Denominator == 0 ? null : (decimal)Numerator / Denominator;

    /// <summary>Rate ≥ threshold, compared exactly (numerator ≥ threshold × denominator); null = sans objet.</summary>
    public bool? Met => Denominator == 0 ? null : Numerator >= Threshold * Denominator;

    public string RuleVersion => Definition.RuleVersion;

    /// <summary>The QPV rule the figure was computed with (ex-ZUS and exited quarters, §5.3); null when the indicator does not read the location.</summary>
    public string? QpvRule { get; init; }

    public int Excluded => Exclusions.Sum(e => e.Count);

    /// <summary>"23,5 %" (one decimal, half away from zero) or "sans objet".</summary>
    public string RateText => Rate is { } r ? Percent(r) : "sans objet";

    /// <summary>"T1 v1 : 12 / 48 = 25,0 % (seuil 25 %) : atteint ; 3 exclus".</summary>
    public string Summary => French.Format(
        $"{RuleVersion} : {Numerator} / {Denominator} = {RateText} (seuil {Percent(Threshold)}) : {Met switch { null => "sans objet, aucune attribution dans le périmètre", true => "atteint", false => "non atteint" }}{(Excluded > 0 ? French.Format($" ; {Excluded} exclue(s)") : "")}");

    public static string Percent(decimal fraction)
    {
        var p = Math.Round(100m * fraction, 1, MidpointRounding.AwayFromZero);
        return p == decimal.Truncate(p) ? French.Format($"{p:0} %") : French.Format($"{p:0.0} %");
    }
}

/// <summary>
/// Data quality beside every figure of a group (issue 7): leases with unknown resources (neither resources nor a
/// recorded verdict), resources known but no threshold for the EPCI and year, unknown réservataire, dwelling without
/// QPV status; and how the QPV rule placed the leases (QPV, ex-ZUS assimilated, exited QPV kept, outside QPV).
/// </summary>
public sealed record DataQuality(
    int Leases,
    int UnknownResources,
    int NoThreshold,
    int UnknownReservataire,
    int UnknownQpv,
    int InQpv,
    int ExZusAssimilated,
    int ExitedQpvAssimilated,
    int OutsideQpv)
{
    public IReadOnlyList<string> Lines =>
    [
        French.Format($"{Leases} bail(s) signé(s)"),
        French.Format($"{UnknownResources} aux ressources inconnues, {NoThreshold} sans seuil du premier quartile pour l'EPCI et l'année"),
        French.Format($"{UnknownReservataire} au réservataire inconnu"),
        French.Format($"{UnknownQpv} logement(s) sans statut QPV"),
        French.Format($"localisation : {InQpv} en QPV (dont {ExZusAssimilated} en ex-ZUS assimilée et {ExitedQpvAssimilated} en quartier sorti maintenu), {OutsideQpv} hors QPV"),
    ];
}

/// <summary>
/// The indicators of one group, with its data quality. A view over the run's counters: the indicators are built the
/// first time they are read (a national run has 100,000+ groups; a dashboard reads a few).
/// </summary>
public sealed class GroupResult
{
    private readonly TallyTable _table;
    private readonly int _index;
    private IReadOnlyList<IndicatorResult>? _indicators;
    private DataQuality? _quality;

    internal GroupResult(GroupKey key, TallyTable table, int index)
    {
        Key = key;
        _table = table;
        _index = index;
    }

    public GroupKey Key { get; }

    public DataQuality Quality => _quality ??= _table.Quality(_index);

    /// <summary>One result per definition applied, in the order of <see cref="TargetReport.Definitions"/>.</summary>
    public IReadOnlyList<IndicatorResult> Indicators => _indicators ??= _table.Indicators(_index, Key);

    public IndicatorResult? this[string definitionId] => Indicators.FirstOrDefault(i => string.Equals(i.Definition.Id, definitionId, StringComparison.Ordinal));
}

/// <summary>A change from the previous period: rates and the difference in percentage points (null when either is sans objet).</summary>
public sealed record IndicatorChange(GroupKey Key, IndicatorResult Current, IndicatorResult? Previous)
{
    public decimal? DeltaPoints => Current.Rate is { } now && Previous?.Rate is { } before
        ? Math.Round(100m * (now - before), 1, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>A period and the previous period of the same length, computed with the same grouping.</summary>
public sealed record TargetComparison(TargetReport Current, TargetReport Previous)
{
    /// <summary>Each indicator of each current group beside the same indicator of the same group in the previous period.</summary>
    public IReadOnlyList<IndicatorChange> Changes()
    {
        var before = Previous.Groups.ToDictionary(g => KeyText(g.Key), StringComparer.Ordinal);
        var changes = new List<IndicatorChange>();
        foreach (var group in Current.Groups)
        {
            before.TryGetValue(KeyText(group.Key), out var previous);
            changes.AddRange(group.Indicators.Select(i => new IndicatorChange(group.Key, i, previous?[i.Definition.Id])));
        }

        return changes;
    }

    private static string KeyText(GroupKey key) => string.Join('\u001f', key.Values.Select(v => v ?? "\u0000"));
}

/// <summary>
/// Year-end projection at the current pace: counts scaled by days in the year ÷ days elapsed; the rate at the current
/// pace is the rate so far by construction, so the useful figures are the attributions still needed and the share of
/// the remaining ones they represent.
/// </summary>
public sealed record YearEndProjection(
    int Year,
    DateOnly AsOf,
    int Numerator,
    int Denominator,
    decimal ProjectedNumerator,
    decimal ProjectedDenominator,
    decimal? ProjectedRate,
    int? StillNeeded,
    decimal? ShareOfRemainingNeeded,
    string Formula);
