namespace Equilibre.Domain.Cotation;

/// <summary>What makes two demands "similar" for the position and the average wait (configurable, shown to the applicant).</summary>
[Flags]
public enum SimilarityDimensions
{
    None = 0,

    /// <summary>The same EPCI (of the first wished commune): always part of the definition, the grid is the EPCI's.</summary>
    Epci = 1,

    /// <summary>The same first wished commune.</summary>
    Commune = 2,

    /// <summary>The same first wished typology.</summary>
    Typology = 4,
}

/// <summary>A demand's position among similar active demands: 1 + those with a strictly higher score (ties share a rank).</summary>
public sealed record CotationPosition(int Rank, int Of, int Tied, string Explanation);

/// <summary>The average wait of similar demands housed in a period, or why it is not shown.</summary>
public sealed record AverageWait(decimal? Months, int Housed, string Explanation);

/// <summary>
/// Position and average wait (L441-2-8, domain.md §8.1: the applicant is entitled to his score, his position among
/// similar demands and their average wait). The similarity definition is configuration and is always stated with the
/// figure.
/// </summary>
public static class SimilarDemands
{
    public static SimilarityDimensions Normalise(SimilarityDimensions dimensions) => dimensions | SimilarityDimensions.Epci;

    /// <summary>The definition in French, as shown beside the figures.</summary>
    public static string Describe(SimilarityDimensions dimensions)
    {
        var parts = new List<string> { "demandes actives dont la première commune souhaitée est dans le même EPCI" };
        if (dimensions.HasFlag(SimilarityDimensions.Commune))
        {
            parts.Add("la même première commune souhaitée");
        }

        if (dimensions.HasFlag(SimilarityDimensions.Typology))
        {
            parts.Add("la même première typologie souhaitée");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Rank of a score among the scores of the similar demands (the demand itself included).</summary>
    public static CotationPosition Position(decimal score, int higher, int tied, int of, SimilarityDimensions dimensions)
    {
        var rank = higher + 1;
        var ties = Math.Max(tied - 1, 0);
        return new CotationPosition(rank, of, ties, French.Format(
            $"{rank}e sur {of} ({Describe(dimensions)}) : {higher} demande(s) ont une note plus élevée{(ties > 0 ? French.Format($", {ties} autre(s) ont la même note") : "")}"));
    }

    /// <summary>Position in memory, for a batch or a preview: counts the scores above and equal to the demand's.</summary>
    public static CotationPosition Position(decimal score, IEnumerable<decimal> similarScores, SimilarityDimensions dimensions)
    {
        ArgumentNullException.ThrowIfNull(similarScores);
        int higher = 0, tied = 0, of = 0;
        foreach (var s in similarScores)
        {
            of++;
            higher += s > score ? 1 : 0;
            tied += s == score ? 1 : 0;
        }

        return Position(score, higher, tied, of, dimensions);
    }

    /// <summary>
    /// Mean time between registration and housing of the similar demands housed from <paramref name="from"/>, in months
    /// (one decimal); hidden below <paramref name="minimumHoused"/> households so that no household can be recognised.
    /// </summary>
    public static AverageWait Average(IReadOnlyCollection<(DateOnly Registered, DateOnly Housed)> housed, DateOnly from, int minimumHoused, SimilarityDimensions dimensions)
    {
        ArgumentNullException.ThrowIfNull(housed);
        var definition = Describe(dimensions).Replace("demandes actives", "demandes", StringComparison.Ordinal);
        if (housed.Count == 0)
        {
            return new AverageWait(null, 0, French.Format($"aucune demande semblable logée depuis le {from:dd/MM/yyyy} ({definition})"));
        }

        if (housed.Count < minimumHoused)
        {
            return new AverageWait(null, housed.Count, French.Format(
                $"moins de {minimumHoused} demandes semblables logées depuis le {from:dd/MM/yyyy} : délai non affiché pour qu'aucun ménage ne soit reconnaissable"));
        }

        var days = housed.Average(h => (double)(h.Housed.DayNumber - h.Registered.DayNumber));
        var months = Math.Round((decimal)days / 30.4375m, 1, MidpointRounding.AwayFromZero);
        return new AverageWait(months, housed.Count, French.Format(
            $"{months:0.0} mois en moyenne entre l'enregistrement et l'attribution, sur {housed.Count} demandes semblables logées depuis le {from:dd/MM/yyyy} ({definition})"));
    }
}
