using System.CommandLine;
using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary>
/// <c>equilibre parc examen --bailleur &lt;siren&gt; [--date AAAA-MM-JJ] [--mois N] [--csv fichier]</c>: the examen
/// d'occupation list of a bailleur (L442-5-2), run as the instance's operator.
/// </summary>
internal static class ParcCommands
{
    public static Command Create()
    {
        var command = new Command("parc", "Parc social : examen d'occupation.");
        command.Subcommands.Add(Review());
        return command;
    }

    private static Command Review()
    {
        var bailleur = new Option<string>("--bailleur") { Description = "SIREN du bailleur (9 chiffres).", Required = true };
        var date = new Option<string?>("--date") { Description = "Début de la période (AAAA-MM-JJ) ; aujourd'hui par défaut." };
        var months = new Option<int?>("--mois") { Description = "Durée de la période en mois ; paramètre Occupation:HorizonExamenMois (3) par défaut." };
        var csv = new Option<FileInfo?>("--csv") { Description = "Écrit aussi la liste en CSV (point-virgule, UTF-8 avec BOM) dans ce fichier." };
        var command = new Command("examen", "Liste des logements dont l'examen triennal de l'occupation tombe dans la période, avec les situations à signaler à la CALEOL.")
        {
            bailleur, date, months, csv,
        };
        command.SetAction(async (parse, ct) =>
        {
            DateOnly? asOf = null;
            if (parse.GetValue(date) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"--date « {text} » : date attendue au format AAAA-MM-JJ.");
                    return 2;
                }

                asOf = parsed;
            }

            if (parse.GetValue(months) is < 1)
            {
                await Console.Error.WriteLineAsync("--mois : un entier positif est attendu.");
                return 2;
            }

            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var request = new ListOccupancyReview.Request(parse.GetValue(bailleur)!, asOf, parse.GetValue(months));
            var export = await scope.ServiceProvider.GetRequiredService<ExportOccupancyReview>().HandleAsync(request, CurrentUser.CommandLine, ct);
            var list = export.List;
            if (list.Outcome != OccupancyReviewOutcome.Listed)
            {
                await Console.Error.WriteLineAsync(French.Sentence(list.Message));
                return 1;
            }

            var table = new Table()
                .Title(Markup.Escape(French.Format($"Examen d'occupation (L442-5-2) — {list.BailleurName} — échéances du {list.From:dd/MM/yyyy} au {list.Until.AddDays(-1):dd/MM/yyyy}")))
                .Border(TableBorder.Rounded).AddColumns("Logement", "Adresse", "Échéance", "Ménage", "CALEOL", "Situations");
            foreach (var e in list.Entries)
            {
                var situations = e.Findings.Count == 0 ? "aucune" : string.Join("\n", e.Findings.Select(f => ListOccupancyReview.Label(f.Reason)));
                if (e.Undetermined.Count > 0)
                {
                    situations += "\n(" + e.Undetermined.Count + " point(s) indéterminé(s), voir --csv)";
                }

                table.AddRow(Markup.Escape(e.RplsId), Markup.Escape(e.Address), French.Format($"{e.ReviewOn:dd/MM/yyyy}"),
                    Markup.Escape(French.Format($"{e.Persons} pers., {OccupancyProfile.Label(e.HouseholdType)} (OPS {e.SurveyYear})")),
                    e.SendToCaleol ? "à transmettre" : "—", Markup.Escape(situations));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(French.Sentence(list.Message)));
            foreach (var line in list.Explanation)
            {
                AnsiConsole.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
            }

            if (parse.GetValue(csv) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, export.Csv!, ct);
                AnsiConsole.MarkupLine(Markup.Escape($"Liste écrite dans {file.FullName}."));
            }

            return 0;
        });
        return command;
    }
}
