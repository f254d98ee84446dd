using System.CommandLine;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Cli;

/// <summary><c>equilibre import qpv &lt;csv&gt; [--json]</c>; the stock imports (RPLS, OPS) will join it.</summary>
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
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().Database.MigrateAsync(ct);
            var run = await scope.ServiceProvider.GetRequiredService<ImportPriorityAreas>()
                .HandleAsync(new ImportPriorityAreas.Request(parse.GetValue(file)!.FullName, "ligne de commande"), ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(Report(run));
            }
            else
            {
                ReportPrinter.Print([run]);
            }

            return run.Succeeded ? 0 : 1;
        });
        var import = new Command("import", "Imports de données (chacun affiche son rapport).");
        import.Subcommands.Add(qpv);
        return import;
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
