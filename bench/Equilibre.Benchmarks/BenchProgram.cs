using System.Globalization;
using Equilibre.Features.Data;

namespace Equilibre.Benchmarks;

/// <summary>
/// The measured scenarios of docs/performance.md. One scenario is one <see cref="IScenario"/> class added to
/// <see cref="Scenarios"/>; every scenario runs on the databases given on the command line, each prepared the same
/// way (migrations, real reference data, deterministic demands), and prints its rows of the Markdown table.
/// </summary>
internal static class BenchProgram
{
    public static readonly IReadOnlyList<IScenario> Scenarios = [new PrepareScenario(), new Q1ThresholdsScenario(), new CotationScenario(), new RplsImportScenario(), new ShortlistScenario(), new ReplayScenario(), new TargetsScenario(), new NationalScenario(), new RecomputationScenario(), new ScoringScenario(), new WebScenario()];

    private const string Usage = """
        Usage : dotnet run -c Release --project bench/Equilibre.Benchmarks -- <scénario> [options]
          scénarios : prepare (base migrée, référentiel, demandes générées), q1 (recalcul des seuils Q1 de tous les EPCI),
                      cotation (note de toutes les demandes actives), rpls (import d'un fichier RPLS généré),
                      shortlist (candidats possibles de 1 000 logements vacants, p50/p95/p99),
                      replay (rejeu de la désignation sur 42 000 vacances = 1/10 d'une année nationale, extrapolé),
                      targets (objectifs T1, T2, T3 d'une année nationale de baux : 420 000 × X, générés au besoin),
                      national (fichiers du jeu national, imports parc/demandes/attributions, démarrage web, tableau de bord, API publique),
                      recalcul (après national, sur la même base : seuils Q1 + cotation de la nuit + objectifs, objectif < 10 s),
                      web (après national, sur la même base telle quelle : démarrage, tableau de bord, API publique),
                      all (tous les scénarios mesurés sauf web, l'un après l'autre, sur chaque base)
          --scale X          2,7 millions × X demandes (défaut 1.0)
          --pg CHAÎNE        base PostgreSQL dédiée au banc (Host=…;Database=bench_q1;…)
          --sqlite FICHIER   fichier SQLite dédié au banc
          --runs N           mesures après l'échauffement (défaut 5)
          --lignes N         logements du fichier RPLS du scénario rpls (défaut 1 000 000)
          --vacances N       logements vacants du scénario shortlist (défaut 1 000) ou replay (défaut 42 000)
          --modifiees P      cotation, recalcul : % des demandes actives modifiées dans la journée avant chaque nuit (défaut 1)
          --sans-memoire     cotation, recalcul : chaque nuit relit toutes les demandes (comme la ligne de commande)
          --reset            vide les demandes d'une base qui n'en a pas le nombre demandé (sinon refus)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        IReadOnlyList<IScenario> chosen = options.Scenario == "all"
            ? [.. Scenarios.Where(s => s is not PrepareScenario and not WebScenario)]
            : [.. Scenarios.Where(s => s.Name == options.Scenario)];
        if (chosen.Count == 0 || options.Databases.Count == 0)
        {
            await Console.Error.WriteLineAsync((chosen.Count == 0 ? $"scénario « {options.Scenario} » inconnu" : "aucune base : --pg ou --sqlite") + Environment.NewLine + Usage);
            return 2;
        }

        var rows = new List<ResultRow>();
        var failed = false;
        foreach (var (provider, connectionString) in options.Databases)
        {
            foreach (var scenario in chosen)
            {
                await using var database = BenchDatabase.Create(provider, connectionString);
                Log.Line($"== {scenario.Name} sur {database.Label}, {options.Demands.ToString("N0", CultureInfo.InvariantCulture)} demandes");
                await database.PrepareAsync(options, scenario.Needs);
                var result = await scenario.RunAsync(database, options);
                rows.AddRange(result.Rows);
                failed |= !result.Succeeded;
            }
        }

        if (rows.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(ResultRow.Header);
            foreach (var row in rows)
            {
                Console.WriteLine(row.ToMarkdown());
            }
        }

        return failed ? 1 : 0;
    }
}

/// <summary>Command-line options of a benchmark run.</summary>
internal sealed record BenchOptions(string Scenario, double Scale, IReadOnlyList<(DatabaseProvider Provider, string ConnectionString)> Databases, int Runs, bool Reset, int RplsRows = 1_000_000, int? Vacancies = null,
    int ModifiedPerCent = 1, bool KeepInMemory = true)
{
    /// <summary>Demands generated at scale 1: ≈ 2.7 million of them active, as in France's registry (SNE, 2024).</summary>
    public const long NationalDemands = Features.Demo.National.GenerateNationalDataset.NationalDemandCount;

    public long Demands => (long)Math.Round(NationalDemands * Scale);

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            throw new ArgumentException("scénario manquant");
        }

        var scale = 1.0;
        var runs = 5;
        var reset = false;
        var rplsRows = 1_000_000;
        int? vacancies = null;
        var modified = 1;
        var keep = true;
        var databases = new List<(DatabaseProvider, string)>();
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} : valeur manquante");
            switch (args[i])
            {
                case "--scale":
                    scale = double.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--pg":
                    databases.Add((DatabaseProvider.Postgres, Value()));
                    break;
                case "--sqlite":
                    databases.Add((DatabaseProvider.Sqlite, "Data Source=" + Path.GetFullPath(Value())));
                    break;
                case "--lignes":
                    rplsRows = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--vacances":
                    vacancies = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--reset":
                    reset = true;
                    break;
                case "--modifiees":
                    modified = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--sans-memoire":
                    keep = false;
                    break;
                default:
                    throw new ArgumentException($"option inconnue : {args[i]}");
            }
        }

        if (scale <= 0 || runs <= 0 || rplsRows <= 0 || vacancies is <= 0)
        {
            throw new ArgumentException("--scale, --runs et --lignes doivent être positifs");
        }

        if (modified is < 0 or > 100)
        {
            throw new ArgumentException("--modifiees : un pourcentage entre 0 et 100");
        }

        return new BenchOptions(args[0], scale, databases, runs, reset, rplsRows, vacancies, modified, keep);
    }
}

internal static class Log
{
    public static void Line(string text) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {text}"));
}
