using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>A commune with its département, région, EPCI (and EPT) and whether a boundary is held. Public reference data.</summary>
public sealed class GetCommune(EquilibreDb db)
{
    public sealed record Result(
        string Code, string Name, int? Population, string PostalCodes, string DepartementCode, string DepartementName,
        string RegionCode, string RegionName, string? EpciSiren, string? EpciName, string? EptSiren, string? EptName,
        bool HasBoundary, DateOnly ValidFrom, DateOnly? ValidTo, int CogMillesime);

    public async Task<Result?> HandleAsync(string code, CancellationToken ct = default) =>
        await db.Communes.AsNoTracking().Where(c => c.Code == code)
            .Select(c => new Result(
                c.Code, c.Name, c.Population, c.PostalCodes, c.DepartementCode,
                db.Departements.Where(d => d.Code == c.DepartementCode).Select(d => d.Name).FirstOrDefault() ?? c.DepartementCode,
                c.RegionCode, db.Regions.Where(r => r.Code == c.RegionCode).Select(r => r.Name).FirstOrDefault() ?? c.RegionCode,
                c.EpciSiren, db.Epcis.Where(e => e.Siren == c.EpciSiren).Select(e => e.Name).FirstOrDefault(),
                c.EptSiren, db.Epcis.Where(e => e.Siren == c.EptSiren).Select(e => e.Name).FirstOrDefault(),
                db.CommuneBoundaries.Any(b => b.CommuneCode == c.Code), c.ValidFrom, c.ValidTo, c.CogMillesime))
            .FirstOrDefaultAsync(ct);
}
