using System.CommandLine;
using Equilibre.Domain.Targets;
using Equilibre.Features.Organisations;
using Equilibre.Features.Targets;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary>
/// <c>equilibre objectifs --epci &lt;siren&gt; --annee &lt;année&gt; --format json|csv|xlsx|pdf [--groupes bailleur,…] [--sortie fichier]</c>:
/// the targets of an EPCI for a calendar year, run as the instance's operator. <c>json</c> is the document of
/// <c>GET /api/v1/objectifs</c>, <c>csv</c> the dashboard table; <c>xlsx</c> and <c>pdf</c> are the annual CIL bilan
/// (recorded like an edition from the pages). Without <c>--sortie</c>, json and csv go to the standard output and
/// a table is printed for the others.
/// </summary>
internal static class TargetsCommands
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'EPCI (9 chiffres).", Required = true };
        var year = new Option<int>("--annee") { Description = "Année civile des baux signés.", Required = true };
        var format = new Option<string>("--format") { Description = "json (document de l'API), csv (tableau), xlsx ou pdf (bilan annuel de la CIL).", DefaultValueFactory = _ => "json" };
        var groups = new Option<string?>("--groupes") { Description = "Regroupements du tableau json/csv, séparés par des virgules (epci, commune, bailleur, reservataire, qpv, typologie…) ; bailleur par défaut." };
        var output = new Option<FileInfo?>("--sortie") { Description = "Fichier de sortie (obligatoire pour xlsx et pdf)." };
        var command = new Command("objectifs", "Objectifs d'attribution (T1, T2, T3, CIA) d'un EPCI pour une année : tableau, document JSON ou bilan annuel de la CIL.")
        {
            epci, year, format, groups, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var siren = parse.GetValue(epci)!;
            var annee = parse.GetValue(year);
            var kind = parse.GetValue(format)!.ToLowerInvariant();
            var file = parse.GetValue(output);
            if (kind is not ("json" or "csv" or "xlsx" or "pdf"))
            {
                await Console.Error.WriteLineAsync($"--format « {kind} » : json, csv, xlsx ou pdf attendu.");
                return 2;
            }

            if (kind is "xlsx" or "pdf" && file is null)
            {
                await Console.Error.WriteLineAsync($"--format {kind} : indiquez le fichier à écrire avec --sortie.");
                return 2;
            }

            var dimensions = new List<GroupDimension>();
            foreach (var code in (parse.GetValue(groups) ?? "bailleur").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var dimension = Enum.GetValues<GroupDimension>().Where(d => TargetsDocument.DimensionCode(d) == code).Cast<GroupDimension?>().FirstOrDefault();
                if (dimension is null)
                {
                    await Console.Error.WriteLineAsync($"--groupes : regroupement « {code} » inconnu.");
                    return 2;
                }

                dimensions.Add(dimension.Value);
            }

            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var services = scope.ServiceProvider;
            byte[] content;
            if (kind is "xlsx" or "pdf")
            {
                var export = services.GetRequiredService<ExportCilBilan>();
                var request = new ExportCilBilan.Request(siren, annee);
                var document = kind == "pdf" ? await export.PdfAsync(request, CurrentUser.CommandLine, ct) : await export.XlsxAsync(request, CurrentUser.CommandLine, ct);
                if (document.Content is null)
                {
                    await Console.Error.WriteLineAsync(document.Error);
                    return 1;
                }

                content = document.Content;
                AnsiConsole.MarkupLine(Markup.Escape($"Bilan n° {document.RecordId} enregistré ; réédition à l'identique : GET /api/v1/objectifs/bilan?epci={siren}&annee={annee}&edition={document.RecordId}"));
            }
            else
            {
                var result = await services.GetRequiredService<GetTargetsDashboard>().HandleAsync(
                    new GetTargetsDashboard.Request(TargetView.Epci, TargetPeriod.Year(annee), new TargetFilter(siren), dimensions), CurrentUser.CommandLine, ct);
                if (kind == "json")
                {
                    if (file is null)
                    {
                        CliJson.Write(TargetsDocument.Tableau(result));
                        return 0;
                    }

                    content = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(TargetsDocument.Tableau(result), Json));
                }
                else
                {
                    content = TargetTables.Csv(result);
                    if (file is null)
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        await stdout.WriteAsync(content, ct);
                        return 0;
                    }
                }

                var table = new Table().Title(Markup.Escape($"Objectifs — EPCI {siren} — {result.Period.Label}")).AddColumns("Indicateur", "Numérateur", "Dénominateur", "Taux", "Seuil", "Résultat");
                foreach (var f in result.Total.Figures)
                {
                    var c = f.Current;
                    table.AddRow(Markup.Escape(c.RuleVersion), c.Numerator.ToString(Domain.French.Culture), c.Denominator.ToString(Domain.French.Culture), Markup.Escape(c.RateText),
                        Markup.Escape(IndicatorResult.Percent(c.Threshold)), c.Met switch { null => "sans objet", true => "atteint", false => "non atteint" });
                }

                AnsiConsole.Write(table);
            }

            await File.WriteAllBytesAsync(file!.FullName, content, ct);
            AnsiConsole.MarkupLine(Markup.Escape($"Écrit : {file.FullName} ({content.Length} octets)"));
            return 0;
        });
        return command;
    }
}
