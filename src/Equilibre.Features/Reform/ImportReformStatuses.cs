using System.Globalization;
using Equilibre.Domain.Reform;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Reform;

/// <summary>
/// Imports reform statuses from a CSV (the format <see cref="ExportReformStatuses"/> writes: <c>siren_epci</c>,
/// <c>instrument</c>, <c>en_place</c> oui/non, <c>date_acte</c>, <c>reference</c>; other columns ignored). Every
/// line is validated like a form entry and authorised against the user's territory; one rejected line refuses the
/// file. A line identical to the current state is unchanged, so importing the same file twice records nothing.
/// </summary>
public sealed class ImportReformStatuses(EquilibreDb db, TimeProvider clock)
{
    public const string Kind = "reforme";

    private static readonly string[] Columns = ["siren_epci", "instrument", "en_place", "date_acte", "reference"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public sealed record Request(string File, string? DisplayName = null);

    public async Task<ImportRun> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var name = request.DisplayName ?? Path.GetFileName(request.File);
        return await ImportTransaction.RunAsync(db, clock, Kind, name, user.DisplayName, async (run, token) =>
        {
            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var now = clock.GetUtcNow();
            var today = FrenchTime.Today(clock);
            var epcis = await db.Epcis.AsNoTracking().Select(e => new { e.Siren, e.Name, e.RegionCode, e.MainDepartementCode }).ToDictionaryAsync(e => e.Siren, token);
            var current = ReformRates.Current(await ReformData.RecordsAsync(db, null, token));
            var seen = new Dictionary<(string, ReformInstrument), int>();
            using var reader = DelimitedText.Open(request.File);
            foreach (var row in DelimitedText.Read(reader, Columns))
            {
                run.Read++;
                var siren = row["siren_epci"];
                if (!epcis.TryGetValue(siren, out var epci))
                {
                    run.Reject(row.Line, "siren_epci", siren, $"ligne {row.Line} : aucun EPCI de SIREN « {siren} » dans le Code officiel géographique chargé");
                    continue;
                }

                if (ReformInstruments.FromCode(row["instrument"]) is not { } instrument)
                {
                    run.Reject(row.Line, "instrument", row["instrument"],
                        $"ligne {row.Line} : instrument inconnu ; codes admis : {string.Join(", ", ReformInstruments.All.Select(ReformInstruments.Code))}");
                    continue;
                }

                bool? inPlace = row["en_place"].Trim().ToUpperInvariant() switch
                {
                    "OUI" or "O" or "1" or "VRAI" => true,
                    "NON" or "N" or "0" or "FAUX" => false,
                    _ => null,
                };
                if (inPlace is null)
                {
                    run.Reject(row.Line, "en_place", row["en_place"], $"ligne {row.Line} : en_place vaut « oui » ou « non »");
                    continue;
                }

                DateOnly? date = null;
                if (!string.IsNullOrWhiteSpace(row["date_acte"]))
                {
                    if (!DateOnly.TryParseExact(row["date_acte"], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    {
                        run.Reject(row.Line, "date_acte", row["date_acte"], $"ligne {row.Line} : date_acte invalide (AAAA-MM-JJ ou JJ/MM/AAAA attendu)");
                        continue;
                    }

                    date = d;
                }

                var entry = new InstrumentEntry(instrument, inPlace.Value, date, row["reference"]);
                var errors = InstrumentEntryRules.Check(entry, today);
                foreach (var (field, message) in errors)
                {
                    run.Reject(row.Line, field == "date" ? "date_acte" : field, field == "date" ? row["date_acte"] : row["reference"], $"ligne {row.Line} : {epci.Name} — {message}");
                }

                if (seen.TryGetValue((siren, instrument), out var firstLine))
                {
                    run.Reject(row.Line, "instrument", row["instrument"], $"ligne {row.Line} : {epci.Name} — {ReformInstruments.Label(instrument)} figure déjà ligne {firstLine}");
                }
                else
                {
                    seen[(siren, instrument)] = row.Line;
                }

                if (errors.Count > 0)
                {
                    continue;
                }

                // A line that changes nothing needs no right: a DREAL may re-import a France-wide export.
                if (RecordInstrumentStatus.Unchanged(current, siren, entry))
                {
                    run.Unchanged++;
                    continue;
                }

                var decision = ReformEditing.CanEdit(user.Roles, user.Scope, epci.Name, epci.RegionCode, epci.MainDepartementCode);
                if (!decision.Allowed)
                {
                    run.Reject(row.Line, "siren_epci", siren, $"ligne {row.Line} : {decision.Reason}");
                    continue;
                }

                db.ReformRecords.Add(new ReformInstrumentRecord
                {
                    EpciSiren = siren,
                    Instrument = instrument,
                    InPlace = entry.InPlace,
                    EffectiveDate = entry.InPlace ? date : null,
                    Reference = entry.Reference?.Trim() ?? "",
                    RecordedByUserId = user.UserId == 0 ? null : user.UserId,
                    RecordedBy = user.DisplayName,
                    RecordedAt = now,
                    Source = $"import CSV {name}",
                });
                run.Created++;
            }
        }, ct);
    }
}
