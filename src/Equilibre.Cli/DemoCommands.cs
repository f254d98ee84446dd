using System.CommandLine;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre demo seed</c>.</summary>
internal static class DemoCommands
{
    public static Command Create()
    {
        var seed = new Command("seed",
            "Crée les données de démonstration (organisations du Grand Reims et de Troyes Champagne Métropole, un compte par rôle). "
            + "Déterministe et idempotent : ce qui existe déjà est conservé. Nécessite les données de référence.");
        seed.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Database.MigrateAsync(ct);
            var result = await AnsiConsole.Status().StartAsync("Données de démonstration…", async ctx =>
                await scope.ServiceProvider.GetRequiredService<SeedDemo>()
                    .HandleAsync(new ImmediateProgress<string>(s => ctx.Status(Markup.Escape(s))), ct));
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(result.Message)}[/]");
                return 1;
            }

            AnsiConsole.MarkupLine(Markup.Escape(result.Message));
            var table = new Table().Title($"Comptes de démonstration (mot de passe : {DemoAccounts.Password})").AddColumns("Rôle", "Adresse", "Organisation");
            foreach (var a in DemoAccounts.All)
            {
                table.AddRow(Markup.Escape(Roles.Label(a.Role)), Markup.Escape(a.Email), Markup.Escape(a.OrganisationName ?? "—"));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        var demo = new Command("demo", "Données de démonstration.");
        demo.Subcommands.Add(seed);
        return demo;
    }
}
