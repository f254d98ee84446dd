namespace Equilibre.Domain.Allocation;

/// <summary>A designated candidate, with what the checks and the target counters need.</summary>
/// <param name="Number">Numéro unique.</param>
/// <param name="IsFirstQuartile">Q1 membership; null when unknown (then neither Q1 nor Q2–Q4 for the rules).</param>
/// <param name="IsDalo">Active favourable DALO decision.</param>
/// <param name="IsPriority">At least one labelled L441-1 priority criterion.</param>
/// <param name="DesignatedByPrefetUnderDalo">Designated by the préfet under L441-2-3 (exception to the three-candidate rule).</param>
/// <param name="IsRelocated">Household relocated by an urban-renewal (ANRU/NPNRU) or ORCOD operation (counts in T1).</param>
public sealed record DesignatedCandidate(string Number, bool? IsFirstQuartile, bool IsDalo, bool IsPriority, bool DesignatedByPrefetUnderDalo, bool IsRelocated);

/// <summary>The dwelling's side of a designation.</summary>
/// <param name="DwellingInQpv">In QPV for the targets (<see cref="Stock.QpvStatus"/>).</param>
/// <param name="EligibleDemands">How many eligible demands the shortlist found.</param>
/// <param name="PlaiAdapteSubsidy">Dwelling financed with the D331-25-1 subsidy (PLAI adapté): exception to the three-candidate rule (R441-3).</param>
public sealed record DesignationContext(bool DwellingInQpv, int EligibleDemands, bool PlaiAdapteSubsidy);

/// <summary>
/// <see cref="MinimumCandidates"/>: three demands per dwelling (R441-3 [C], domain.md §17.5). The CIA rules "at least one
/// Q1 candidate for a dwelling outside QPV" and "at least one Q2–Q4 candidate for a dwelling in QPV" are local choices of
/// a CIA (issue 6, not in the law as read, domain.md §5.1–§5.2 give the annual targets only): warnings, each configurable,
/// with <see cref="CiaSource"/>.
/// </summary>
public sealed record DesignationSettings(int MinimumCandidates, bool WarnNoQ1OutsideQpv, bool WarnNoQ2ToQ4InQpv, string CiaSource)
{
    public static readonly DesignationSettings Default = new(3, true, true,
        "règle de désignation de la CIA, paramétrable (avertissement ; domain.md §5.1–§5.2, non confirmée comme règle légale)");
}

/// <summary>Errors block the designation; warnings are shown and may be overridden.</summary>
public sealed record DesignationCheckResult(bool Valid, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<string> Explanation);

/// <summary>The statutory targets (domain.md §5.1, §5.2, §5.4).</summary>
public enum StatutoryTarget
{
    /// <summary>Outside QPV: ≥ 25 % of leases to Q1 or relocated households.</summary>
    T1,

    /// <summary>In QPV: ≥ 50 % of leases to households other than Q1.</summary>
    T2,

    /// <summary>Per réservataire: ≥ 25 % of leases to DALO, failing that priority, households.</summary>
    T3,
}

/// <summary>
/// The unconfirmed parts of the target rules: whether households relocated by ANRU/ORCOD are left out of T2 (numerator and
/// denominator) in QPV (domain.md §5.2 [U]; default: not left out), and ORCOD relocations in the T1 numerator (§5.1 cites
/// them, §17.1 keeps it [U]; default: counted).
/// </summary>
public sealed record TargetEffectSettings(bool RelocatedExcludedFromT2, bool RelocatedCountsInT1, string Source)
{
    public static readonly TargetEffectSettings Default = new(false, true,
        "relogés ANRU/ORCOD comptés dans T1 et non exclus de T2 (domain.md §5.1, §5.2 — non confirmé)");
}

/// <summary>A target counter of one holder (an EPCI or a réservataire) for the year: leases counted, leases in the denominator, target rate.</summary>
public sealed record TargetCounter(StatutoryTarget Target, string Holder, int Numerator, int Denominator, decimal TargetPercent);

/// <summary>The counter before and after one more lease to the candidate; rates in percent with one decimal (null on an empty denominator).</summary>
public sealed record TargetMove(TargetCounter Counter, bool CountsInNumerator, decimal? RateBefore, decimal? RateAfter, string Explanation)
{
    public int NumeratorAfter => Counter.Numerator + (CountsInNumerator ? 1 : 0);

    public int DenominatorAfter => Counter.Denominator + 1;
}

/// <summary>
/// Checks of a designation (domain.md §7.2, §17.5, issue 6) and the effect of each candidate on the targets.
/// Three candidates at least, except: fewer eligible demands than that ("insuffisance du nombre des candidats", the count
/// shown), a candidate designated by the préfet under DALO, a dwelling financed with the D331-25-1 subsidy (R441-3).
/// </summary>
public static class DesignationChecks
{
    public static DesignationCheckResult Check(IReadOnlyList<DesignatedCandidate> candidates, DesignationContext context, DesignationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<string>();
        var warnings = new List<string>();
        var lines = new List<string> { French.Format($"{candidates.Count} candidat(s) désigné(s) ; {context.EligibleDemands} demande(s) éligible(s) trouvée(s)") };

        var duplicates = candidates.GroupBy(c => c.Number, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"demande(s) désignée(s) plusieurs fois : {string.Join(", ", duplicates)}");
        }

