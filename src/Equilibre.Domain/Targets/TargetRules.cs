using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Targets;

/// <summary>First-quartile membership of a lease's household, as the indicators read it.</summary>
public enum Quartile : byte
{
    Q1,
    NotQ1,

    /// <summary>Neither resources per UC nor a recorded verdict.</summary>
    Unknown,

    /// <summary>Resources known, but no threshold loaded for the EPCI and year (and no recorded verdict).</summary>
    NoThreshold,
}

/// <summary>How a lease's quartile was obtained, beside the figure.</summary>
[Flags]
public enum QuartileNotes : byte
{
    None = 0,

    /// <summary>The recorded verdict was used (resources or threshold missing).</summary>
    VerdictAtSignature = 1,

    /// <summary>The previous year's threshold was used (fallback configured).</summary>
    PreviousYearThreshold = 2,
}

/// <summary>Where a lease falls for one indicator.</summary>
internal enum Outcome : byte
{
    OutOfScope,
    Excluded,
    Denominator,
    Numerator,
}

/// <summary>
/// The counters of one indicator in one group: denominator, numerator, one per exclusion reason, one per detail. Kept
/// as slots of an int array so the engine adds without allocating; <see cref="TargetRules.SlotCode"/> and
/// <see cref="TargetRules.SlotLabel"/> name them in the results.
/// </summary>
internal enum Slot
{
    Denominator,
    Numerator,

    // exclusions
    ExcludedUnknownQpv,
    ExcludedUnknownResources,
    ExcludedNoThreshold,
    ExcludedRelocated,
    ExcludedPrefet,
    ExcludedWithdrawn,
    ExcludedUnknownFlux,

    // details
    RelocatedAnru,
    RelocatedOrcod,
    OrcodNotCounted,
    UnknownResourcesKept,
    NoThresholdKept,
    ExZusInQpv,
    ExitedQpvInQpv,
    ExZusLeftOut,
    ExitedQpvLeftOut,
    VerdictAtSignature,
    PreviousYearThreshold,
    ReturnedToBailleur,
    WithdrawnIncluded,

    Count,
}

/// <summary>
/// The rules of the indicators, lease by lease: the quartile of a household (threshold of the configured year, strictly
/// below = Q1, §4.2) and where a lease falls for an indicator (out of its scope, excluded with a reason, denominator,
/// numerator) with the details to count. The engine's single pass and the drill-down both call these, so a lease list
/// always matches its figure.
/// </summary>
public sealed class TargetRules
{
    private readonly Dictionary<(string Epci, int Year), decimal> _thresholds;
    private readonly Q1YearRule _yearRule;

    public TargetRules(TargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _yearRule = settings.Q1Year;
        _thresholds = [];
        foreach (var t in settings.Q1Thresholds)
        {
            // An EPCI listed twice with different values has no usable threshold (Q1Thresholds.Find reports the conflict).
            _thresholds[(t.EpciSiren, t.Year)] = _thresholds.TryGetValue((t.EpciSiren, t.Year), out var known) && known != t.AmountPerUcPerYear
                ? -1m
                : t.AmountPerUcPerYear;
        }
    }

    public TargetSettings Settings { get; }

    /// <summary>
    /// The household's quartile: resources per UC strictly below the EPCI's threshold of the year given by
    /// <see cref="Q1YearRule"/> (falling back to the previous year when configured); else the verdict recorded at the
    /// signature; else unknown (no resources) or no threshold.
    /// </summary>
    public Quartile Classify(AllocationFact fact, out QuartileNotes notes)
    {
        ArgumentNullException.ThrowIfNull(fact);
        notes = QuartileNotes.None;
        if (fact.AnnualResourcesPerUc is { } resources)
        {
            var year = _yearRule.YearFor(fact.SignedOn);
            if (_thresholds.TryGetValue((fact.EpciSiren, year), out var threshold) && threshold >= 0)
            {
                return resources < threshold ? Quartile.Q1 : Quartile.NotQ1;
            }

            if (_yearRule.FallBackToPreviousYear && _thresholds.TryGetValue((fact.EpciSiren, year - 1), out threshold) && threshold >= 0)
            {
                notes = QuartileNotes.PreviousYearThreshold;
                return resources < threshold ? Quartile.Q1 : Quartile.NotQ1;
            }
        }

        if (fact.Q1AtSignature is { } verdict)
        {
            notes = QuartileNotes.VerdictAtSignature;
            return verdict ? Quartile.Q1 : Quartile.NotQ1;
        }

        return fact.AnnualResourcesPerUc is null ? Quartile.Unknown : Quartile.NoThreshold;
    }

