using System.CommandLine;
using System.Globalization;
using Equilibre.Domain;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary><c>equilibre reforme import &lt;csv&gt;</c> and <c>equilibre reforme taux</c>.</summary>
internal static class ReformCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("fichier") { Description = "Fichier CSV au format de l'export (siren_epci, instrument, en_place, date_acte, reference)." };
        var import = new Command("import",
            "Importe l'avancement de la réforme depuis un CSV. Le fichier est accepté en entier ou refusé en entier ; "
            + "une ligne identique à l'état connu ne crée rien. Exécuté en tant qu'opérateur de l'instance (droits d'administrateur).")
        {
            file,
        };
        import.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var run = await scope.ServiceProvider.GetRequiredService<ImportReformStatuses>()
                .HandleAsync(new ImportReformStatuses.Request(parse.GetValue(file)!.FullName), CurrentUser.CommandLine, ct);
            ReportPrinter.Print([run]);
            return run.Succeeded ? 0 : 1;
        });

        var region = new Option<string?>("--region") { Description = "Code de la région (ex. 44 pour le Grand Est) ; sans option, la France entière." };
        var departement = new Option<string?>("--departement") { Description = "Code du département." };
        var date = new Option<string?>("--date") { Description = "Date de la situation, AAAA-MM-JJ (par défaut : aujourd'hui)." };
        var json = new Option<bool>("--json") { Description = "Sortie JSON (même document que GET /api/v1/reforme/taux)." };
        var rates = new Command("taux", "Taux d'avancement de la réforme par instrument à une date, avec le dénominateur utilisé.")
        {
            region,
            departement,
            date,
            json,
        };
        rates.SetAction(async (parse, ct) =>
        {
            var dateText = parse.GetValue(date);
            DateOnly asOf;
            if (dateText is null)
            {
                asOf = Features.FrenchTime.Today(TimeProvider.System);
            }
            else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
            {
                await Console.Error.WriteLineAsync($"--date « {dateText} » : date attendue au format AAAA-MM-JJ.");
                return 2;
            }

            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<GetReformSituation>()
                .HandleAsync(new GetReformSituation.Request(asOf, parse.GetValue(region), parse.GetValue(departement)), ct);
            var document = ReformRatesDocument.From(result);
            if (parse.GetValue(json))
            {
                CliJson.Write(document);
                return 0;
            }

            var table = new Table().Title(Markup.Escape($"{document.Perimetre} — situation au {asOf.ToString("dd/MM/yyyy", French.Culture)}"))
                .AddColumns("Instrument", "En place / soumis", "Taux", "France", "National publié");
            foreach (var t in document.Instruments)
            {
                table.AddRow(Markup.Escape(t.Libelle), $"{t.EnPlace} / {t.Soumis}", Pct(t.TauxPourcent), Pct(t.TauxFrancePourcent), Pct(t.TauxNationalPublie));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(document.Denominateur));
            return 0;
        });

        var reform = new Command("reforme", "Suivi de la réforme (CIL, orientations, CIA, PPGD, cotation, gestion en flux).");
        reform.Subcommands.Add(import);
        reform.Subcommands.Add(rates);
        return reform;
    }

    private static string Pct(decimal? p) => p is null ? "—" : p.Value.ToString("0.0", French.Culture) + " %";
}
