using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/territoire</c>: public reference data (COG territory, official Q1 thresholds). No login needed.
/// </summary>
internal static class TerritoryApi
{
    public sealed record CommuneDto(string Code, string Nom, int? Population, string Departement);

    public sealed record SeuilDto(int Annee, decimal? SeuilEurParUcAn, bool SoumisALaReforme, string Explication, string? NomPublie, string? Source);

    public sealed record EpciDto(
        string Siren, string Nom, string Nature, int? Population, string Region, IReadOnlyList<string> Departements,
        IReadOnlyList<CommuneDto> Communes, IReadOnlyList<SeuilDto> Seuils, int MillesimeCog);

    public static void MapTerritoryApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/territoire").AllowAnonymous().WithTags("Territoire");

        group.MapGet("/epci/{siren}", async Task<Results<Ok<EpciDto>, ProblemHttpResult>> (string siren, GetEpci handler, CancellationToken ct) =>
        {
            var epci = await handler.HandleAsync(siren, ct);
            if (epci is null)
            {
                return UnknownEpci(siren);
            }

            return TypedResults.Ok(new EpciDto(
                epci.Siren, epci.Name, epci.Kind, epci.Population, epci.RegionCode, [.. epci.Departements.Select(d => d.Code)],
                [.. epci.Communes.Select(c => new CommuneDto(c.Code, c.Name, c.Population, c.DepartementCode))],
                [.. epci.Thresholds.Select(t => new SeuilDto(t.Year, t.AmountPerUcPerYear, t.SubjectToReform, t.Explanation, t.PublishedName, t.Source))],
                epci.CogMillesime));
        })
        .WithName("GetEpci")
        .WithSummary("Un EPCI, ses communes membres et ses seuils du premier quartile par année");

        group.MapGet("/epci/{siren}/communes", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string siren, GetEpciBoundaries handler, CancellationToken ct) =>
        {
            var geojson = await handler.HandleAsync(siren, ct);
            return geojson is null ? UnknownEpci(siren) : TypedResults.Text(geojson, "application/geo+json");
        })
        .WithName("GetEpciCommuneBoundaries")
        .WithSummary("Contours des communes membres d'un EPCI (GeoJSON, COG 2018, Grand Est)");
    }

    private static ProblemHttpResult UnknownEpci(string siren) => TypedResults.Problem(
        title: "EPCI introuvable", detail: $"Aucun EPCI ou EPT de SIREN « {siren} » dans le Code officiel géographique chargé.",
        statusCode: StatusCodes.Status404NotFound);
}
