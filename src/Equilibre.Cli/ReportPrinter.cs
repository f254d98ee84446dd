using Equilibre.Features.Imports;
using Spectre.Console;

namespace Equilibre.Cli;

/// <summary>Synchronous progress (System.Progress posts to the thread pool and would report after the fact).</summary>
internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Machine-readable output of the commands that take <c>--json</c>: web defaults, accents kept, indented.</summary>
internal static class CliJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(T value) => Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, Options));
}

/// <summary>Prints import reports as French tables.</summary>
internal static class ReportPrinter
{
    private const int MaxIssuesShown = 40;

    public static void Print(IReadOnlyList<ImportRun> runs)
    {
        var table = new Table().Title("Rapport d'import").Border(TableBorder.Rounded)
            .AddColumns("Données", "Résultat", "Lues", "Créées", "Mises à jour", "Inchangées", "Retirées", "Rejetées", "Signalées");
        foreach (var r in runs)
        {
            table.AddRow(
                Markup.Escape(ImportReferenceData.KindLabel(r.Kind)), r.Succeeded ? "[green]accepté[/]" : "[red]refusé[/]",
                N(r.Read), N(r.Created), N(r.Updated), N(r.Unchanged), N(r.Removed), N(r.Rejected), N(r.Issues.Count(i => !i.IsRejection)));
        }

        AnsiConsole.Write(table);
        foreach (var r in runs)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(ImportReferenceData.KindLabel(r.Kind))}[/] — source : {Markup.Escape(r.Source)}");
            if (r.Failure is not null)
            {
                AnsiConsole.MarkupLine($"  [red]refusé :[/] {Markup.Escape(r.Failure)}");
            }

            var issues = r.Issues.OrderByDescending(i => i.IsRejection).ThenBy(i => i.Line).ToList();
            if (issues.Count == 0)
            {
                continue;
            }

            AnsiConsole.MarkupLine($"  {issues.Count} ligne(s) rejetée(s) ou signalée(s) :");
            foreach (var i in issues.Take(MaxIssuesShown))
            {
                AnsiConsole.MarkupLine($"    {(i.IsRejection ? "[red]rejet[/]" : "[yellow]signalement[/]")} {Markup.Escape(i.Message)}");
            }

            if (issues.Count > MaxIssuesShown)
            {
                AnsiConsole.MarkupLine($"    … et {issues.Count - MaxIssuesShown} autre(s) : voir /administration/imports dans l'application web.");
            }
        }
    }

    private static string N(int value) => value.ToString("N0", Domain.French.Culture);
}
