namespace Equilibre.Domain.Privacy;

/// <summary>
/// A count of households (or persons of a group of households) as it may be shown: the value when the group has at
/// least <see cref="HouseholdDisclosure.MinimumHouseholds"/> households, otherwise masked with the reason.
/// </summary>
/// <param name="Value">The count, null when masked.</param>
/// <param name="Display">What to print: the count in French, or « moins de 11 ménages ».</param>
/// <param name="Explanation">Why it is masked; null when shown.</param>
public sealed record DisclosedCount(int? Value, string Display, string? Explanation)
{
    public bool Masked => Value is null;
}

/// <summary>A share (percentage, one decimal) of a group of households as it may be shown, or masked with the reason.</summary>
/// <param name="Percent">Rounded to one decimal, null when masked or when the group is empty.</param>
/// <param name="Display">« 12,5 % », « moins de 11 ménages », or « — » when nothing to divide by.</param>
/// <param name="Explanation">Why it is masked; null when shown.</param>
public sealed record DisclosedShare(decimal? Percent, string Display, string? Explanation)
{
    public bool Masked => Explanation is not null;
}

/// <summary>One part of a group split into sub-groups (e.g. recent movers), shown or masked.</summary>
public sealed record DisclosedPart(string Label, DisclosedCount Households, bool SecondaryMasking);

/// <summary>
/// The 11-household rule (domain.md §10.3: the GIP SNE cartography never aggregates fewer than 11 households, statistical
/// secrecy and GDPR). Equilibre applies it to every figure about the occupants of an address or a résidence: a group
/// of fewer than 11 households shows no count and no share; a share is only ever computed over a shown group; and
/// when a group is split into parts, no part may be derived by subtracting the shown parts from the shown total
/// (secondary masking).
/// </summary>
public static class HouseholdDisclosure
{
    /// <summary>The smallest group of households whose figures may be shown.</summary>
    public const int MinimumHouseholds = 11;

    public const string MaskedLabel = "moins de 11 ménages";

    /// <summary>The sentence shown beside every masked figure.</summary>
    public const string Rule =
        "secret statistique : aucun chiffre n'est publié pour un groupe de moins de 11 ménages (règle des 11 ménages de la cartographie OPS du GIP SNE, domain.md §10.3)";

    /// <summary>Can the figures of a group of <paramref name="households"/> households be shown?</summary>
    public static bool CanShow(int households)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(households);
        return households >= MinimumHouseholds;
    }

    /// <summary>The number of households of a group: shown from 11, masked below (0 included: "none" is a figure too).</summary>
    public static DisclosedCount Households(int households) => Of(households, households);

    /// <summary>
    /// A count attached to a group (e.g. its persons): shown when the group has at least 11 households, whatever the
    /// count itself.
    /// </summary>
    public static DisclosedCount Of(int count, int groupHouseholds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return CanShow(groupHouseholds)
            ? new DisclosedCount(count, French.Format($"{count:N0}"), null)
            : new DisclosedCount(null, MaskedLabel, French.Format($"groupe de {MaskedLabel} : ") + Rule);
    }

    /// <summary>
    /// The share of <paramref name="part"/> in a group of <paramref name="groupHouseholds"/> households — masked with
    /// the group when it has fewer than 11 households (every share derived from a masked group is masked).
    /// </summary>
    /// <param name="part">The numerator (households, or persons when <paramref name="denominator"/> counts persons).</param>
    /// <param name="groupHouseholds">Households of the group the share describes: the rule is applied to it.</param>
    /// <param name="denominator">What the share divides by; the group's households when null.</param>
    public static DisclosedShare Share(int part, int groupHouseholds, int? denominator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        var over = denominator ?? groupHouseholds;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(part, over);
        if (!CanShow(groupHouseholds))
        {
            return new DisclosedShare(null, MaskedLabel, French.Format($"part calculée sur un groupe de {MaskedLabel} : ") + Rule);
        }

        if (over == 0)
        {
            return new DisclosedShare(null, "—", null);
        }

        var percent = Math.Round(100m * part / over, 1, MidpointRounding.AwayFromZero);
        return new DisclosedShare(percent, French.Format($"{percent:0.0} %"), null);
    }

    /// <summary>
    /// A group of <paramref name="total"/> households split into parts (which need not cover the whole group: the rest is
    /// an unlisted part). Primary masking: the total and any part of fewer than 11 households. Secondary masking: the
    /// households not covered by a shown part (total minus the shown parts) must be none or at least 11, otherwise
    /// they could be derived by subtraction; the smallest shown part is then masked too, and so on.
    /// </summary>
    public static (DisclosedCount Total, IReadOnlyList<DisclosedPart> Parts) Split(int total, IReadOnlyList<(string Label, int Households)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (parts.Any(p => p.Households < 0) || parts.Sum(p => p.Households) > total)
        {
            throw new ArgumentException("les parties doivent être positives et ne pas dépasser le total", nameof(parts));
        }

        var totalShown = Households(total);
        if (totalShown.Masked)
        {
            return (totalShown, [.. parts.Select(p => new DisclosedPart(p.Label, Of(p.Households, 0), false))]);
        }

        var shown = parts.Select(p => CanShow(p.Households)).ToArray();
        var secondary = new bool[parts.Count];
        while (true)
        {
            var hidden = total - parts.Where((_, i) => shown[i]).Sum(p => p.Households);
            if (hidden == 0 || hidden >= MinimumHouseholds)
            {
                break;
            }

            var smallest = Enumerable.Range(0, parts.Count).Where(i => shown[i]).OrderBy(i => parts[i].Households).ThenBy(i => i).First();
            shown[smallest] = false;
            secondary[smallest] = true;
        }

        var result = parts.Select((p, i) => shown[i]
            ? new DisclosedPart(p.Label, Households(p.Households), false)
            : secondary[i]
                ? new DisclosedPart(p.Label, new DisclosedCount(null, "masqué",
                    French.Format($"masquage secondaire : le total moins les autres parties révélerait un groupe de {MaskedLabel} ({Rule})")), true)
                : new DisclosedPart(p.Label, Households(p.Households), false)).ToList();
        return (totalShown, result);
    }
}
