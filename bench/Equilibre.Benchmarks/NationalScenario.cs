using System.Diagnostics;
using System.Globalization;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// "National" (issue 8): the national generator writes its files (<c>demo national --fichiers</c>: SNE XML, RPLS CSV,
/// quartiers, attributions) at the run's scale, then each is loaded through the importer a user runs, timed with the
/// process's peak working set: the stock (quartiers + RPLS, 5.4 M × scale dwellings), the demands (2.7 M × scale from
/// the SNE XML, then the same file again), the leases (420,000 × scale, then again). On PostgreSQL the baseline of a
/// file is a plain <c>COPY … FROM STDIN</c> of it into a table of text columns. Then the web application is started on
/// the loaded database (<c>Demo__SeedOnFirstRun=false</c>) and the time from process start to the first 200 of
/// <c>/health</c> is measured; then the targets dashboard page of the EPCI with the most leases, signed in, over HTTP
/// (<see cref="DashboardPageAsync"/>); then the public key figures <c>/api/v1/chiffres-cles</c> of France for the year of the
/// leases on an empty cache (the whole computation, beside the same counts by plain SQL on PostgreSQL), and a
/// 10-second load loop on loopback over France and the three EPCIs with the most leases (warm cache).
/// </summary>
internal sealed class NationalScenario : IScenario
{
    public string Name => "national";

    /// <summary>The territory only: the scenario imports its own demands from the files it writes.</summary>
    public Preparation Needs => Preparation.Reference;