        var distinct = candidates.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count();
        if (distinct == 0)
        {
            errors.Add("aucun candidat désigné");
        }
        else if (distinct < settings.MinimumCandidates)
        {
            var dalo = candidates.FirstOrDefault(c => c.DesignatedByPrefetUnderDalo);
            if (dalo is not null)
            {
                lines.Add($"moins de {settings.MinimumCandidates} candidats admis : {dalo.Number} est désigné par le préfet au titre du DALO (R441-3, L441-2-3)");
            }
            else if (context.PlaiAdapteSubsidy)
            {
                lines.Add($"moins de {settings.MinimumCandidates} candidats admis : logement financé par la subvention de l'article D331-25-1 (PLAI adapté, R441-3)");
            }
            else if (context.EligibleDemands < settings.MinimumCandidates)
            {
                lines.Add(French.Format($"moins de {settings.MinimumCandidates} candidats admis : insuffisance du nombre des candidats, {context.EligibleDemands} demande(s) éligible(s) seulement (R441-3)"));
                if (distinct < context.EligibleDemands)
                {
                    warnings.Add(French.Format($"{context.EligibleDemands} demande(s) éligible(s) mais {distinct} désignée(s)"));
                }
            }
            else
            {
                errors.Add(French.Format($"au moins {settings.MinimumCandidates} candidats doivent être examinés par logement (R441-3) : {distinct} désigné(s) alors que {context.EligibleDemands} demandes sont éligibles, et aucune exception (DALO désigné par le préfet, PLAI adapté) ne s'applique"));
            }
        }
        else
        {
            lines.Add(French.Format($"au moins {settings.MinimumCandidates} candidats : règle respectée (R441-3)"));
        }

        if (!context.DwellingInQpv && settings.WarnNoQ1OutsideQpv && candidates.Count > 0 && !candidates.Any(c => c.IsFirstQuartile is true))
        {
            warnings.Add($"logement hors QPV sans candidat du premier quartile ({settings.CiaSource})");
        }

        if (context.DwellingInQpv && settings.WarnNoQ2ToQ4InQpv && candidates.Count > 0 && !candidates.Any(c => c.IsFirstQuartile is false))
        {
            warnings.Add($"logement en QPV sans candidat des quartiles 2 à 4 ({settings.CiaSource})");
        }

        lines.AddRange(errors);
        lines.AddRange(warnings);
        return new DesignationCheckResult(errors.Count == 0, errors, warnings, lines);
    }

    /// <summary>
    /// What one more lease to <paramref name="candidate"/> does to each counter that concerns the dwelling: T1 outside QPV
    /// (counts if Q1 or relocated ANRU/ORCOD, domain.md §5.1 — ORCOD in the T1 numerator is [U], included as §5.1 reads),
    /// T2 in QPV (counts if known not Q1, §5.2), T3 always (counts if DALO or priority, §5.4). A Q1 status unknown counts
    /// in the denominator only. Counters of a target that does not concern the dwelling are left out. The unconfirmed
    /// parts (relocated households in T1 and T2) follow <see cref="TargetEffectSettings.Default"/>.
    /// </summary>
    public static IReadOnlyList<TargetMove> EffectOf(DesignatedCandidate candidate, bool dwellingInQpv, IEnumerable<TargetCounter> counters) =>
        EffectOf(candidate, dwellingInQpv, counters, TargetEffectSettings.Default);

    /// <summary>The same, with the unconfirmed parts of the rules set (<see cref="TargetEffectSettings"/>).</summary>
    public static IReadOnlyList<TargetMove> EffectOf(DesignatedCandidate candidate, bool dwellingInQpv, IEnumerable<TargetCounter> counters, TargetEffectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(settings);
        var moves = new List<TargetMove>();
        var relocatedInT1 = candidate.IsRelocated && settings.RelocatedCountsInT1;
        foreach (var counter in counters)
        {
            (bool Applies, bool Counts, string Why) rule = counter.Target switch
            {
                StatutoryTarget.T1 => (!dwellingInQpv, candidate.IsFirstQuartile is true || relocatedInT1,
                    candidate.IsFirstQuartile is true ? "ménage du premier quartile" : relocatedInT1 ? $"ménage relogé (ANRU/ORCOD) ({settings.Source})" : candidate.IsFirstQuartile is null ? "quartile inconnu : compté au dénominateur seulement" : "ménage hors premier quartile"),
                StatutoryTarget.T2 when candidate.IsRelocated && settings.RelocatedExcludedFromT2 => (false, false, ""),
                StatutoryTarget.T2 => (dwellingInQpv, candidate.IsFirstQuartile is false,
                    candidate.IsFirstQuartile switch { false => "ménage des quartiles 2 à 4", true => "ménage du premier quartile", null => "quartile inconnu : compté au dénominateur seulement" }),
                StatutoryTarget.T3 => (true, candidate.IsDalo || candidate.IsPriority,
                    candidate.IsDalo ? "ménage DALO" : candidate.IsPriority ? "ménage prioritaire (L441-1)" : "ménage ni DALO ni prioritaire"),
            };
            if (rule.Applies)
            {
                moves.Add(Move(counter, rule.Counts, rule.Why));
            }
        }

        return moves;
    }

    /// <summary>The counter after one more lease: the denominator always grows, the numerator when the lease counts.</summary>
    public static TargetMove Move(TargetCounter counter, bool countsInNumerator, string why)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(counter.Numerator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter.Numerator, counter.Denominator);
        var before = Rate(counter.Numerator, counter.Denominator);
        var numerator = counter.Numerator + (countsInNumerator ? 1 : 0);
        var after = Rate(numerator, counter.Denominator + 1);
        var explanation = French.Format($"{counter.Target} {counter.Holder} : {counter.Numerator}/{counter.Denominator}")
            + (before is { } b ? French.Format($" = {b:0.0} %") : " (aucun bail)")
            + French.Format($" → {numerator}/{counter.Denominator + 1} = {after:0.0} % (objectif {counter.TargetPercent:0.#} %) : {why}");
        return new TargetMove(counter, countsInNumerator, before, after, explanation);
    }

    private static decimal? Rate(int numerator, int denominator) =>
        denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);
}
