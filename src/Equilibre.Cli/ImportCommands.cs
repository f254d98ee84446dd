using System.CommandLine;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Cli;

/// <summary>
/// <c>equilibre import qpv &lt;csv&gt; [--json]</c>, <c>equilibre import demandes &lt;fichier&gt; [--json]
/// [--commune-par-defaut CODE --typologie-par-defaut T3]</c> and <c>equilibre export demandes &lt;fichier&gt;
/// [--format xml|csv]</c>, <c>equilibre import rpls &lt;fichier&gt; [--millesime N] [--json]</c>, <c>equilibre import ops &lt;fichier&gt; [--json]</c>,
/// <c>equilibre import attributions &lt;fichier&gt; [--json]</c>.
/// </summary>
internal static class ImportCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("fichier") { Description = "CSV : code_quartier, nom_quartier, type (QPV, ex-ZUS, QVA), code_commune, date_debut, date_fin, source." };
        var json = new Option<bool>("--json") { Description = "Rapport lisible par une machine (JSON)." };
        var qpv = new Command("qpv", "Importe le référentiel des quartiers prioritaires par commune (atomique, idempotent).") { file, json };
        qpv.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var run = await scope.ServiceProvider.GetRequiredService<ImportPriorityAreas>()
                .HandleAsync(new ImportPriorityAreas.Request(parse.GetValue(file)!.FullName, "ligne de commande"), ct);
            return Print(run, parse.GetValue(json));
        });
        var import = new Command("import", "Imports de données (chacun affiche son rapport).");
        import.Subcommands.Add(qpv);
        import.Subcommands.Add(ImportDemandsCommand(json));
        import.Subcommands.Add(ImportRplsCommand(json));
        import.Subcommands.Add(ImportOccupancyCommand(json));
        import.Subcommands.Add(ImportAttributionsCommand(json));
        return import;
    }

    /// <summary>Prints an import's report, as a table or as JSON (<c>--json</c>); exit code 1 when the file was refused.</summary>
    private static int Print(ImportRun run, bool json)
    {
        if (json)
        {
            CliJson.Write(Report(run));
        }
        else
        {
            ReportPrinter.Print([run]);
        }

        return run.Succeeded ? 0 : 1;
    }

    private static Command ImportRplsCommand(Option<bool> json)
    {
        var file = new Argument<FileInfo>("fichier") { Description = "CSV RPLS « données détaillées au logement » (en-têtes jusqu'à 2022 ou 2023 et après, ; ou , , UTF-8 ou Windows-1252) ; voir docs/guide/parc.md." };
        var millesime = new Option<int?>("--millesime") { Description = "Année de l'état du parc au 1er janvier ; par défaut, l'année lue dans le nom du fichier." };
        var command = new Command("rpls", "Importe le parc social du RPLS (atomique, idempotent par logement et millésime).") { file, millesime, json };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var request = new ImportRpls.Request(parse.GetValue(file)!.FullName, parse.GetValue(millesime), "ligne de commande");
            var run = await scope.ServiceProvider.GetRequiredService<ImportRpls>().HandleAsync(request, ct);
            return Print(run, parse.GetValue(json));
        });
        return command;
    }

    private static Command ImportOccupancyCommand(Option<bool> json)
    {
        var file = new Argument<FileInfo>("fichier") { Description = "CSV de l'enquête OPS, une ligne par logement occupé (; ou , , UTF-8 ou Windows-1252) ; voir docs/guide/parc.md." };
        var command = new Command("ops", "Importe les réponses à l'enquête sur l'occupation du parc social (atomique, idempotent par logement et enquête).") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var request = new ImportOccupancy.Request(parse.GetValue(file)!.FullName, CurrentUser.CommandLine, "ligne de commande");
            var run = await scope.ServiceProvider.GetRequiredService<ImportOccupancy>().HandleAsync(request, ct);
            return Print(run, parse.GetValue(json));
        });
        return command;
    }

    private static Command ImportAttributionsCommand(Option<bool> json)
    {
        var file = new Argument<FileInfo>("fichier") { Description = "CSV des baux signés avant Equilibre, un bail par ligne (; ou , , UTF-8 ou Windows-1252) ; voir docs/guide/attributions-format.md." };
        var command = new Command("attributions", "Importe l'historique des attributions (atomique, idempotent par identifiant de bail).") { file, json };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var request = new ImportAttributions.Request(parse.GetValue(file)!.FullName, CurrentUser.CommandLine);
            var run = await scope.ServiceProvider.GetRequiredService<ImportAttributions>().HandleAsync(request, ct);
            return Print(run, parse.GetValue(json));
        });
        return command;
    }

    private static Command ImportDemandsCommand(Option<bool> json)
    {
        var file = new Argument<FileInfo>("fichier") { Description = "XML SNE interfaceNuu (v02.00/02.01) ou CSV Equilibre (docs/guide/demandes-format.md), détecté d'après le contenu." };
        var commune = new Option<string?>("--commune-par-defaut") { Description = "Code INSEE de la commune souhaitée retenue pour une demande qui n'en indique aucune (signalé)." };
        var typology = new Option<string?>("--typologie-par-defaut") { Description = "Typologie recherchée (C, T1…T5, T6P) retenue pour une demande qui n'en indique aucune (signalé)." };
        var command = new Command("demandes", "Importe des demandes de logement social (atomique, idempotent par numéro unique).") { file, json, commune, typology };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var request = new ImportDemands.Request(parse.GetValue(file)!.FullName, parse.GetValue(commune), parse.GetValue(typology));
            var run = await scope.ServiceProvider.GetRequiredService<ImportDemands>().HandleAsync(request, CurrentUser.CommandLine, ct);
            return Print(run, parse.GetValue(json));
        });
        return command;
    }

    /// <summary><c>equilibre export demandes &lt;fichier&gt; [--format xml|csv]</c>.</summary>
    public static Command CreateExport()
    {
        var file = new Argument<FileInfo>("fichier") { Description = "Fichier à écrire (remplacé s'il existe)." };
        var format = new Option<string>("--format") { Description = "xml (SNE interfaceNuu, par défaut) ou csv (point-virgule, UTF-8 avec BOM).", DefaultValueFactory = _ => "xml" };
        format.AcceptOnlyFromAmong("xml", "csv");
        var demandes = new Command("demandes", "Exporte les demandes de logement social (toutes : la ligne de commande agit en administrateur).") { file, format };
        demandes.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var path = parse.GetValue(file)!.FullName;
            var kind = parse.GetValue(format) == "csv" ? DemandExportFormat.Csv : DemandExportFormat.Xml;
            int count;
            await using (var output = File.Create(path))
            {
                count = await scope.ServiceProvider.GetRequiredService<ExportDemands>().HandleAsync(new ExportDemands.Request(kind), output, CurrentUser.CommandLine, ct);
            }

            Console.WriteLine(Domain.French.Format($"{count:N0} demande(s) exportée(s) dans {path}"));
            return 0;
        });
        var export = new Command("export", "Exports de données.");
        export.Subcommands.Add(demandes);
        return export;
    }

    private static object Report(ImportRun run) => new
    {
        donnees = run.Kind,
        source = run.Source,
        accepte = run.Succeeded,
        motifRefus = run.Failure,
        lues = run.Read,
        creees = run.Created,
        misesAJour = run.Updated,
        inchangees = run.Unchanged,
        retirees = run.Removed,
        rejetees = run.Rejected,
        anomalies = run.Issues.Select(i => new { ligne = i.Line, champ = i.Field, valeur = i.Value, rejet = i.IsRejection, message = i.Message }),
    };
}
