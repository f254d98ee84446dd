using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>An EPCI's reform status: each instrument as known today, the years it is subject to the reform, and the full history.</summary>
public sealed class GetEpciReformStatus(EquilibreDb db)
{
    public sealed record Line(ReformInstrument Instrument, bool InPlace, DateOnly? EffectiveDate, string? Reference, string? RecordedBy, DateTimeOffset? RecordedAt, bool IsDemo);

    public sealed record Result(
        string Siren, string Name, string MainDepartementCode, string RegionCode, IReadOnlyList<int> SubjectYears, IReadOnlyList<Line> Current,
        IReadOnlyList<ReformInstrumentRecord> History);

    public async Task<Result?> HandleAsync(string siren, CancellationToken ct = default)
    {
        var epci = await db.Epcis.AsNoTracking().FirstOrDefaultAsync(e => e.Siren == siren, ct);
        if (epci is null)
        {
            return null;
        }

        var years = await db.Q1Thresholds.Where(t => t.EpciSiren == siren).Select(t => t.Year).Distinct().ToListAsync(ct);
        var history = (await db.ReformRecords.AsNoTracking().Where(r => r.EpciSiren == siren).ToListAsync(ct))
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).ToList();
        var latest = history.GroupBy(r => r.Instrument).ToDictionary(g => g.Key, g => g.First());
        var current = ReformInstruments.All.Select(i => latest.TryGetValue(i, out var r)
            ? new Line(i, r.InPlace, r.EffectiveDate, r.Reference, r.RecordedBy, r.RecordedAt, r.IsDemo)
            : new Line(i, false, null, null, null, null, false)).ToList();
        return new Result(epci.Siren, epci.Name, epci.MainDepartementCode, epci.RegionCode, [.. years.Order()], current, history);
    }
}
