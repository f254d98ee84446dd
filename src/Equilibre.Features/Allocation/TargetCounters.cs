using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The T1/T2/T3 counters so far this year (domain.md §5) that one more lease would move, read from the signed leases
/// (<see cref="Lease"/>, the facts copied at signature) with one grouped query: a few dozen groups per EPCI and year,
/// never one row per lease. The shortlist shows with <see cref="DesignationChecks.EffectOf(DesignatedCandidate, bool, IEnumerable{TargetCounter})"/>
/// what choosing a candidate does to them. A small, local reading of §5 for the designation page; the indicator engine
/// (Domain.Targets, issue 7) is the reference for the yearly bilans, and the two are to be unified.
/// </summary>
public static class TargetCounters
{
    /// <summary>Default target rates of domain.md §5.1 (T1 25 %), §5.2 (T2 50 %), §5.4 (T3 25 %); a CIL may adapt them [U].</summary>
    public const decimal T1Percent = 25m;

    public const decimal T2Percent = 50m;

    public const decimal T3Percent = 25m;

    /// <summary>Who the T3 counter is kept for: the réservataire the vacancy is oriented to, or the bailleur on its own flux.</summary>
    /// <param name="ReservataireOrganisationId">The réservataire; null = the bailleur.</param>
    /// <param name="BailleurId">The bailleur (used when <paramref name="ReservataireOrganisationId"/> is null).</param>
    /// <param name="Name">Name shown in the explanations.</param>
    public sealed record Holder(long? ReservataireOrganisationId, long BailleurId, string Name);

    /// <summary>
    /// The counters of <paramref name="epciSiren"/> (T1 outside QPV, T2 in QPV, all leases of the EPCI) and of the holder
    /// within the EPCI (T1, T2 and T3: its leases only — for the bailleur, its non-reserved flux and the dwellings returned
    /// to it, §5.4), for the leases signed from 1 January of <paramref name="year"/> to 31 December.
    /// A lease whose QPV status is unknown is left out of T1 and T2 (a data-quality exclusion) but counts in T3.
    /// T1 numerator: Q1 or relocated ANRU/ORCOD (<see cref="TargetEffectSettings.RelocatedCountsInT1"/>); T2 numerator:
    /// known not Q1; T3 numerator: DALO or a priority category.
    /// </summary>
    public static async Task<IReadOnlyList<TargetCounter>> ReadAsync(
        EquilibreDb db, string epciSiren, string epciName, Holder holder, int year, TargetEffectSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(settings);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var groups = await db.Leases.AsNoTracking()
            .Where(l => l.EpciSiren == epciSiren && l.SignedOn >= from && l.SignedOn <= to)
            .GroupBy(l => new
            {
                l.Qpv,
                l.IsQ1,
                l.Dalo,
                Priority = l.PriorityCategory != null,
                Relocated = l.Relocation != Relocation.None,
                l.ReservataireOrganisationId,
                l.BailleurId,
                l.Flux,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var rows = groups.Select(g => new Row(
            g.Key.Qpv is null ? null : g.Key.Qpv != QpvBasis.NotInQpv,
            g.Key.IsQ1, g.Key.Dalo, g.Key.Priority, g.Key.Relocated,
            holder.ReservataireOrganisationId is { } r
                ? g.Key.ReservataireOrganisationId == r
                : g.Key.BailleurId == holder.BailleurId && g.Key.Flux is FluxOrigin.BailleurNonReserved or FluxOrigin.ReturnedToBailleur,
            g.Count)).ToList();

        var epci = $"EPCI {epciName}";
        var mine = rows.Where(r => r.OfHolder).ToList();
        return
        [
            T1(epci, rows, settings), T2(epci, rows, settings),
            T1(holder.Name, mine, settings), T2(holder.Name, mine, settings),
            new TargetCounter(StatutoryTarget.T3, holder.Name, mine.Where(r => r.Dalo || r.Priority).Sum(r => r.Count), mine.Sum(r => r.Count), T3Percent),
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

    private static TargetCounter T1(string holder, List<Row> rows, TargetEffectSettings settings)
    {
        var outside = rows.Where(r => r.InQpv == false).ToList();
        return new TargetCounter(StatutoryTarget.T1, holder,
            outside.Where(r => r.IsQ1 == true || (r.Relocated && settings.RelocatedCountsInT1)).Sum(r => r.Count), outside.Sum(r => r.Count), T1Percent);
    }

    private static TargetCounter T2(string holder, List<Row> rows, TargetEffectSettings settings)
    {
        var inside = rows.Where(r => r.InQpv == true && !(r.Relocated && settings.RelocatedExcludedFromT2)).ToList();
        return new TargetCounter(StatutoryTarget.T2, holder, inside.Where(r => r.IsQ1 == false).Sum(r => r.Count), inside.Sum(r => r.Count), T2Percent);
    }

    private sealed record Row(bool? InQpv, bool? IsQ1, bool Dalo, bool Priority, bool Relocated, bool OfHolder, int Count);
}