    /// <summary>Where a lease falls for a rule, the exclusion reason when excluded, and the details to count.</summary>
    internal static Outcome Evaluate(IndicatorRule rule, AllocationFact fact, Quartile quartile, QuartileNotes quartileNotes, out Slot exclusion, out uint details)
    {
        exclusion = Slot.Count;
        details = 0;
        switch (rule.Population)
        {
            case IndicatorPopulation.All:
                break;
            case IndicatorPopulation.OutsideQpv:
                switch (fact.Qpv)
                {
                    case null:
                        exclusion = Slot.ExcludedUnknownQpv;
                        return Outcome.Excluded;
                    case QpvBasis.NotInQpv:
                        break;
                    case QpvBasis.Qpv:
                        return Outcome.OutOfScope;
                    case QpvBasis.ExZusAssimilated:
                        details = Bit(Slot.ExZusLeftOut);
                        return Outcome.OutOfScope;
                    case QpvBasis.ExitedQpvAssimilated:
                        details = Bit(Slot.ExitedQpvLeftOut);
                        return Outcome.OutOfScope;
                }

                break;
            case IndicatorPopulation.InQpv:
                switch (fact.Qpv)
                {
                    case null:
                        exclusion = Slot.ExcludedUnknownQpv;
                        return Outcome.Excluded;
                    case QpvBasis.NotInQpv:
                        return Outcome.OutOfScope;
                    case QpvBasis.Qpv:
                        break;
                    case QpvBasis.ExZusAssimilated:
                        details = Bit(Slot.ExZusInQpv);
                        break;
                    case QpvBasis.ExitedQpvAssimilated:
                        details = Bit(Slot.ExitedQpvInQpv);
                        break;
                }

                break;
            case IndicatorPopulation.FluxOwingPriorityShare:
                switch (fact.Flux)
                {
                    case FluxOrigin.Unknown:
                        exclusion = Slot.ExcludedUnknownFlux;
                        return Outcome.Excluded;
                    case FluxOrigin.Prefet:
                        exclusion = Slot.ExcludedPrefet;
                        return Outcome.Excluded;
                    case FluxOrigin.WithdrawnFromFlux when !rule.IncludeWithdrawnFromFlux:
                        exclusion = Slot.ExcludedWithdrawn;
                        return Outcome.Excluded;
                    case FluxOrigin.WithdrawnFromFlux:
                        details = Bit(Slot.WithdrawnIncluded);
                        break;
                    case FluxOrigin.ReturnedToBailleur:
                        details = Bit(Slot.ReturnedToBailleur);
                        break;
                    case FluxOrigin.Reservataire or FluxOrigin.BailleurNonReserved:
                        break;
                }

                break;
        }

        if (rule.ExcludeRelocated && fact.Relocation != Relocation.None)
        {
            exclusion = Slot.ExcludedRelocated;
            return Outcome.Excluded;
        }

        bool counted;
        switch (rule.Criterion)
        {
            case IndicatorCriterion.Q1OrRelocated:
                if (fact.Relocation == Relocation.Anru || (fact.Relocation == Relocation.Orcod && rule.OrcodCountsAsRelocation))
                {
                    details |= Bit(fact.Relocation == Relocation.Anru ? Slot.RelocatedAnru : Slot.RelocatedOrcod);
                    return Outcome.Numerator;
                }

                if (fact.Relocation == Relocation.Orcod)
                {
                    details |= Bit(Slot.OrcodNotCounted);
                }

                return ByQuartile(rule, quartile, quartileNotes, Quartile.Q1, ref details, out exclusion);
            case IndicatorCriterion.Q1:
                return ByQuartile(rule, quartile, quartileNotes, Quartile.Q1, ref details, out exclusion);
            case IndicatorCriterion.NotQ1:
                return ByQuartile(rule, quartile, quartileNotes, Quartile.NotQ1, ref details, out exclusion);
            case IndicatorCriterion.DaloOrPriority:
                counted = fact.DaloOrPriority;
                break;
            case IndicatorCriterion.Dalo:
                counted = fact.Dalo;
                break;
            case IndicatorCriterion.Priority:
                counted = fact.PriorityCategory is not null;
                break;
            case IndicatorCriterion.Mutation:
                counted = fact.Mutation;
                break;
            case IndicatorCriterion.Relocated:
                counted = fact.Relocation != Relocation.None;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Criterion, "critère inconnu");
        }

