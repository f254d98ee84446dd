using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Equilibre.Features.Documents;

/// <summary>
/// The one way Equilibre writes a PDF (CALEOL minutes, CIL bilan, flux bilans): an A4 document that flows headings,
/// paragraphs, tables and images from page to page, with the title and page numbers in every footer. Text is set in
/// DejaVu Sans shipped inside the assembly (PDFsharp finds no font on Linux by itself, stack.md §6), in the WinAnsi
/// encoding so that the figures can be read back (<see cref="PdfText"/>) and copied from any viewer. Use once:
/// write, then <see cref="ToBytes"/>, then dispose.
/// </summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 50;
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Bottom = PageHeight - Margin - 20;
    private const double ContentWidth = PageWidth - (2 * Margin);

    private readonly PdfDocument _document = new();
    private readonly string _title;
    private readonly string _footer;
    private readonly XFont _body;
    private readonly XFont _small;
    private readonly XFont _bold;
    private readonly XFont _h1;
    private readonly XFont _h2;
    private XGraphics? _gfx;
    private double _y;

    public PdfReport(string title, string subtitle, DateTimeOffset generatedAt)
    {
        EquilibreFonts.Register();
        _title = Clean(title);
        _footer = Clean($"Equilibre — {title} — édité le {generatedAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))}");
        _document.Info.Title = _title;
        _document.Info.Creator = "Equilibre";
        _body = new XFont(EquilibreFonts.Family, 9.5);
        _small = new XFont(EquilibreFonts.Family, 8);
        _bold = new XFont(EquilibreFonts.Family, 9.5, XFontStyleEx.Bold);
        _h1 = new XFont(EquilibreFonts.Family, 16, XFontStyleEx.Bold);
        _h2 = new XFont(EquilibreFonts.Family, 12, XFontStyleEx.Bold);
        NewPage();
        Write(_title, _h1, 22);
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            Paragraph(subtitle);
        }

        _y += 6;
    }

    public int PageCount => _document.PageCount;

    /// <summary>A heading: level 1 starts a section (kept with at least 80 pt of what follows), level 2 a sub-section.</summary>
    public void Heading(string text, int level = 1)
    {
        EnsureRoom(80);
        _y += level == 1 ? 10 : 6;
        Write(text, level == 1 ? _h2 : _bold, level == 1 ? 17 : 14);
        _y += 2;
    }

    /// <summary>A paragraph, wrapped to the page width.</summary>
    public void Paragraph(string text, bool small = false)
    {
        var font = small ? _small : _body;
        foreach (var line in Wrap(Clean(text), font, ContentWidth))
        {
            Write(line, font, small ? 10.5 : 12.5);
        }

        _y += 4;
    }

    /// <summary>Bulleted lines.</summary>
    public void Bullets(IEnumerable<string> items, bool small = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        var font = small ? _small : _body;
        foreach (var item in items)
        {
            var lines = Wrap(Clean(item), font, ContentWidth - 12);
            for (var i = 0; i < lines.Count; i++)
            {
                EnsureRoom(13);
                if (i == 0)
                {
                    _gfx!.DrawString("•", font, XBrushes.Black, Margin + 2, _y + font.Size);
                }

                _gfx!.DrawString(lines[i], font, XBrushes.Black, Margin + 12, _y + font.Size);
                _y += small ? 10.5 : 12.5;
            }
        }

        _y += 4;
    }

    /// <summary>
    /// A table with a header row repeated on every page. <paramref name="widths"/> are relative (default: equal);
    /// columns in <paramref name="rightAligned"/> (figures) are aligned right. Cells wrap.
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double>? widths = null, IReadOnlySet<int>? rightAligned = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var relative = widths ?? Enumerable.Repeat(1d, headers.Count).ToList();
        var total = relative.Sum();
        var columns = relative.Select(w => ContentWidth * w / total).ToArray();
        var right = rightAligned ?? new HashSet<int>();
        EnsureRoom(40);
        DrawRow(headers, columns, right, _bold, XBrushes.Black, header: true);
        var shade = false;
        foreach (var row in rows)
        {
            var height = RowHeight(row, columns, _small);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(headers, columns, right, _bold, XBrushes.Black, header: true);
            }

            if (shade)
            {
                _gfx!.DrawRectangle(new XSolidBrush(XColor.FromArgb(244, 246, 248)), Margin, _y, ContentWidth, height);
            }

            DrawRow(row, columns, right, _small, XBrushes.Black, header: false);
            shade = !shade;
        }

        _y += 8;
    }

    /// <summary>A PNG or JPEG image (a chart), scaled to <paramref name="width"/> points at most.</summary>
    public void Image(byte[] image, double width = ContentWidth)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream(image);
        using var picture = XImage.FromStream(stream);
        var w = Math.Min(width, ContentWidth);
        var h = w * picture.PixelHeight / picture.PixelWidth;
        EnsureRoom(h + 6);
        _gfx!.DrawImage(picture, Margin, _y, w, h);
        _y += h + 6;
    }

    /// <summary>
    /// A horizontal bar chart of rates drawn as vectors (no image library): one bar per line, its value written at its
    /// end, and the threshold as a vertical mark with its value in the label, so nothing is told by colour alone.
    /// Values and thresholds are fractions (0.25 = 25 %); a null value is written "sans objet" without bar.
    /// </summary>
    public void Bars(string caption, IReadOnlyList<(string Label, decimal? Value, decimal? Threshold, string ValueText)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const double labelWidth = 170;
        const double valueWidth = 110;
        const double rowHeight = 16;
        var plot = ContentWidth - labelWidth - valueWidth;
        EnsureRoom(30 + (Math.Min(bars.Count, 3) * rowHeight));
        Write(caption, _bold, 14);
        foreach (var (label, value, threshold, text) in bars)
        {
            EnsureRoom(rowHeight);
            var name = Clean(label);
            while (name.Length > 3 && Measure(name, _small) > labelWidth - 6)
            {
                name = name[..^4] + "…";
            }

            _gfx!.DrawString(name, _small, XBrushes.Black, Margin, _y + 10);
            var x = Margin + labelWidth;
            _gfx.DrawRectangle(new XPen(XColor.FromArgb(200, 205, 212), 0.4), x, _y + 2, plot, rowHeight - 5);
            if (value is { } v)
            {
                _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(11, 79, 138)), x, _y + 2, plot * (double)Math.Clamp(v, 0m, 1m), rowHeight - 5);
            }

            if (threshold is { } t)
            {
                var tx = x + (plot * (double)Math.Clamp(t, 0m, 1m));
                _gfx.DrawLine(new XPen(XColors.Black, 1.2), tx, _y, tx, _y + rowHeight - 1);
            }

            _gfx.DrawString(Clean(text), _small, XBrushes.Black, x + plot + 6, _y + 10);
            _y += rowHeight;
        }

        Write("Trait vertical : seuil de l'indicateur ; barre : taux atteint (0 à 100 %).", _small, 12);
        _y += 4;
    }

    public void PageBreak() => NewPage();

    public void Dispose()
    {
        FinishPage();
        _document.Dispose();
    }

    public byte[] ToBytes()
    {
        FinishPage();
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            gfx.DrawString(_footer, _small, XBrushes.Gray, Margin, PageHeight - 30);
            var number = string.Create(CultureInfo.InvariantCulture, $"page {i + 1} / {_document.PageCount}");
            var size = gfx.MeasureString(number, _small);
            gfx.DrawString(number, _small, XBrushes.Gray, PageWidth - Margin - size.Width, PageHeight - 30);
        }

        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The text as the PDF can hold it in WinAnsi: the French narrow no-break space becomes a no-break space.</summary>
    internal static string Clean(string text) => (text ?? "").Replace('\u202F', '\u00A0').Replace('\u2009', ' ');

    private void DrawRow(IReadOnlyList<string> cells, double[] columns, IReadOnlySet<int> right, XFont font, XBrush brush, bool header)
    {
        var height = RowHeight(cells, columns, font);
        if (header)
        {
            _gfx!.DrawRectangle(new XSolidBrush(XColor.FromArgb(222, 228, 236)), Margin, _y, ContentWidth, height);
        }

        var x = Margin;
        for (var c = 0; c < columns.Length; c++)
        {
            var text = c < cells.Count ? Clean(cells[c]) : "";
            var lines = Wrap(text, font, columns[c] - 6);
            var lineY = _y + 3;
            foreach (var line in lines)
            {
                var lx = right.Contains(c) ? x + columns[c] - 3 - _gfx!.MeasureString(line, font).Width : x + 3;
                _gfx!.DrawString(line, font, brush, lx, lineY + font.Size);
                lineY += font.Size + 2.5;
            }

            x += columns[c];
        }

        _y += height;
        _gfx!.DrawLine(new XPen(XColor.FromArgb(200, 205, 212), 0.4), Margin, _y, Margin + ContentWidth, _y);
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] columns, XFont font)
    {
        var lines = 1;
        for (var c = 0; c < columns.Length && c < cells.Count; c++)
        {
            lines = Math.Max(lines, Wrap(Clean(cells[c]), font, columns[c] - 6).Count);
        }

        return (lines * (font.Size + 2.5)) + 5;
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, font) > width)
                {
                    lines.Add(line.ToString());
                    line.Clear().Append(word);
                }
                else
                {
                    line.Clear().Append(candidate);
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    private double Measure(string text, XFont font) => (_gfx ?? throw new InvalidOperationException("no page")).MeasureString(text, font).Width;

    private void Write(string text, XFont font, double lineHeight)
    {
        EnsureRoom(lineHeight);
        _gfx!.DrawString(Clean(text), font, XBrushes.Black, Margin, _y + font.Size);
        _y += lineHeight;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        FinishPage();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private void FinishPage()
    {
        _gfx?.Dispose();
        _gfx = null;
    }
}

/// <summary>Reads back the text of a PDF written by <see cref="PdfReport"/>, one string per page (tests and checks that figures match).</summary>
public static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            var text = new StringBuilder();
            Collect(ContentReader.ReadContent(page), text);
            pages.Add(text.ToString());
        }

        return pages;
    }

    public static string All(byte[] pdf) => string.Join('\n', Pages(pdf));

    private static void Collect(CObject content, StringBuilder text)
    {
        switch (content)
        {
            case COperator op when op.OpCode.Name is "Tj" or "TJ":
                foreach (var operand in op.Operands)
                {
                    Collect(operand, text);
                }

                text.Append('\n');
                break;
            case CSequence sequence:
                foreach (var item in sequence)
                {
                    Collect(item, text);
                }

                break;
            case CString s:
                text.Append(FromWinAnsi(s.Value));
                break;
        }
    }

    // PDFsharp hands WinAnsi codes back as chars 0–255; the few that differ from Latin-1 are mapped back.
    private static string FromWinAnsi(string value) => value
        .Replace('\u0080', '€').Replace('\u009C', 'œ').Replace('\u008C', 'Œ').Replace('\u0092', '’').Replace('\u0096', '–').Replace('\u0097', '—')
        .Replace('\u0095', '•').Replace('\u0085', '…');
}

/// <summary>DejaVu Sans, embedded in the assembly, registered once as PDFsharp's only font.</summary>
internal sealed class EquilibreFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();

    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EquilibreFonts)
            {
                GlobalFontSettings.FontResolver = new EquilibreFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans", false, isItalic);

    public byte[]? GetFont(string faceName)
    {
        using var resource = typeof(EquilibreFonts).Assembly.GetManifestResourceStream($"Equilibre.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"police {faceName} absente de l'assemblage");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}
