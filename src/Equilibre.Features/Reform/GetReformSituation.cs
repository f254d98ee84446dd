using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// The reform's progress at a date: rates per instrument nationally, for a région (with each of its départements)
/// or a département, beside the national rates published by the DHUP, and the EPCIs behind every figure.
/// Public information: no organisation scope.
/// </summary>
public sealed class GetReformSituation(EquilibreDb db)
{
    public sealed record Request(DateOnly AsOf, string? RegionCode, string? DepartementCode);

    public sealed record Area(string Code, string Name, ReformSituation Situation);

    public sealed record Result(
        DateOnly AsOf, ReformSituation National, Area? Region, Area? Departement, IReadOnlyList<Area> DepartementsOfRegion,
        IReadOnlyDictionary<ReformInstrument, NationalReformRate> PublishedNational, IReadOnlyDictionary<string, ReformEpci> Epcis,
        int NationalEpcisWithRecords)
    {
        /// <summary>The narrowest area asked for, else France.</summary>
        public ReformSituation Focus => Departement?.Situation ?? Region?.Situation ?? National;

        public string FocusName => Departement?.Name ?? Region?.Name ?? "France";
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = await ReformData.SubjectEpcisAsync(db, request.AsOf.Year, ct);
        var records = await ReformData.RecordsAsync(db, subject?.Select(e => e.Siren).ToList(), ct);
        ReformSituation For(string? region, string? departement) =>
            ReformRates.Compute(request.AsOf, subject is null ? null : ReformData.Within(subject, region, departement), records);

        Area? regionArea = null;
        var departements = new List<Area>();
        if (request.RegionCode is { } regionCode)
        {
            var name = await db.Regions.Where(r => r.Code == regionCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? regionCode;
            regionArea = new Area(regionCode, name, For(regionCode, null));
            var deps = await db.Departements.AsNoTracking().Where(d => d.RegionCode == regionCode).OrderBy(d => d.Code).ToListAsync(ct);
            departements = [.. deps.Select(d => new Area(d.Code, d.Name, For(regionCode, d.Code)))];
        }

        Area? departementArea = null;
        if (request.DepartementCode is { } departementCode)
        {
            var name = await db.Departements.Where(d => d.Code == departementCode).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? departementCode;
            departementArea = new Area(departementCode, name, For(null, departementCode));
        }

        var published = (await db.NationalReformRates.AsNoTracking().Where(r => r.AsOf <= request.AsOf).ToListAsync(ct))
            .GroupBy(r => r.Instrument)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.AsOf).ThenBy(r => r.RecordedAt).Last());
        return new Result(request.AsOf, For(null, null), regionArea, departementArea, departements, published,
            (subject ?? []).ToDictionary(e => e.Siren), records.Select(r => r.EpciSiren).Distinct().Count());
    }
}
