using System.Globalization;
using System.Text;
using Equilibre.Features.Data;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Benchmarks;

/// <summary>
/// "Import RPLS": writes a deterministic open-data RPLS file (headers up to 2022, <c>;</c>, UTF-8) of
/// <c>--lignes</c> dwellings (default one million, about 20 per address), then times <see cref="ImportRpls"/> on empty
/// stock tables (everything created) and again on the same file (everything unchanged), with the process's peak
/// working set. On PostgreSQL the baseline is a plain <c>COPY … FROM STDIN (FORMAT csv)</c> of the same file into a
/// table of text columns, streamed from the client as <c>psql \copy</c> would.
/// </summary>
internal sealed class RplsImportScenario : IScenario
{
    public const double GoalSeconds = 30.0;

    private static readonly string[] Header = "DROIT;DEPCOM;CODEPOSTAL;LIBCOM;NUMVOIE;INDREP;TYPVOIE;NOMVOIE;NUMAPPT;NUMBOITE;ESC;COULOIR;ETAGE;COMPLIDENT;ENTREE;BAT;IMMEU;COMPLGEO;LIEUDIT;QPV;TYPECONST;NBPIECE;SURFHAB;CONSTRUCT;LOCAT;PATRIMOINE;ORIGINE;FINAN;FINANAUTRE;CONV;NUMCONV;DATCONV;NEWLOGT;CUS;DPEDATE;DPEENERGIE;DPESERRE;SRU_EXPIR;SRU_ALINEA;CODSEGPATRIM;LIBSEGPATRIM;REG;LIBREG;DEP;LIBDEP;EPCI;LIBEPCI;X;Y;PLG_IRIS".Split(';');

    public string Name => "rpls";

