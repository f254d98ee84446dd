using Equilibre.Domain.Reform;
using Equilibre.Features.Data;

namespace Equilibre.Features.Reform;

/// <summary>
/// The rates at the end of every quarter up to a date, for the years whose Q1 arrêté is loaded (each quarter with
/// that year's list of EPCIs subject to the reform), for France, a région or a département.
/// </summary>
public sealed class GetReformEvolution(EquilibreDb db)
{
    public sealed record Request(DateOnly Until, string? RegionCode, string? DepartementCode);

    public sealed record Point(DateOnly AsOf, ReformSituation Situation);

    public async Task<IReadOnlyList<Point>> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var points = new List<Point>();
        var lists = new Dictionary<int, List<ReformEpci>?>();
        for (var year = request.Until.Year - 4; year <= request.Until.Year; year++)
        {
            lists[year] = await ReformData.SubjectEpcisAsync(db, year, ct);
        }

        var sirens = lists.Values.OfType<List<ReformEpci>>().SelectMany(l => l).Select(e => e.Siren).Distinct().ToList();
        var records = await ReformData.RecordsAsync(db, sirens, ct);
        foreach (var (year, list) in lists.Where(kv => kv.Value is not null))
        {
            foreach (var month in new[] { 3, 6, 9, 12 })
            {
                var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
                if (date > request.Until)
                {
                    break;
                }

                points.Add(new Point(date, ReformRates.Compute(date, ReformData.Within(list!, request.RegionCode, request.DepartementCode), records)));
            }
        }

        if (points.Count == 0 || points[^1].AsOf != request.Until)
        {
            var list = lists[request.Until.Year];
            points.Add(new Point(request.Until, ReformRates.Compute(request.Until, list is null ? null : ReformData.Within(list, request.RegionCode, request.DepartementCode), records)));
        }

        return points;
    }
}
