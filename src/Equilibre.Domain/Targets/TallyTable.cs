namespace Equilibre.Domain.Targets;

/// <summary>
/// The counters of one run, in blocks of <see cref="TargetEngine.BlockGroups"/> groups: per group, per definition, one
/// int per <see cref="Slot"/>, then the group's data-quality counts. Labels are written once per definition; <see cref="GroupResult"/> reads its slice when first asked.
/// </summary>
internal sealed class TallyTable
{
    private readonly IndicatorDefinition[] _definitions;
    private readonly List<int[]> _blocks;
    private readonly SlotLayout _layout;
    private readonly string[][] _labels;

    private readonly string _qpvRule;

    public TallyTable(IndicatorDefinition[] definitions, List<int[]> blocks, SlotLayout layout, string qpvRule)
    {
        _qpvRule = qpvRule;
        _definitions = definitions;
        _blocks = blocks;
        _layout = layout;
        _labels = [.. definitions.Select(d => Enumerable.Range(0, (int)Slot.Count).Select(s => TargetRules.SlotLabel((Slot)s, d.Rule)).ToArray())];
    }

    /// <summary>The indicators of group <paramref name="index"/> (−1 = an expected group without lease: all zero).</summary>
    public IndicatorResult[] Indicators(int index, GroupKey key)
    {
        var indicators = new IndicatorResult[_definitions.Length];
        var tallies = index < 0 ? [] : _blocks[index / TargetEngine.BlockGroups];
        var start = index < 0 ? 0 : index % TargetEngine.BlockGroups * _layout.Stride;
        for (var d = 0; d < _definitions.Length; d++)
        {
            var o = start + _layout.Offsets[d];
            var map = _layout.Maps[d];
            var definition = _definitions[d];
            List<IndicatorCount>? exclusions = null;
            List<IndicatorCount>? details = null;
            for (var s = (int)Slot.Numerator + 1; index >= 0 && s < (int)Slot.Count; s++)
            {
                if (map[s] < 0 || tallies[o + map[s]] == 0)
                {
                    continue;
                }

                var count = new IndicatorCount(TargetRules.SlotCode((Slot)s), _labels[d][s], tallies[o + map[s]]);
                (s < TargetRules.FirstDetail ? exclusions ??= [] : details ??= []).Add(count);
            }

            var (threshold, source) = TargetEngine.ThresholdFor(definition, key);
            var qpvRule = definition.Rule.Population is IndicatorPopulation.OutsideQpv or IndicatorPopulation.InQpv ? _qpvRule : null;
            indicators[d] = index < 0
                ? new IndicatorResult(definition, 0, 0, threshold, source, [], []) { QpvRule = qpvRule }
                : new IndicatorResult(definition, tallies[o + SlotLayout.NumeratorIndex], tallies[o + SlotLayout.DenominatorIndex], threshold, source,
                    exclusions ?? (IReadOnlyList<IndicatorCount>)[], details ?? (IReadOnlyList<IndicatorCount>)[])
                { QpvRule = qpvRule };
        }

        return indicators;
    }

    public DataQuality Quality(int index)
    {
        if (index < 0)
        {
            return new DataQuality(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var b = _blocks[index / TargetEngine.BlockGroups];
        var q = (index % TargetEngine.BlockGroups * _layout.Stride) + _layout.QualityOffset;
        return new DataQuality(b[q], b[q + 1], b[q + 2], b[q + 3], b[q + 4], b[q + 5], b[q + 6], b[q + 7], b[q + 8]);
    }
}

/// <summary>
/// Where each definition's counters sit in a group's slice: only the slots its rule can fill (T1 never meets the
/// préfet's contingent, a mutation share never reads the quartile), so a national run's counters stay about half as
/// large and the pass touches fewer cache lines. <see cref="Maps"/>[d][slot] is the index in the definition's slice, −1
/// when the rule cannot fill that slot.
/// </summary>
internal sealed class SlotLayout
{
    public const int DenominatorIndex = 0;
    public const int NumeratorIndex = 1;

    public SlotLayout(IndicatorRule[] rules)
    {
        Maps = new int[rules.Length][];
        Offsets = new int[rules.Length];
        var offset = 0;
        for (var d = 0; d < rules.Length; d++)
        {
            var map = Maps[d] = new int[(int)Slot.Count];
            var width = 0;
            for (var s = 0; s < map.Length; s++)
            {
                map[s] = Possible(rules[d], (Slot)s) ? width++ : -1;
            }

            Offsets[d] = offset;
            offset += width;
        }

        QualityOffset = offset;
        Stride = offset + TargetEngine.QualitySlots;
    }

    public int[][] Maps { get; }

    public int[] Offsets { get; }

    public int QualityOffset { get; }

    public int Stride { get; }

    /// <summary>Whether <see cref="TargetRules.Evaluate"/> can report this slot under this rule.</summary>
    private static bool Possible(IndicatorRule rule, Slot slot) => slot switch
    {
        Slot.Denominator or Slot.Numerator => true,
        Slot.ExcludedRelocated => rule.ExcludeRelocated,
        Slot.ExcludedUnknownQpv => rule.Population is IndicatorPopulation.OutsideQpv or IndicatorPopulation.InQpv,
        Slot.ExZusLeftOut or Slot.ExitedQpvLeftOut => rule.Population == IndicatorPopulation.OutsideQpv,
        Slot.ExZusInQpv or Slot.ExitedQpvInQpv => rule.Population == IndicatorPopulation.InQpv,
        Slot.ExcludedPrefet or Slot.ExcludedWithdrawn or Slot.ExcludedUnknownFlux or Slot.ReturnedToBailleur or Slot.WithdrawnIncluded =>
            rule.Population == IndicatorPopulation.FluxOwingPriorityShare,
        Slot.ExcludedUnknownResources or Slot.ExcludedNoThreshold or Slot.UnknownResourcesKept or Slot.NoThresholdKept
            or Slot.VerdictAtSignature or Slot.PreviousYearThreshold => rule.ReadsQuartile,
        Slot.RelocatedAnru or Slot.RelocatedOrcod or Slot.OrcodNotCounted => rule.Criterion == IndicatorCriterion.Q1OrRelocated,
        Slot.Count => false,
    };
}
