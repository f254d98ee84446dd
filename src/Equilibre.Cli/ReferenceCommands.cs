using System.CommandLine;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre reference import</c>.</summary>
internal static class ReferenceCommands
{
    public static Command Create()
    {
        var folder = new Option<string?>("--dossier")
        {
            Description = "Dossier des fichiers de référence (par défaut : le dossier « reference » installé avec l'outil).",
        };
        var millesime = new Option<int>("--millesime")
        {
            Description = "Millésime du Code officiel géographique des fichiers de @etalab/decoupage-administratif.",
            DefaultValueFactory = _ => ImportReferenceData.DefaultCogMillesime,
        };
        var import = new Command("import",
            "Importe ou met à jour le territoire (régions, départements, communes, EPCI, EPT), les seuils du premier quartile, "
            + "les plafonds de ressources et les contours des communes. Chaque fichier est accepté en entier ou refusé en entier ; "
            + "réimporter les mêmes fichiers ne change rien.")
        {
            folder,
            millesime,
        };
        import.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var files = parse.GetValue(folder) is { } f ? new ReferenceFiles(Path.GetFullPath(f)) : scope.ServiceProvider.GetRequiredService<ReferenceFiles>();
            await scope.ServiceProvider.GetRequiredService<Features.Data.EquilibreDb>().MigrateAsync(ct);
            var handler = scope.ServiceProvider.GetRequiredService<ImportReferenceData>();
            IReadOnlyList<ImportRun> runs = [];
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Données de référence", maxValue: 1);
                    var progress = new ImmediateProgress<ImportProgress>(p =>
                    {
                        task.Description = Markup.Escape(p.Step);
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    runs = await handler.HandleAsync(new ImportReferenceData.Request(files, parse.GetValue(millesime), "ligne de commande"), progress, ct);
                    task.Value = task.MaxValue;
                });
            ReportPrinter.Print(runs);
            return runs.All(r => r.Succeeded) ? 0 : 1;
        });
        var reference = new Command("reference", "Données de référence.");
        reference.Subcommands.Add(import);
        return reference;
    }
}
