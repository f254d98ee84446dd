using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// An EPCI with its member communes (population), its départements and région, and its official Q1 thresholds by
/// year with their source and the "soumis à la réforme" status each year implies. Public reference data.
/// </summary>
public sealed class GetEpci(EquilibreDb db)
{
    public sealed record Member(string Code, string Name, int? Population, string DepartementCode, bool HasBoundary);

    public sealed record YearThreshold(int Year, decimal? AmountPerUcPerYear, bool SubjectToReform, string Explanation, string? PublishedName, string? Source);

    public sealed record Result(
        string Siren, string Name, string Kind, int? Population, string RegionCode, string RegionName,
        IReadOnlyList<(string Code, string Name)> Departements, IReadOnlyList<Member> Communes, IReadOnlyList<YearThreshold> Thresholds,
        int CogMillesime);

    public async Task<Result?> HandleAsync(string siren, CancellationToken ct = default)
    {
        var epci = await db.Epcis.AsNoTracking().FirstOrDefaultAsync(e => e.Siren == siren, ct);
        if (epci is null)
        {
            return null;
        }

        var communes = await db.Communes.AsNoTracking()
            .Where(c => (c.EpciSiren == siren || c.EptSiren == siren) && c.ValidTo == null)
            .Select(c => new Member(c.Code, c.Name, c.Population, c.DepartementCode, db.CommuneBoundaries.Any(b => b.CommuneCode == c.Code)))
            .ToListAsync(ct);
        var departementCodes = epci.DepartementCodeList;
        var departements = await db.Departements.AsNoTracking().Where(d => departementCodes.Contains(d.Code))
            .Select(d => new { d.Code, d.Name }).ToListAsync(ct);
        var regionName = await db.Regions.Where(r => r.Code == epci.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? epci.RegionCode;
        var entries = await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren == siren).ToListAsync(ct);
        var years = await db.Q1Thresholds.Select(t => t.Year).Distinct().ToListAsync(ct);
        var domain = entries.Select(t => new Q1Threshold(siren, t.Year, t.AmountPerUcPerYear, t.Source)).ToList();
        var thresholds = years.Order().Select(year =>
        {
            var lookup = Q1Thresholds.Find(domain, siren, year);
            var entry = entries.FirstOrDefault(t => t.Year == year);
            return new YearThreshold(year, lookup.Threshold?.AmountPerUcPerYear, lookup.Found, lookup.Explanation, entry?.PublishedEpciName, entry?.Source);
        }).ToList();
        var collation = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        return new Result(epci.Siren, epci.Name, epci.Kind, epci.Population, epci.RegionCode, regionName,
            [.. departements.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => (d.Code, d.Name))],
            [.. communes.OrderByDescending(c => c.Population ?? 0).ThenBy(c => c.Name, collation)], thresholds, epci.CogMillesime);
    }
}
