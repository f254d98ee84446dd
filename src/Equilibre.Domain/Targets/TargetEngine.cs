using System.Numerics;

namespace Equilibre.Domain.Targets;

/// <summary>
/// The indicator engine (issue 7, domain.md §5, §9): one pass over the facts of a period, each lease placed in its
/// group and counted for every indicator into int counters (numerator, denominator, one per exclusion reason and per
/// detail) — no list, no LINQ per group. Group keys are built by interning each dimension's value once and walking a
/// small tree of (parent, value) nodes (<see cref="GroupIndex"/>), so a national year (≈420,000 leases, every EPCI ×
/// bailleur × réservataire) is a few dictionary lookups and a few int increments per lease. Counters live in blocks of
/// <see cref="BlockGroups"/> groups, so a new group never copies the others.
/// </summary>
public static class TargetEngine
{
    internal const int QualitySlots = 9;
    internal const int BlockGroups = 1024;

    /// <param name="facts">The leases; those signed outside <paramref name="period"/> are skipped.</param>
    /// <param name="definitions">Definitions of any versions; the version in force on the period's last day is used per id.</param>
    /// <param name="grouping">Dimensions and expected groups.</param>
    /// <param name="period">Signature dates counted.</param>
    /// <param name="settings">Q1 thresholds, threshold-year rule, QPV rule.</param>
    public static TargetReport Compute(
        IEnumerable<AllocationFact> facts, IEnumerable<IndicatorDefinition> definitions, TargetGrouping grouping, TargetPeriod period, TargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(grouping);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(settings);
        var rules = new TargetRules(settings);
        var defs = IndicatorDefinitions.InForce(definitions, period.To).OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        var ruleArray = defs.Select(d => d.Rule).ToArray();
        var dims = grouping.Dimensions.ToArray();
        foreach (var expected in grouping.Expected)
        {
            if (expected.Count != dims.Length)
            {
                throw new ArgumentException(French.Format($"groupe attendu à {expected.Count} valeur(s) pour {dims.Length} dimension(s)"), nameof(grouping));
            }
        }

        var groups = new GroupIndex(dims);
        // Per group: the slots each definition can fill, then the data-quality counts.
        var layout = new SlotLayout(ruleArray);
        var stride = layout.Stride;
        var maps = layout.Maps;
        var blocks = new List<int[]>();
        var (from, to) = (period.From, period.To);

        foreach (var fact in facts)
        {
            if (fact.SignedOn < from || fact.SignedOn > to)
            {
                continue;
            }

            var g = groups.IndexOf(fact);
            if (g / BlockGroups == blocks.Count)
            {
                blocks.Add(new int[BlockGroups * stride]);
            }

            var block = blocks[g / BlockGroups];
            var start = g % BlockGroups * stride;
            var quartile = rules.Classify(fact, out var quartileNotes);
            CountQuality(block, start + layout.QualityOffset, fact, quartile);
            for (var d = 0; d < ruleArray.Length; d++)
            {
                var map = maps[d];
                var offset = start + layout.Offsets[d];
                var outcome = TargetRules.Evaluate(ruleArray[d], fact, quartile, quartileNotes, out var exclusion, out var details);
                switch (outcome)
                {
                    case Outcome.Numerator:
                        block[offset + SlotLayout.NumeratorIndex]++;
                        block[offset + SlotLayout.DenominatorIndex]++;
                        break;
                    case Outcome.Denominator:
                        block[offset + SlotLayout.DenominatorIndex]++;
                        break;
                    case Outcome.Excluded:
                        block[offset + map[(int)exclusion]]++;
                        break;
                    case Outcome.OutOfScope:
                        break;
                }

                while (details != 0)
                {
                    block[offset + map[TargetRules.FirstDetail + BitOperations.TrailingZeroCount(details)]]++;
                    details &= details - 1;
                }
            }
        }

        // Results are views over the counters: a group's indicators are built when first read, so a national run with
        // 100,000+ groups allocates only the keys; the dashboards read a few groups, the bilan reads them all.
        var table = new TallyTable(defs, blocks, layout, settings.QpvRuleText);
        var order = groups.SortedGroups();
        var results = new List<GroupResult>(order.Length + grouping.Expected.Count + 1);
        foreach (var g in order)
        {
            results.Add(new GroupResult(groups.Key(g), table, g));
        }

        // Without dimension, the one group "ensemble" exists even without a lease (its rates are then sans objet).
        IReadOnlyList<IReadOnlyList<string?>> expectedKeys = dims.Length == 0 ? [.. grouping.Expected, []] : grouping.Expected;
        if (expectedKeys.Count > 0)
        {
            var seen = results.Select(r => KeyText(r.Key.Values)).ToHashSet(StringComparer.Ordinal);
            var missing = expectedKeys.Where(e => seen.Add(KeyText(e))).Select(e => new GroupResult(new GroupKey(dims, [.. e]), table, -1)).ToList();
            if (missing.Count > 0)
            {
                results.AddRange(missing);
                results.Sort((a, b) => CompareKeys(a.Key.Values, b.Key.Values));
            }
        }

        return new TargetReport(period, grouping, defs, results, rules);
    }

