using System.CommandLine;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Equilibre.Features.Demo.National;
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
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
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
        demo.Subcommands.Add(NationalCommand());
        return demo;
    }

    private static Command NationalCommand()
    {
        var scale = new Option<double>("--scale") { Description = "Part de la France à générer : 1.0 = 2,7 millions de demandes ; 0.01 pour un essai.", DefaultValueFactory = _ => 1.0 };
        var files = new Option<DirectoryInfo?>("--fichiers")
        {
            Description = "Écrit le jeu dans ce dossier aux formats d'import (demandes.xml SNE, rpls_2026.csv, quartiers.csv, attributions.csv) au lieu de la base ; "
                + "seules les organisations réservataires citées par les baux sont créées dans la base.",
        };
        var national = new Command("national",
            "Génère un jeu de données national déterministe sur le territoire réel (demandes, parc, baux d'une année), "
            + "dans une base dédiée (Database__Provider, ConnectionStrings__Equilibre) ou dans des fichiers. Nécessite les données de référence.") { scale, files };
        national.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var handler = scope.ServiceProvider.GetRequiredService<GenerateNationalDataset>();
            GenerateNationalDataset.Result? result = null;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    result = await handler.HandleAsync(new GenerateNationalDataset.Request(parse.GetValue(scale), parse.GetValue(files)?.FullName), new ImmediateProgress<GenerateNationalDataset.Progress>(p =>
                    {
                        if (!tasks.TryGetValue(p.Part, out var task))
                        {
                            tasks[p.Part] = task = ctx.AddTask(Markup.Escape(p.Part), maxValue: p.Total);
                        }

                        task.Value = p.Done;
                    }), ct);
                });
            AnsiConsole.MarkupLine(result!.Succeeded ? Markup.Escape(result.Message) : $"[red]{Markup.Escape(result.Message)}[/]");
            return result.Succeeded ? 0 : 1;
        });
        return national;
    }
}
