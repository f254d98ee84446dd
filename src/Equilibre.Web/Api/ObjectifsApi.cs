using Equilibre.Features;
using Equilibre.Features.Targets;
using Equilibre.Web.Pages.Objectifs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Equilibre.Web.Api;

/// <summary>
/// <c>/api/v1/objectifs</c>: the same explained results as the pages (issue 7) — every figure with numerator,
/// denominator, exclusions and their reasons, threshold and its source, rule version, QPV rule, data quality, the
/// previous period and the year-end projection — the drill-down, the dashboard tables (CSV, XLSX), the CIL bilan and
/// the flux bilans. Same query string as the pages (<see cref="ObjectifsQuery"/>), same scope
/// (<see cref="Features.Allocation.AllocationAccess"/>). Rates are fractions (0.25) and percentages with one decimal.
/// </summary>
internal static class ObjectifsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapObjectifsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/objectifs").RequireAuthorization(Policies.Targets).WithTags("Objectifs d'attribution");

        group.MapGet("", async Task<Results<Ok<TargetsDocument.TableauDto>, ProblemHttpResult, UnauthorizedHttpResult>> (HttpRequest http, GetTargetsDashboard handler, CurrentUserAccessor currentUser, TimeProvider clock, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            var request = ObjectifsQuery.From(http.Query).ToRequest(FrenchTime.Today(clock), out var error);
            if (request is null)
            {
                return TypedResults.Problem(title: "Requête invalide", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Ok(TargetsDocument.Tableau(await handler.HandleAsync(request, user, ct)));
        }).WithName("GetTargetsDashboard")
          .WithSummary("Objectifs d'attribution (T1, T2, T3, CIA) du périmètre : vue, période, filtres et regroupements comme la page /objectifs, avec exclusions, qualité des données, période précédente et projection");

        group.MapGet("/baux", async Task<Results<Ok<TargetsDocument.BauxDto>, ProblemHttpResult, UnauthorizedHttpResult>> (HttpRequest http, int? page, GetTargetLeases handler, CurrentUserAccessor currentUser, TimeProvider clock, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            var request = BauxModel.ToRequest(ObjectifsQuery.From(http.Query), http.Query, FrenchTime.Today(clock), page ?? 1, out var error);
            if (request is null)
            {
                return TypedResults.Problem(title: "Requête invalide", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            var r = await handler.HandleAsync(request, user, ct);
            if (r.Error is not null)
            {
                return TypedResults.Problem(title: "Requête invalide", detail: r.Error, statusCode: StatusCodes.Status400BadRequest);
            }

            return TypedResults.Ok(new TargetsDocument.BauxDto(r.Definition!.RuleVersion, GetTargetLeases.PartLabel(r.Part), r.GroupLabel, r.Total, r.Page, r.Pages,
                [.. r.Leases.Select(l => new TargetsDocument.BailDto(l.LeaseId, l.SignedOn, l.Commune, l.Bailleur, l.Flux, l.Typology, l.Qpv, l.Quartile, l.Dalo, l.Priority, l.Mutation,
                    l.Relocation.ToString().ToLowerInvariant(), l.DwellingId))]));
        }).WithName("GetTargetLeases").WithSummary("Baux derrière un chiffre : indicateur, partie (numerateur|denominateur|exclues), groupes et valeurs (séparées par |, ~ = inconnu), paginés par 50");

        group.MapGet("/export", async Task<Results<FileContentHttpResult, ProblemHttpResult, UnauthorizedHttpResult>> (HttpRequest http, string? format, GetTargetsDashboard handler, CurrentUserAccessor currentUser, TimeProvider clock, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            var request = ObjectifsQuery.From(http.Query).ToRequest(FrenchTime.Today(clock), out var error);
            if (request is null)
            {
                return TypedResults.Problem(title: "Requête invalide", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await handler.HandleAsync(request, user, ct);
            var name = $"objectifs-{result.Period.From:yyyy-MM-dd}-{result.Period.To:yyyy-MM-dd}";
            return (format ?? "csv").ToUpperInvariant() switch
            {
                "CSV" => TypedResults.File(TargetTables.Csv(result), "text/csv; charset=utf-8", name + ".csv"),
                "XLSX" => TypedResults.File(TargetTables.Xlsx(result), Xlsx, name + ".xlsx"),
                _ => TypedResults.Problem(title: "Format inconnu", detail: "format vaut « csv » ou « xlsx ».", statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithName("ExportTargetsDashboard").WithSummary("Tableaux du tableau de bord (une ligne par groupe et indicateur) en CSV ou XLSX");

        group.MapGet("/bilan", async Task<Results<FileContentHttpResult, ProblemHttpResult, UnauthorizedHttpResult>> (string epci, int annee, string? format, long? edition, ExportCilBilan export, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            var request = new ExportCilBilan.Request(epci, annee, edition);
            return (format ?? "pdf").ToUpperInvariant() switch
            {
                "PDF" => Document(await export.PdfAsync(request, user, ct), "application/pdf"),
                "XLSX" => Document(await export.XlsxAsync(request, user, ct), Xlsx),
                _ => TypedResults.Problem(title: "Format inconnu", detail: "format vaut « pdf » ou « xlsx ».", statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithName("ExportCilBilan").WithSummary("Bilan annuel de la CIL d'un EPCI (PDF ou XLSX) ; chaque édition est enregistrée, edition=n° la réédite à l'identique");

        group.MapGet("/flux", async Task<Results<FileContentHttpResult, ProblemHttpResult, UnauthorizedHttpResult>> (long bailleur, int annee, long? reservataire, string? format, ExportFluxBilan export, CurrentUserAccessor currentUser, CancellationToken ct) =>
        {
            if (await currentUser.GetAsync(ct) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            var request = new ExportFluxBilan.Request(bailleur, annee, reservataire);
            return (format ?? "xlsx").ToUpperInvariant() switch
            {
                "PDF" => Document(await export.PdfAsync(request, user, ct), "application/pdf"),
                "XLSX" => Document(await export.XlsxAsync(request, user, ct), Xlsx),
                _ => TypedResults.Problem(title: "Format inconnu", detail: "format vaut « pdf » ou « xlsx ».", statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithName("ExportFluxBilan").WithSummary("Bilan annuel de flux d'un bailleur (R441-5-1), par réservataire × typologie × financement × QPV × commune × période de construction");
    }

    private static Results<FileContentHttpResult, ProblemHttpResult, UnauthorizedHttpResult> Document(TargetDocument document, string contentType) =>
        document.Content is { } content
            ? TypedResults.File(content, contentType, document.FileName)
            : TypedResults.Problem(title: document.Forbidden ? "Accès refusé" : "Bilan impossible", detail: document.Error,
                statusCode: document.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
}
