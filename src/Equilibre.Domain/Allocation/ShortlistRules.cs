using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Allocation;

/// <summary>The vacant dwelling as the shortlist sees it.</summary>
/// <param name="Commune">INSEE code of its commune.</param>
/// <param name="Rooms">Habitable rooms (typology T1 = 1 room).</param>
/// <param name="HabitableSurface">Habitable surface, m².</param>
/// <param name="CeilingBasis">What decides its resource ceiling (financing, CUS ceiling, zones).</param>
/// <param name="Cost">Rent, charges, contribution (housing aid: the one expected, or 0).</param>
/// <param name="IndividualWaterAndHeating">The forfait when water and heating are individual, else null.</param>
/// <param name="Adapted">Adapted for handicap; null when unknown.</param>
/// <param name="InQpvForTargets">In QPV for the targets on the expected signature date (<see cref="QpvStatus"/>).</param>
public sealed record ShortlistDwelling(
    string Commune,
    int Rooms,
    decimal HabitableSurface,
    DwellingCeilingBasis CeilingBasis,
    HousingCost Cost,
    ChargesForfait? IndividualWaterAndHeating,
    bool? Adapted,
    bool InQpvForTargets);

/// <summary>A demand as the shortlist sees it (the facts stored with the demand; no document parsing per candidate).</summary>
/// <param name="Number">Numéro unique.</param>
/// <param name="RegisteredOn">Date of the demand's seniority.</param>
/// <param name="WishedRooms">Wished typologies in rooms (6 = "T6 et plus"); empty = no restriction.</param>
/// <param name="WishedCommunes">Wished communes (INSEE codes); empty = no restriction.</param>
/// <param name="Household">Composition for the ceilings (persons to house, dependants, jeune ménage, handicap).</param>
/// <param name="ReferenceIncome">Revenu fiscal de référence N-2 of the persons to house.</param>
/// <param name="MonthlyResources">Monthly resources declared (taux d'effort, reste à vivre).</param>
/// <param name="ConsumptionUnits">Consumption units (reste à vivre per UC).</param>
/// <param name="NeedsAdaptedDwelling">A person of the household needs a dwelling adapted for handicap.</param>
/// <param name="IsFirstQuartile">Q1 membership against the EPCI threshold; null when unknown.</param>
/// <param name="IsPriority">At least one labelled L441-1 priority criterion.</param>
/// <param name="IsDalo">Active favourable DALO decision.</param>
/// <param name="IsMutation">Already a tenant of the social stock.</param>
/// <param name="CotationScore">Score of the cotation grid in force.</param>
public sealed record ShortlistDemand(
    string Number,
    DateOnly RegisteredOn,
    IReadOnlySet<int> WishedRooms,
    IReadOnlySet<string> WishedCommunes,
    HouseholdComposition Household,
    decimal ReferenceIncome,
    decimal MonthlyResources,
    decimal ConsumptionUnits,
    bool NeedsAdaptedDwelling,
    bool? IsFirstQuartile,
    bool IsPriority,
    bool IsDalo,
    bool IsMutation,
    decimal CotationScore)
{
    /// <summary>
    /// The HLM category rank stored with the demand (<see cref="HouseholdCategories.Rank"/> of <see cref="Household"/>,
    /// computed when the demand was saved); the batch path (<see cref="PreparedDwelling"/>) uses it instead of recomputing
    /// the category of every candidate. Null: computed.
    /// </summary>
    public int? CategoryRank { get; init; }
}

/// <summary>
/// What the shortlist excludes beyond the legal ceilings: a household over the local taux d'effort / reste à vivre
/// thresholds (<see cref="ExcludeUnaffordable"/>, on by default, the thresholds being the EPCI's own, domain.md §12 [U]); an
/// adapted dwelling kept for households who need one (<see cref="ReserveAdaptedDwellings"/>, off by default: a local
/// policy, L442-5-2 3° only names the situation). <see cref="LargestTypology"/>: the wish "T6 et plus" is 6.
/// </summary>
public sealed record ShortlistSettings(bool ExcludeUnaffordable, bool ReserveAdaptedDwellings, int LargestTypology, string Source)
{
    public static readonly ShortlistSettings Default = new(true, false, 6,
        "exclusion au-delà des seuils locaux de taux d'effort et de reste à vivre ; logements adaptés non réservés (paramètres locaux, domain.md §12 — non confirmés)");
}

