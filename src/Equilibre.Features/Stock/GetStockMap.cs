using System.Globalization;
using System.Text;
using System.Text.Json;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// The communes of the résidences the user sees (<see cref="StockAccess"/>, latest millésime) as a GeoJSON
/// FeatureCollection of the commune boundaries the territory feature loaded (properties: code, nom, residences,
/// logements), for the résidences map; communes without a boundary are listed in <c>sansContour</c>. No résidence is
/// geocoded finer than its commune (the RPLS gives an address, no coordinates).
/// </summary>
public sealed class GetStockMap(EquilibreDb db)
{
    public async Task<string> HandleAsync(CurrentUser user, CancellationToken ct = default)
    {
        var scope = await StockAccess.ScopeAsync(db, user, ct);
        var millesimes = await StockRows.MillesimesAsync(db, scope, ct);
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        if (millesimes.Count == 0)
        {
            return json.Append("],\"sansContour\":[]}").ToString();
        }

        var counts = await StockRows.Of(db, scope, millesimes[0]).GroupBy(r => r.CommuneCode)
            .Select(g => new { Code = g.Key, Name = g.Max(x => x.CommuneName), Residences = g.Select(x => x.ResidenceId).Distinct().Count(), Dwellings = g.Count() })
            .ToListAsync(ct);
        var codes = counts.Select(c => c.Code).ToList();
        var boundaries = await db.CommuneBoundaries.AsNoTracking().Where(b => codes.Contains(b.CommuneCode))
            .Select(b => new { b.CommuneCode, b.GeometryJson }).ToDictionaryAsync(b => b.CommuneCode, b => b.GeometryJson, ct);
        var first = true;
        foreach (var c in counts.Where(c => boundaries.ContainsKey(c.Code)))
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            json.Append("{\"type\":\"Feature\",\"properties\":{\"code\":").Append(JsonSerializer.Serialize(c.Code))
                .Append(",\"nom\":").Append(JsonSerializer.Serialize(c.Name ?? c.Code))
                .Append(",\"residences\":").Append(c.Residences.ToString(CultureInfo.InvariantCulture))
                .Append(",\"logements\":").Append(c.Dwellings.ToString(CultureInfo.InvariantCulture))
                .Append("},\"geometry\":").Append(boundaries[c.Code]).Append('}');
        }

        json.Append("],\"sansContour\":").Append(JsonSerializer.Serialize(counts.Where(c => !boundaries.ContainsKey(c.Code)).Select(c => c.Code))).Append('}');
        return json.ToString();
    }
}
