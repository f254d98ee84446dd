using Equilibre.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Equilibre.Web.Api;

/// <summary><c>/api/v1/travaux/{id}</c>: the status of a background job, for its page (administrators).</summary>
internal static class JobsApi
{
    public sealed record TravailDto(Guid Id, string Titre, string Etape, int Fait, int Total, bool Termine, bool Echec, string? Message, string? Resultat);

    public static void MapJobsApi(this WebApplication app) =>
        app.MapGet("/api/v1/travaux/{id:guid}", Results<Ok<TravailDto>, NotFound> (Guid id, BackgroundJobs jobs) =>
            jobs.Get(id) is { } s
                ? TypedResults.Ok(new TravailDto(s.Id, s.Title, s.Step, s.Done, s.Total, s.Finished, s.Failed, s.Message, s.ResultUrl))
                : TypedResults.NotFound())
        .RequireAuthorization(Policies.Administration)
        .WithTags("Travaux").WithSummary("État d'un travail de fond (import, recalcul)");
}
