using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// The whole status table — every EPCI subject to the reform in the date's year (optionally in a région or
/// département) × every instrument, as known today — as CSV (the import format, round-trip safe) or XLSX (with the
/// rates at the date on a second sheet). Public: the source of each status is given, never the name of the person
/// who recorded it; times are UTC.
/// </summary>
public sealed class ExportReformStatuses(EquilibreDb db, GetReformSituation situation)
{
    public sealed record Request(DateOnly AsOf, string? RegionCode, string? DepartementCode);

    public sealed record Row(
        string Siren, string Name, string Departement, string Region, ReformInstrument Instrument, bool InPlace, bool InPlaceAtDate,
        DateOnly? EffectiveDate, string Reference, string Source, DateTimeOffset? RecordedAt, bool IsDemo);

    private static readonly string[] Header =
        ["siren_epci", "nom_epci", "departement", "region", "instrument", "libelle", "en_place", "date_acte", "reference", "en_place_a_la_date", "source", "enregistre_le", "demo"];

    public async Task<IReadOnlyList<Row>> RowsAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = await ReformData.SubjectEpcisAsync(db, request.AsOf.Year, ct) ?? [];
        var epcis = ReformData.Within(subject, request.RegionCode, request.DepartementCode);
        var sirens = epcis.Select(e => e.Siren).ToList();
        var records = await db.ReformRecords.AsNoTracking().Where(r => sirens.Contains(r.EpciSiren)).ToListAsync(ct);
        var latest = records.GroupBy(r => (r.EpciSiren, r.Instrument)).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id).Last());
        var collation = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        return [.. epcis.OrderBy(e => e.DepartementCode, StringComparer.Ordinal).ThenBy(e => e.Name, collation)
            .SelectMany(e => ReformInstruments.All.Select(i =>
            {
                var r = latest.GetValueOrDefault((e.Siren, i));
                var inPlace = r?.InPlace == true;
                return new Row(e.Siren, e.Name, e.DepartementCode, e.RegionCode, i, inPlace, inPlace && r!.EffectiveDate <= request.AsOf,
                    inPlace ? r!.EffectiveDate : null, r?.Reference ?? "", r?.Source ?? "", r?.RecordedAt, r?.IsDemo ?? false);
            }))];
    }

    public async Task<byte[]> CsvAsync(Request request, CancellationToken ct = default)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', Header).Append("\r\n");
        foreach (var r in await RowsAsync(request, ct))
        {
            text.AppendJoin(';', Cells(r, request.AsOf).Select(Quote)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public async Task<byte[]> XlsxAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = await RowsAsync(request, ct);
        var rates = await situation.HandleAsync(new GetReformSituation.Request(request.AsOf, request.RegionCode, request.DepartementCode), ct);
        using var workbook = new XLWorkbook();
        var summary = workbook.AddWorksheet("Taux");
        summary.Cell(1, 1).Value = $"Avancement de la réforme — {rates.FocusName} — situation au {request.AsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        summary.Cell(2, 1).Value = rates.Focus.Denominator;
        string[] titles = ["Instrument", "EPCI en place", "EPCI soumis", "Taux (%)", "Taux France (%)", "Taux national publié DHUP (%)", "Source DHUP"];
        for (var c = 0; c < titles.Length; c++)
        {
            summary.Cell(4, c + 1).Value = titles[c];
        }

        var line = 5;
        foreach (var rate in rates.Focus.Rates)
        {
            summary.Cell(line, 1).Value = ReformInstruments.Label(rate.Instrument);
            summary.Cell(line, 2).Value = rate.InPlace;
            summary.Cell(line, 3).Value = rate.SubjectToReform;
            SetNumber(summary.Cell(line, 4), rate.Percent);
            SetNumber(summary.Cell(line, 5), rates.National.Rates.Single(n => n.Instrument == rate.Instrument).Percent);
            var published = rates.PublishedNational.GetValueOrDefault(rate.Instrument);
            SetNumber(summary.Cell(line, 6), published?.Percent);
            summary.Cell(line, 7).Value = published is null ? "" : $"{published.Source} ({published.AsOf.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)})";
            line++;
        }

        Widths(summary, 38, 14, 12, 10, 14, 22, 50);
        var table = workbook.AddWorksheet("Instruments");
        for (var c = 0; c < Header.Length; c++)
        {
            table.Cell(1, c + 1).Value = Header[c];
        }

        var r = 2;
        foreach (var row in rows)
        {
            var cells = Cells(row, request.AsOf);
            for (var c = 0; c < cells.Length; c++)
            {
                table.Cell(r, c + 1).SetValue(cells[c]);
            }

            r++;
        }

        Widths(table, 12, 40, 12, 8, 24, 36, 9, 12, 40, 18, 36, 20, 6);
        table.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string[] Cells(Row r, DateOnly asOf) =>
    [
        r.Siren, r.Name, r.Departement, r.Region, ReformInstruments.Code(r.Instrument), ReformInstruments.Label(r.Instrument),
        r.InPlace ? "oui" : "non", r.EffectiveDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Reference,
        r.InPlaceAtDate ? "oui" : "non", r.Source, r.RecordedAt?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "", r.IsDemo ? "oui" : "non",
    ];

    private static string Quote(string s) =>
        s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static void SetNumber(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.Value = v;
        }
    }

    // Explicit widths: ClosedXML's AdjustToContents needs libgdiplus (stack.md).
    private static void Widths(IXLWorksheet sheet, params double[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }
    }
}
