using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// A DDT or DREAL records the status of one or more instruments of an EPCI. Validated (dates, references),
/// authorised against the user's territory (<see cref="ReformEditing"/>), and appended: an entry identical to the
/// current state writes nothing; any other adds a record, so the history keeps every previous state.
/// </summary>
public sealed class RecordInstrumentStatus(EquilibreDb db, TimeProvider clock)
{
    public sealed record Request(string EpciSiren, IReadOnlyList<InstrumentEntry> Entries, string? Note);

    public enum Outcome
    {
        Recorded,
        NotFound,
        Forbidden,
        Invalid,
    }

    public sealed record Result(Outcome Outcome, int Recorded, IReadOnlyList<(string Field, string Message)> Errors);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var epci = await db.Epcis.AsNoTracking().FirstOrDefaultAsync(e => e.Siren == request.EpciSiren, ct);
        if (epci is null)
        {
            return new Result(Outcome.NotFound, 0, [("siren", $"aucun EPCI de SIREN « {request.EpciSiren} »")]);
        }

        var decision = ReformEditing.CanEdit(user.Roles, user.Scope, epci.Name, epci.RegionCode, epci.MainDepartementCode);
        if (!decision.Allowed)
        {
            return new Result(Outcome.Forbidden, 0, [("siren", decision.Reason)]);
        }

        var now = clock.GetUtcNow();
        var today = FrenchTime.Today(clock);
        var errors = request.Entries.SelectMany(e => InstrumentEntryRules.Check(e, today)).ToList();
        if (request.Entries.GroupBy(e => e.Instrument).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add(("instrument", $"{ReformInstruments.Label(twice.Key)} figure deux fois dans la saisie"));
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, 0, errors);
        }

        var current = ReformRates.Current(await ReformData.RecordsAsync(db, [epci.Siren], ct));
        var recorded = 0;
        foreach (var entry in request.Entries)
        {
            if (Unchanged(current, epci.Siren, entry))
            {
                continue;
            }

            db.ReformRecords.Add(new ReformInstrumentRecord
            {
                EpciSiren = epci.Siren,
                Instrument = entry.Instrument,
                InPlace = entry.InPlace,
                EffectiveDate = entry.InPlace ? entry.EffectiveDate : null,
                Reference = entry.Reference?.Trim() ?? "",
                Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                RecordedByUserId = user.UserId,
                RecordedBy = user.DisplayName + (user.OrganisationName is null ? "" : $" ({user.OrganisationName})"),
                RecordedAt = now,
                Source = "saisie",
            });
            recorded++;
        }

        await db.SaveChangesAsync(ct);
        return new Result(Outcome.Recorded, recorded, []);
    }

    /// <summary>True when the entry says exactly what the latest record says (or "not in place" with no record).</summary>
    internal static bool Unchanged(IReadOnlyDictionary<(string, ReformInstrument), InstrumentRecord> current, string siren, InstrumentEntry entry)
    {
        if (!current.TryGetValue((siren, entry.Instrument), out var last))
        {
            return !entry.InPlace;
        }

        return last.InPlace == entry.InPlace
            && (!entry.InPlace || (last.EffectiveDate == entry.EffectiveDate && last.Reference == (entry.Reference?.Trim() ?? "")));
    }
}
