using System.Globalization;
using Equilibre.Domain.Privacy;
using Equilibre.Features.Public;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/chiffres-cles</c>: the public key figures of France, a région, a département or an EPCI for a year
/// (<see cref="GetKeyFigures"/>), anonymous like the information due to the public (domain.md §11.3). Every household
/// count below 11 comes back masked (<c>valeur</c> null, <c>masque</c> true, « moins de 11 ménages »), never 0.
/// </summary>
internal static class KeyFiguresApi
{
    public sealed record EffectifDto(int? Valeur, string Affichage);

    public sealed record ChiffreDto(
        string Code, string Libelle, decimal? Valeur, string Unite, string Affichage, bool Masque, EffectifDto? Numerateur, EffectifDto? Denominateur,
        string Date, string Source, string Explication);

    public sealed record ChiffresClesDto(
        string Perimetre, string? Code, string Nom, int Annee, DateOnly DemandesAu, IReadOnlyList<ChiffreDto> Chiffres, IReadOnlyList<string> Notes,
        DateTimeOffset CalculeLe, string VersionDesDonnees);

    public static void MapKeyFiguresApi(this WebApplication app) =>
        app.MapGet("/api/v1/chiffres-cles", async Task<Results<Ok<ChiffresClesDto>, ProblemHttpResult>> (
            string? annee, string? region, string? departement, string? epci, GetKeyFigures handler, CancellationToken ct) =>
        {
            int? year = null;
            if (!string.IsNullOrWhiteSpace(annee))
            {
                if (!int.TryParse(annee.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                {
                    return TypedResults.Problem(title: "Année invalide", detail: $"annee « {annee} » : une année sur quatre chiffres est attendue (par exemple 2025).",
                        statusCode: StatusCodes.Status400BadRequest);
                }

                year = y;
            }

            var response = await handler.HandleAsync(new GetKeyFigures.Request(year, region, departement, epci), ct);
            return response.Refusal switch
            {
                GetKeyFigures.Refusal.Invalid => TypedResults.Problem(title: "Demande invalide", detail: Sentence(response.Error!), statusCode: StatusCodes.Status400BadRequest),
                GetKeyFigures.Refusal.UnknownTerritory => TypedResults.Problem(title: "Territoire introuvable", detail: Sentence(response.Error!), statusCode: StatusCodes.Status404NotFound),
                _ => TypedResults.Ok(Dto(response.Figures!)),
            };
        })
        .AllowAnonymous().WithTags("Chiffres clés").WithName("GetKeyFigures")
        .WithSummary("Chiffres clés publics d'un territoire (France, région, département ou EPCI) pour une année : demandes actives, attributions, pression, ancienneté, T1, T2, parc social — chaque chiffre daté, sourcé, et masqué sous 11 ménages");

    private static ChiffresClesDto Dto(GetKeyFigures.Result r) => new(
        r.Scope switch
        {
            KeyFiguresScope.France => "france",
            KeyFiguresScope.Region => "region",
            KeyFiguresScope.Departement => "departement",
            _ => "epci",
        },
        r.Code, r.Name, r.Year, r.DemandsAsOf,
        [.. r.Figures.Select(f => new ChiffreDto(f.Code, f.Label, f.Value, f.Unit, f.Display, f.Masked, Count(f.Numerator), Count(f.Denominator), f.Date, f.Source, f.Explanation))],
        r.Notes, r.ComputedAt, r.DataVersion);

    private static EffectifDto? Count(DisclosedCount? c) => c is null ? null : new(c.Value, c.Display);

    private static string Sentence(string s) => char.ToUpper(s[0], CultureInfo.GetCultureInfo("fr-FR")) + s[1..] + ".";
}