    public async Task<ScenarioResult> RunAsync(BenchDatabase database, BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"equilibre-bench-national-{options.Scale}"));
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var rows = new List<ResultRow>();
        var ok = true;

        GenerateNationalDataset.Result generated = null!;
        var (generation, generationPeak) = await MeasureAsync(async () =>
        {
            await using var scope = database.Services.CreateAsyncScope();
            generated = await scope.ServiceProvider.GetRequiredService<GenerateNationalDataset>().HandleAsync(new GenerateNationalDataset.Request(options.Scale, folder), null, ct);
        });
        ok &= generated.Succeeded;
        Log.Line("  " + generated.Message);
        var sizes = string.Join(", ", Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024.0 / 1024.0:0} Mo")));
        rows.Add(new ResultRow("génération des fichiers nationaux (--fichiers)", database.Label, sizes, new Timings([generation]), null, MemorySampler.Megabytes(generationPeak), "mémoire bornée", generationPeak < (1L << 30) ? "oui" : "non"));

        // Stock: quartiers + RPLS on empty stock and allocation tables.
        await database.ClearAsync(ct, "AllocationEvents", "Leases", "DwellingStates", "Dwellings", "Residences", "Bailleurs", "PriorityAreas");
        var rpls = Path.Combine(folder, $"rpls_{NationalStock.Millesime}.csv");
        var (stock, stockPeak) = await MeasureAsync(async () =>
        {
            ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportPriorityAreas>().HandleAsync(new ImportPriorityAreas.Request(Path.Combine(folder, "quartiers.csv"), "banc"), ct), generated.Dwellings > 0 ? -1 : 0);
            ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportRpls>().HandleAsync(new ImportRpls.Request(rpls, NationalStock.Millesime, "banc"), ct), generated.Dwellings);
        });
        rows.Add(new ResultRow("import du parc national (quartiers + RPLS « version loi »)", database.Label, string.Create(CultureInfo.InvariantCulture, $"{generated.Dwellings:N0} logements"),
            new Timings([stock]), postgres ? new Timings([await BenchDatabase.CopyBaselineAsync(database.ConnectionString, rpls, ct)]) : null, MemorySampler.Megabytes(stockPeak), "< 30 s par million", stock / Math.Max(generated.Dwellings, 1) * 1e6 < 30 ? "oui" : "non"));

        // Demands: the SNE XML on an empty registry (the prepared demands have the same numéros), then again.
        await database.ClearAsync(ct, "DemandScores", "DemandEvents", "DemandWishes", "Demands");
        var xml = Path.Combine(folder, "demandes.xml");
        var (demands, demandsPeak) = await MeasureAsync(async () => ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportDemands>().HandleAsync(new ImportDemands.Request(xml), CurrentUser.CommandLine, ct), generated.Demands));
        var (demandsAgain, _) = await MeasureAsync(async () => ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportDemands>().HandleAsync(new ImportDemands.Request(xml), CurrentUser.CommandLine, ct), 0));
        var demandData = string.Create(CultureInfo.InvariantCulture, $"{generated.Demands:N0} demandes (XML SNE, {new FileInfo(xml).Length / 1024.0 / 1024.0:0} Mo)");
        rows.Add(new ResultRow("import des demandes (XML SNE, registre vide, cotation comprise)", database.Label, demandData, new Timings([demands]), null, MemorySampler.Megabytes(demandsPeak), "—", "—"));
        rows.Add(new ResultRow("réimport des demandes (même fichier, tout inchangé)", database.Label, demandData, new Timings([demandsAgain]), null, "—", "—", "—"));

        // Leases: created, then unchanged.
        var leasesFile = Path.Combine(folder, "attributions.csv");
        // The réservataire organisations the leases name were created by the generator (they are not cleared above).
        var (leases, leasesPeak) = await MeasureAsync(async () => ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportAttributions>().HandleAsync(new ImportAttributions.Request(leasesFile, CurrentUser.CommandLine), ct), generated.Leases));
        var (leasesAgain, _) = await MeasureAsync(async () => ok &= await RunImportAsync(database, s => s.GetRequiredService<ImportAttributions>().HandleAsync(new ImportAttributions.Request(leasesFile, CurrentUser.CommandLine), ct), 0));
        var copy = postgres ? new Timings([await BenchDatabase.CopyBaselineAsync(database.ConnectionString, leasesFile, ct)]) : null;
        var leaseData = string.Create(CultureInfo.InvariantCulture, $"{generated.Leases:N0} baux");
        rows.Add(new ResultRow("import des attributions historiques (tout créé)", database.Label, leaseData, new Timings([leases]), copy, MemorySampler.Megabytes(leasesPeak), "—", "—"));
        rows.Add(new ResultRow("réimport des attributions (tout inchangé)", database.Label, leaseData, new Timings([leasesAgain]), copy, "—", "—", "—"));

        rows.AddRange(await WebRowsAsync(database, ct));

        return new ScenarioResult(rows, ok);
    }

    private static async Task<(double Seconds, long Peak)> MeasureAsync(Func<Task> action)
    {
        using var sampler = new MemorySampler();
        var seconds = await MemorySampler.TimeAsync(action);
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"  {seconds:0.00} s, pic {MemorySampler.Megabytes(sampler.PeakBytes)}"));
        return (seconds, sampler.PeakBytes);
    }

    /// <summary>Runs an import in its own scope; <paramref name="created"/> −1 = any count, else the expected number created.</summary>
    private static async Task<bool> RunImportAsync(BenchDatabase database, Func<IServiceProvider, Task<Features.Imports.ImportRun>> import, long created)
    {
        await using var scope = database.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<EquilibreDb>().Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var run = await import(scope.ServiceProvider);
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"  {run.Kind} : lues {run.Read:N0}, créées {run.Created:N0}, inchangées {run.Unchanged:N0}, avertissements {run.Issues.Count(i => !i.IsRejection):N0}"));
        if (!run.Succeeded || (created >= 0 && run.Created != created))
        {
            Log.Line($"  ÉCART : {run.Failure} {string.Join(" | ", run.Issues.Take(3).Select(i => i.Message))}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The baseline of the key figures: the same national counts by plain SQL in PostgreSQL — active demands and
    /// mutations on the day, leases of the year and those to DALO or priority households, dwellings of the millésime,
    /// in QPV and vacant. Without T1/T2 (they need the first-quartile classification of the targets engine) nor the
    /// median seniority.
    /// </summary>
    private static async Task<double> KeyFiguresSqlAsync(string connectionString, int year, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var asOf = year == today.Year ? today : new DateOnly(year, 12, 31);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT count(*), count(*) FILTER (WHERE "IsMutation") FROM "Demands"
             WHERE "RegisteredOn" <= DATE '{asOf:yyyy-MM-dd}' AND "ExpiresOn" > DATE '{asOf:yyyy-MM-dd}' AND ("RadiatedOn" IS NULL OR "RadiatedOn" > DATE '{asOf:yyyy-MM-dd}');
            SELECT count(*), count(*) FILTER (WHERE "Dalo" OR "PriorityCategory" IS NOT NULL) FROM "Leases"
             WHERE "SignedOn" BETWEEN DATE '{year}-01-01' AND DATE '{year}-12-31';
            SELECT count(*), count(*) FILTER (WHERE r."InQpv"), count(*) FILTER (WHERE s."OccupancyMode" = 'VacantOffered'),
                   count(*) FILTER (WHERE s."OccupancyMode" IN ('Let', 'VacantOffered'))
              FROM "DwellingStates" s JOIN "Dwellings" d ON d."Id" = s."DwellingId" JOIN "Residences" r ON r."Id" = d."ResidenceId"
             WHERE s."Millesime" = (SELECT max("Millesime") FROM "DwellingStates" WHERE "Millesime" <= {year + 1});
            """);
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
            }
        }
        while (await reader.NextResultAsync(ct));

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The built web application: EQUILIBRE_WEB_DLL, else under src/Equilibre.Web/bin/{Release,Debug}/net10.0 (any RID folder) from the repository root.</summary>
    private static string? WebDll()
    {
        if (Environment.GetEnvironmentVariable("EQUILIBRE_WEB_DLL") is { Length: > 0 } given && File.Exists(given))
        {
            return given;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var folder = Path.Combine(dir.FullName, "src", "Equilibre.Web", "bin", configuration, "net10.0");
                if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "Equilibre.Web.dll", SearchOption.AllDirectories).FirstOrDefault() is { } path)
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Web start-up on this database, the targets dashboard page, then the public endpoint's throughput; the leases are
    /// vacuumed and analysed first, as autovacuum would after an import (off on the benchmark cluster).
    /// </summary>
    internal static async Task<IReadOnlyList<ResultRow>> WebRowsAsync(BenchDatabase database, CancellationToken ct)
    {
        if (WebDll() is not { } dll)
        {
            Log.Line("  Equilibre.Web.dll introuvable (dotnet build -c Release src/Equilibre.Web) : démarrage web non mesuré");
            return [];
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var scope = database.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"Leases\"", ct);
        }

        return await WebAsync(database, dll, ct);
    }

    private static async Task<IReadOnlyList<ResultRow>> WebAsync(BenchDatabase database, string dll, CancellationToken ct)
    {
        var port = 18000 + Random.Shared.Next(1000);
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Equilibre"] = database.ConnectionString;
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var rows = new List<ResultRow>();
        try
        {
            double? ready = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync("/health", ct);
                    if (response.IsSuccessStatusCode)
                    {
                        ready = watch.Elapsed.TotalSeconds;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(20, ct);
            }

            Log.Line(ready is { } r ? string.Create(CultureInfo.InvariantCulture, $"  /health en {r:0.00} s après le lancement") : "  /health jamais prêt");
            var memory = MemorySampler.Megabytes(process.HasExited ? 0 : process.WorkingSet64) + " (processus web, au repos)";
            rows.Add(new ResultRow("démarrage web jusqu'au premier /health (base nationale)", database.Label, "processus neuf", new Timings([ready ?? double.NaN]), null, memory, "< 5 s", ready is < 5 ? "oui" : "non"));
            if (ready is null)
            {
                return rows;
            }

            // The public key figures: France and the three EPCIs with the most leases, for the year of the leases.
            var year = NationalStock.Millesime;
            List<string> epcis, dashboardEpcis;
            await using (var scope = database.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
                dashboardEpcis = await db.Leases.AsNoTracking().GroupBy(l => l.EpciSiren).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(45).Select(g => g.Key).ToListAsync(ct);
                epcis = [.. dashboardEpcis.Take(3)];
            }

            rows.AddRange(await DashboardPageAsync(database, http.BaseAddress!, dashboardEpcis, ct));
            rows.AddRange(await DemandListPageAsync(database, http.BaseAddress!, [dashboardEpcis[0], dashboardEpcis[^1]], ct));
            string[] urls = [$"/api/v1/chiffres-cles?annee={year}", .. epcis.Select(e => $"/api/v1/chiffres-cles?annee={year}&epci={e}")];
            using var cold = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

            // First request of France: the whole computation on an empty cache, beside the same counts by plain SQL.
            var first = Stopwatch.StartNew();
            using (var response = await cold.GetAsync(urls[0], ct))
            {
                response.EnsureSuccessStatusCode();
            }

            var firstSeconds = first.Elapsed.TotalSeconds;
            var sql = database.Provider == DatabaseProvider.Postgres ? new Timings([await KeyFiguresSqlAsync(database.ConnectionString, year, ct)]) : null;
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  chiffres clés France {year}, cache vide : {firstSeconds:0.00} s (SQL simple : {sql?.Describe() ?? "—"})"));
            rows.Add(new ResultRow(string.Create(CultureInfo.InvariantCulture, $"API publique /api/v1/chiffres-cles France {year}, premier appel (cache vide : demandes, moteur des objectifs, ancienneté, parc)"),
                database.Label, "base nationale", new Timings([firstSeconds]), sql, "—", "< 5 s", firstSeconds < 5 ? "oui" : "non"));
            foreach (var url in urls.Skip(1))
            {
                using var response = await cold.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
            }

            // Load loop on loopback: 8 concurrent clients for 10 s, each request the next of the four territories (cache
            // warm: every request still reads the data version, one statement, then serialises the cached figures).
            var latencies = new List<double>();
            var stop = Stopwatch.StartNew();
            var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                var mine = new List<double>();
                var i = c;
                while (stop.Elapsed < TimeSpan.FromSeconds(10))
                {
                    var one = Stopwatch.StartNew();
                    using var response = await http.GetAsync(urls[i++ % urls.Length], ct);
                    response.EnsureSuccessStatusCode();
                    mine.Add(one.Elapsed.TotalMilliseconds);
                }

                lock (latencies)
                {
                    latencies.AddRange(mine);
                }
            }, ct)).ToList();
            await Task.WhenAll(clients);
            latencies.Sort();
            var p95 = latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(latencies.Count * 0.95) - 1)];
            var throughput = latencies.Count / stop.Elapsed.TotalSeconds;
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  /api/v1/chiffres-cles (France + {epcis.Count} EPCI) : {throughput:0} requêtes/s, p95 {p95:0.0} ms"));
            rows.Add(new ResultRow(string.Create(CultureInfo.InvariantCulture, $"API publique /api/v1/chiffres-cles (France + {epcis.Count} EPCI, cache chaud), 8 clients 10 s : {throughput:0} req/s, p95 {p95:0.0} ms"), database.Label,
                string.Create(CultureInfo.InvariantCulture, $"{latencies.Count:N0} requêtes"), new Timings([p95 / 1000]), null, MemorySampler.Megabytes(process.WorkingSet64) + " (processus web)", "p95 < 300 ms", p95 < 300 ? "oui" : "non"));
            return rows;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// The targets dashboard page (<c>/objectifs</c>) rendered over HTTP, signed in through the sign-in form like a
    /// browser (anti-forgery token, cookie), with accounts created once through <see cref="CreateUser"/>. Two rows:
    /// <list type="bullet">
    /// <item>first views, leases read (none cached yet by <see cref="Features.Targets.LeaseFactsCache"/>): a national
    /// State services account opens the year of each of the 13 EPCIs with the most leases, the largest last, after
    /// the 32 next EPCIs to compile the page, the reader and the engine;</item>
    /// <item>following views: the chargé·e de mission of the largest EPCI clicks through the year by 8 breakdowns in
    /// turn (5 warm-up requests, 50 measured).</item>
    /// </list>
    /// </summary>
    private static async Task<IReadOnlyList<ResultRow>> DashboardPageAsync(BenchDatabase database, Uri site, List<string> epcis, CancellationToken ct)
    {
        var epci = epcis[0];
        var year = NationalStock.Millesime;
        using var state = await SignInAsync(database, site, "etat@banc-essai.equilibre.fr", new Organisation { Name = "Services de l'État (banc d'essai)", Kind = OrganisationKind.ServicesEtat }, Roles.ServicesEtat, ct);
        // The code first: a server that has run a while has compiled its hot paths (tiered compilation promotes a method
        // after 30 calls), so the 32 next EPCIs (60,000 leases) are viewed first; their facts are not those measured.
        foreach (var warmUp in epcis.Skip(13))
        {
            await ViewAsync(state, $"/objectifs?annee={year}&epci={warmUp}", ct);
        }

        var cold = new List<double>();
        foreach (var one in epcis.Take(13).Reverse())
        {
            cold.Add(await ViewAsync(state, $"/objectifs?annee={year}&epci={one}", ct));
        }

        Log.Line("  premières vues (ms), du 13e EPCI au plus grand : " + string.Join(" ; ", cold.Select(c => c.ToString("0", CultureInfo.InvariantCulture))));

        string name;
        await using (var scope = database.Services.CreateAsyncScope())
        {
            name = await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Epcis.Where(e => e.Siren == epci).Select(e => e.Name).FirstAsync(ct);
        }

        using var browser = await SignInAsync(database, site, $"epci-{epci}@banc-essai.equilibre.fr", new Organisation { Name = name, Kind = OrganisationKind.Epci, Siren = epci, EpciSiren = epci }, Roles.ChargeMissionEpci, ct);
        string[] breakdowns = ["", "&groupes=bailleur", "&groupes=commune", "&groupes=reservataire", "&groupes=qpv", "&groupes=typologie", "&groupes=bailleur,reservataire", "&groupes=mois"];
        var warm = new List<double>();
        for (var i = 0; i < 55; i++)
        {
            var time = await ViewAsync(browser, $"/objectifs?annee={year}{breakdowns[i % breakdowns.Length]}", ct);
            if (i >= 5)
            {
                warm.Add(time);
            }
        }

        ResultRow Row(string what, List<double> times)
        {
            times.Sort();
            var (p50, p95) = (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  page /objectifs de l'EPCI {epci}, {what} : p50 {p50:0.0} ms, p95 {p95:0.0} ms"));
            return new ResultRow(string.Create(CultureInfo.InvariantCulture, $"page tableau de bord /objectifs d'un EPCI rendue en HTTP, connecté, {what} : p50 {p50:0.0} ms, p95 {p95:0.0} ms"),
                database.Label, "EPCI " + epci, new Timings([p95 / 1000]), null, "—", "p95 < 300 ms", p95 < 300 ? "oui" : "non");
        }

        return [Row($"premières vues, baux lus ({cold.Count} plus grands EPCI, compte national des services de l'État)", cold),
            Row($"vues suivantes ({warm.Count} requêtes, {breakdowns.Length} ventilations)", warm)];
    }

    /// <summary>
    /// The demand list <c>/demandes</c> (first page, active demands by seniority, total counted) of an EPCI's chargé·e de
    /// mission: the largest EPCI and a small one, three views each, then one view of each other page that reads the whole
    /// scope (Q1 thresholds, demands to renew). All are scoped by the wishes' territory (<c>DemandAccess</c>, ADR 0014):
    /// measured since 2026-11-29, when they were found to take 10–30 s at national scale.
    /// </summary>
    private static async Task<IReadOnlyList<ResultRow>> DemandListPageAsync(BenchDatabase database, Uri site, string[] epcis, CancellationToken ct)
    {
        var rows = new List<ResultRow>();
        foreach (var epci in epcis)
        {
            string name;
            await using (var scope = database.Services.CreateAsyncScope())
            {
                name = await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Epcis.Where(e => e.Siren == epci).Select(e => e.Name).FirstAsync(ct);
            }

            using var browser = await SignInAsync(database, site, $"epci-{epci}@banc-essai.equilibre.fr", new Organisation { Name = name, Kind = OrganisationKind.Epci, Siren = epci, EpciSiren = epci }, Roles.ChargeMissionEpci, ct);
            var times = new List<double>();
            var (total, failures) = ("?", new List<string>());
            for (var i = 0; i < 3; i++)
            {
                // A failed view (the server's command timeout is 30 s) is timed and reported, not thrown.
                var watch = Stopwatch.StartNew();
                using var response = await browser.GetAsync("/demandes", ct);
                var page = await response.Content.ReadAsStringAsync(ct);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != System.Net.HttpStatusCode.OK || !page.Contains("id=\"liste-demandes\"", StringComparison.Ordinal))
                {
                    failures.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    continue;
                }

                total = System.Text.RegularExpressions.Regex.Match(page, "id=\"nombre-demandes\"[^>]*>(Plus de )?<strong>([^<]+)</strong>") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value + m.Groups[2].Value) : "?";
            }

            // The other pages that read the whole scope: the demands to renew (every active demand expiring within a
            // month, and the expired ones) and the Q1 thresholds recomputed on the scope. One view each, timed.
            foreach (var (url, marker) in new[] { ("/demandes/seuils-q1", "id=\"annee\""), ("/demandes/a-renouveler", "id=\"titre-expirees\"") })
            {
                var watch = Stopwatch.StartNew();
                using var response = await browser.GetAsync(url, ct);
                var page = await response.Content.ReadAsStringAsync(ct);
                var ok = response.StatusCode == System.Net.HttpStatusCode.OK && page.Contains(marker, StringComparison.Ordinal);
                Log.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  page {url} de l'EPCI {epci} : {watch.Elapsed.TotalMilliseconds:0} ms, {page.Length / 1024:N0} Ko{(ok ? "" : $", erreur HTTP {(int)response.StatusCode}")}"));
            }

            times.Sort();
            var failed = failures.Count == 0 ? "" : $", {failures.Count} en erreur (HTTP {string.Join(", ", failures)})";
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"  page /demandes de l'EPCI {epci} ({total} demandes) : {string.Join(" ; ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms{failed}"));
            rows.Add(new ResultRow(string.Create(CultureInfo.InvariantCulture, $"page liste des demandes /demandes d'un EPCI (première page par ancienneté, total compté), connecté, 3 vues : médiane {times[1]:0} ms, max {times[^1]:0} ms{failed}"),
                database.Label, $"EPCI {epci}, {total} demandes visibles", new Timings([.. times.Select(t => t / 1000)]), null, "—", "rapide (< 300 ms)", failures.Count == 0 && times[^1] < 300 ? "oui" : "non"));
        }

        return rows;
    }

    private static async Task<double> ViewAsync(HttpClient browser, string url, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var response = await browser.GetAsync(url, ct);
        var page = await response.Content.ReadAsStringAsync(ct);
        watch.Stop();
        if (response.StatusCode != System.Net.HttpStatusCode.OK || !page.Contains("id=\"ensemble\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url} : réponse {(int)response.StatusCode} sans le tableau des indicateurs");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>An HTTP client signed in as <paramref name="email"/>, the account (and its organisation, matched by kind and name) created the first time.</summary>
    private static async Task<HttpClient> SignInAsync(BenchDatabase database, Uri site, string email, Organisation organisation, string role, CancellationToken ct)
    {
        const string Password = "Banc-Essai-2026!";
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            var existing = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == organisation.Kind && o.Name == organisation.Name, ct);
            if (existing is null)
            {
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(ct);
            }

            if (await db.Users.AnyAsync(u => u.Email == email, ct) is false)
            {
                var created = await scope.ServiceProvider.GetRequiredService<CreateUser>()
                    .HandleAsync(new CreateUser.Request(email, "Banc d'essai", (existing ?? organisation).Id, [role], Password), null, ct);
                if (created.Id is null)
                {
                    throw new InvalidOperationException(string.Join(" ; ", created.Errors.Select(e => e.Message)));
                }
            }
        }

        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = site, Timeout = TimeSpan.FromMinutes(2) };
        var form = await browser.GetStringAsync("/connexion", ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            browser.Dispose();
            throw new InvalidOperationException($"connexion refusée ({(int)signIn.StatusCode})");
        }

        return browser;
    }
}
