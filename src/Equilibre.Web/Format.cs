using Equilibre.Domain;

namespace Equilibre.Web;

/// <summary>French formatting for the views: "10 154 €", "31/12/2026 à 14:05", "30,9 %".</summary>
public static class Format
{
    public static string Number(int? value) => value?.ToString("N0", French.Culture) ?? "—";

    public static string Number(decimal? value) => value?.ToString("N0", French.Culture) ?? "—";

    public static string Euros(decimal? value) => value is null ? "—" : value.Value.ToString("N0", French.Culture) + " €";

    /// <summary>Cotation points: whole numbers without decimals, otherwise up to two (12,5).</summary>
    public static string Points(decimal value) => value.ToString("0.##", French.Culture);

    /// <summary>A message from the domain as a sentence: capital first letter, final full stop.</summary>
    public static string Sentence(string text) => French.Sentence(text);

    public static string Date(DateOnly? value) => value?.ToString("dd/MM/yyyy", French.Culture) ?? "—";

    public static string DateTime(DateTimeOffset value) =>
        Features.FrenchTime.InFrance(value).ToString("dd/MM/yyyy 'à' HH:mm", French.Culture);
}