        return counted ? Outcome.Numerator : Outcome.Denominator;
    }

    private static Outcome ByQuartile(IndicatorRule rule, Quartile quartile, QuartileNotes quartileNotes, Quartile wanted, ref uint details, out Slot exclusion)
    {
        exclusion = Slot.Count;
        if (quartile is Quartile.Unknown or Quartile.NoThreshold)
        {
            if (rule.UnknownResources == UnknownResourcesTreatment.Excluded)
            {
                exclusion = quartile == Quartile.Unknown ? Slot.ExcludedUnknownResources : Slot.ExcludedNoThreshold;
                return Outcome.Excluded;
            }

            details |= Bit(quartile == Quartile.Unknown ? Slot.UnknownResourcesKept : Slot.NoThresholdKept);
            return Outcome.Denominator;
        }

        if ((quartileNotes & QuartileNotes.VerdictAtSignature) != 0)
        {
            details |= Bit(Slot.VerdictAtSignature);
        }

        if ((quartileNotes & QuartileNotes.PreviousYearThreshold) != 0)
        {
            details |= Bit(Slot.PreviousYearThreshold);
        }

        return quartile == wanted ? Outcome.Numerator : Outcome.Denominator;
    }

    private static uint Bit(Slot slot) => 1u << ((int)slot - (int)Slot.RelocatedAnru);

    internal const int FirstDetail = (int)Slot.RelocatedAnru;

    internal static string SlotCode(Slot slot) => slot switch
    {
        Slot.ExcludedUnknownQpv => "sans-statut-qpv",
        Slot.ExcludedUnknownResources => "ressources-inconnues",
        Slot.ExcludedNoThreshold => "seuil-absent",
        Slot.ExcludedRelocated => "reloges",
        Slot.ExcludedPrefet => "contingent-prefet",
        Slot.ExcludedWithdrawn => "hors-flux",
        Slot.ExcludedUnknownFlux => "reservataire-inconnu",
        Slot.RelocatedAnru => "reloges-anru",
        Slot.RelocatedOrcod => "reloges-orcod",
        Slot.OrcodNotCounted => "orcod-non-compte",
        Slot.UnknownResourcesKept => "ressources-inconnues-au-denominateur",
        Slot.NoThresholdKept => "seuil-absent-au-denominateur",
        Slot.ExZusInQpv => "ex-zus-en-qpv",
        Slot.ExitedQpvInQpv => "qpv-sorti-en-qpv",
        Slot.ExZusLeftOut => "ex-zus-hors-perimetre",
        Slot.ExitedQpvLeftOut => "qpv-sorti-hors-perimetre",
        Slot.VerdictAtSignature => "verdict-enregistre",
        Slot.PreviousYearThreshold => "seuil-annee-precedente",
        Slot.ReturnedToBailleur => "rendus-au-bailleur",
        Slot.WithdrawnIncluded => "hors-flux-inclus",
        Slot.Denominator or Slot.Numerator or Slot.Count => slot.ToString(),
    };

    internal static string SlotLabel(Slot slot, IndicatorRule rule) => slot switch
    {
        Slot.ExcludedUnknownQpv => "exclues : logement sans statut QPV, impossible de dire s'il est en QPV ou hors QPV",
        Slot.ExcludedUnknownResources => $"exclues : ressources du ménage inconnues ({rule.UnknownResourcesSource})",
        Slot.ExcludedNoThreshold => $"exclues : aucun seuil du premier quartile pour l'EPCI et l'année ({rule.UnknownResourcesSource})",
        Slot.ExcludedRelocated => $"exclues : ménages relogés ANRU/ORCOD ({rule.ExcludeRelocatedSource})",
        Slot.ExcludedPrefet => "exclues : contingent du préfet, qui a sa propre règle (DALO et prioritaires, domain.md §5.4)",
        Slot.ExcludedWithdrawn => $"exclues : logements soustraits du flux ({rule.WithdrawnFromFluxSource})",
        Slot.ExcludedUnknownFlux => "exclues : réservataire inconnu, le flux d'imputation n'est pas renseigné",
        Slot.RelocatedAnru => "au numérateur comme ménages relogés ANRU, quelles que soient leurs ressources",
        Slot.RelocatedOrcod => $"au numérateur comme ménages relogés ORCOD ({rule.OrcodSource})",
        Slot.OrcodNotCounted => $"relogés ORCOD comptés selon leurs ressources seulement ({rule.OrcodSource})",
        Slot.UnknownResourcesKept => $"au dénominateur seulement : ressources du ménage inconnues ({rule.UnknownResourcesSource})",
        Slot.NoThresholdKept => $"au dénominateur seulement : aucun seuil du premier quartile pour l'EPCI et l'année ({rule.UnknownResourcesSource})",
        Slot.ExZusInQpv => "comptées en QPV : logement en ex-ZUS assimilée aux QPV à la date de signature",
        Slot.ExitedQpvInQpv => "comptées en QPV : quartier sorti de la liste des QPV, maintenu par le paramétrage",
        Slot.ExZusLeftOut => "hors du périmètre hors QPV : logement en ex-ZUS assimilée aux QPV à la date de signature",
        Slot.ExitedQpvLeftOut => "hors du périmètre hors QPV : quartier sorti de la liste des QPV, maintenu en QPV par le paramétrage",
        Slot.VerdictAtSignature => "appartenance au premier quartile reprise du verdict enregistré à la signature (ressources ou seuil manquants)",
        Slot.PreviousYearThreshold => "classées avec le seuil de l'année précédente (seuil de l'année absent, repli paramétré)",
        Slot.ReturnedToBailleur => "logements rendus au bailleur par un réservataire défaillant, comptés sur son flux propre (domain.md §5.4)",
        Slot.WithdrawnIncluded => $"logements soustraits du flux comptés ({rule.WithdrawnFromFluxSource})",
        Slot.Denominator or Slot.Numerator or Slot.Count => slot.ToString(),
    };
}
