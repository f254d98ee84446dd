using Equilibre.Domain.Cotation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/cotation</c>: the published grid in force of a territory (public, PPGD), a demand's score with its
/// breakdown, position and average wait (scoped like the demand), and the territory batch (EPCI or administrator).
/// </summary>
internal static class CotationApi
{
    public sealed record LigneDto(string Rubrique, string Critere, decimal Points, bool Comptee, string Pourquoi);

    public sealed record PositionDto(int Rang, int Sur, int ExAequo, string Explication);

    public sealed record AttenteDto(decimal? Mois, int Loges, string Explication);

    public sealed record CotationDto(
        string Numero, string? Epci, string? EpciNom, decimal? Note, DateOnly? Au, int? VersionGrille, string? Grille, bool Gelee, IReadOnlyList<LigneDto> Detail,
        PositionDto? Position, AttenteDto? AttenteMoyenne, string DefinitionSemblables, string? SansCotation);

    public sealed record CritereDto(string Code, string Libelle, int Points, string Condition, string? Parametre, string Source, string Validation);

    public sealed record RubriqueDto(string Code, string Libelle, string Mode, IReadOnlyList<CritereDto> Criteres);

    public sealed record GrilleDto(
        string Epci, string? EpciNom, int Version, string Portee, string Libelle, DateOnly EnVigueurDu, DateOnly? EnVigueurAu, DateOnly? PublieeLe, bool Exemple,
        IReadOnlyList<RubriqueDto> Rubriques, decimal? AnciennetePointsParMois, int? AnciennetePlafond, int? RefusPoints, int? RefusGelMois, int? PlafondTotal);

    public sealed record CalculDto(DateOnly Au, int Territoires, long Cotees, long SansGrille, string Message);

    public static void MapCotationApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/cotation").WithTags("Cotation");

        group.MapGet("/grilles/{epci}", async (string epci, string? portee, DateOnly? date, GetCotationGrid get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var scope = portee == "mutation" ? GridScope.Mutation : GridScope.General;
            var grid = await get.InForceAsync(epci, scope, date, await currentUser.GetAsync(ct), ct);
            return grid is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Aucune grille en vigueur", detail: $"aucune grille publiée n'est en vigueur pour l'EPCI {epci}")
                : Results.Json(Grille(grid), DemandJson.Options);
        }).AllowAnonymous().WithName("GetCotationGrid")
          .WithSummary("Grille de cotation publiée en vigueur d'un EPCI (portee generale|mutation, date facultative) : accessible sans compte (publication du PPGD)")
          .Produces<GrilleDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/demandes/{numero}", async (string numero, GetDemandCotation get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            var c = user is null ? null : await get.HandleAsync(numero, user, ct);
            return c is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Demande introuvable", detail: $"aucune demande n° {numero} dans votre territoire")
                : Results.Json(new CotationDto(c.Numero, c.Territory, c.TerritoryName, c.Score?.Total, c.Score?.AsOf, c.Score?.GridVersion, c.GridLabel, c.Score?.Frozen ?? false,
                    [.. (c.Score?.Lines ?? []).Select(l => new LigneDto(l.Rubric, l.Label, l.Points, l.Counted, l.Why))],
                    c.Position is { } p ? new PositionDto(p.Rank, p.Of, p.Tied, p.Explanation) : null,
                    c.Wait is { } w ? new AttenteDto(w.Months, w.Housed, w.Explanation) : null, c.Similarity, c.NoGridReason), DemandJson.Options);
        }).RequireAuthorization(Policies.Professionals).WithName("GetDemandCotation")
          .WithSummary("Note d'une demande sous la grille en vigueur : détail ligne à ligne, position parmi les demandes semblables, délai moyen des demandes semblables logées")
          .Produces<CotationDto>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/calcul", async (string epci, ScoreDemands scoring, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            if (user is null || !CotationAccess.CanEdit(user, epci))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé", detail: "seul l'EPCI ou un administrateur recalcule les notes de son territoire");
            }

            var r = await scoring.RunAsync(epci, ct);
            return Results.Json(new CalculDto(r.AsOf, r.Territories, r.Scored, r.WithoutGrid, r.Summary), DemandJson.Options);
        }).RequireAuthorization(Policies.Professionals).WithName("ScoreDemands")
          .WithSummary("Recalcule en un lot les notes de toutes les demandes actives d'un EPCI sous sa grille en vigueur")
          .Produces<CalculDto>().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static GrilleDto Grille(GetCotationGrid.Result r)
    {
        var g = r.Grid;
        return new GrilleDto(g.Territory, r.TerritoryName, g.Version, g.Scope == GridScope.Mutation ? "mutation" : "generale", g.Label, g.ValidFrom, g.ValidTo, g.PublishedOn,
            g.IsExample, [.. g.Rubrics.Select(rb => new RubriqueDto(rb.Code, rb.Label, rb.Mode == RubricMode.Cumulative ? "cumulatif" : "plus-eleve",
                [.. rb.Criteria.Select(c => new CritereDto(c.Code, c.Label, c.Points, c.Condition, c.Parameter, c.Source.ToString(), c.Validation.ToString()))]))],
            g.Seniority?.PointsPerMonth, g.Seniority?.Cap, g.Refusal?.PointsPerRefusal, g.Refusal?.FreezeMonths, g.TotalCap);
    }
}
