using System.Globalization;
using Equilibre.Domain.Stock;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Stock;

/// <summary>
/// The local affordability thresholds of each EPCI (section <c>Parc:Seuils:&lt;SIREN&gt;</c>, keys
/// <c>TauxEffortMax</c> in %, <c>ResteAVivreParUcJour</c> and <c>ResteAVivreParPersonneJour</c> in € per day,
/// <c>Source</c>): none is national (domain.md §12 [U]) — they come from the EPCI's PPGD or CIL orientations, so an
/// EPCI without them gets rates computed and nothing judged, which the dwelling page says.
/// </summary>
public sealed record StockSettings(IReadOnlyDictionary<string, AffordabilityThresholds> ThresholdsByEpci)
{
    public static readonly StockSettings Default = new(new Dictionary<string, AffordabilityThresholds>());

    /// <summary>The EPCI's thresholds, or <see cref="AffordabilityThresholds.None"/> with the reason.</summary>
    public AffordabilityThresholds For(string? epciSiren) =>
        epciSiren is not null && ThresholdsByEpci.TryGetValue(epciSiren, out var t)
            ? t
            : AffordabilityThresholds.None with { Source = $"aucun seuil de taux d'effort ni de reste à vivre paramétré pour l'EPCI {epciSiren ?? "inconnu"} (Parc:Seuils)" };

    public static StockSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var thresholds = new Dictionary<string, AffordabilityThresholds>(StringComparer.Ordinal);
        foreach (var epci in configuration.GetSection("Parc:Seuils").GetChildren())
        {
            var source = epci["Source"] is { Length: > 0 } s ? s : $"paramètres Parc:Seuils:{epci.Key}";
            thresholds[epci.Key] = new AffordabilityThresholds(
                Amount(epci, "TauxEffortMax"), Amount(epci, "ResteAVivreParUcJour"), Amount(epci, "ResteAVivreParPersonneJour"), source);
        }

        return new StockSettings(thresholds);
    }

    private static decimal? Amount(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidOperationException($"Parc:Seuils:{section.Key}:{key} « {text} » : nombre positif attendu");
    }
}
