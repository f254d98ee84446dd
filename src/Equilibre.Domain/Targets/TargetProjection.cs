namespace Equilibre.Domain.Targets;

/// <summary>
/// Year-end projection at the current pace (issue 7). With e = days from 1 January to <c>asOf</c> included and D = days
/// in the year: projected numerator = n × D ÷ e, projected denominator = d × D ÷ e; the projected rate equals n ÷ d;
/// attributions still needed to reach the threshold s = max(0, ⌈s × projected d⌉ − n); share of the remaining leases
/// they represent = still needed ÷ (projected d − d),
/// above 1 when the threshold cannot be reached at this pace.
/// </summary>
public static class TargetProjection
{
    public const string Formula =
        "au rythme actuel : projection = valeur au jour × jours de l'année ÷ jours écoulés depuis le 1er janvier (inclus) ; taux projeté = taux à ce jour ; attributions encore nécessaires = ⌈seuil × dénominateur projeté⌉ − numérateur ; part des attributions restantes = attributions encore nécessaires ÷ (dénominateur projeté − dénominateur)";

    /// <param name="result">An indicator computed from 1 January to <paramref name="asOf"/> of its year.</param>
    /// <param name="asOf">Last day counted (the period's end).</param>
    public static YearEndProjection AtCurrentPace(IndicatorResult result, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        var daysInYear = DateTime.IsLeapYear(asOf.Year) ? 366 : 365;
        var elapsed = asOf.DayOfYear;
        var factor = (decimal)daysInYear / elapsed;
        var projectedDenominator = result.Denominator * factor;
        var projectedNumerator = result.Numerator * factor;
        int? needed = result.Denominator == 0 ? null : Math.Max(0, (int)Math.Ceiling(result.Threshold * projectedDenominator) - result.Numerator);
        var remaining = projectedDenominator - result.Denominator;
        decimal? share = needed is { } n && remaining > 0 ? n / remaining : null;
        return new YearEndProjection(asOf.Year, asOf, result.Numerator, result.Denominator,
            Math.Round(projectedNumerator, 1, MidpointRounding.AwayFromZero), Math.Round(projectedDenominator, 1, MidpointRounding.AwayFromZero),
            result.Rate, needed, share, Formula);
    }
}
