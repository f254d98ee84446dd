using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Imports;

/// <summary>
/// Where the reference files are: by default the <c>reference</c> folder copied next to the binaries at build
/// (data/reference of the repository and the JSON of @etalab/decoupage-administratif); <c>Reference:Folder</c>
/// overrides it.
/// </summary>
public sealed record ReferenceFiles(string Folder)
{
    public string DecoupageFolder => Path.Combine(Folder, "decoupage-administratif");
    public string Q1ThresholdsFile => Path.Combine(Folder, "seuils-q1", "seuils_q1_epci_2024_2026.csv");
    public string Q1ArretesFile => Path.Combine(Folder, "seuils-q1", "arretes.csv");
    public string CeilingsFile => Path.Combine(Folder, "plafonds-hlm", "plafonds_ressources_hlm.csv");
    public string BoundariesFolder => Path.Combine(Folder, "geo-grand-est");

    public static ReferenceFiles From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = configuration["Reference:Folder"];
        return new ReferenceFiles(string.IsNullOrWhiteSpace(folder)
            ? Path.Combine(AppContext.BaseDirectory, "reference")
            : Path.GetFullPath(folder));
    }
}
