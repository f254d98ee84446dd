using System.Globalization;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Stock;

/// <summary>
/// The configurable parts of the occupancy features (section <c>Occupation</c>), each unconfirmed in law and said so
/// wherever it is used: the recent-mover window (<c>EmmenagesRecentsAnnees</c>, 3 by default: R442-14 "au cours des
/// trois dernières années"; the ministry publishes "moins de 2 ans"), the A/B/C zone of each commune
/// (<c>ZonesAbc:&lt;code INSEE&gt;</c> = A bis, A, B1, B2 or C — Equilibre carries no A/B/C zoning table yet, so an
/// unlisted commune has an unknown zone and the review obligation there is undetermined), how far ahead the
/// examen list looks (<c>HorizonExamenMois</c>, 3 by default), and the review rule's own settings.
/// </summary>
public sealed record OccupancySettings(int RecentMoverYears, IReadOnlyDictionary<string, AbcZone> AbcZones, int ReviewHorizonMonths, OccupancyReviewSettings Review)
{
    public static readonly OccupancySettings Default = new(3, new Dictionary<string, AbcZone>(), 3, OccupancyReviewSettings.Default);

    public AbcZone? AbcZoneOf(string communeCode) => AbcZones.TryGetValue(communeCode, out var zone) ? zone : null;

    public static OccupancySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Occupation");
        if (!section.Exists())
        {
            return Default;
        }

        var zones = new Dictionary<string, AbcZone>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection("ZonesAbc").GetChildren())
        {
            zones[entry.Key] = ParseZone(entry.Value)
                ?? throw new InvalidOperationException($"Occupation:ZonesAbc:{entry.Key} « {entry.Value} » : A bis, A, B1, B2 ou C attendu.");
        }

        return new OccupancySettings(Int(section, "EmmenagesRecentsAnnees", Default.RecentMoverYears), zones, Int(section, "HorizonExamenMois", Default.ReviewHorizonMonths), Default.Review);
    }

    public static AbcZone? ParseZone(string? text) => text?.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal) switch
    {
        "ABIS" or "A_BIS" => AbcZone.ABis,
        "A" => AbcZone.A,
        "B1" => AbcZone.B1,
        "B2" => AbcZone.B2,
        "C" => AbcZone.C,
        _ => null,
    };

    private static int Int(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new InvalidOperationException($"Occupation:{key} « {text} » : entier positif attendu.");
    }
}
