using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Data;
using Equilibre.Features.Targets;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The T1/T2/T3 counters so far this year (domain.md §5) that one more lease would move, computed by the indicator engine
/// of the bilans (<see cref="TargetEngine"/> over <see cref="LeaseFacts"/>, with the EPCI's definitions and adapted
/// rates, <see cref="TargetsSettings.Definitions"/>): the shortlist and the targets dashboard can never disagree (Q1
/// reclassified with the threshold of the signature year, relocations, unknown QPV left out, T3 on the flux that owes
/// it). The shortlist shows with <see cref="DesignationChecks.EffectOf(DesignatedCandidate, bool, IEnumerable{TargetCounter})"/>
/// what choosing a candidate does to them.
/// </summary>
public static class TargetCounters
{
    /// <summary>Who the T3 counter is kept for: the réservataire the vacancy is oriented to, or the bailleur on its own flux.</summary>
    /// <param name="ReservataireOrganisationId">The réservataire; null = the bailleur.</param>
    /// <param name="BailleurId">The bailleur (used when <paramref name="ReservataireOrganisationId"/> is null).</param>
    /// <param name="Name">Name shown in the explanations.</param>
    public sealed record Holder(long? ReservataireOrganisationId, long BailleurId, string Name);

    /// <summary>
    /// The counters of <paramref name="epciSiren"/> (T1, T2 over all the EPCI's leases) and of the holder within the EPCI
    /// (T1, T2 and T3 over its leases only — for the bailleur, its non-reserved flux and the dwellings returned to it,
    /// §5.4), for the leases signed from 1 January of <paramref name="year"/> to 31 December: the facts of one EPCI and
    /// year (a few hundred to a few thousand leases; tens of thousands for the largest metropoles), counted twice by the
    /// engine.
    /// </summary>
    public static async Task<IReadOnlyList<TargetCounter>> ReadAsync(
        EquilibreDb db, string epciSiren, string epciName, Holder holder, int year, TargetsSettings targets, QpvRuleSettings qpv, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(targets);
        var period = TargetPeriod.Year(year);
        var facts = await db.Leases.Where(l => l.EpciSiren == epciSiren).SignedBetween(period.From, period.To).ToFactsAsync(db, ct);
        var settings = await TargetsQuery.SettingsAsync(db, targets, qpv, ct);
        var definitions = targets.Definitions(epciSiren).Where(d => StatutoryTargets.All.Any(s => s.Id == d.Id)).ToList();
        var reservataire = holder.ReservataireOrganisationId?.ToString(CultureInfo.InvariantCulture);
        var bailleur = holder.BailleurId.ToString(CultureInfo.InvariantCulture);
        var mine = facts.Where(f => reservataire is not null
            ? f.ReservataireId == reservataire
            : f.BailleurId == bailleur && f.Flux is FluxOrigin.BailleurNonReserved or FluxOrigin.ReturnedToBailleur).ToList();
        var all = TargetEngine.Compute(facts, definitions, TargetGrouping.None, period, settings).Groups[0];
        var own = TargetEngine.Compute(mine, definitions, TargetGrouping.None, period, settings).Groups[0];
        var epci = $"EPCI {epciName}";
        return
        [
            Counter(StatutoryTarget.T1, epci, all), Counter(StatutoryTarget.T2, epci, all),
            Counter(StatutoryTarget.T1, holder.Name, own), Counter(StatutoryTarget.T2, holder.Name, own), Counter(StatutoryTarget.T3, holder.Name, own),
        ];
    }

    /// <summary>The counters as one line each, e.g. "T1 EPCI … : 3/12 = 25,0 % (objectif 25 %)".</summary>
    public static string Describe(TargetCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var rate = counter.Denominator == 0 ? " (aucun bail cette année)"
            : French.Format($" = {Math.Round(100m * counter.Numerator / counter.Denominator, 1, MidpointRounding.AwayFromZero):0.0} %");
        return French.Format($"{counter.Target} {counter.Holder} : {counter.Numerator}/{counter.Denominator}{rate} (objectif {counter.TargetPercent:0.#} %)");
    }

    private static TargetCounter Counter(StatutoryTarget target, string holder, GroupResult group)
    {
        var result = group[target.ToString()]!;
        return new TargetCounter(target, holder, result.Numerator, result.Denominator, 100m * result.Threshold);
    }
}
