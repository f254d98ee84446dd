using Equilibre.Domain.Reform;

namespace Equilibre.Features.Reform;

/// <summary>The rates at a date as the API and the CLI publish them (French field names, codes of the CSV format).</summary>
public sealed record ReformRatesDocument(string Date, string Perimetre, string Denominateur, IReadOnlyList<ReformRatesDocument.Taux> Instruments)
{
    public sealed record Taux(
        string Instrument, string Libelle, int EnPlace, int Soumis, decimal? TauxPourcent, decimal? TauxFrancePourcent,
        decimal? TauxNationalPublie, string? SourceTauxNational, IReadOnlyList<string> EpciEnPlace, IReadOnlyList<string> EpciNonEnPlace);

    public static ReformRatesDocument From(GetReformSituation.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReformRatesDocument(
            result.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), result.FocusName, result.Focus.Denominator,
            [.. result.Focus.Rates.Select(r =>
            {
                var published = result.PublishedNational.GetValueOrDefault(r.Instrument);
                return new Taux(ReformInstruments.Code(r.Instrument), ReformInstruments.Label(r.Instrument), r.InPlace, r.SubjectToReform, r.Percent,
                    result.National.Rates.Single(n => n.Instrument == r.Instrument).Percent, published?.Percent,
                    published is null ? null : $"{published.Source} ({published.AsOf:yyyy-MM-dd})", r.EpcisInPlace, r.EpcisNotInPlace);
            })]);
    }
}
