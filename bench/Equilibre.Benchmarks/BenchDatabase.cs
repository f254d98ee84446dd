using System.Diagnostics;
using System.Globalization;
using Equilibre.Features;
using Equilibre.Features.Data;
using Equilibre.Features.Demo.National;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return new BenchDatabase(provider, connectionString, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
    }

    /// <param name="options">The run's options.</param>
    /// <param name="withDemands">False: only migrate (scenarios that need neither the reference data nor the demands).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task PrepareAsync(BenchOptions options, bool withDemands = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            await db.MigrateAsync(ct);
            if (!withDemands)
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
}
