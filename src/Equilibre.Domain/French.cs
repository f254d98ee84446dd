using System.Globalization;

namespace Equilibre.Domain;

/// <summary>The culture every French explanation is written in (numbers "10 154", dates "31/12/2026").</summary>
public static class French
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Formats an interpolated explanation with French separators.</summary>
    public static string Format(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(Culture);
    }

    /// <summary>A message of the rules as a sentence: capital first letter, final full stop.</summary>
    public static string Sentence(string text) =>
        string.IsNullOrEmpty(text) ? text : char.ToUpper(text[0], Culture) + text[1..] + (text.EndsWith('.') ? "" : ".");
}