/// <summary>Reference data of one shortlist: expected signature date (ceilings' year), ceilings, the EPCI's affordability thresholds.</summary>
public sealed record ShortlistContext(DateOnly Signature, CeilingTables Ceilings, AffordabilityThresholds Thresholds, ShortlistSettings Settings);

/// <summary>The checks, in the order they run (cheapest first).</summary>
public enum ShortlistCheck
{
    Commune,
    Typology,
    Adaptation,
    Overcrowding,
    Ceiling,
    Affordability,
}

/// <summary>A failed check and its French explanation.</summary>
public sealed record ShortlistReason(ShortlistCheck Check, string Explanation);

/// <summary>Eligible, or the reasons why not; notes say what could not be judged or deserves a look (sous-occupation…).</summary>
public sealed record ShortlistVerdict(bool Eligible, IReadOnlyList<ShortlistReason> Failures, IReadOnlyList<string> Notes);

/// <summary>
/// Whether a demand may be shortlisted for a vacant dwelling (issue 6, domain.md §3, §7.2–§7.4, §12), the checks in
/// increasing cost so that a scan of millions of demands stops early: wished commune, wished typology (set look-ups),
/// adapted dwelling vs handicap (<see cref="HandicapAdaptation"/>), sur-occupation (<see cref="OccupancyNorms"/>, L822-10),
/// resource ceiling (<see cref="StockEligibility"/>), taux d'effort and reste à vivre against the EPCI's thresholds
/// (<see cref="Affordability"/>). An unknown ceiling or an affordability that cannot be judged does not exclude: it is a
/// note ("à vérifier"), never a guess. Sous-occupation is a note (a T3 to one person is allowed, domain.md §7.4).
/// Ranking: cotation score descending, then seniority (oldest first), then numéro unique — stated in <see cref="Rank"/>.
/// </summary>
public static class ShortlistRules
{
    /// <param name="dwelling">The vacant dwelling.</param>
    /// <param name="demand">The demand examined.</param>
    /// <param name="context">Signature date, ceilings, the EPCI's thresholds, settings.</param>
    /// <param name="allReasons">False (batch): stop at the first failure. True (a page explaining a refusal): run every check.</param>
    public static ShortlistVerdict Check(ShortlistDwelling dwelling, ShortlistDemand demand, ShortlistContext context, bool allReasons = false)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(context);
        var failures = new List<ShortlistReason>();
        var notes = new List<string>();
        var settings = context.Settings;

        if (demand.WishedCommunes.Count > 0 && !demand.WishedCommunes.Contains(dwelling.Commune))
        {
            failures.Add(new(ShortlistCheck.Commune, $"commune {dwelling.Commune} absente des communes souhaitées"));
            if (!allReasons)
            {
                return Verdict(failures, notes);
            }
        }

        var typology = Math.Min(dwelling.Rooms, settings.LargestTypology);
        if (demand.WishedRooms.Count > 0 && !demand.WishedRooms.Contains(typology))
        {
            failures.Add(new(ShortlistCheck.Typology, French.Format($"typologie T{typology} non souhaitée (souhaits : {string.Join(", ", demand.WishedRooms.Order().Select(r => $"T{r}"))})")));
            if (!allReasons)
            {
                return Verdict(failures, notes);
            }
        }