    public Preparation Needs => Preparation.Migrated;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var file = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"equilibre-bench-rpls_{options.RplsRows}_2024.csv"));
        if (!File.Exists(file))
        {
            Log.Line($"écriture de {file}");
            Generate(file, options.RplsRows);
        }

        var size = new FileInfo(file).Length;
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var created = new List<double>();
        var unchanged = new List<double>();
        var baseline = new List<double>();
        var ok = true;
        long peak;
        using (var sampler = new MemorySampler())
        {
            for (var i = 0; i < options.Runs; i++)
            {
                await database.ClearAsync(ct, "DwellingStates", "Dwellings", "Residences", "Bailleurs");
                created.Add(await MemorySampler.TimeAsync(async () => ok &= await ImportAsync(database, file, options.RplsRows, expectCreated: true, ct)));
                unchanged.Add(await MemorySampler.TimeAsync(async () => ok &= await ImportAsync(database, file, options.RplsRows, expectCreated: false, ct)));
                if (postgres)
                {
                    baseline.Add(await BenchDatabase.CopyBaselineAsync(database.ConnectionString, file, ct));
                }

                Log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  essai {i + 1} : import {created[^1]:0.00} s, réimport {unchanged[^1]:0.00} s{(postgres ? $", COPY {baseline[^1]:0.00} s" : "")}, pic {MemorySampler.Megabytes(sampler.PeakBytes)}"));
            }

            peak = sampler.PeakBytes;
        }

        var data = string.Create(CultureInfo.InvariantCulture, $"{options.RplsRows:N0} logements (fichier open data ≤ 2022, {size / 1024.0 / 1024.0:0} Mo)");
        var memory = MemorySampler.Megabytes(peak) + " (processus)";
        var goal = string.Create(CultureInfo.InvariantCulture, $"< {GoalSeconds:0} s, mémoire plate");
        var met = options.RplsRows < 1_000_000 ? "— (échelle réduite)" : new Timings(created).Median < GoalSeconds ? "oui (temps)" : "non";
        Timings? reference = postgres ? new Timings(baseline) : null;
        return new ScenarioResult(
        [
            new ResultRow("import RPLS, tables vides (tout créé)", database.Label, data, new Timings(created), reference, memory, goal, met),
            new ResultRow("réimport RPLS du même fichier (tout inchangé)", database.Label, data, new Timings(unchanged), reference, memory, "—", "—"),
        ], ok);
    }

    private static async Task<bool> ImportAsync(BenchDatabase database, string file, int rows, bool expectCreated, CancellationToken ct)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var run = await scope.ServiceProvider.GetRequiredService<ImportRpls>().HandleAsync(new ImportRpls.Request(file, 2024, "banc d'essai"), ct);
        var expected = expectCreated ? (rows, 0) : (0, rows);
        if (!run.Succeeded || (run.Created, run.Unchanged) != expected)
        {
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  ÉCART : accepté {run.Succeeded}, créés {run.Created}, inchangés {run.Unchanged}, attendu {expected} ; {run.Failure}"));
            return false;
        }

        return true;
    }

    private sealed record Commune(string Code, string Name, string PostalCode, string Departement, string DepartementName, string Epci, string EpciName);

    private static readonly Commune[] Communes =
    [
        new("51454", "Reims", "51100", "51", "Marne", "200067213", "CU du Grand Reims"),
        new("51573", "Tinqueux", "51430", "51", "Marne", "200067213", "CU du Grand Reims"),
        new("10387", "Troyes", "10000", "10", "Aube", "200069250", "CA Troyes Champagne Métropole"),
        new("08105", "Charleville-Mézières", "08000", "08", "Ardennes", "200041630", "CA Ardenne Métropole"),
        new("52448", "Saint-Dizier", "52100", "52", "Haute-Marne", "200068666", "CA du Grand Saint-Dizier Der et Vallées"),
    ];

    private static readonly string[] Streets = ["DU DOCTEUR SCHWEITZER", "D'EPERNAY", "DE LA RONDE COUTURE", "DES ROSIERS", "EDOUARD HERRIOT", "DE LA REPUBLIQUE", "JEAN JAURES", "DES CHENES"];
    private static readonly string[] Finan = ["10", "11", "12", "13", "13", "13", "14", "16", "17", "50", "52", "52", "53", "55", "49", "99"];

    /// <summary>Deterministic lines (seed 2024): 20 dwellings per address on average, 2 to 5 floors, realistic mixes.</summary>
    private static void Generate(string path, int rows)
    {
        var random = new Random(2024);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(';', Header));
        writer.Write('\n');
        var values = new string[Header.Length];
        var index = Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        void Set(string column, string value) => values[index[column]] = value;
        var written = 0;
        var address = 0;
        while (written < rows)
        {
            address++;
            var commune = Communes[address % Communes.Length];
            var dwellings = Math.Min(rows - written, random.Next(1, 40));
            var construct = random.Next(1950, 2024);
            var inQpv = random.Next(100) < 30;
            var finan = Finan[random.Next(Finan.Length)];
            for (var d = 0; d < dwellings; d++, written++)
            {
                Array.Fill(values, "");
                Set("DROIT", "1");
                Set("DEPCOM", commune.Code);
                Set("CODEPOSTAL", commune.PostalCode);
                Set("LIBCOM", commune.Name);
                Set("NUMVOIE", (address / Communes.Length % 400 + 1).ToString(CultureInfo.InvariantCulture));
                Set("TYPVOIE", "RUE");
                Set("NOMVOIE", Streets[address / Communes.Length / 400 % Streets.Length] + " " + (address / Communes.Length / 400 / Streets.Length).ToString(CultureInfo.InvariantCulture));
                Set("NUMAPPT", (d + 1).ToString("000", CultureInfo.InvariantCulture));
                Set("ESC", ((char)('A' + (d / 10))).ToString());
                Set("ETAGE", (d % 5).ToString("00", CultureInfo.InvariantCulture));
                Set("QPV", inQpv ? "1" : "2");
                Set("TYPECONST", dwellings == 1 ? "I" : "C");
                Set("NBPIECE", random.Next(1, 7).ToString(CultureInfo.InvariantCulture));
                Set("SURFHAB", (20 + (random.Next(0, 1000) / 10m)).ToString("0.0", CultureInfo.GetCultureInfo("fr-FR")));
                Set("CONSTRUCT", construct.ToString(CultureInfo.InvariantCulture));
                Set("LOCAT", (construct + 1).ToString(CultureInfo.InvariantCulture));
                Set("PATRIMOINE", (construct + 1).ToString(CultureInfo.InvariantCulture));
                Set("ORIGINE", random.Next(1, 5).ToString(CultureInfo.InvariantCulture));
                Set("FINAN", finan);
                Set("CONV", "1");
                Set("NUMCONV", string.Create(CultureInfo.InvariantCulture, $"{commune.Departement}/1/{address % 100:00}-{construct}/80-{address % 1000}/1"));
                Set("DATCONV", string.Create(CultureInfo.InvariantCulture, $"01/01/{construct + 1}"));
                Set("CUS", "PLUS");
                Set("DPEDATE", string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 13):00}/{random.Next(2010, 2024)}"));
                Set("DPEENERGIE", ((char)('A' + random.Next(0, 7))).ToString());
                Set("DPESERRE", ((char)('A' + random.Next(0, 7))).ToString());
                Set("REG", "44");
                Set("LIBREG", "Grand Est");
                Set("DEP", commune.Departement);
                Set("LIBDEP", commune.DepartementName);
                Set("EPCI", commune.Epci);
                Set("LIBEPCI", commune.EpciName);
                Set("X", (770000 + random.Next(0, 90000)).ToString(CultureInfo.InvariantCulture));
                Set("Y", (6790000 + random.Next(0, 180000)).ToString(CultureInfo.InvariantCulture));
                Set("PLG_IRIS", (address % 9999).ToString("0000", CultureInfo.InvariantCulture));
                writer.Write(string.Join(';', values));
                writer.Write('\n');
            }
        }
    }
}
