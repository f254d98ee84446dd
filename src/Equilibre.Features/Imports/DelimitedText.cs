using System.Text;

namespace Equilibre.Features.Imports;

/// <summary>One parsed line of a delimited file: its 1-based line number and its fields by header name.</summary>
public sealed record DelimitedRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields.TryGetValue(column, out var v) ? v : "";
}

/// <summary>
/// Reads French administrative CSV files: <c>,</c> or <c>;</c> (guessed from the header), RFC 4180 quotes,
/// UTF-8 with or without BOM, or Windows-1252 when the bytes are not valid UTF-8. Streams line by line.
/// </summary>
public static class DelimitedText
{
    static DelimitedText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Opens a file with the right encoding: a first pass decodes it as strict UTF-8 in 80 kB chunks (memory stays
    /// flat whatever the size), falling back to Windows-1252 at the first invalid byte.
    /// </summary>
    public static StreamReader Open(string path)
    {
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            using (var probe = new StreamReader(path, strictUtf8, detectEncodingFromByteOrderMarks: true))
            {
                var buffer = new char[81920];
                while (probe.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }

            return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (DecoderFallbackException)
        {
            return new StreamReader(path, Encoding.GetEncoding(1252), detectEncodingFromByteOrderMarks: false);
        }
    }

    /// <summary>
    /// Reads the header and yields the rows. Throws <see cref="ImportFileException"/> when a required column is
    /// missing or a line has a different number of fields than the header.
    /// </summary>
    public static IEnumerable<DelimitedRow> Read(TextReader reader, IReadOnlyCollection<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        return Read(reader, header =>
        {
            var missing = requiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
            {
                throw new ImportFileException(
                    $"ligne 1 (en-tête) : colonne(s) obligatoire(s) absente(s) : {string.Join(", ", missing)} ; colonnes trouvées : {string.Join(", ", header)}");
            }
        });
    }

    /// <summary>
    /// Reads the header, hands it to <paramref name="checkHeader"/> (which throws <see cref="ImportFileException"/> to
    /// refuse the file, e.g. when a column is known under several names by file generation), then yields the rows.
    /// </summary>
    public static IEnumerable<DelimitedRow> Read(TextReader reader, Action<IReadOnlyList<string>> checkHeader)
    {
        ArgumentNullException.ThrowIfNull(checkHeader);
        IReadOnlyList<string> header = [];
        foreach (var record in ReadFields(reader, h =>
        {
            header = h;
            checkHeader(h);
        }))
        {
            var map = new Dictionary<string, string>(header.Count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                map[header[i]] = record.Fields[i];
            }

            yield return new DelimitedRow(record.Line, map);
        }
    }

    /// <summary>
    /// Same as <see cref="Read(TextReader, Action{IReadOnlyList{string}})"/> without a dictionary per line: the fields
    /// come in header order (trimmed), for callers that resolve their column indexes once from the header with
    /// <see cref="IndexOf"/>. The array of a record is reused by the next one: read it before moving on.
    /// </summary>
    public static IEnumerable<DelimitedRecord> ReadFields(TextReader reader, Action<IReadOnlyList<string>> checkHeader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(checkHeader);
        var headerLine = reader.ReadLine() ?? throw new ImportFileException("le fichier est vide : une ligne d'en-tête est attendue");
        var separator = headerLine.Count(c => c == ';') > headerLine.Count(c => c == ',') ? ';' : ',';
        var fields = new List<string>();
        Split(headerLine, separator, 1, fields);
        var header = fields.Select(h => h.Trim()).ToArray();
        checkHeader(header);
        var values = new string[header.Length];
        var lineNumber = 1;
        var builder = new StringBuilder();
        while (ReadRecord(reader, ref lineNumber, builder) is { } record)
        {
            var startLine = record.StartLine;
            if (record.Text.Length == 0)
            {
                continue;
            }

            fields.Clear();
            Split(record.Text, separator, startLine, fields);
            if (fields.Count != header.Length)
            {
                throw new ImportFileException(
                    $"ligne {startLine} : {fields.Count} champ(s) au lieu des {header.Length} de l'en-tête (séparateur « {separator} »)");
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i] = fields[i].Trim();
            }

            yield return new DelimitedRecord(startLine, values);
        }
    }

    /// <summary>
    /// The index of a column in a header (case-insensitive; the last one when the name is repeated, as the dictionary
    /// of <see cref="DelimitedRow"/> keeps it), or -1.
    /// </summary>
    public static int IndexOf(IReadOnlyList<string> header, string column)
    {
        ArgumentNullException.ThrowIfNull(header);
        for (var i = header.Count - 1; i >= 0; i--)
        {
            if (string.Equals(header[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct RawRecord(int StartLine, string Text);

    // A record may span several physical lines when a quoted field holds a line break.
    private static RawRecord? ReadRecord(TextReader reader, ref int lineNumber, StringBuilder text)
    {
        var line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        lineNumber++;
        var start = lineNumber;
        var quotes = CountQuotes(line);
        if (quotes % 2 == 0)
        {
            return new RawRecord(start, line);
        }

        text.Clear().Append(line);
        while (quotes % 2 == 1)
        {
            line = reader.ReadLine();
            if (line is null)
            {
                throw new ImportFileException($"ligne {start} : guillemet ouvert jamais fermé");
            }

            lineNumber++;
            text.Append('\n').Append(line);
            quotes += CountQuotes(line);
        }

        return new RawRecord(start, text.ToString());
    }

    private static int CountQuotes(string line) => line.AsSpan().Count('"');

    private static void Split(string text, char separator, int line, List<string> fields)
    {
        if (!text.Contains('"', StringComparison.Ordinal))
        {
            var from = 0;
            int at;
            while ((at = text.IndexOf(separator, from)) >= 0)
            {
                fields.Add(text[from..at]);
                from = at + 1;
            }

            fields.Add(text[from..]);
            return;
        }

        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw new ImportFileException($"ligne {line} : guillemet ouvert jamais fermé");
        }

        fields.Add(current.ToString());
    }
}

/// <summary>One parsed line of a delimited file: its 1-based line number and its fields in header order.</summary>
public readonly record struct DelimitedRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>The file as a whole cannot be imported (structure, encoding): nothing of it is committed.</summary>
public sealed class ImportFileException(string message) : Exception(message);
