using Equilibre.Domain.Organisations;
using Equilibre.Features.Data;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Organisations;

/// <summary>
/// The home page of a professional: their organisation, and the EPCIs of their territory with the latest Q1
/// thresholds — the EPCIs "soumis à la réforme" they work with. Scoped to the user's organisation territory.
/// </summary>
public sealed class GetHomeOverview(EquilibreDb db, ListEpcis listEpcis)
{
    public sealed record Result(
        string? OrganisationName, OrganisationKind? OrganisationKind, bool OrganisationIsDemo, string TerritoryLabel,
        int? LatestThresholdYear, int EpciCount, IReadOnlyList<ListEpcis.Item> EpcisSubjectToReform);

    public async Task<Result> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var organisation = user.OrganisationId is null ? null
            : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId, ct);
        var latestYear = await db.Q1Thresholds.Select(t => (int?)t.Year).MaxAsync(ct);
        var scope = user.Scope;
        var label = await LabelAsync(scope, ct);
        if (scope.CommuneCode is not null && scope.EpciSiren is null)
        {
            scope = scope with { EpciSiren = await db.Communes.Where(c => c.Code == scope.CommuneCode).Select(c => c.EpciSiren).FirstOrDefaultAsync(ct) };
        }

        var all = await listEpcis.HandleAsync(new ListEpcis.Request(scope.RegionCode, scope.DepartementCode, null, null), ct);
        var inScope = all.Items.Where(e => scope.EpciSiren is null || e.Siren == scope.EpciSiren).ToList();
        var subject = latestYear is null ? [] : (await listEpcis.HandleAsync(new ListEpcis.Request(scope.RegionCode, scope.DepartementCode, latestYear, null), ct))
            .Items.Where(e => scope.EpciSiren is null || e.Siren == scope.EpciSiren).ToList();
        return new Result(organisation?.Name, organisation?.Kind, organisation?.IsDemo ?? false, label, latestYear, inScope.Count, subject);
    }

    private async Task<string> LabelAsync(TerritoryScope scope, CancellationToken ct)
    {
        if (scope.CommuneCode is not null)
        {
            return await db.Communes.Where(c => c.Code == scope.CommuneCode).Select(c => "commune de " + c.Name).FirstOrDefaultAsync(ct) ?? scope.CommuneCode;
        }

        if (scope.EpciSiren is not null)
        {
            return await db.Epcis.Where(e => e.Siren == scope.EpciSiren).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? scope.EpciSiren;
        }

        if (scope.DepartementCode is not null)
        {
            return await db.Departements.Where(d => d.Code == scope.DepartementCode).Select(d => "département " + d.Name + " (" + d.Code + ")").FirstOrDefaultAsync(ct) ?? scope.DepartementCode;
        }

        if (scope.RegionCode is not null)
        {
            return await db.Regions.Where(r => r.Code == scope.RegionCode).Select(r => "région " + r.Name).FirstOrDefaultAsync(ct) ?? scope.RegionCode;
        }

        return "France entière";
    }
}
