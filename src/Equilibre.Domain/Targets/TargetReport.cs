namespace Equilibre.Domain.Targets;

/// <summary>
/// Every indicator for every group of a period, with its method. <see cref="Leases"/> gives the leases behind a figure
/// by re-reading the facts with the same rules — the engine keeps no list of lease ids.
/// </summary>
public sealed class TargetReport
{
    private readonly TargetRules _rules;

    internal TargetReport(TargetPeriod period, TargetGrouping grouping, IReadOnlyList<IndicatorDefinition> definitions, IReadOnlyList<GroupResult> groups, TargetRules rules)
    {
        Period = period;
        Grouping = grouping;
        Definitions = definitions;
        Groups = groups;
        _rules = rules;
    }

    public TargetPeriod Period { get; }

    public TargetGrouping Grouping { get; }

    /// <summary>The definitions applied: for each id, the version in force on the period's last day.</summary>
    public IReadOnlyList<IndicatorDefinition> Definitions { get; }

    public IReadOnlyList<GroupResult> Groups { get; }

    /// <summary>The method in French: period, versions and sources, threshold year, QPV rule, each unconfirmed choice.</summary>
    public IReadOnlyList<string> Method
    {
        get
        {
            var lines = new List<string>
            {
                French.Format($"période : {Period.Label} (baux signés du {Period.From:dd/MM/yyyy} au {Period.To:dd/MM/yyyy} inclus ; une attribution compte à la signature du bail, domain.md §5)"),
                French.Format($"définitions en vigueur au {Period.To:dd/MM/yyyy}, appliquées à toute la période"),
            };
            foreach (var d in Definitions)
            {
                lines.Add($"{d.RuleVersion} — {d.Label} : {d.Source} ; seuil {IndicatorResult.Percent(d.Threshold)} ({d.ThresholdSource})" +
                    (d.LocalThresholds.Count > 0 ? French.Format($" ; {d.LocalThresholds.Count} seuil(s) local(aux)") : ""));
                if (d.Rule.ReadsQuartile)
                {
                    lines.Add($"{d.RuleVersion} — ressources inconnues : {(d.Rule.UnknownResources == UnknownResourcesTreatment.Excluded ? "exclues" : "gardées au dénominateur")} ({d.Rule.UnknownResourcesSource})");
                }

                if (d.Rule.Criterion == IndicatorCriterion.Q1OrRelocated)
                {
                    lines.Add($"{d.RuleVersion} — relogés : ANRU au numérateur ; ORCOD {(d.Rule.OrcodCountsAsRelocation ? "au numérateur" : "selon leurs ressources")} ({d.Rule.OrcodSource})");
                }

                if (d.Rule.ExcludeRelocated || d.Rule.Population == IndicatorPopulation.InQpv)
                {
                    lines.Add($"{d.RuleVersion} — relogés : {(d.Rule.ExcludeRelocated ? "exclus" : "comptés")} ({d.Rule.ExcludeRelocatedSource})");
                }

                if (d.Rule.Population == IndicatorPopulation.FluxOwingPriorityShare)
                {
                    lines.Add($"{d.RuleVersion} — flux : contingent du préfet exclu ; flux non réservé du bailleur et logements rendus comptés au flux propre ; {d.Rule.WithdrawnFromFluxSource}");
                }

                if (d.Note is { } note)
                {
                    lines.Add($"{d.RuleVersion} — {note}");
                }
            }

            lines.Add("premier quartile : ressources annuelles par UC à la décision de CAL strictement inférieures au seuil de l'EPCI (domain.md §4.2) ; à défaut, verdict enregistré à la signature");
            lines.Add($"année du seuil : {_rules.Settings.Q1Year.Source}");
            lines.Add(_rules.Settings.QpvRuleText);
            lines.Add("un taux sans attribution dans son périmètre est « sans objet », jamais 0 %");
            return lines;
        }
    }

    /// <summary>
    /// The leases behind one figure, re-read lazily from <paramref name="facts"/> (the same facts the report was computed
    /// from): in the period, in the group, and on the requested side of the indicator.
    /// </summary>
    public IEnumerable<AllocationFact> Leases(IEnumerable<AllocationFact> facts, GroupKey key, IndicatorDefinition definition, LeasePart part)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var fact in facts)
        {
            if (!Period.Contains(fact.SignedOn) || !InGroup(fact, key))
            {
                continue;
            }

            var quartile = _rules.Classify(fact, out var notes);
            var outcome = TargetRules.Evaluate(definition.Rule, fact, quartile, notes, out _, out _);
            var wanted = part switch
            {
                LeasePart.Numerator => outcome == Outcome.Numerator,
                LeasePart.Denominator => outcome is Outcome.Numerator or Outcome.Denominator,
                LeasePart.Excluded => outcome == Outcome.Excluded,
            };
            if (wanted)
            {
                yield return fact;
            }
        }
    }

    private static bool InGroup(AllocationFact fact, GroupKey key)
    {
        for (var i = 0; i < key.Dimensions.Count; i++)
        {
            if (!string.Equals(GroupKey.ValueOf(fact, key.Dimensions[i]), key.Values[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
