namespace Equilibre.Domain.Eligibility;

/// <summary>The zone of a commune for the HLM ceilings, or why there is none, in words.</summary>
public sealed record CeilingZoneResult(CeilingZone? Zone, string Explanation);

/// <summary>
/// Zone of the PLAI/PLUS/PLS ceilings (domain.md §3.4): Paris and its 29 adjoining communes; the rest of
/// Île-de-France (région 11); the other metropolitan régions. The overseas départements have their own tables, which
/// Equilibre does not hold: no zone, said so. The 29 codes are those of the COG (a test checks their names in it).
/// </summary>
public static class CeilingZones
{
    public const string IleDeFrance = "11";

    /// <summary>INSEE codes of the communes adjoining Paris (service-public F869, names checked against the COG).</summary>
    public static readonly IReadOnlyDictionary<string, string> AdjoiningParis = new Dictionary<string, string>
    {
        ["92012"] = "Boulogne-Billancourt",
        ["92024"] = "Clichy",
        ["92040"] = "Issy-les-Moulineaux",
        ["92044"] = "Levallois-Perret",
        ["92046"] = "Malakoff",
        ["92049"] = "Montrouge",
        ["92051"] = "Neuilly-sur-Seine",
        ["92062"] = "Puteaux",
        ["92064"] = "Saint-Cloud",
        ["92073"] = "Suresnes",
        ["92075"] = "Vanves",
        ["93001"] = "Aubervilliers",
        ["93006"] = "Bagnolet",
        ["93045"] = "Les Lilas",
        ["93048"] = "Montreuil",
        ["93055"] = "Pantin",
        ["93061"] = "Le Pré-Saint-Gervais",
        ["93066"] = "Saint-Denis",
        ["93070"] = "Saint-Ouen-sur-Seine",
        ["94018"] = "Charenton-le-Pont",
        ["94033"] = "Fontenay-sous-Bois",
        ["94037"] = "Gentilly",
        ["94041"] = "Ivry-sur-Seine",
        ["94042"] = "Joinville-le-Pont",
        ["94043"] = "Le Kremlin-Bicêtre",
        ["94052"] = "Nogent-sur-Marne",
        ["94067"] = "Saint-Mandé",
        ["94069"] = "Saint-Maurice",
        ["94080"] = "Vincennes",
    };

    public static CeilingZoneResult Of(string communeCode, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(communeCode);
        if (communeCode == "75056" || communeCode.StartsWith("751", StringComparison.Ordinal))
        {
            return new(CeilingZone.ParisAndAdjoiningCommunes, "Paris : zone « Paris et communes limitrophes »");
        }

        if (AdjoiningParis.TryGetValue(communeCode, out var name))
        {
            return new(CeilingZone.ParisAndAdjoiningCommunes, $"{name}, commune limitrophe de Paris : zone « Paris et communes limitrophes »");
        }

        if (regionCode == IleDeFrance)
        {
            return new(CeilingZone.IleDeFranceOutsideParis, "Île-de-France hors Paris et communes limitrophes");
        }

        return regionCode is "01" or "02" or "03" or "04" or "06"
            ? new(null, "département d'outre-mer : plafonds propres, non chargés dans Equilibre")
            : new(CeilingZone.OtherRegions, "zone « Autres régions »");
    }
}
