using Equilibre.Domain.Cotation;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Cotation;

/// <summary>
/// The configurable parts of the cotation (section <c>Cotation</c>): what makes demands similar (default EPCI + first
/// commune + first typology), the délai anormalement long of each département in months (set by préfectoral arrêté;
/// none is shipped, a criterion using it is never met until it is configured), and the minimum number of housed
/// demands under which the average wait is not shown.
/// </summary>
public sealed record CotationSettings(SimilarityDimensions Similarity, IReadOnlyDictionary<string, int> AbnormalDelayMonths, int MinimumHousedForAverage)
{
    public static readonly CotationSettings Default = new(
        SimilarityDimensions.Epci | SimilarityDimensions.Commune | SimilarityDimensions.Typology, new Dictionary<string, int>(), 5);

    public static CotationSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Cotation");
        if (!section.Exists())
        {
            return Default;
        }

        var similarity = Default.Similarity;
        if (section["Semblables"] is { Length: > 0 } text)
        {
            similarity = SimilarityDimensions.Epci;
            foreach (var part in text.Split([',', '+', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                similarity |= part.ToUpperInvariant() switch
                {
                    "EPCI" => SimilarityDimensions.Epci,
                    "COMMUNE" => SimilarityDimensions.Commune,
                    "TYPOLOGIE" => SimilarityDimensions.Typology,
                    _ => throw new InvalidOperationException($"Cotation:Semblables « {part} » : Epci, Commune ou Typologie attendu"),
                };
            }
        }

        var delays = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in section.GetSection("DelaiAnormalementLongMois").GetChildren())
        {
            delays[child.Key] = int.TryParse(child.Value, out var months) && months > 0
                ? months
                : throw new InvalidOperationException($"Cotation:DelaiAnormalementLongMois:{child.Key} « {child.Value} » : nombre de mois attendu");
        }

        var minimum = section["MinimumLogesPourDelaiMoyen"] is { Length: > 0 } m
            ? int.TryParse(m, out var value) && value >= 1 ? value : throw new InvalidOperationException($"Cotation:MinimumLogesPourDelaiMoyen « {m} » : entier ≥ 1 attendu")
            : Default.MinimumHousedForAverage;
        return new CotationSettings(similarity, delays, minimum);
    }

    public int? AbnormalDelayFor(string? departement) => departement is not null && AbnormalDelayMonths.TryGetValue(departement, out var m) ? m : null;
}
