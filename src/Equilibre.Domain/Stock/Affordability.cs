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

/// <summary>A computed rate or amount with the lines that explain it; null when it cannot be computed.</summary>
public sealed record ExplainedAmount(decimal? Value, IReadOnlyList<string> Explanation);

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
        ResteAVivre(cost, monthlyResources, persons, "personne(s)", "personne");

    /// <summary>Reste à vivre per consumption unit and per day (domain.md §12, §4.1).</summary>
    public static ExplainedAmount ResteAVivrePerUcPerDay(HousingCost cost, decimal monthlyResources, decimal consumptionUnits) =>
        ResteAVivre(cost, monthlyResources, consumptionUnits, "UC", "UC");

    /// <summary>Compares a reste à vivre with the local threshold (set by the EPCI's PPGD or the bailleur; none nationally).</summary>
    public static string? BelowThreshold(ExplainedAmount resteAVivre, decimal? threshold, string unit)
    {
        ArgumentNullException.ThrowIfNull(resteAVivre);
        return resteAVivre.Value is { } v && threshold is { } t && v < t
            ? French.Format($"reste à vivre {v:N2} € par {unit} et par jour, sous le seuil local de {t:N2} €")
            : null;
    }

    // (monthly resources − net housing cost) ÷ divisor ÷ 30 days.
    private static ExplainedAmount ResteAVivre(HousingCost cost, decimal monthlyResources, decimal divisor, string plural, string singular)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
        var housing = cost.PrincipalRent + cost.AnnexRents + cost.RecoverableCharges + cost.TenantContribution - cost.HousingAid;
        var monthly = monthlyResources - housing;
        var perDay = Math.Round(monthly / divisor / 30m, 2, MidpointRounding.AwayFromZero);
        return new ExplainedAmount(perDay,
        [
            French.Format($"reste à vivre : ressources {monthlyResources:N2} € − dépense de logement nette {housing:N2} € = {monthly:N2} € par mois"),
            French.Format($"÷ {divisor:0.##} {plural} ÷ 30 jours = {perDay:N2} € par {singular} et par jour"),
        ]);
    }
}