    /// <summary>The period and the previous period of the same length (<see cref="TargetPeriod.Previous"/>), same grouping.</summary>
    public static TargetComparison CompareWithPrevious(
        IReadOnlyCollection<AllocationFact> facts, IEnumerable<IndicatorDefinition> definitions, TargetGrouping grouping, TargetPeriod period, TargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions as IReadOnlyCollection<IndicatorDefinition> ?? [.. definitions];
        return new TargetComparison(Compute(facts, list, grouping, period, settings), Compute(facts, list, grouping, period.Previous(), settings));
    }

    private static void CountQuality(int[] block, int offset, AllocationFact fact, Quartile quartile)
    {
        block[offset]++;
        if (quartile == Quartile.Unknown)
        {
            block[offset + 1]++;
        }
        else if (quartile == Quartile.NoThreshold)
        {
            block[offset + 2]++;
        }

        if (fact.Flux == FluxOrigin.Unknown || (fact.Flux is FluxOrigin.Reservataire && fact.ReservataireId is null))
        {
            block[offset + 3]++;
        }

        switch (fact.Qpv)
        {
            case null:
                block[offset + 4]++;
                break;
            case Stock.QpvBasis.NotInQpv:
                block[offset + 8]++;
                break;
            case Stock.QpvBasis.Qpv:
                block[offset + 5]++;
                break;
            case Stock.QpvBasis.ExZusAssimilated:
                block[offset + 5]++;
                block[offset + 6]++;
                break;
            case Stock.QpvBasis.ExitedQpvAssimilated:
                block[offset + 5]++;
                block[offset + 7]++;
                break;
        }
    }

    private static readonly GroupDimension[] Precedence =
    [
        GroupDimension.Reservataire, GroupDimension.Bailleur, GroupDimension.Commune, GroupDimension.Epci,
        .. Enum.GetValues<GroupDimension>().Except([GroupDimension.Reservataire, GroupDimension.Bailleur, GroupDimension.Commune, GroupDimension.Epci]),
    ];

    /// <summary>The local threshold of the most specific dimension the key fixes (réservataire, bailleur, commune, EPCI, then the others), else the definition's.</summary>
    internal static (decimal Rate, string Source) ThresholdFor(IndicatorDefinition def, GroupKey key)
    {
        if (def.LocalThresholds.Count > 0)
        {
            foreach (var dimension in Precedence)
            {
                if (!key.Has(dimension) || key[dimension] is not { } value)
                {
                    continue;
                }

                foreach (var local in def.LocalThresholds)
                {
                    if (local.Dimension == dimension && string.Equals(local.Value, value, StringComparison.Ordinal))
                    {
                        return (local.Rate, $"seuil local pour {GroupKey.DimensionLabel(dimension)} {GroupKey.ValueLabel(dimension, value)} : {local.Source}");
                    }
                }
            }
        }

        return (def.Threshold, def.ThresholdSource);
    }

    private static string KeyText(IReadOnlyList<string?> values) => string.Join('\u001f', values.Select(v => v ?? "\u0000"));

    /// <summary>Ordinal order of the values, dimension by dimension, unknown (null) first: the order of every report.</summary>
    internal static int CompareKeys(IReadOnlyList<string?> a, IReadOnlyList<string?> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
