using System.Text;
using System.Text.Json;
using Equilibre.Features.Imports;
using Microsoft.Extensions.Time.Testing;

namespace Equilibre.Features.Tests;

/// <summary>Small, named test inputs: reference files written to a temporary folder, the clock.</summary>
public static class Make
{
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The real reference files copied next to the test binaries (data/reference + decoupage-administratif).</summary>
    public static ReferenceFiles RealReferenceFiles() => new(Path.Combine(AppContext.BaseDirectory, "reference"));

    public sealed record TestCommune(string Code, string Name, string Departement, string Region, int Population);

    public sealed record TestEpci(string Siren, string Name, string Kind, params string[] Members);

    /// <summary>A few real communes and EPCI of Grand Est (COG 2026), enough to test matching and scoping.</summary>
    public static readonly TestCommune[] Communes =
    [
        new("51454", "Reims", "51", "44", 177674),
        new("51573", "Tinqueux", "51", "44", 10771),
        new("10387", "Troyes", "10", "44", 62088),
        new("10333", "Saint-André-les-Vergers", "10", "44", 12806),
        new("52448", "Saint-Dizier", "52", "44", 22858),
        new("51144", "Cheminon", "51", "44", 595),
        new("08105", "Charleville-Mézières", "08", "44", 45560),
    ];

    public static readonly TestEpci[] Epcis =
    [
        new("200067213", "CU du Grand Reims", "CU", "51454", "51573"),
        new("200069250", "CA Troyes Champagne Métropole", "CA", "10387", "10333"),
        new("200068666", "CA du Grand Saint-Dizier Der et Vallées", "CA", "52448", "51144"),
        new("200041630", "CA Ardenne Métropole", "CA", "08105"),
    ];

    /// <summary>Writes a decoupage-administratif-shaped folder.</summary>
    public static string TerritoryFolder(IEnumerable<TestCommune>? communes = null, IEnumerable<TestEpci>? epcis = null)
    {
        var folder = TempFolder();
        communes ??= Communes;
        epcis ??= Epcis;
        var communeList = communes.ToList();
        Write(folder, "regions.json", new[] { new { code = "44", nom = "Grand Est" } });
        Write(folder, "departements.json", new[]
        {
            new { code = "08", nom = "Ardennes", region = "44" }, new { code = "10", nom = "Aube", region = "44" },
            new { code = "51", nom = "Marne", region = "44" }, new { code = "52", nom = "Haute-Marne", region = "44" },
        });
        Write(folder, "communes.json", communeList.Select(c => new
        {
            code = c.Code,
            nom = c.Name,
            type = "commune-actuelle",
            departement = c.Departement,
            region = c.Region,
            population = c.Population,
            codesPostaux = new[] { "00000" },
        }).Append(new { code = "51999", nom = "Ancienne commune déléguée", type = "commune-deleguee", departement = "51", region = "44", population = 10, codesPostaux = Array.Empty<string>() }));
        Write(folder, "epci.json", epcis.Select(e => new
        {
            code = e.Siren,
            nom = e.Name,
            type = e.Kind,
            populationTotale = (int?)null,
            membres = e.Members.Select(m => new { code = m, nom = communeList.First(c => c.Code == m).Name }),
        }));
        Write(folder, "ept.json", Array.Empty<object>());
        File.WriteAllText(Path.Combine(folder, "package.json"), "{\"version\":\"0.0.0-test\"}");
        return folder;
    }

    /// <summary>A Q1 thresholds CSV in the shape of data/reference/seuils-q1 (header + the given lines).</summary>
    public static string ThresholdsFile(params string[] lines) =>
        TextFile("annee_application,region,departement_code,departement,epci,seuil_q1_eur_par_uc_an", lines);

    public static readonly string[] GoodThresholds =
    [
        "2026,Grand Est,51,Marne,CU du Grand Reims,10154",
        "2026,Grand Est,10,Aube,CA Troyes Champagne Métropole,8123",
        "2026,Grand Est,51,Marne,CA du Grand Saint-Dizier Der et Vallées,10272",
        "2026,Grand Est,52,Haute-Marne,CA du Grand Saint-Dizier Der et Vallées,10272",
        "2025,Grand Est,51,Marne,CU du Grand Reims,10064",
    ];

    /// <summary>A ceilings CSV in the shape of data/reference/plafonds-hlm.</summary>
    public static string CeilingsFile(params string[] lines) =>
        TextFile("date_effet,financement,zone,categorie,plafond_eur,statut,reference,note", lines);

    public static string TextFile(string header, IEnumerable<string> lines, Encoding? encoding = null)
    {
        var path = Path.Combine(TempFolder(), "fichier.csv");
        File.WriteAllText(path, header + "\n" + string.Join("\n", lines) + "\n", encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>A GeoJSON FeatureCollection of unit squares for the given codes.</summary>
    public static string BoundariesFolder(params string[] codes)
    {
        var folder = TempFolder();
        var features = codes.Select((code, i) => new
        {
            type = "Feature",
            properties = new { code, nom = "Commune " + code },
            geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.0 + i, 49.0 }, new[] { 4.1 + i, 49.0 }, new[] { 4.1 + i, 49.1 }, new[] { 4.0 + i, 49.0 } } } },
        });
        Write(folder, "communes-99-test.geojson", new { type = "FeatureCollection", features });
        return folder;
    }

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "equilibre-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void Write(string folder, string file, object value) =>
        File.WriteAllText(Path.Combine(folder, file), JsonSerializer.Serialize(value));
}
