using System.CommandLine;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre db migrate</c>.</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Crée la base de données ou applique les migrations manquantes (SQLite ou PostgreSQL selon Database:Provider).");
        migrate.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EquilibreDb>();
            var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.MigrateAsync(ct);
            AnsiConsole.MarkupLine($"Base : {Markup.Escape(settings.Describe())}");
            AnsiConsole.MarkupLine(pending.Count == 0
                ? "Aucune migration à appliquer : la base est à jour."
                : $"{pending.Count} migration(s) appliquée(s) : {Markup.Escape(string.Join(", ", pending))}");
            return 0;
        });
        var db = new Command("db", "Base de données.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
