using System.Globalization;
using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Tests.Eligibility;

/// <summary>
/// The ceilings of data/reference/plafonds-hlm (copied next to the tests), read the way ImportResourceCeilings reads them,
/// so that the eligibility tables run on the real reference data rather than on figures typed in the tests.
/// </summary>
internal static class ReferenceCeilings
{
    private static readonly Lazy<IReadOnlyList<ResourceCeiling>> Table = new(Load);

    public static IReadOnlyList<ResourceCeiling> All => Table.Value;

    private static List<ResourceCeiling> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reference", "plafonds_ressources_hlm.csv");
        var cells = new List<ResourceCeiling>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var f = Split(line);
            var status = f[5].StartsWith("publie (source secondaire", StringComparison.Ordinal) ? CeilingStatus.PublishedSecondarySource
                : f[5].StartsWith("publie", StringComparison.Ordinal) ? CeilingStatus.Published
                : CeilingStatus.Derived;
            cells.Add(new ResourceCeiling(
                DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<Financing>(f[1], ignoreCase: true),
                f[2] switch
                {
                    "Paris et communes limitrophes" => CeilingZone.ParisAndAdjoiningCommunes,
                    "Ile-de-France hors Paris et communes limitrophes" => CeilingZone.IleDeFranceOutsideParis,
                    "Autres regions" => CeilingZone.OtherRegions,
                    _ => throw new InvalidDataException(f[2]),
                },
                f[3] == "par_personne_supplementaire" ? null : int.Parse(f[3]["categorie_".Length..], CultureInfo.InvariantCulture),
                decimal.Parse(f[4], CultureInfo.InvariantCulture),
                status,
                f[5],
                f[6].Length == 0 ? null : f[6],
                f.Count > 7 && f[7].Length > 0 ? f[7] : null));
        }

        return cells;
    }

    // Comma-separated, fields optionally quoted (the statut column holds "PLUS x 1,3").
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
