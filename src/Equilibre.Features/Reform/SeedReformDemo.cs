using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// Demo statuses for the Grand Est EPCIs subject to the reform in the latest arrêté: plausible, dated, ordered
/// (a CIL meets after its creation, orientations follow, then the CIA), deterministic for a given SIREN, and flagged
/// as demo. Also demo national rates, labelled as such. Skipped when demo reform records already exist.
/// </summary>
public sealed class SeedReformDemo(EquilibreDb db, TimeProvider clock)
{
    public const string RegionCode = "44";

    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        if (await db.ReformRecords.AnyAsync(r => r.IsDemo, ct))
        {
            return 0;
        }

        var year = await db.Q1Thresholds.Select(t => (int?)t.Year).MaxAsync(ct);
        if (year is null)
        {
            return 0;
        }

        var epcis = ReformData.Within(await ReformData.SubjectEpcisAsync(db, year.Value, ct) ?? [], RegionCode, null)
            .OrderBy(e => e.Siren, StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var today = FrenchTime.Today(clock);
        var count = 0;
        foreach (var epci in epcis)
        {
            var random = new Random(int.Parse(epci.Siren[^8..], System.Globalization.CultureInfo.InvariantCulture));
            DateOnly? Pick(DateOnly after, int minDays, int maxDays, double probability)
            {
                if (random.NextDouble() >= probability)
                {
                    return null;
                }

                var date = after.AddDays(random.Next(minDays, maxDays));
                return date <= today ? date : null;
            }

            var created = Pick(new DateOnly(2015, 6, 1), 0, 1600, 0.85);
            var met = created is { } c ? Pick(c, 30, 400, 0.85) : null;
            var orientations = met is { } m ? Pick(m, 120, 900, 0.7) : null;
            var cia = orientations is { } o ? Pick(o, 90, 700, 0.6) : null;
            var ppgd = Pick(new DateOnly(2016, 1, 1), 0, 2200, 0.7);
            var cotation = Pick(new DateOnly(2021, 1, 1), 0, 1200, 0.6);
            var flux = Pick(new DateOnly(2022, 6, 1), 0, 700, 0.55);
            var npnru = Pick(new DateOnly(2015, 1, 1), 0, 1500, 0.35);
            var dates = new Dictionary<ReformInstrument, DateOnly?>
            {
                [ReformInstrument.CilCreated] = created,
                [ReformInstrument.CilMet] = met,
                [ReformInstrument.OrientationsAdopted] = orientations,
                [ReformInstrument.CiaSigned] = cia,
                [ReformInstrument.PpgdAdopted] = ppgd,
                [ReformInstrument.CotationInPlace] = cotation,
                [ReformInstrument.FluxConventionsSigned] = flux,
                [ReformInstrument.NpnruProjectHolder] = npnru,
            };
            foreach (var (instrument, date) in dates.Where(d => d.Value is not null))
            {
                db.ReformRecords.Add(new ReformInstrumentRecord
                {
                    EpciSiren = epci.Siren,
                    Instrument = instrument,
                    InPlace = true,
                    EffectiveDate = date,
                    Reference = Domain.French.Format($"{ReformInstruments.ActLabel(instrument)} du {date:dd/MM/yyyy} (démo)"),
                    RecordedBy = "données de démonstration",
                    RecordedAt = now,
                    Source = "démonstration",
                    IsDemo = true,
                });
                count++;
            }
        }

        var asOf = new DateOnly(year.Value, 6, 15) <= today ? new DateOnly(year.Value, 6, 15) : today;
        decimal[] demoRates = [92.0m, 85.5m, 58.0m, 41.5m, 63.0m, 55.0m, 47.5m, 38.0m];
        foreach (var (instrument, percent) in ReformInstruments.All.Zip(demoRates))
        {
            db.NationalReformRates.Add(new NationalReformRate
            {
                Instrument = instrument,
                AsOf = asOf,
                Percent = percent,
                Source = "taux national fictif (données de démonstration)",
                RecordedBy = "données de démonstration",
                RecordedAt = now,
                IsDemo = true,
            });
        }

        await db.SaveChangesAsync(ct);
        return count;
    }
}
