namespace Equilibre.Domain.Applications;

/// <summary>A monthly resource line of a demand, with its SNE code (SAL, RET, CHO, AF, RSA… ; PAV = pension paid).</summary>
public sealed record MonthlyResource(string Code, decimal Amount);

/// <summary>Whether pensions paid (code PAV) are deducted from resources: unconfirmed (domain.md §4.2 [U]), so configurable.</summary>
public sealed record ResourceSettings(bool DeductPensionsPaid, string Source)
{
    public static readonly ResourceSettings Default = new(false, "pensions alimentaires versées non déduites (paramètre par défaut, règle non confirmée)");
}

/// <summary>A household's Q1 status against the official threshold, with the figures behind it.</summary>
public sealed record FirstQuartileResult(bool? IsFirstQuartile, decimal? AnnualResourcesPerUc, IReadOnlyList<string> Explanation);

/// <summary>A local recomputation of the threshold, beside the official one.</summary>
public sealed record ThresholdRecomputation(decimal? Threshold, int Demands, int Rank, string Explanation);

/// <summary>
/// First quartile (L441-1 CCH; domain.md §4.2): annual resources per UC = 12 × the monthly resources declared in the
/// demand (APL/AL are not in the form's list) ÷ UC; a household is in Q1 when this is strictly below the official
/// threshold of the EPCI and year. Equal to the threshold is not Q1 ("inférieur à").
/// </summary>
public static class FirstQuartile
{
    public static decimal AnnualResourcesPerUc(IEnumerable<MonthlyResource> resources, decimal consumptionUnits, ResourceSettings settings, out IReadOnlyList<string> explanation)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(consumptionUnits);
        var list = resources.ToList();
        var received = list.Where(r => r.Code != "PAV").Sum(r => r.Amount);
        var paid = settings.DeductPensionsPaid ? list.Where(r => r.Code == "PAV").Sum(r => r.Amount) : 0m;
        var monthly = received - paid;
        var perUc = Math.Round(12m * monthly / consumptionUnits, 2, MidpointRounding.AwayFromZero);
        explanation =
        [
            French.Format($"ressources mensuelles déclarées {received:N2} €") + (settings.DeductPensionsPaid ? French.Format($" − pensions versées {paid:N2} €") : "") + $" ({settings.Source})",
            French.Format($"12 × {monthly:N2} € ÷ {consumptionUnits:0.0#} UC = {perUc:N2} € par UC et par an"),
        ];
        return perUc;
    }

    public static FirstQuartileResult Classify(decimal? annualResourcesPerUc, decimal? threshold, int year)
    {
        if (annualResourcesPerUc is not { } r)
        {
            return new FirstQuartileResult(null, null, ["ressources inconnues : appartenance au premier quartile indéterminée"]);
        }

        if (threshold is not { } t)
        {
            return new FirstQuartileResult(null, r, [French.Format($"pas de seuil du premier quartile pour {year} : appartenance indéterminée")]);
        }

        var q1 = r < t;
        return new FirstQuartileResult(q1, r,
            [French.Format($"{r:N2} € par UC {(q1 ? "<" : "≥")} seuil {year} de {t:N0} € : {(q1 ? "premier quartile" : "hors premier quartile")}")]);
    }

    /// <summary>
    /// Local recomputation (domain.md §4.2): among the active demands at 31 December, the highest resources per UC of
    /// the quarter with the lowest resources — the nearest-rank 25th percentile (rank ⌈n/4⌉ in ascending order).
    /// </summary>
    public static ThresholdRecomputation Recompute(IEnumerable<decimal> annualResourcesPerUc)
    {
        ArgumentNullException.ThrowIfNull(annualResourcesPerUc);
        var values = annualResourcesPerUc.ToArray();
        return Recompute(values.AsSpan());
    }

    /// <summary>
    /// The same recomputation on values the caller owns, reordered in place: the value of rank ⌈n/4⌉ is selected
    /// (<see cref="SelectKthSmallest"/>, linear on average) instead of sorting every value — the same value as after
    /// a sort, for the recomputation of every EPCI over millions of demands.
    /// </summary>
    public static ThresholdRecomputation Recompute(Span<decimal> annualResourcesPerUc)
    {
        if (annualResourcesPerUc.IsEmpty)
        {
            return new ThresholdRecomputation(null, 0, 0, "aucune demande active aux ressources connues : pas de recalcul");
        }

        var count = annualResourcesPerUc.Length;
        return Describe(SelectKthSmallest(annualResourcesPerUc, Rank(count) - 1), count);
    }

    /// <summary>The nearest rank of the first quartile among <paramref name="count"/> values: ⌈n/4⌉.</summary>
    public static int Rank(int count) => (count + 3) / 4;

    /// <summary>
    /// A recomputation whose value was selected elsewhere (PostgreSQL's <c>percentile_disc(0.25)</c> is this nearest
    /// rank by definition), with the same explanation.
    /// </summary>
    public static ThresholdRecomputation Describe(decimal value, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var rank = Rank(count);
        return new ThresholdRecomputation(value, count, rank,
            French.Format($"{count} demandes aux ressources connues ; rang {rank} (quart des ressources les plus faibles) : {value:N0} € par UC et par an"));
    }

    /// <summary>
    /// The value that would be at <paramref name="index"/> (0-based) once <paramref name="values"/> is sorted
    /// ascending: Hoare's selection with a median-of-three pivot, reordering the span in place.
    /// </summary>
    public static decimal SelectKthSmallest(Span<decimal> values, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, values.Length);
        var left = 0;
        var right = values.Length - 1;
        while (right > left)
        {
            if (right - left < 16)
            {
                values[left..(right + 1)].Sort();
                return values[index];
            }

            var middle = left + ((right - left) / 2);
            if (values[middle] < values[left])
            {
                (values[middle], values[left]) = (values[left], values[middle]);
            }

            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }

            if (values[right] < values[middle])
            {
                (values[right], values[middle]) = (values[middle], values[right]);
            }

            var pivot = values[middle];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (pivot < values[j])
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // [left..j] ≤ pivot ≤ [i..right], and every value strictly between j and i equals the pivot.
            if (index <= j)
            {
                right = j;
            }
            else if (index >= i)
            {
                left = i;
            }
            else
            {
                return values[index];
            }
        }

        return values[index];
    }
}
