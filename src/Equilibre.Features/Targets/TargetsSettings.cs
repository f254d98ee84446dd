using System.Globalization;
using Equilibre.Domain.Targets;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Targets;

/// <summary>One CIA engagement of an EPCI: a catalogue indicator with the rate the CIA set (a fraction: 0.25 = 25 %).</summary>
public sealed record CiaTarget(string IndicatorId, decimal Rate);

/// <summary>
/// The local and unconfirmed choices of the targets, from the configuration section <c>Objectifs</c> (domain.md §4.2,
/// §5.5; [U] rules are settings and the pages say so):
/// <list type="bullet">
/// <item><c>Objectifs:AnneeSeuil</c> = <c>signature</c> (default: the threshold of the signature year, [U] §4.2) or
/// <c>precedente-avant:MM-JJ</c> (the previous year's threshold for leases signed before that day of the year);</item>
/// <item><c>Objectifs:RepliAnneePrecedente</c> = true|false (use the previous year's threshold when the year's is not loaded; off);</item>
/// <item><c>Objectifs:Cia:&lt;SIREN&gt;:&lt;indicateur&gt;</c> = rate in percent (e.g. <c>Objectifs:Cia:200067213:CIA_MUTATIONS = 20</c>):
/// the local CIA engagements of an EPCI, indicators of <see cref="CiaCatalogue"/>; none by default (§5.5: no national target);</item>
/// <item><c>Objectifs:Seuils:&lt;SIREN&gt;:T1|T2</c> = rate in percent: the rate adapted by the CIL orientations with the préfet's agreement (§5.1, §5.2, [U]).</item>
/// </list>
/// Settings rather than a table: they change once in three years with a CIL deliberation, the instance operator sets
/// them, and a bilan stores the ones it used (<see cref="TargetBilanRecord"/>), so a change never rewrites a past bilan.
/// </summary>
public sealed record TargetsSettings(
    Q1YearRule Q1Year,
    IReadOnlyDictionary<string, IReadOnlyList<CiaTarget>> Cia,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> AdaptedRates)
{
    public static readonly TargetsSettings Default = new(Q1YearRule.Default, new Dictionary<string, IReadOnlyList<CiaTarget>>(), new Dictionary<string, IReadOnlyDictionary<string, decimal>>());

    /// <summary>Said on every page and document beside the CIA figures.</summary>
    public const string CiaNotice =
        "objectifs locaux de CIA paramétrés par l'opérateur de l'instance (Objectifs:Cia:<SIREN>:<indicateur>) : règle non confirmée, aucun objectif national (domain.md §5.5)";

    public static TargetsSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Objectifs");
        var year = Q1YearRule.Default;
        if (section["AnneeSeuil"] is { Length: > 0 } mode && mode != "signature")
        {
            const string prefix = "precedente-avant:";
            if (!mode.StartsWith(prefix, StringComparison.Ordinal)
                || !DateOnly.TryParseExact("2000-" + mode[prefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutoff))
            {
                throw new InvalidOperationException($"Objectifs:AnneeSeuil « {mode} » : « signature » ou « precedente-avant:MM-JJ » attendu");
            }

            year = new Q1YearRule(Q1ThresholdYearMode.PreviousYearBeforeCutoff, cutoff.Month, cutoff.Day, false,
                Domain.French.Format($"seuil de l'année précédente pour les baux signés avant le {cutoff:dd/MM} (Objectifs:AnneeSeuil = {mode}, règle non confirmée, domain.md §4.2)"));
        }

        if (section["RepliAnneePrecedente"] is { Length: > 0 } fallback)
        {
            var on = bool.TryParse(fallback, out var b) ? b : throw new InvalidOperationException($"Objectifs:RepliAnneePrecedente « {fallback} » : true ou false attendu");
            year = year with { FallBackToPreviousYear = on, Source = year.Source + (on ? " ; repli sur le seuil de l'année précédente quand celui de l'année manque (Objectifs:RepliAnneePrecedente)" : "") };
        }

        var cia = new Dictionary<string, IReadOnlyList<CiaTarget>>(StringComparer.Ordinal);
        foreach (var epci in section.GetSection("Cia").GetChildren())
        {
            cia[epci.Key] = [.. epci.GetChildren().Select(i => CiaCatalogue.Find(i.Key) is null
                ? throw new InvalidOperationException($"Objectifs:Cia:{epci.Key}:{i.Key} : indicateur inconnu (attendus : {string.Join(", ", CiaCatalogue.All.Select(c => c.Id))})")
                : new CiaTarget(i.Key, Percent($"Objectifs:Cia:{epci.Key}:{i.Key}", i.Value)))];
        }

        var adapted = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var epci in section.GetSection("Seuils").GetChildren())
        {
            adapted[epci.Key] = epci.GetChildren().ToDictionary(
                i => i.Key is "T1" or "T2" ? i.Key : throw new InvalidOperationException($"Objectifs:Seuils:{epci.Key}:{i.Key} : T1 ou T2 attendu"),
                i => Percent($"Objectifs:Seuils:{epci.Key}:{i.Key}", i.Value), StringComparer.Ordinal);
        }

        return new TargetsSettings(year, cia, adapted);
    }

    /// <summary>
    /// The definitions a report applies: T1, T2, T3 (with the EPCI's adapted rates as local thresholds on the EPCI
    /// dimension, or directly when the report is for one EPCI), plus, for one EPCI, the CIA indicators it adopted.
    /// </summary>
    public IReadOnlyList<IndicatorDefinition> Definitions(string? epciSiren)
    {
        var list = new List<IndicatorDefinition>();
        foreach (var statutory in StatutoryTargets.All)
        {
            var locals = AdaptedRates.Where(a => a.Value.ContainsKey(statutory.Id))
                .Select(a => new LocalThreshold(GroupDimension.Epci, a.Key, a.Value[statutory.Id],
                    $"taux adapté par les orientations de la CIL (Objectifs:Seuils:{a.Key}:{statutory.Id}, règle non confirmée)"))
                .ToList();
            var def = statutory with { LocalThresholds = locals };
            if (epciSiren is not null && locals.FirstOrDefault(l => l.Value == epciSiren) is { } own)
            {
                def = def with { Threshold = own.Rate, ThresholdSource = own.Source, LocalThresholds = [] };
            }

            list.Add(def);
        }

        if (epciSiren is not null && Cia.TryGetValue(epciSiren, out var engagements))
        {
            foreach (var e in engagements)
            {
                list.Add(CiaCatalogue.Find(e.IndicatorId)!.Adopt(1, StatutoryTargets.Lec, null, e.Rate,
                    $"engagement de la CIA de l'EPCI {epciSiren} : {IndicatorResult.Percent(e.Rate)} (Objectifs:Cia:{epciSiren}:{e.IndicatorId}, règle non confirmée)"));
            }
        }

        return list;
    }

    private static decimal Percent(string key, string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100
            ? p / 100m
            : throw new InvalidOperationException($"{key} « {text} » : pourcentage entre 0 et 100 attendu (ex. 25)");
}
