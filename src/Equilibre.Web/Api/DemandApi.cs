using System.Globalization;
using System.Text.Json;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications;
using Equilibre.Web.Pages.Demandes;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/demandes</c>: the registry for the partners' systems, scoped like the pages (a demand outside the
/// user's territory answers 404, never 403). JSON in camelCase; the content of a demand is the <see cref="DemandFile"/>
/// in its one JSON form (<see cref="DemandJson.Options"/>). Writes take a JSON body only: a cross-site HTML form cannot
/// send one, and the session cookie is SameSite=Lax, so no antiforgery token is needed (the existing APIs have none).
/// </summary>
internal static class DemandApi
{
    public sealed record ErreurDto(string Champ, string Message);

    public sealed record ErreursDto(string Message, IReadOnlyList<ErreurDto> Erreurs);

    public sealed record ResultatDto(string Numero, string Message, int? Version);

    public sealed record DemandeResumeDto(
        string Numero, string Demandeur, string? PremiereCommune, string? PremiereCommuneNom, IReadOnlyList<string> Typologies, string Statut, string StatutLibelle,
        bool? PremierQuartile, bool Prioritaire, string Dalo, bool Mutation, int AncienneteJours, DateOnly EnregistreeLe, DateOnly Echeance, int Personnes, bool Demo, double? Note);

    /// <summary><c>TotalMinimum</c>: more demands match than the list counts (<see cref="SearchDemands.CountLimit"/>); <c>Total</c> is that limit.</summary>
    public sealed record ListeDto(int Total, int Page, int TaillePage, int Pages, IReadOnlyList<DemandeResumeDto> Demandes, bool TotalMinimum = false);

    public sealed record HistoriqueDto(DateTimeOffset Le, string Type, string Libelle, string Resume, string? Detail, string Par, string? Organisation);

    public sealed record RadiationDto(string? Motif, string? Commentaire, int? Version);

    public static void MapDemandApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/demandes").RequireAuthorization(Policies.Professionals).WithTags("Demandes");

        group.MapGet("/", async (
            string? texte, string? commune, string? epci, string? typologie, string? statut, string? q1, string? prioritaire, string? mutation, string? dalo,
            string? tri, int? page, int? taillePage, SearchDemands search, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var request = IndexModel.BuildRequest(texte, commune, epci, typologie, statut, q1, prioritaire, mutation, dalo, tri, page, Math.Clamp(taillePage ?? 50, 1, 500));
            var r = await search.HandleAsync(request, user, ct);
            return Results.Json(new ListeDto(r.Total, r.Page, r.PageSize, r.Pages, [.. r.Items.Select(i => new DemandeResumeDto(
                i.Numero, i.ApplicantName, i.FirstCommuneCode, i.FirstCommuneName, i.Typologies.Split(',', StringSplitOptions.RemoveEmptyEntries), DemandDocument.StatusCode(i.Status), i.StatusLabel,
                i.IsQ1, i.HasPriority, SneCodes.Dalo[i.Dalo], i.IsMutation, i.SeniorityDays, i.RegisteredOn, i.ExpiresOn, i.Persons, i.IsDemo, i.Score))], r.TotalIsMinimum), DemandJson.Options);
        }).WithName("SearchDemands").WithSummary("Demandes du territoire de l'utilisateur (mêmes filtres que la liste : texte, commune, epci, typologie, statut actif|radie|tous, q1, prioritaire, mutation, dalo oui|non, tri anciennete|nom|numero|echeance|note, page)")
          .Produces<ListeDto>();

