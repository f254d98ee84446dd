using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// EPCI (and EPT) list, filtered by région, département and "soumis à la réforme" for a year (= listed in that
/// year's Q1 arrêté). Public reference data: no organisation scope applies.
/// </summary>
public sealed class ListEpcis(EquilibreDb db)
{
    public sealed record Request(string? RegionCode, string? DepartementCode, int? SubjectToReformIn, string? Search);

    public sealed record Item(string Siren, string Name, string Kind, string MainDepartementCode, string DepartementCodes, string RegionCode, int? Population, int MemberCount, decimal? Threshold);

    public sealed record Result(IReadOnlyList<Item> Items, int? ThresholdYear);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var year = request.SubjectToReformIn;
        var query = db.Epcis.AsNoTracking().Where(e => e.ValidTo == null);
        if (!string.IsNullOrWhiteSpace(request.RegionCode))
        {
            // An EPCI belongs to a région's list when one of its members is there (e.g. CC des Savoir-Faire).
            query = query.Where(e => db.Communes.Any(c => (c.EpciSiren == e.Siren || c.EptSiren == e.Siren) && c.RegionCode == request.RegionCode));
        }

        if (!string.IsNullOrWhiteSpace(request.DepartementCode))
        {
            query = query.Where(e => db.Communes.Any(c => (c.EpciSiren == e.Siren || c.EptSiren == e.Siren) && c.DepartementCode == request.DepartementCode));
        }

        if (year is not null)
        {
            query = query.Where(e => db.Q1Thresholds.Any(t => t.EpciSiren == e.Siren && t.Year == year));
        }

        var thresholdYear = year;
        var items = await query
            .Select(e => new Item(e.Siren, e.Name, e.Kind, e.MainDepartementCode, e.DepartementCodes, e.RegionCode, e.Population, e.MemberCount,
                thresholdYear == null ? null
                    : db.Q1Thresholds.Where(t => t.EpciSiren == e.Siren && t.Year == thresholdYear).Select(t => (decimal?)t.AmountPerUcPerYear).FirstOrDefault()))
            .ToListAsync(ct);
        var collation = StringComparer.Create(Domain.French.Culture, ignoreCase: true);
        var term = request.Search?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            // Accent- and case-insensitive, in memory: at most a few thousand rows, same result on both providers.
            var compare = Domain.French.Culture.CompareInfo;
            items = [.. items.Where(i => i.Siren == term
                || compare.IndexOf(i.Name, term, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace) >= 0)];
        }

        return new Result([.. items.OrderBy(i => i.Name, collation)], year);
    }
}
