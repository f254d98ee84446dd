using System.CommandLine;
using System.Globalization;
using Equilibre.Domain;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary>
/// <c>equilibre demandes show|a-renouveler|radier-expirees|seuils</c>: the registry from the command line, run as the
/// instance's operator (every demand visible).
/// </summary>
internal static class DemandCommands
{
    public static Command Create()
    {
        var command = new Command("demandes", "Registre des demandes de logement social.");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Renewals());
        command.Subcommands.Add(RadiateExpired());
        command.Subcommands.Add(Thresholds());
        return command;
    }

    private static Command Show()
    {
        var numero = new Argument<string>("numero") { Description = "Numéro unique de la demande (18 caractères)." };
        var json = new Option<bool>("--json") { Description = "La demande et ses faits calculés en JSON (même document que GET /api/v1/demandes/{numero})." };
        var show = new Command("show", "Affiche une demande avec ses faits calculés : personnes, catégorie, UC, ressources par UC, Q1 et seuil utilisé, éligibilité.") { numero, json };
        show.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var demand = await scope.ServiceProvider.GetRequiredService<GetDemand>().HandleAsync(parse.GetValue(numero)!.Trim().ToUpperInvariant(), CurrentUser.CommandLine, ct);
            if (demand is null)
            {
                await Console.Error.WriteLineAsync($"Aucune demande n° « {parse.GetValue(numero)} ».");
                return 1;
            }

            var document = DemandDocument.From(demand);
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(document, Indented));
                return 0;
            }

            var f = document.Faits;
            AnsiConsole.MarkupLine($"[bold]Demande n° {document.Numero}[/] — {Markup.Escape(document.StatutLibelle)}{(document.Demo ? " [grey](démo)[/]" : "")}");
            AnsiConsole.MarkupLine(Markup.Escape(French.Format($"Demandeur : {demand.File.Applicant.FullName} ; enregistrée le {document.EnregistreeLe:dd/MM/yyyy}, ancienneté {document.AncienneteJours} jours")));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Fait", "Valeur", "Explication");
            table.AddRow("Personnes à loger", f.Personnes.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(" ; ", f.PersonnesExplication)));
            table.AddRow("Catégorie de ménage", f.Categorie.ToString(CultureInfo.InvariantCulture), Markup.Escape(f.CategorieExplication));
            table.AddRow("Unités de consommation", Markup.Escape(French.Format($"{f.UnitesConsommation:0.0#}")), Markup.Escape(string.Join(" ; ", f.UcExplication)));
            table.AddRow("Ressources par UC et par an", Markup.Escape(f.RessourcesAnnuellesParUc is { } r ? French.Format($"{r:N2} €") : "inconnues"), Markup.Escape(string.Join(" ; ", f.RessourcesExplication)));
            table.AddRow("Premier quartile", Markup.Escape(f.PremierQuartile.Libelle), Markup.Escape(string.Join(" ; ", f.PremierQuartile.Explication)));
            foreach (var e in f.Eligibilite)
            {
                table.AddRow($"Éligibilité {e.Financement}", Markup.Escape(e.Libelle), Markup.Escape(string.Join(" ; ", e.Motifs)));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]Règles paramétrables (non confirmées) : " + Markup.Escape(string.Join(" ; ", f.ReglesNonConfirmees)) + "[/]");
            return 0;
        });
        return show;
    }

    private static Command Renewals()
    {
        var record = new Option<bool>("--enregistrer-avis") { Description = "Enregistre l'envoi de l'avis de renouvellement pour chaque demande due." };
        var command = new Command("a-renouveler", "Demandes dont l'échéance tombe dans le mois (avis de renouvellement dû) et demandes expirées non radiées.") { record };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            if (parse.GetValue(record))
            {
                var recorded = await scope.ServiceProvider.GetRequiredService<RecordRenewalNotices>().HandleAsync(null, CurrentUser.CommandLine, ct);
                AnsiConsole.MarkupLine(French.Format($"{recorded} avis de renouvellement enregistré(s)."));
            }

            var list = await scope.ServiceProvider.GetRequiredService<ListRenewalsDue>().HandleAsync(CurrentUser.CommandLine, ct);
            var table = new Table().Title(French.Format($"À renouveler au {list.Today:dd/MM/yyyy}")).Border(TableBorder.Rounded).AddColumns("Numéro", "Demandeur", "Échéance", "Avis");
            foreach (var i in list.Due.Items)
            {
                table.AddRow(i.Numero, Markup.Escape(i.ApplicantName), French.Format($"{i.ExpiresOn:dd/MM/yyyy}"),
                    i.NoticeSentOn is { } sent ? French.Format($"envoyé le {sent:dd/MM/yyyy}") : "à envoyer");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(French.Format($"{list.Due.Total:N0} demande(s) à renouveler")
                + (list.Due.Pages > 1 ? French.Format($" (les {list.Due.Items.Count} premières affichées)") : "")
                + French.Format($", dont {list.NoticesToSend:N0} sans avis enregistré ; {list.Expired.Total:N0} demande(s) expirée(s) à radier (equilibre demandes radier-expirees)."));
            return 0;
        });
        return command;
    }

    private static Command RadiateExpired()
    {
        var command = new Command("radier-expirees", "Radie pour non-renouvellement (RADREN), à leur date d'échéance, les demandes dont la validité est passée.");
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var count = await scope.ServiceProvider.GetRequiredService<RadiateExpiredDemands>().HandleAsync(CurrentUser.CommandLine, ct);
            AnsiConsole.MarkupLine(French.Format($"{count} demande(s) radiée(s) pour non-renouvellement."));
            return 0;
        });
        return command;
    }

    private static Command Thresholds()
    {
        var year = new Option<int?>("--annee") { Description = "Année du stock au 31 décembre (par défaut : l'an dernier) ; comparé au seuil officiel de l'année suivante." };
        var json = new Option<bool>("--json") { Description = "Sortie JSON." };
        var command = new Command("seuils", "Recalcule le seuil du premier quartile de chaque EPCI à partir des demandes actives au 31 décembre, à côté du seuil officiel.") { year, json };
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<EquilibreDb>().MigrateAsync(ct);
            var stockYear = parse.GetValue(year) ?? Features.FrenchTime.Today(TimeProvider.System).Year - 1;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<RecomputeQ1Thresholds>().HandleAsync(new(stockYear), CurrentUser.CommandLine, ct);
            watch.Stop();
            if (parse.GetValue(json))
            {
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, Indented));
                return 0;
            }

            var table = new Table().Title(French.Format($"Seuils recalculés sur le stock au {result.StockDate:dd/MM/yyyy}, comparés aux seuils officiels {result.OfficialYear}"))
                .Border(TableBorder.Rounded).AddColumns("EPCI", "Demandes", "Seuil recalculé", "Seuil officiel", "Écart");
            foreach (var r in result.Rows)
            {
                table.AddRow(Markup.Escape(r.EpciName), French.Format($"{r.Demands:N0}"), r.Local is { } l ? French.Format($"{l:N0} €") : "—",
                    r.Official is { } o ? French.Format($"{o:N0} €") : "—", r.GapPercent is { } g ? French.Format($"{g:+0.0;-0.0;0} %") : "—");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape(result.Population) + French.Format($" ; {result.DemandsWithoutResources} demande(s) sans ressources connues exclue(s) ; calcul en {watch.ElapsedMilliseconds} ms."));
            return 0;
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new(DemandJson.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
