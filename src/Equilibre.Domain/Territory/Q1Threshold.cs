namespace Equilibre.Domain.Territory;

/// <summary>
/// Official first-quartile threshold of an EPCI for a year of application, in euros per consumption unit per
/// year (L441-1 CCH; ministerial arrêté since ELAN — domain.md §4.2, §4.3). A household is in the first quartile
/// when its annual resources per UC are strictly below this amount.
/// </summary>
public sealed record Q1Threshold(string EpciSiren, int Year, decimal AmountPerUcPerYear, string Source);

/// <summary>Result of a threshold lookup: the amount, or why there is none.</summary>
public sealed record Q1ThresholdLookup(Q1Threshold? Threshold, string Explanation)
{
    public bool Found => Threshold is not null;
}

/// <summary>Threshold lookup by EPCI and year, and the "soumis à la réforme" status it implies.</summary>
public static class Q1Thresholds
{
    /// <summary>The threshold applicable to <paramref name="epciSiren"/> in <paramref name="year"/>.</summary>
    /// <remarks>An EPCI spanning two départements is listed twice with the same value; a conflict is reported.</remarks>
    public static Q1ThresholdLookup Find(IEnumerable<Q1Threshold> thresholds, string epciSiren, int year)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var matches = thresholds.Where(t => t.EpciSiren == epciSiren && t.Year == year)
            .DistinctBy(t => t.AmountPerUcPerYear).ToList();
        return matches.Count switch
        {
            0 => new Q1ThresholdLookup(null, French.Format(
                $"aucun seuil du premier quartile pour l'EPCI {epciSiren} en {year} : il ne figure pas dans l'arrêté de cette année")),
            1 => new Q1ThresholdLookup(matches[0], French.Format(
                $"seuil {year} : {matches[0].AmountPerUcPerYear:N0} € par UC et par an ({matches[0].Source})")),
            _ => new Q1ThresholdLookup(null, French.Format(
                $"l'EPCI {epciSiren} a {matches.Count} seuils différents en {year} ({string.Join(" ; ", matches.Select(m => m.AmountPerUcPerYear))}) : à corriger dans les données de référence")),
        };
    }

    /// <summary>
    /// An EPCI is "soumis à la réforme" for a year when the arrêté of that year lists it (domain.md §1.1: the
    /// list of the Q1 arrêté is the operational list of concerned EPCIs).
    /// </summary>
    public static bool IsSubjectToReform(IEnumerable<Q1Threshold> thresholds, string epciSiren, int year) =>
        Find(thresholds, epciSiren, year).Found;
}
