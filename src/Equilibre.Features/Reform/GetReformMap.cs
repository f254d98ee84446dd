using System.Globalization;
using System.Text;
using System.Text.Json;
using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// Map of a région's EPCIs subject to the reform, coloured by progress at a date: every member commune's boundary
/// carries its EPCI's score (instruments in place among the seven of the reform, NPNRU excluded as it is not an
/// obligation), so the communes of an EPCI draw its shape. GeoJSON FeatureCollection.
/// </summary>
public sealed class GetReformMap(EquilibreDb db)
{
    /// <summary>The seven instruments every EPCI of the reform must put in place.</summary>
    public static readonly IReadOnlyList<ReformInstrument> Obligations = [.. ReformInstruments.All.Where(i => i != ReformInstrument.NpnruProjectHolder)];

    public sealed record Request(string RegionCode, DateOnly AsOf);

    public async Task<string> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = ReformData.Within(await ReformData.SubjectEpcisAsync(db, request.AsOf.Year, ct) ?? [], request.RegionCode, null);
        var sirens = subject.Select(e => e.Siren).ToList();
        var current = ReformRates.Current(await ReformData.RecordsAsync(db, sirens, ct));
        var scores = subject.ToDictionary(e => e.Siren, e => Obligations.Count(i => ReformRates.IsInPlace(current, e.Siren, i, request.AsOf)));
        var communes = await db.Communes.AsNoTracking()
            .Where(c => c.EpciSiren != null && sirens.Contains(c.EpciSiren) && c.ValidTo == null)
            .Join(db.CommuneBoundaries, c => c.Code, b => b.CommuneCode, (c, b) => new { c.EpciSiren, b.GeometryJson })
            .ToListAsync(ct);
        var names = subject.ToDictionary(e => e.Siren, e => e.Name);
        var json = new StringBuilder("{\"type\":\"FeatureCollection\",\"obligations\":")
            .Append(Obligations.Count.ToString(CultureInfo.InvariantCulture)).Append(",\"features\":[");
        var first = true;
        foreach (var c in communes)
        {
            json.Append(first ? "" : ",").Append("{\"type\":\"Feature\",\"properties\":{\"siren\":").Append(JsonSerializer.Serialize(c.EpciSiren))
                .Append(",\"nom\":").Append(JsonSerializer.Serialize(names[c.EpciSiren!]))
                .Append(",\"score\":").Append(scores[c.EpciSiren!].ToString(CultureInfo.InvariantCulture))
                .Append("},\"geometry\":").Append(c.GeometryJson).Append('}');
            first = false;
        }

        return json.Append("]}").ToString();
    }
}
