using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Equilibre.Domain;
using Equilibre.Domain.Targets;

namespace Equilibre.Features.Targets;

/// <summary>
/// The tables of the targets as rows of cells, one writer for the dashboard downloads (CSV, XLSX), the CIL bilan and
/// the flux bilan (XLSX, PDF), so that every document shows the figures of the page: one row per group × indicator
/// with numerator, denominator, rate, threshold, verdict, exclusions with their reasons, rule version, and the data
/// quality of the group. Numbers stay numbers in XLSX; rates are percentages with one decimal.
/// </summary>
public static class TargetTables
{
    public static readonly string[] Header =
    [
        "groupe", "indicateur", "version", "libelle", "numerateur", "denominateur", "taux_pct", "seuil_pct", "atteint", "exclues",
        "detail_exclusions", "precisions", "source_seuil", "taux_periode_precedente_pct", "evolution_points", "baux_du_groupe", "qualite_des_donnees",
    ];

    /// <summary>A cell: text, or a number (XLSX keeps it numeric).</summary>
    public readonly record struct Cell(string Text, decimal? Number)
    {
        public static implicit operator Cell(string text) => new(text, null);

        public static Cell Of(decimal? value) => value is { } v ? new(v.ToString(CultureInfo.InvariantCulture), v) : new("", null);

        public static Cell Of(int value) => new(value.ToString(CultureInfo.InvariantCulture), value);
    }

    public static IReadOnlyList<Cell> Row(string group, IndicatorResult current, IndicatorResult? previous, DataQuality quality)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(quality);
        var delta = new IndicatorChange(new GroupKey([], []), current, previous).DeltaPoints;
        return
        [
            group, current.Definition.Id, current.RuleVersion, current.Definition.Label, Cell.Of(current.Numerator), Cell.Of(current.Denominator),
            Cell.Of(Pct(current.Rate)), Cell.Of(Pct(current.Threshold)), current.Met switch { null => "sans objet", true => "oui", false => "non" },
            Cell.Of(current.Excluded), string.Join(" ; ", current.Exclusions.Select(e => French.Format($"{e.Count} {e.Label}"))),
            string.Join(" ; ", current.Details.Select(e => French.Format($"{e.Count} {e.Label}"))), current.ThresholdSource,
            Cell.Of(Pct(previous?.Rate)), Cell.Of(delta), Cell.Of(quality.Leases), string.Join(" ; ", quality.Lines),
        ];
    }

    public static decimal? Pct(decimal? fraction) => fraction is { } f ? Math.Round(100m * f, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>The rows of a dashboard: the whole first, then each group.</summary>
    public static IEnumerable<IReadOnlyList<Cell>> Rows(GetTargetsDashboard.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var line in result.Lines.Prepend(result.Total))
        {
            foreach (var f in line.Figures)
            {
                yield return Row(line.Label, f.Current, f.Previous, line.Quality);
            }
        }
    }

    /// <summary>The rows of one report (no comparison), with labels.</summary>
    public static IEnumerable<IReadOnlyList<Cell>> Rows(TargetReport report, TargetLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var group in report.Groups)
        {
            foreach (var i in group.Indicators)
            {
                yield return Row(labels.Of(group.Key), i, null, group.Quality);
            }
        }
    }

    /// <summary>CSV (semicolon, UTF-8 with BOM, as the other exports) of the dashboard table.</summary>
    public static byte[] Csv(GetTargetsDashboard.Result result) => Csv(Header, Rows(result));

    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendJoin(';', header.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(';', row.Select(c => Quote(c.Text))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>XLSX of the dashboard: the table, then the method and notes.</summary>
    public static byte[] Xlsx(GetTargetsDashboard.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var workbook = new XLWorkbook();
        Sheet(workbook, "Indicateurs", Header, Rows(result));
        Lines(workbook, "Méthode", [$"Objectifs d'attribution — vue {TargetsQuery.ViewLabel(result.View)} — {result.Period.Label} (comparaison : {result.PreviousPeriod.Label})", .. result.Notes, .. result.Method]);
        return Save(workbook);
    }

    public static void Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sheet = workbook.AddWorksheet(name);
        for (var c = 0; c < header.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = header[c];
            // Explicit widths: ClosedXML's AdjustToContents needs libgdiplus (stack.md).
            sheet.Column(c + 1).Width = c == 0 ? 48 : header[c].Length < 12 ? 12 : Math.Min(40, header[c].Length + 4);
        }

        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                if (row[c].Number is { } n)
                {
                    sheet.Cell(r, c + 1).Value = n;
                }
                else
                {
                    sheet.Cell(r, c + 1).SetValue(row[c].Text);
                }
            }

            r++;
        }

        sheet.SheetView.FreezeRows(1);
    }

    public static void Lines(XLWorkbook workbook, string name, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(lines);
        var sheet = workbook.AddWorksheet(name);
        sheet.Column(1).Width = 160;
        var r = 1;
        foreach (var line in lines)
        {
            sheet.Cell(r++, 1).SetValue(line);
        }
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Quote(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
