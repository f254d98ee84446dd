namespace Equilibre.Domain.Stock;

/// <summary>Monthly housing costs of a dwelling for a household (euros per month).</summary>
/// <param name="PrincipalRent">Loyer principal.</param>
/// <param name="AnnexRents">Loyers des annexes (parking, garden…).</param>
/// <param name="RecoverableCharges">Charges récupérables (L442-3).</param>
/// <param name="TenantContribution">Contribution du locataire for energy-saving works (R442-28/29).</param>
/// <param name="HousingAid">APL or AL expected.</param>
public sealed record HousingCost(decimal PrincipalRent, decimal AnnexRents, decimal RecoverableCharges, decimal TenantContribution, decimal HousingAid);

/// <summary>
/// Forfait added to the charges when water and heating are individual (arrêté du 10 mars 2011): no national amount
/// was found (domain.md §16.5), so it is reference data of each bailleur (or the APL forfait as a labelled proxy).
/// </summary>
public sealed record ChargesForfait(decimal MonthlyAmount, string Source);

/// <summary>
/// One row of a bailleur's forfait grid for individual water and heating: it applies to dwellings of at least
/// <paramref name="MinRooms"/> rooms and households of at least <paramref name="MinPersons"/> persons, from
/// <paramref name="ValidFrom"/> to <paramref name="ValidTo"/> (included; null = still valid).
/// </summary>
public sealed record ChargesForfaitRow(int MinRooms, int MinPersons, decimal MonthlyAmount, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>
/// The forfait grid "qui tient compte de la taille du logement et du nombre des personnes qui vivront au foyer" (arrêté du
/// 10 mars 2011). No national amount is known (domain.md §16.5 [U]): each bailleur (or EPCI) passes its own grid, or
/// the APL forfait as a labelled proxy.
/// </summary>
public sealed record ChargesForfaitGrid(IReadOnlyList<ChargesForfaitRow> Rows, string Source)
{
    /// <summary>The most specific row valid on the date (most rooms, then most persons, not above the dwelling's and the household's), or null.</summary>
    public ChargesForfait? Find(int rooms, int persons, DateOnly asOf)
    {
        var row = Rows.Where(r => r.MinRooms <= rooms && r.MinPersons <= persons && r.ValidFrom <= asOf && (r.ValidTo is null || asOf <= r.ValidTo))
            .OrderByDescending(r => r.MinRooms).ThenByDescending(r => r.MinPersons).FirstOrDefault();
        return row is null ? null
            : new ChargesForfait(row.MonthlyAmount, French.Format($"{Source}, ligne {row.MinRooms} pièce(s) et plus, {row.MinPersons} personne(s) et plus, en vigueur depuis le {row.ValidFrom:dd/MM/yyyy}"));
    }
}

/// <summary>
/// Local affordability thresholds of an EPCI (PPGD, CIL orientations) or a bailleur: none is national (domain.md §12, [U]).
/// A null threshold is not checked. <paramref name="MaxEffortRate"/> is a percentage (30 = 30 %); the reste à vivre
/// minimums are in euros per day.
/// </summary>
public sealed record AffordabilityThresholds(decimal? MaxEffortRate, decimal? MinResteAVivrePerUcPerDay, decimal? MinResteAVivrePerPersonPerDay, string Source)
{
    /// <summary>No threshold at all: rates are computed, nothing is judged.</summary>
    public static readonly AffordabilityThresholds None = new(null, null, null, "aucun seuil local paramétré");
}

/// <summary>A computed rate or amount with the lines that explain it; null when it cannot be computed.</summary>
public sealed record ExplainedAmount(decimal? Value, IReadOnlyList<string> Explanation);

/// <summary>
/// Taux d'effort and reste à vivre of a household in a dwelling, judged against the local thresholds.
/// <see cref="Affordable"/> is null when nothing could be judged (no resources, no threshold set).
/// </summary>
public sealed record AffordabilityAssessment(
    ExplainedAmount EffortRate,
    ExplainedAmount ResteAVivrePerUcPerDay,
    ExplainedAmount ResteAVivrePerPersonPerDay,
    bool? Affordable,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<string> Explanation);

/// <summary>
/// Taux d'effort (R441-3-1, arrêté du 10 mars 2011; domain.md §12, §16.5) and reste à vivre (no legal definition;
/// the USH formula of domain.md §12, thresholds set locally).
/// </summary>
public static class Affordability
{
    /// <summary>
    /// (rent + annexes + charges [+ forfait when water and heating are individual] + contribution − APL/AL) ÷ monthly
    /// resources of the persons to house, as declared in the demand. Percentage, one decimal.
    /// </summary>
    public static ExplainedAmount EffortRate(HousingCost cost, decimal monthlyResources, ChargesForfait? individualWaterAndHeating)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var lines = new List<string>();
        var charges = cost.RecoverableCharges + (individualWaterAndHeating?.MonthlyAmount ?? 0m);
        var numerator = cost.PrincipalRent + cost.AnnexRents + charges + cost.TenantContribution - cost.HousingAid;
        lines.Add(French.Format($"dépense de logement : loyer {cost.PrincipalRent:N2} € + annexes {cost.AnnexRents:N2} € + charges {cost.RecoverableCharges:N2} €")
            + (individualWaterAndHeating is null ? "" : French.Format($" + forfait eau et chauffage individuels {individualWaterAndHeating.MonthlyAmount:N2} € ({individualWaterAndHeating.Source})"))
            + French.Format($" + contribution {cost.TenantContribution:N2} € − aide au logement {cost.HousingAid:N2} € = {numerator:N2} € par mois"));
        if (monthlyResources <= 0)
        {
            lines.Add("ressources mensuelles nulles ou inconnues : taux d'effort non calculable");
            return new ExplainedAmount(null, lines);
        }

        var rate = Math.Round(100m * numerator / monthlyResources, 1, MidpointRounding.AwayFromZero);
        lines.Add(French.Format($"÷ ressources mensuelles {monthlyResources:N2} € = taux d'effort {rate:0.0} %"));
        return new ExplainedAmount(rate, lines);
    }

    /// <summary>Reste à vivre per person and per day (domain.md §12).</summary>
    public static ExplainedAmount ResteAVivrePerPersonPerDay(HousingCost cost, decimal monthlyResources, int persons) =>
        ResteAVivre(cost, monthlyResources, persons, null, "personne(s)", "personne");

    /// <summary>Reste à vivre per person and per day, the forfait for individual water and heating counted as a housing cost.</summary>
    public static ExplainedAmount ResteAVivrePerPersonPerDay(HousingCost cost, decimal monthlyResources, int persons, ChargesForfait? individualWaterAndHeating) =>
        ResteAVivre(cost, monthlyResources, persons, individualWaterAndHeating, "personne(s)", "personne");

    /// <summary>Reste à vivre per consumption unit and per day (domain.md §12, §4.1).</summary>
    public static ExplainedAmount ResteAVivrePerUcPerDay(HousingCost cost, decimal monthlyResources, decimal consumptionUnits) =>
        ResteAVivre(cost, monthlyResources, consumptionUnits, null, "UC", "UC");

    /// <summary>Reste à vivre per UC and per day, the forfait for individual water and heating counted as a housing cost.</summary>
    public static ExplainedAmount ResteAVivrePerUcPerDay(HousingCost cost, decimal monthlyResources, decimal consumptionUnits, ChargesForfait? individualWaterAndHeating) =>
        ResteAVivre(cost, monthlyResources, consumptionUnits, individualWaterAndHeating, "UC", "UC");

    /// <summary>
    /// Taux d'effort (arrêté du 10 mars 2011) and both restes à vivre of a household, each compared with the local
    /// threshold when one is set: affordable when the rate is at most the maximum (rate rounded to one decimal, as shown)
    /// and each reste à vivre at least its minimum (rounded to the cent).
    /// </summary>
    /// <param name="cost">Monthly housing cost, with the housing aid the caller expects (0 when none is estimated).</param>
    /// <param name="monthlyResources">Monthly resources of the persons to house, as declared in the demand.</param>
    /// <param name="persons">Persons to house.</param>
    /// <param name="consumptionUnits">Consumption units of the household (domain.md §4.1).</param>
    /// <param name="individualWaterAndHeating">The forfait when water and heating are individual, else null.</param>
    /// <param name="thresholds">The EPCI's (or bailleur's) thresholds.</param>
    public static AffordabilityAssessment Assess(
        HousingCost cost, decimal monthlyResources, int persons, decimal consumptionUnits, ChargesForfait? individualWaterAndHeating, AffordabilityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentOutOfRangeException.ThrowIfLessThan(persons, 1);
        var effort = EffortRate(cost, monthlyResources, individualWaterAndHeating);
        var perUc = ResteAVivrePerUcPerDay(cost, monthlyResources, consumptionUnits, individualWaterAndHeating);
        var perPerson = ResteAVivrePerPersonPerDay(cost, monthlyResources, persons, individualWaterAndHeating);
        var alerts = new List<string>();
        var checks = new List<string>();
        var judged = false;
        if (thresholds.MaxEffortRate is { } max && effort.Value is { } rate)
        {
            judged = true;
            if (rate > max)
            {
                alerts.Add(French.Format($"taux d'effort {rate:0.0} % supérieur au seuil local de {max:0.0} %"));
            }
            else
            {
                checks.Add(French.Format($"taux d'effort {rate:0.0} % ≤ seuil local de {max:0.0} %"));
            }
        }

        judged |= Minimum(perUc, thresholds.MinResteAVivrePerUcPerDay, "UC", alerts, checks);
        judged |= Minimum(perPerson, thresholds.MinResteAVivrePerPersonPerDay, "personne", alerts, checks);
        var resourcesKnown = monthlyResources > 0;
        bool? affordable = !resourcesKnown || !judged ? null : alerts.Count == 0;
        var verdict = affordable switch
        {
            true => "supportable au regard des seuils locaux",
            false => "non supportable au regard des seuils locaux",
            null when !resourcesKnown => "non évalué : ressources inconnues",
            null => "non évalué : aucun seuil local paramétré",
        };
        return new AffordabilityAssessment(effort, perUc, perPerson, affordable, alerts,
        [
            .. effort.Explanation, .. perUc.Explanation, .. perPerson.Explanation, .. checks, .. alerts,
            $"{verdict} ({thresholds.Source})",
        ]);
    }

    /// <summary>Compares a reste à vivre with the local threshold (set by the EPCI's PPGD or the bailleur; none nationally).</summary>
    public static string? BelowThreshold(ExplainedAmount resteAVivre, decimal? threshold, string unit)
    {
        ArgumentNullException.ThrowIfNull(resteAVivre);
        return resteAVivre.Value is { } v && threshold is { } t && v < t
            ? French.Format($"reste à vivre {v:N2} € par {unit} et par jour, sous le seuil local de {t:N2} €")
            : null;
    }

    // True when a threshold was set and the amount known; adds the check or the alert.
    private static bool Minimum(ExplainedAmount resteAVivre, decimal? threshold, string unit, List<string> alerts, List<string> checks)
    {
        if (threshold is not { } t || resteAVivre.Value is not { } v)
        {
            return false;
        }

        if (BelowThreshold(resteAVivre, t, unit) is { } alert)
        {
            alerts.Add(alert);
        }
        else
        {
            checks.Add(French.Format($"reste à vivre {v:N2} € par {unit} et par jour ≥ seuil local de {t:N2} €"));
        }

        return true;
    }

    // (monthly resources − net housing cost [incl. the forfait for individual water and heating]) ÷ divisor ÷ 30 days.
    private static ExplainedAmount ResteAVivre(HousingCost cost, decimal monthlyResources, decimal divisor, ChargesForfait? forfait, string plural, string singular)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
        var housing = cost.PrincipalRent + cost.AnnexRents + cost.RecoverableCharges + (forfait?.MonthlyAmount ?? 0m) + cost.TenantContribution - cost.HousingAid;
        var monthly = monthlyResources - housing;
        var perDay = Math.Round(monthly / divisor / 30m, 2, MidpointRounding.AwayFromZero);
        return new ExplainedAmount(perDay,
        [
            French.Format($"reste à vivre : ressources {monthlyResources:N2} € − dépense de logement nette {housing:N2} €")
                + (forfait is null ? "" : French.Format($" (dont forfait eau et chauffage individuels {forfait.MonthlyAmount:N2} €)"))
                + French.Format($" = {monthly:N2} € par mois"),
            French.Format($"÷ {divisor:0.##} {plural} ÷ 30 jours = {perDay:N2} € par {singular} et par jour"),
        ]);
    }
}
