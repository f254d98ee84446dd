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
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(checkHeader);
        var headerLine = reader.ReadLine() ?? throw new ImportFileException("le fichier est vide : une ligne d'en-tête est attendue");
        var separator = headerLine.Count(c => c == ';') > headerLine.Count(c => c == ',') ? ';' : ',';
        var header = Split(headerLine, separator, 1).Select(h => h.Trim()).ToArray();
        checkHeader(header);
        var lineNumber = 1;
        while (ReadRecord(reader, ref lineNumber) is { } record)
        {
            var startLine = record.StartLine;
            if (record.Text.Length == 0)
            {
                continue;
            }

            var fields = Split(record.Text, separator, startLine);
            if (fields.Count != header.Length)
            {
                throw new ImportFileException(
                    $"ligne {startLine} : {fields.Count} champ(s) au lieu des {header.Length} de l'en-tête (séparateur « {separator} »)");
            }

            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                map[header[i]] = fields[i].Trim();
            }

            yield return new DelimitedRow(startLine, map);
        }
    }

    private sealed record RawRecord(int StartLine, string Text);

    // A record may span several physical lines when a quoted field holds a line break.
    private static RawRecord? ReadRecord(TextReader reader, ref int lineNumber)
    {
        var line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        lineNumber++;
        var start = lineNumber;
        var text = new StringBuilder(line);
        while (text.ToString().Count(c => c == '"') % 2 == 1)
        {
            line = reader.ReadLine();
            if (line is null)
            {
                throw new ImportFileException($"ligne {start} : guillemet ouvert jamais fermé");
            }

            lineNumber++;
            text.Append('\n').Append(line);
        }

        return new RawRecord(start, text.ToString());
    }

    private static List<string> Split(string text, char separator, int line)
    {
        var fields = new List<string>();
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
        return fields;
    }
}

/// <summary>The file as a whole cannot be imported (structure, encoding): nothing of it is committed.</summary>
public sealed class ImportFileException(string message) : Exception(message);
