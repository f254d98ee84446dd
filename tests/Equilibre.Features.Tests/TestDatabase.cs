using Equilibre.Features.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Equilibre.Features.Tests;

/// <summary>The providers every handler test runs on.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated database for one test: in-memory SQLite, or a throwaway PostgreSQL database when
/// <c>EQUILIBRE_TEST_PG</c> holds a connection string (CI always sets it; locally the PostgreSQL cases skip).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "EQUILIBRE_TEST_PG";

    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgres;
    private string? _sqliteFile;

    private TestDatabase(Provider provider, SqliteConnection? sqlite, string? postgres)
    {
        Provider = provider;
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public Provider Provider { get; }

    /// <summary>The bulk loader of this provider, as the application registers it.</summary>
    public IBulkLoader BulkLoader => Provider == Provider.Postgres ? new PostgresBulkLoader() : new SqliteBulkLoader();

    public static IEnumerable<object[]> Providers => [[Provider.Sqlite], [Provider.Postgres]];

    /// <summary>
    /// A fresh, migrated database; <paramref name="sqliteFile"/> puts the SQLite one in a temporary file so that
    /// separate contexts get separate connections (concurrency tests: parallel transactions on one in-memory connection
    /// are impossible).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(Provider provider, bool sqliteFile)
    {
        if (!sqliteFile || provider != Provider.Sqlite)
        {
            return await CreateAsync(provider);
        }

        var database = new TestDatabase(provider, null, null) { _sqliteFile = Path.Combine(Path.GetTempPath(), $"eq_test_{Guid.NewGuid():N}.db") };
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public static async Task<TestDatabase> CreateAsync(Provider provider)
    {
        TestDatabase database;
        if (provider == Provider.Postgres)
        {
            var cs = Environment.GetEnvironmentVariable(PostgresVariable);
            Skip.If(string.IsNullOrWhiteSpace(cs),
                $"PostgreSQL non configuré : définissez {PostgresVariable} (ex. Host=127.0.0.1;Port=54329;Username=app;Password=app) pour exécuter ce cas ; .ci/run le fait.");
            var builder = new NpgsqlConnectionStringBuilder(cs) { Database = $"eq_test_{Guid.NewGuid():N}" };
            database = new TestDatabase(provider, null, builder.ConnectionString);
        }
        else
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            database = new TestDatabase(provider, connection, null);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A fresh database holding the small test territory of <see cref="Make.TerritoryFolder"/>.</summary>
    public static async Task<TestDatabase> WithTerritoryAsync(Provider provider, bool sqliteFile = false)
    {
        var database = await CreateAsync(provider, sqliteFile);
        await using var db = database.NewContext();
        var run = await new global::Equilibre.Features.Territory.ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new(Make.TerritoryFolder(), 2026));
        Assert.True(run.Succeeded, run.Failure);
        return database;
    }

    /// <summary>A new context (fresh change tracker) on this database.</summary>
    public EquilibreDb NewContext() => Provider == Provider.Postgres
        ? new PostgresEquilibreDb(new DbContextOptionsBuilder<PostgresEquilibreDb>().UseNpgsql(_postgres).Options)
        : _sqliteFile is not null
            ? new SqliteEquilibreDb(new DbContextOptionsBuilder<SqliteEquilibreDb>().UseSqlite($"Data Source={_sqliteFile};Pooling=False").Options)
            : new SqliteEquilibreDb(new DbContextOptionsBuilder<SqliteEquilibreDb>().UseSqlite(_sqlite!).Options);

    /// <summary>A new context whose commands go through <paramref name="interceptor"/> (to see which SQL a handler runs).</summary>
    public EquilibreDb NewContext(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) => Provider == Provider.Postgres
        ? new PostgresEquilibreDb(new DbContextOptionsBuilder<PostgresEquilibreDb>().UseNpgsql(_postgres).AddInterceptors(interceptor).Options)
        : _sqliteFile is not null
            ? new SqliteEquilibreDb(new DbContextOptionsBuilder<SqliteEquilibreDb>().UseSqlite($"Data Source={_sqliteFile};Pooling=False").AddInterceptors(interceptor).Options)
            : new SqliteEquilibreDb(new DbContextOptionsBuilder<SqliteEquilibreDb>().UseSqlite(_sqlite!).AddInterceptors(interceptor).Options);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            // Pooled connections of this database would make DROP DATABASE terminate them (needs pg_signal_backend,
            // granted by .ci/run); clearing the pools first avoids that on clusters where the role lacks it.
            NpgsqlConnection.ClearAllPools();
            await using var db = NewContext();
            await db.Database.EnsureDeletedAsync();
        }

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }
}
