using System.Text;

namespace Equilibre.Domain.Territory;

/// <summary>
/// Normalises EPCI names so that the name printed in a ministerial arrêté ("CA Troyes Champagne Métropole")
/// and the name of the official geographic code ("CA Troyes Champagne Métropole", "Agglomération du Grand
/// Longwy" / "CA Grand Longwy Agglomération") can be compared. The arrêtés fixing the first-quartile threshold
/// publish no SIREN in the transcription we hold (data/reference/seuils-q1/PROVENANCE.md), so joins are by name.
/// </summary>
public static class EpciName
{
    // Leading legal-form words, longest first; the arrêtés and the COG use them inconsistently.
    private static readonly string[] LeadingForms =
    [
        "communaute d agglomeration", "communaute de communes", "communaute urbaine",
        "etablissement public territorial", "metropole", "eurometropole", "agglomeration", "ca", "cc", "cu", "ept",
    ];

    private static readonly string[] LeadingArticles = ["de la", "de l", "du", "des", "de", "d", "le", "la", "les", "l"];

    private static readonly string[] TrailingForms = ["agglomeration", "metropole"];

    /// <summary>Lower case, no accents, no punctuation, no legal form, no leading article, no parenthesised acronym.</summary>
    public static string Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var withoutParentheses = RemoveParenthesised(name);
        var words = SearchText.Fold(withoutParentheses).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        StripLeading(words, LeadingForms);
        StripLeading(words, LeadingArticles);
        StripTrailing(words, TrailingForms);
        return words.Count == 0 ? string.Empty : string.Join(' ', words);
    }

    /// <summary>
    /// The legal form a published name starts with — "CA", "CC", "CU", "METRO" — or null when it names none.
    /// Used to tell apart two EPCI whose names differ only by it ("CA du Sud" and "CC du Sud" in overseas départements).
    /// </summary>
    public static string? LegalForm(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var first = name.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
        return first switch
        {
            "CA" or "CC" or "CU" => first,
            "COMMUNAUTÉ" or "COMMUNAUTE" => name.Contains("agglomération", StringComparison.OrdinalIgnoreCase) ? "CA"
                : name.Contains("urbaine", StringComparison.OrdinalIgnoreCase) ? "CU" : "CC",
            "MÉTROPOLE" or "METROPOLE" => "METRO",
            _ => null,
        };
    }

    private static string RemoveParenthesised(string name)
    {
        var builder = new StringBuilder(name.Length);
        var depth = 0;
        foreach (var c in name)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void StripLeading(List<string> words, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var parts = phrase.Split(' ');
            if (words.Count > parts.Length && words.Take(parts.Length).SequenceEqual(parts, StringComparer.Ordinal))
            {
                words.RemoveRange(0, parts.Length);
                return;
            }
        }
    }

    private static void StripTrailing(List<string> words, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (words.Count > 1 && string.Equals(words[^1], phrase, StringComparison.Ordinal))
            {
                words.RemoveAt(words.Count - 1);
                return;
            }
        }
    }
}
