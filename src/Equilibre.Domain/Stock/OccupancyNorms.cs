namespace Equilibre.Domain.Stock;

/// <summary>The occupancy assessment of a dwelling for a number of persons, with its explanation.</summary>
public sealed record OccupancyAssessment(bool Overcrowded, bool UnderOccupied, decimal MinimumSurface, IReadOnlyList<string> Explanation);

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
}
