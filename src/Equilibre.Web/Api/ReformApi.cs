using Equilibre.Domain.Reform;
using Equilibre.Features.Reform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/reforme</c>: the reform's progress, public like the State's own publications (no names of the people
/// who recorded the statuses).
/// </summary>
internal static class ReformApi
{
    public sealed record StatutDto(string Instrument, string Libelle, bool EnPlace, DateOnly? DateActe, string? Reference, bool Demo);

    public sealed record HistoriqueDto(string Instrument, bool EnPlace, DateOnly? DateActe, string Reference, DateTimeOffset EnregistreLe, string Source);

    public sealed record EpciReformeDto(string Siren, string Nom, IReadOnlyList<int> AnneesSoumis, IReadOnlyList<StatutDto> Statuts, IReadOnlyList<HistoriqueDto> Historique);

    public static void MapReformApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/reforme").AllowAnonymous().WithTags("Réforme");

        group.MapGet("/taux", async (DateOnly? date, string? region, string? departement, GetReformSituation handler, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(ReformRatesDocument.From(await handler.HandleAsync(new GetReformSituation.Request(date ?? Today(clock), Empty(region), Empty(departement)), ct))))
            .WithName("GetReformRates").WithSummary("Taux d'avancement de la réforme par instrument à une date (France, région ou département), avec les EPCI derrière chaque taux");

        group.MapGet("/epci/{siren}", async Task<Results<Ok<EpciReformeDto>, ProblemHttpResult>> (string siren, GetEpciReformStatus handler, CancellationToken ct) =>
        {
            var s = await handler.HandleAsync(siren, ct);
            if (s is null)
            {
                return TypedResults.Problem(title: "EPCI introuvable", detail: $"Aucun EPCI de SIREN « {siren} ».", statusCode: StatusCodes.Status404NotFound);
            }

            return TypedResults.Ok(new EpciReformeDto(s.Siren, s.Name, s.SubjectYears,
                [.. s.Current.Select(c => new StatutDto(ReformInstruments.Code(c.Instrument), ReformInstruments.Label(c.Instrument), c.InPlace, c.EffectiveDate, c.Reference, c.IsDemo))],
                [.. s.History.Select(h => new HistoriqueDto(ReformInstruments.Code(h.Instrument), h.InPlace, h.EffectiveDate, h.Reference, h.RecordedAt, h.Source))]));
        }).WithName("GetEpciReformStatus").WithSummary("Statut et historique des instruments de la réforme d'un EPCI");

        group.MapGet("/carte", async (string region, DateOnly? date, GetReformMap handler, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Text(await handler.HandleAsync(new GetReformMap.Request(region, date ?? Today(clock)), ct), "application/geo+json"))
            .WithName("GetReformMap").WithSummary("Carte des EPCI d'une région soumis à la réforme, par nombre d'instruments en place (GeoJSON)");

        group.MapGet("/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? format, DateOnly? date, string? region, string? departement, ExportReformStatuses export, TimeProvider clock, CancellationToken ct) =>
        {
            var request = new ExportReformStatuses.Request(date ?? Today(clock), Empty(region), Empty(departement));
            var stamp = request.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return (format ?? "csv").ToUpperInvariant() switch
            {
                "CSV" => TypedResults.File(await export.CsvAsync(request, ct), "text/csv; charset=utf-8", $"reforme-{stamp}.csv"),
                "XLSX" => TypedResults.File(await export.XlsxAsync(request, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"reforme-{stamp}.xlsx"),
                _ => TypedResults.Problem(title: "Format inconnu", detail: "format vaut « csv » ou « xlsx ».", statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithName("ExportReform").WithSummary("Tableau des instruments de chaque EPCI soumis à la réforme (CSV au format d'import, ou XLSX avec les taux)");
    }

    internal static DateOnly Today(TimeProvider clock) => Features.FrenchTime.Today(clock);

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