        var adaptation = HandicapAdaptation.Assess(dwelling.Adapted, demand.NeedsAdaptedDwelling);
        switch (adaptation.Match)
        {
            case AdaptationMatch.AdaptationNeeded:
                failures.Add(new(ShortlistCheck.Adaptation, adaptation.Explanation));
                break;
            case AdaptationMatch.AdaptedNotNeeded when settings.ReserveAdaptedDwellings:
                failures.Add(new(ShortlistCheck.Adaptation, $"{adaptation.Explanation} ; logement réservé aux ménages qui en ont besoin ({settings.Source})"));
                break;
            case AdaptationMatch.AdaptedNotNeeded or AdaptationMatch.Undetermined when demand.NeedsAdaptedDwelling || dwelling.Adapted is true:
                notes.Add(adaptation.Explanation);
                break;
        }

        if (!allReasons && failures.Count > 0)
        {
            return Verdict(failures, notes);
        }

        var persons = demand.Household.Persons;
        var minimum = OccupancyNorms.MinimumSurface(persons);
        if (dwelling.HabitableSurface < minimum)
        {
            failures.Add(new(ShortlistCheck.Overcrowding, French.Format($"surface habitable {dwelling.HabitableSurface:0.##} m² inférieure au minimum de {minimum:0} m² pour {persons} personne(s) : sur-occupation (L822-10)")));
            if (!allReasons)
            {
                return Verdict(failures, notes);
            }
        }
        else if (dwelling.Rooms > persons + 1)
        {
            notes.Add(French.Format($"{dwelling.Rooms} pièce(s) pour {persons} personne(s) : sous-occupation (L621-2), admise faute d'offre plus petite"));
        }

        var ceiling = StockEligibility.Check(dwelling.CeilingBasis, demand.Household, demand.ReferenceIncome, context.Signature, context.Ceilings);
        if (ceiling.Eligible is false)
        {
            failures.Add(new(ShortlistCheck.Ceiling, string.Join(" ; ", ceiling.Reasons)));
            if (!allReasons)
            {
                return Verdict(failures, notes);
            }
        }
        else if (ceiling.Eligible is null)
        {
            notes.Add("plafond de ressources à vérifier : " + string.Join(" ; ", ceiling.Reasons));
        }

        var affordability = Affordability.Assess(dwelling.Cost, demand.MonthlyResources, persons, Math.Max(demand.ConsumptionUnits, 1m), dwelling.IndividualWaterAndHeating, context.Thresholds);
        if (affordability.Affordable is false && settings.ExcludeUnaffordable)
        {
            failures.Add(new(ShortlistCheck.Affordability, $"{string.Join(" ; ", affordability.Alerts)} ({context.Thresholds.Source})"));
        }
        else if (affordability.Affordable is false)
        {
            notes.Add($"{string.Join(" ; ", affordability.Alerts)} : signalé, non exclu ({settings.Source})");
        }
        else if (affordability.Affordable is null)
        {
            notes.Add(affordability.Explanation[^1]);
        }

        return Verdict(failures, notes);
    }

    /// <summary>The shortlist order: cotation score descending, then seniority (oldest registration first), then numéro unique (ordinal), so it is total and reproducible.</summary>
    public static IReadOnlyList<ShortlistDemand> Rank(IEnumerable<ShortlistDemand> eligible)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        return [.. eligible.OrderByDescending(d => d.CotationScore).ThenBy(d => d.RegisteredOn).ThenBy(d => d.Number, StringComparer.Ordinal)];
    }

    /// <summary>What the shortlist shows beside each candidate: Q1 or not, priority/DALO, mutation.</summary>
    public static IReadOnlyList<string> Badges(ShortlistDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var badges = new List<string>
        {
            demand.IsFirstQuartile switch
            {
                true => "premier quartile (Q1)",
                false => "quartiles 2 à 4",
                null => "quartile inconnu",
            },
        };
        if (demand.IsDalo)
        {
            badges.Add("DALO");
        }

        if (demand.IsPriority)
        {
            badges.Add("prioritaire (L441-1)");
        }

        if (demand.IsMutation)
        {
            badges.Add("mutation");
        }

        return badges;
    }

    private static ShortlistVerdict Verdict(List<ShortlistReason> failures, List<string> notes) => new(failures.Count == 0, failures, notes);
}
