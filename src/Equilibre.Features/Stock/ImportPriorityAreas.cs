using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// Imports the QPV referential from CSV: <c>code_quartier</c>, <c>nom_quartier</c>, <c>type</c> (QPV, ex-ZUS, QVA),
/// <c>code_commune</c>, <c>date_debut</c>, <c>date_fin</c> (empty while valid), <c>source</c>. Atomic (one rejected
/// line refuses the file), idempotent by quartier, commune and start date; the dwelling's "in QPV for the targets"
/// is then the dated rule <see cref="QpvStatus"/> over these rows (domain.md §5.3).
/// </summary>
public sealed class ImportPriorityAreas(EquilibreDb db, TimeProvider clock)
{
    public const string Kind = "qpv";

    private static readonly string[] Columns = ["code_quartier", "nom_quartier", "type", "code_commune", "date_debut", "date_fin", "source"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    public sealed record Request(string File, string? StartedBy = null);

    public async Task<ImportRun> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), request.StartedBy, async (run, token) =>
        {
            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var communes = (await db.Communes.AsNoTracking().Select(c => c.Code).ToListAsync(token)).ToHashSet();
            var existing = await db.PriorityAreas.ToDictionaryAsync(a => (a.Code, a.CommuneCode, a.ValidFrom), token);
            var seen = new Dictionary<(string, string, DateOnly), int>();
            using var reader = DelimitedText.Open(request.File);
            foreach (var row in DelimitedText.Read(reader, Columns))
            {
                run.Read++;
                if (Parse(run, row, communes) is not { } area)
                {
                    continue;
                }

                var key = (area.Code, area.CommuneCode, area.ValidFrom);
                if (seen.TryGetValue(key, out var first))
                {
                    run.Reject(row.Line, "code_quartier", area.Code, $"ligne {row.Line} : {area.Code} sur la commune {area.CommuneCode} à partir du {area.ValidFrom:dd/MM/yyyy} figure déjà ligne {first}");
                    continue;
                }

                seen[key] = row.Line;
                if (existing.TryGetValue(key, out var e))
                {
                    if (e.Name != area.Name || e.Kind != area.Kind || e.ValidTo != area.ValidTo || e.Source != area.Source)
                    {
                        e.Name = area.Name; e.Kind = area.Kind; e.ValidTo = area.ValidTo; e.Source = area.Source;
                        db.Entry(e).State = EntityState.Modified;
                        run.Updated++;
                    }
                    else
                    {
                        run.Unchanged++;
                    }
                }
                else
                {
                    db.PriorityAreas.Add(area);
                    run.Created++;
                }
            }
        }, ct);
    }

    private static PriorityAreaEntry? Parse(ImportRun run, DelimitedRow row, HashSet<string> communes)
    {
        var ok = true;
        foreach (var column in new[] { "code_quartier", "nom_quartier", "source" })
        {
            if (string.IsNullOrWhiteSpace(row[column]))
            {
                run.Reject(row.Line, column, "", $"ligne {row.Line} : la colonne {column} est vide");
                ok = false;
            }
        }

        PriorityAreaKind? kind = row["type"].Trim().ToUpperInvariant() switch
        {
            "QPV" => PriorityAreaKind.Qpv,
            "EX-ZUS" or "EXZUS" or "ZUS" => PriorityAreaKind.ExZus,
            "QVA" => PriorityAreaKind.VeilleActive,
            _ => null,
        };
        if (kind is null)
        {
            run.Reject(row.Line, "type", row["type"], $"ligne {row.Line} : type inconnu (QPV, ex-ZUS ou QVA attendu)");
            ok = false;
        }

        if (!communes.Contains(row["code_commune"]))
        {
            run.Reject(row.Line, "code_commune", row["code_commune"], $"ligne {row.Line} : « {row["code_commune"]} » n'est pas un code INSEE de commune du COG chargé");
            ok = false;
        }

        var from = ParseDate(run, row, "date_debut", required: true);
        var to = ParseDate(run, row, "date_fin", required: false);
        if (from is { } f && to is { } t && t < f)
        {
            run.Reject(row.Line, "date_fin", row["date_fin"], $"ligne {row.Line} : la date de fin précède la date de début");
            ok = false;
        }

        return ok && from is not null && (to is not null || string.IsNullOrWhiteSpace(row["date_fin"]))
            ? new PriorityAreaEntry
            {
                Code = row["code_quartier"],
                Name = row["nom_quartier"],
                Kind = kind!.Value,
                CommuneCode = row["code_commune"],
                ValidFrom = from.Value,
                ValidTo = to,
                Source = row["source"],
            }
            : null;
    }

    private static DateOnly? ParseDate(ImportRun run, DelimitedRow row, string column, bool required)
    {
        var text = row[column];
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                run.Reject(row.Line, column, "", $"ligne {row.Line} : {column} est obligatoire (AAAA-MM-JJ ou JJ/MM/AAAA)");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        run.Reject(row.Line, column, text, $"ligne {row.Line} : {column} invalide (AAAA-MM-JJ ou JJ/MM/AAAA attendu)");
        return null;
    }
}
