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
}
