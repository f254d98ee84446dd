using System.CommandLine;
using System.Diagnostics;
using Equilibre.Domain;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre cotation calculer [--epci SIREN]</c> and <c>equilibre cotation note NUMERO</c>: the cotation from the command line.</summary>
internal static class CotationCommands
{
    public static Command Create()
    {
        var command = new Command("cotation", "Cotation de la demande : recalcul des notes d'un territoire ou de tous, note d'une demande.");
        command.Subcommands.Add(Compute());
        command.Subcommands.Add(Note());
        return command;
    }

    private static Command Compute()
    {
        var epci = new Option<string?>("--epci") { Description = "SIREN de l'EPCI (par défaut : tous les EPCI ayant une grille publiée en vigueur)." };
        var compute = new Command("calculer", "Recalcule en un lot les notes de toutes les demandes actives sous la grille en vigueur de leur EPCI.") { epci };
        compute.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<ScoreDemands>().RunAsync(parse.GetValue(epci), ct);
            Console.WriteLine(French.Sentence(result.Summary) + French.Format($" ({watch.Elapsed.TotalSeconds:0.0} s)"));
            return 0;
        });
        return compute;
    }

    private static Command Note()
    {
        var numero = new Argument<string>("numero") { Description = "Numéro unique de la demande." };
        var note = new Command("note", "Note d'une demande : détail, position parmi les demandes semblables, délai moyen.") { numero };
        note.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var c = await scope.ServiceProvider.GetRequiredService<GetDemandCotation>().HandleAsync(parse.GetValue(numero)!.Trim().ToUpperInvariant(), CurrentUser.CommandLine, ct);
            if (c is null)
            {
                await Console.Error.WriteLineAsync($"Aucune demande n° « {parse.GetValue(numero)} ».");
                return 1;
            }

            if (c.Score is not { } score)
            {
                Console.WriteLine(French.Sentence(c.NoGridReason ?? "pas de cotation"));
                return 0;
            }

            AnsiConsole.MarkupLine(Markup.Escape(French.Format($"Demande n° {c.Numero} : {score.Total:0.##} points au {score.AsOf:dd/MM/yyyy} (grille « {c.GridLabel} », version {score.GridVersion})")));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Rubrique", "Critère", "Points", "Pourquoi");
            foreach (var line in score.Lines)
            {
                table.AddRow(Markup.Escape(line.Rubric), Markup.Escape(line.Label), Markup.Escape(French.Format($"{(line.Counted ? "" : "(")}{line.Points:0.##}{(line.Counted ? "" : ")")}")), Markup.Escape(line.Why));
            }

            AnsiConsole.Write(table);
            Console.WriteLine("Position : " + c.Position?.Explanation);
            Console.WriteLine("Délai moyen : " + c.Wait?.Explanation);
            return 0;
        });
        return note;
    }
}
