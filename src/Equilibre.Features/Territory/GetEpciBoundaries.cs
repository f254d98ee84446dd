using System.Globalization;
using System.Text;
using System.Text.Json;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// The boundaries of an EPCI's member communes as a GeoJSON FeatureCollection (properties: code, nom,
/// population), for the map of the EPCI page. Communes without a boundary (outside Grand Est, or created after
/// the boundaries' COG) are listed in <c>sansContour</c>.
/// </summary>
public sealed class GetEpciBoundaries(EquilibreDb db)
{
    public async Task<string?> HandleAsync(string siren, CancellationToken ct = default)
    {
        if (!await db.Epcis.AnyAsync(e => e.Siren == siren, ct))
        {
            return null;
        }

        var rows = await db.Communes.AsNoTracking()
            .Where(c => (c.EpciSiren == siren || c.EptSiren == siren) && c.ValidTo == null)
            .Select(c => new
            {
                c.Code,
                c.Name,
                c.Population,
                Geometry = db.CommuneBoundaries.Where(b => b.CommuneCode == c.Code).Select(b => b.GeometryJson).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        var first = true;
        foreach (var row in rows.Where(r => r.Geometry is not null))
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            json.Append("{\"type\":\"Feature\",\"properties\":{\"code\":").Append(JsonSerializer.Serialize(row.Code))
                .Append(",\"nom\":").Append(JsonSerializer.Serialize(row.Name))
                .Append(",\"population\":").Append(row.Population?.ToString(CultureInfo.InvariantCulture) ?? "null")
                .Append("},\"geometry\":").Append(row.Geometry).Append('}');
        }

        json.Append("],\"sansContour\":").Append(JsonSerializer.Serialize(rows.Where(r => r.Geometry is null).Select(r => r.Code))).Append('}');
        return json.ToString();
    }
}
