using Equilibre.Domain.Allocation;
using Equilibre.Features.Allocation;

namespace Equilibre.Features.Demo;

/// <summary>
/// How the demo's designators choose their candidates from the shortlist: the calibration of the allocation replay
/// (<see cref="SeedAllocationDemo"/>), in one place. Real réservataires and bailleurs do not designate the top three of
/// the cotation: the cotation is an aid to the decision, not a ranking that binds (L441-2-8 CCH, domain.md §5), and
/// they weigh what it does not — the household's solvency (headroom under the taux d'effort the bailleur accepts:
/// households of the first quartile are the closest to it and are put forward less often), mutations inside the
/// bailleur's stock, and for the préfet's contingent the DALO and priority households it exists for (domain.md §5.4).
/// Hence, nationally, the leases outside QPV to Q1 households stay well under the 25 % target: 15.5 % in 2019
/// (product.md "published figures"), 15–20 % in recent years (issue 6 item 9). With grids that rank low resources first
/// (<see cref="SeedCotationDemo"/>), the defaults bring the two demo EPCIs together into that range — 19.9 % on the
/// first run (12 months, 2026-11-29), each EPCI on its own side as EPCIs are in the national figures: Grand Reims 25.1 %
/// (its shortlists are mostly first-quartile households), Troyes 8.7 %. Tried: a window of 30 and a Q1 weight of 0.2
/// gave 28.0 % / 11.3 % (22.2 % together). The calibration test (<c>SeedAllocationDemoCalibrationTests</c>) fails if it
/// drifts.
/// </summary>
/// <param name="Window">The designator reads the first <c>Window</c> eligible demands of the shortlist, not only the first three.</param>
/// <param name="RankDecay">Weight of the demand ranked r is <c>RankDecay^(r-1)</c>: the cotation still leads the choice.</param>
/// <param name="Q1Weight">Multiplies the weight of a first-quartile household (solvency: least headroom under the taux d'effort).</param>
/// <param name="MutationWeight">Multiplies the weight of a mutation when the bailleur designates on its own flux.</param>
/// <param name="PriorityWeight">Multiplies the weight of a DALO or priority household when the préfet designates on its contingent.</param>
/// <param name="CaleolSolvencyFirst">
/// Share of the CALEOL examinations where the commission, reading each candidate's taux d'effort, ranks the households
/// above the first quartile before those of the first quartile (in the designator's order otherwise): the CALEOL's
/// ranking does not always follow the cotation.
/// </param>
public sealed record DesignationHabits(int Window, double RankDecay, double Q1Weight, double MutationWeight, double PriorityWeight, double CaleolSolvencyFirst)
{
    public static readonly DesignationHabits Default = new(Window: 40, RankDecay: 0.92, Q1Weight: 0.1, MutationWeight: 2.0, PriorityWeight: 3.0, CaleolSolvencyFirst: 0.9);

    /// <summary>The weight of one shortlisted demand for this designator.</summary>
    public double WeightOf(GetShortlist.Candidate candidate, ReservataireKind designator)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var weight = Math.Pow(RankDecay, candidate.Rank - 1);
        if (candidate.IsQ1 == true)
        {
            weight *= Q1Weight;
        }

        if (designator == ReservataireKind.Bailleur && candidate.IsMutation)
        {
            weight *= MutationWeight;
        }

        if (designator == ReservataireKind.Prefet && (candidate.IsDalo || candidate.IsPriority))
        {
            weight *= PriorityWeight;
        }

        return weight;
    }

    /// <summary>
    /// Up to <paramref name="count"/> demands drawn without replacement among the first <see cref="Window"/> of the
    /// shortlist, each with the probability of its weight; the designator's order is the order of the draw.
    /// Deterministic for a given <paramref name="random"/>.
    /// </summary>
    public IReadOnlyList<GetShortlist.Candidate> Choose(IReadOnlyList<GetShortlist.Candidate> shortlist, int count, ReservataireKind designator, Random random)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        ArgumentNullException.ThrowIfNull(random);
        var pool = shortlist.Take(Window).Select(c => (Candidate: c, Weight: WeightOf(c, designator))).ToList();
        var chosen = new List<GetShortlist.Candidate>(count);
        while (chosen.Count < count && pool.Count > 0)
        {
            var draw = random.NextDouble() * pool.Sum(p => p.Weight);
            var index = 0;
            while (index < pool.Count - 1 && draw >= pool[index].Weight)
            {
                draw -= pool[index].Weight;
                index++;
            }

            chosen.Add(pool[index].Candidate);
            pool.RemoveAt(index);
        }

        return chosen;
    }

    /// <summary>
    /// The CALEOL's ranking of the designated candidates (given in the designator's order with their first-quartile
    /// status): with the probability <see cref="CaleolSolvencyFirst"/>, the households above the first quartile first,
    /// each group keeping the designator's order; otherwise the designator's order.
    /// </summary>
    public IReadOnlyList<T> RankAtCaleol<T>(IReadOnlyList<T> designated, Func<T, bool?> isQ1, Random random)
    {
        ArgumentNullException.ThrowIfNull(designated);
        ArgumentNullException.ThrowIfNull(isQ1);
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < CaleolSolvencyFirst ? [.. designated.OrderBy(c => isQ1(c) == true)] : designated;
    }
}
