using System.Data.Common;

namespace Equilibre.Features.Data;

/// <summary>
/// The texts a large read repeats (EPCI, commune, typology, code lists: a few thousand distinct values over millions of
/// rows), kept once: what the read holds on to shares one instance per value instead of one string per row, so that the
/// garbage collector neither promotes nor scans millions of copies (docs/performance.md). Not thread-safe: one per read.
/// </summary>
public sealed class TextPool
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string Shared(string value) => _texts.TryGetValue(value, out var known) ? known : _texts[value] = value;

    /// <summary>The column's text, shared; null when the column is null.</summary>
    public string? Read(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : Shared(reader.GetString(ordinal));
    }
}
