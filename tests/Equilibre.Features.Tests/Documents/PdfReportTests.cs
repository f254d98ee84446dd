using Equilibre.Features.Documents;


namespace Equilibre.Features.Tests.Documents;

public sealed class PdfReportTests
{
    [Fact]
    public void Writes_french_text_tables_across_pages_and_reads_it_back()
    {
        using var report = new PdfReport("Procès-verbal de la CALEOL", "Séance du 3 mars 2026 — Habitat Champagne (démo)", new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
        report.Heading("Décisions");
        report.Paragraph("Attribution en rang 1 ; loyer 412,50 € ; cœur de quartier, « Croix-Rouge ».");
        report.Bullets(["premier point", "second point"]);
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[$"ligne {i}", (i * 1000).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))]).ToList();
        report.Table(["Libellé", "Montant"], rows, [3, 1], new HashSet<int> { 1 });

        var pdf = report.ToBytes();
        var pages = PdfText.Pages(pdf);

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        var all = PdfText.All(pdf);
        Assert.Contains("Procès-verbal de la CALEOL", all, StringComparison.Ordinal);
        Assert.Contains("412,50 €", all, StringComparison.Ordinal);
        Assert.Contains("cœur de quartier, « Croix-Rouge »", all, StringComparison.Ordinal);
        Assert.Contains("ligne 120", all, StringComparison.Ordinal);
        Assert.Contains("120\u00A0000", all, StringComparison.Ordinal);
        Assert.Contains($"page 1 / {pages.Count}", pages[0], StringComparison.Ordinal);
        Assert.Contains("Libellé", pages[^1], StringComparison.Ordinal);
    }
}