        group.MapGet("/{numero}", async (string numero, GetDemand get, CurrentUserAccessor currentUser, HttpResponse response, CancellationToken ct) =>
        {
            var d = await LoadAsync(numero, get, currentUser, ct);
            if (d is null)
            {
                return NotFound(numero);
            }

            response.Headers.ETag = Etag(d.Version);
            return Results.Json(DemandDocument.From(d), DemandJson.Options);
        }).WithName("GetDemand").WithSummary("Une demande : contenu (CERFA), faits calculés avec leurs explications (personnes, catégorie, UC, ressources par UC, premier quartile et seuil utilisé, éligibilité par financement), statut, souhaits, attestation")
          .Produces<DemandDocument>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{numero}/historique", async (string numero, GetDemand get, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var d = await LoadAsync(numero, get, currentUser, ct);
            return d is null
                ? NotFound(numero)
                : Results.Json(d.History.Select(h => new HistoriqueDto(h.At, h.Kind.ToString(), DemandText.Kind(h.Kind), h.Summary, h.Detail, h.By, h.OrganisationName)).ToList(), DemandJson.Options);
        }).WithName("GetDemandHistory").WithSummary("Historique d'une demande, du plus ancien au plus récent")
          .Produces<IReadOnlyList<HistoriqueDto>>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async (HttpRequest request, RegisterDemand register, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var (file, _, error) = await ReadAsync(request, ct);
            if (file is null)
            {
                return error!;
            }

            var result = await register.HandleAsync(new RegisterDemand.Request(file, null), user, ct);
            return Answer(result, () => Results.Json(new ResultatDto(result.Numero!, result.Message, 1), DemandJson.Options, statusCode: StatusCodes.Status201Created), created: true);
        }).WithName("RegisterDemand").WithSummary("Enregistre une demande (guichets enregistreurs) : corps = contenu de la demande en JSON ; 201 et Location, ou 400 { erreurs: [{ champ, message }] }")
          .Accepts<DemandFile>("application/json").Produces<ResultatDto>(StatusCodes.Status201Created).Produces<ErreursDto>(StatusCodes.Status400BadRequest);

        group.MapPut("/{numero}", async (string numero, int? version, HttpRequest request, ModifyDemand modify, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var (file, bodyVersion, error) = await ReadAsync(request, ct);
            if (file is null)
            {
                return error!;
            }

            var result = await modify.HandleAsync(new ModifyDemand.Request(numero, file, IfMatch(request) ?? bodyVersion ?? version, null), user, ct);
            return Answer(result, () => Results.Json(new ResultatDto(numero, result.Message, null), DemandJson.Options));
        }).WithName("ModifyDemand").WithSummary("Modifie une demande (numéro et ancienneté conservés) ; version attendue par l'en-tête If-Match, la propriété version du corps ou le paramètre version : 409 si elle a changé")
          .Accepts<DemandFile>("application/json").Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict);

        group.MapPost("/{numero}/radiation", async (string numero, RadiationDto body, RadiateDemand radiate, CurrentUserAccessor currentUser, HttpRequest request, CancellationToken ct) =>
        {
            var user = await currentUser.GetAsync(ct);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var reason = DemandLifecycle.ParseCode(body.Motif);
            if (reason is null or RadiationReason.Allocation)
            {
                return Results.Json(new ErreursDto("motif de radiation inconnu", [new("motif", "motif RADABA, RADREN, RADIRR ou RADCON attendu (RADATT suit la signature d'un bail)")]), DemandJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await radiate.HandleAsync(new RadiateDemand.Request(numero, reason.Value, body.Commentaire, IfMatch(request) ?? body.Version), user, ct);
            return Answer(result, () => Results.Json(new ResultatDto(numero, result.Message, null), DemandJson.Options));
        }).WithName("RadiateDemand").WithSummary("Radie une demande pour un motif légal (RADABA renonciation, RADREN non-renouvellement, RADIRR irrecevabilité, RADCON impossibilité de contact) avec son délai")
          .Produces<ResultatDto>().Produces<ErreursDto>(StatusCodes.Status400BadRequest).Produces<ErreursDto>(StatusCodes.Status409Conflict);
    }

    private static async Task<GetDemand.Result?> LoadAsync(string numero, GetDemand get, CurrentUserAccessor currentUser, CancellationToken ct)
    {
        var user = await currentUser.GetAsync(ct);
        return user is null ? null : await get.HandleAsync(numero, user, ct);
    }

    private static string Etag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version an <c>If-Match</c> header names (<c>"3"</c> or <c>W/"3"</c>), if any.</summary>
    private static int? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>The demand of a JSON body, and the <c>version</c> property it may carry beside the content (PUT).</summary>
    private static async Task<(DemandFile? File, int? Version, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return (null, null, Invalid("le corps doit être du JSON (Content-Type: application/json)", [], StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, Invalid("corps vide", [new("", "le contenu de la demande (objet JSON) est attendu")]));
            }

            var version = document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : (int?)null;
            var file = document.RootElement.Deserialize<DemandFile>(DemandJson.Options);
            return file is null ? (null, null, Invalid("corps vide", [new("", "le contenu de la demande est attendu")])) : (file, version, null);
        }
        catch (JsonException e)
        {
            return (null, null, Invalid("JSON illisible", [new(e.Path ?? "", "contenu de demande illisible : " + e.Message)]));
        }
    }

    private static IResult Answer(DemandResult result, Func<IResult> done, bool created = false) => result.Outcome switch
    {
        DemandOutcome.Done when created => new LocatedResult(done(), $"/api/v1/demandes/{result.Numero}"),
        DemandOutcome.Done => done(),
        DemandOutcome.NotFound => NotFound(result.Numero ?? ""),
        DemandOutcome.Forbidden => Results.Problem(title: "Action refusée", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        DemandOutcome.Conflict => Invalid(result.Message, [], StatusCodes.Status409Conflict),
        _ => Invalid(result.Message, [.. result.Errors.Select(e => new ErreurDto(e.Field, e.Message))]),
    };

    private static IResult Invalid(string message, IReadOnlyList<ErreurDto> errors, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new ErreursDto(message, errors), DemandJson.Options, statusCode: status);

    private static IResult NotFound(string numero) =>
        Results.Problem(title: "Demande introuvable", detail: $"Aucune demande n° « {numero} » dans votre territoire.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A result with a Location header (201 Created with the body of the registration).</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
