namespace Equilibre.Domain.Stock;

/// <summary>The occupancy assessment of a dwelling for a number of persons, with its explanation.</summary>
public sealed record OccupancyAssessment(bool Overcrowded, bool UnderOccupied, decimal MinimumSurface, IReadOnlyList<string> Explanation);

/// <summary>The household sizes a dwelling fits without sur- or sous-occupation (possibly none), with the explanation.</summary>
public sealed record OccupancyFit(IReadOnlyList<int> Sizes, string Explanation)
{
    public bool Fits(int persons) => Sizes.Contains(persons);
}

/// <summary>
/// Occupation norms (domain.md §7.4): sur-occupation when the habitable surface is below 9 m² for one person, 16 m²
/// for two, +9 m² per additional person, capped at 70 m² for eight persons or more (L822-10, APL norm);
/// sous-occupation when the habitable rooms exceed the persons living there + 1 (L621-2).
/// </summary>
public static class OccupancyNorms
{
    /// <summary>Minimum habitable surface in m² for <paramref name="persons"/> persons.</summary>
    public static decimal MinimumSurface(int persons)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(persons, 1);
        return persons == 1 ? 9m : Math.Min(16m + (9m * (persons - 2)), 70m);
    }

    public static OccupancyAssessment Assess(int rooms, decimal habitableSurface, int persons)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(habitableSurface);
        var minimum = MinimumSurface(persons);
        var overcrowded = habitableSurface < minimum;
        var under = rooms > persons + 1;
        return new OccupancyAssessment(overcrowded, under, minimum,
        [
            French.Format($"surface habitable {habitableSurface:0.##} m² {(overcrowded ? "inférieure" : "supérieure ou égale")} au minimum de {minimum:0} m² pour {persons} personne(s) : {(overcrowded ? "sur-occupation" : "pas de sur-occupation")} (L822-10)"),
            French.Format($"{rooms} pièce(s) principale(s) pour {persons} personne(s) : {(under ? "sous-occupation (plus de pièces que de personnes + 1)" : "pas de sous-occupation")} (L621-2)"),
        ]);
    }

    /// <summary>
    /// The household sizes, from 1 to <paramref name="largestSize"/>, that neither sur-occupy nor sous-occupy the
    /// dwelling: at least rooms − 1 persons (L621-2) and no more than the surface allows (L822-10).
    /// </summary>
    public static OccupancyFit SizesThatFit(int rooms, decimal habitableSurface, int largestSize = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rooms, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(habitableSurface);
        ArgumentOutOfRangeException.ThrowIfLessThan(largestSize, 1);
        var fewest = Math.Max(1, rooms - 1);
        var most = Enumerable.Range(1, largestSize).LastOrDefault(n => habitableSurface >= MinimumSurface(n));
        var sizes = Enumerable.Range(fewest, Math.Max(0, most - fewest + 1)).ToList();
        var dwelling = French.Format($"{rooms} pièce(s), {habitableSurface:0.##} m²");
        var under = fewest > 1 ? French.Format($"moins de {fewest} personne(s) : sous-occupation (L621-2)") : null;
        var over = most == 0
            ? French.Format($"surface inférieure à {MinimumSurface(1):0} m² : sur-occupation dès une personne (L822-10)")
            : most < largestSize ? French.Format($"plus de {most} personne(s) : sur-occupation, minimum {MinimumSurface(most + 1):0} m² (L822-10)") : null;
        var examined = most == largestSize ? French.Format($"tailles examinées jusqu'à {largestSize} personnes") : null;
        var limits = string.Join(" ; ", new[] { under, over, examined }.OfType<string>());
        var range = sizes.Count switch
        {
            0 => "aucune taille de ménage sans sur- ni sous-occupation",
            1 => French.Format($"convient à {sizes[0]} personne(s)"),
            _ => French.Format($"convient de {sizes[0]} à {sizes[^1]} personnes"),
        };
        return new OccupancyFit(sizes, $"{dwelling} : {range}" + (limits.Length > 0 ? $" ({limits})" : ""));
    }
}

