using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Data;

/// <summary>Which database provider Equilibre talks to.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Database configuration shared by the web app and the CLI: <c>Database:Provider</c> (<c>sqlite</c> |
/// <c>postgres</c>), <c>ConnectionStrings:Equilibre</c>, and for SQLite without a connection string
/// <c>Database:DataFolder</c> (default: the <c>.data</c> folder at the repository root, so that the CLI and the
/// web app run from a clone share one file; outside a clone, the user's local application data folder).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DatabaseFileName = "equilibre.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"] ?? "sqlite";
        var provider = providerText.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"Database:Provider « {providerText} » inconnu : valeurs possibles « sqlite » ou « postgres »."),
        };
        var connectionString = configuration.GetConnectionString("Equilibre");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseSettings(provider, connectionString);
        }

        if (provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Database:Provider vaut « postgres » mais ConnectionStrings:Equilibre est vide : indiquez la chaîne de connexion PostgreSQL.");
        }

        var folder = configuration["Database:DataFolder"];
        folder = string.IsNullOrWhiteSpace(folder) ? DefaultDataFolder() : Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        return new DatabaseSettings(provider, $"Data Source={Path.Combine(folder, DatabaseFileName)}");
    }

    /// <summary>The repository's <c>.data</c> folder when running from a clone, else local application data.</summary>
    public static string DefaultDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Equilibre.slnx")))
            {
                return Path.Combine(dir.FullName, ".data");
            }
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Equilibre");
    }

    /// <summary>The connection string with any password hidden, for logs and start-up messages.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite ({ConnectionString.Replace("Data Source=", "", StringComparison.OrdinalIgnoreCase)})",
        DatabaseProvider.Postgres => "PostgreSQL (" + string.Join(';', ConnectionString.Split(';')
            .Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase))) + ")",
    };
}
