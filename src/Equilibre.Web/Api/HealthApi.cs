using Equilibre.Features.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Web.Api;

/// <summary><c>/health</c>: the process answers and the database is reachable.</summary>
internal static class HealthApi
{
    public sealed record Health(string Statut, string Base, int Communes);

    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async Task<Results<Ok<Health>, ProblemHttpResult>> (EquilibreDb db, DatabaseSettings settings, CancellationToken ct) =>
        {
            try
            {
                var communes = await db.Communes.CountAsync(ct);
                return TypedResults.Ok(new Health("ok", settings.Provider.ToString().ToLowerInvariant(), communes));
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                return TypedResults.Problem(title: "Base de données indisponible", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().ExcludeFromDescription();
}
