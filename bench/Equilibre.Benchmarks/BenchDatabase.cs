using System.Diagnostics;
using System.Globalization;
using System.Text;
using Equilibre.Features;
using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Equilibre.Benchmarks;

/// <summary>
/// A benchmark database reached through Equilibre's own services (the same registration as the web app and the CLI):
/// migrated, with the real reference data imported by <see cref="ImportReferenceData"/>, then filled with the
/// deterministic demands of <see cref="NationalDemands"/> unless it already holds the requested number.
/// </summary>
internal sealed class BenchDatabase(DatabaseProvider provider, string connectionString, ServiceProvider services) : IAsyncDisposable
{
    public DatabaseProvider Provider => provider;

    public string ConnectionString => connectionString;

    public ServiceProvider Services => services;

    public string Label => provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    public static BenchDatabase Create(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:Equilibre"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddEquilibreFeatures(configuration);
        services.AddEquilibreAccounts();
        // As in the web app, whose nightly job keeps the active demands' cotation columns between nights.
        services.AddSingleton<Features.Cotation.CotationFactsCache>();
        return new BenchDatabase(provider, connectionString, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
    }

    /// <param name="options">The run's options.</param>
    /// <param name="needs">How far to prepare: migrate only, then the reference data, then the generated demands.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task PrepareAsync(BenchOptions options, Preparation needs = Preparation.Demands, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            await db.MigrateAsync(ct);
            if (needs == Preparation.Migrated)
            {
                return;
            }

            if (!await db.Epcis.AnyAsync(ct))
            {
                var watch = Stopwatch.StartNew();
                var import = scope.ServiceProvider.GetRequiredService<ImportReferenceData>();
                var runs = await import.HandleAsync(new ImportReferenceData.Request(scope.ServiceProvider.GetRequiredService<ReferenceFiles>(), StartedBy: "banc d'essai"), ct: ct);
                if (runs.Any(r => !r.Succeeded))
                {
                    throw new InvalidOperationException("import des données de référence refusé : " + string.Join(", ", runs.Where(r => !r.Succeeded).Select(r => r.Kind)));
                }

                Log.Line(string.Create(CultureInfo.InvariantCulture, $"données de référence importées en {watch.Elapsed.TotalSeconds:0.0} s"));
            }

            if (needs == Preparation.Reference)
            {
                return;
            }

            var existing = await db.Demands.LongCountAsync(ct);
            if (existing == options.Demands)
            {
                Log.Line(string.Create(CultureInfo.InvariantCulture, $"la base contient déjà {existing:N0} demandes : réutilisée"));
                return;
            }

            if (existing != 0)
            {
                if (!options.Reset)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"la base contient {existing:N0} demandes, {options.Demands:N0} demandées : --reset pour les supprimer, ou une autre base"));
                }

                Log.Line(string.Create(CultureInfo.InvariantCulture, $"suppression des {existing:N0} demandes existantes (--reset)"));
                await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
                    ? "TRUNCATE \"DemandEvents\", \"DemandWishes\", \"Demands\""
                    : "DELETE FROM \"DemandEvents\"; DELETE FROM \"DemandWishes\"; DELETE FROM \"Demands\";", ct);
            }
        }

        var generation = Stopwatch.StartNew();
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"génération de {options.Demands:N0} demandes (lots de {NationalDemands.BatchSize:N0})"));
        await new NationalDemands(services.GetRequiredService<IServiceScopeFactory>()).GenerateAsync(options.Demands, new Progress<long>(done =>
            Log.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {done:N0} / {options.Demands:N0} demandes ({done / generation.Elapsed.TotalSeconds:N0} par seconde, {Environment.WorkingSet / 1024 / 1024:N0} Mo)"))), ct);
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"génération terminée en {generation.Elapsed.TotalSeconds:0} s"));
        await using (var scope = services.CreateAsyncScope())
        {
            // A fresh load is analysed as autovacuum (off on the benchmark cluster) or a DBA would; hint bits are set here
            // too, so the first measured run does not pay for them.
            var watch = Stopwatch.StartNew();
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres ? "VACUUM (ANALYZE) \"Demands\", \"DemandWishes\"" : "ANALYZE", ct);
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"{(provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE")} en {watch.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    /// <summary>Empties the given tables (in that order on SQLite; one <c>TRUNCATE … RESTART IDENTITY CASCADE</c> on PostgreSQL).</summary>
    public async Task ClearAsync(CancellationToken ct, params string[] tables)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres
            ? $"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY CASCADE"
            : string.Concat(tables.Select(t => $"DELETE FROM \"{t}\"; ")), ct);
    }

    /// <summary>
    /// The baseline of an import: the file streamed into a table of text columns (named by its header line) by one
    /// <c>COPY</c>, what <c>psql \copy</c> does — no check, no key, no index. Seconds, table creation and drop included.
    /// </summary>
    public static async Task<double> CopyBaselineAsync(string connectionString, string file, CancellationToken ct)
    {
        var header = File.ReadLines(file).First().Split(';');
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy ({string.Join(", ", header.Select(h => $"\"{h}\" text"))})", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var writer = await connection.BeginTextImportAsync("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true, DELIMITER ';')", ct))
        using (var reader = new StreamReader(file, Encoding.UTF8))
        {
            var buffer = new char[81920];
            int read;
            while ((read = await reader.ReadAsync(buffer, ct)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await using var drop = new NpgsqlCommand("DROP TABLE bench_copy", connection);
        await drop.ExecuteNonQueryAsync(ct);
        return seconds;
    }
}
