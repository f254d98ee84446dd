using System.Globalization;
using Equilibre.Domain.Eligibility;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Eligibility;

/// <summary>
/// Imports the HLM resource ceilings (arrêté du 29 juillet 1987 modifié; domain.md §3.5) with the status the source
/// gives each value (published, published in a secondary source, derived) — shown to users beside every ceiling.
/// A value the source itself flags as aberrant is kept as published and reported with its note.
/// </summary>
public sealed class ImportResourceCeilings(EquilibreDb db, TimeProvider clock)
{
    public const string Kind = "plafonds";

    private static readonly string[] Columns = ["date_effet", "financement", "zone", "categorie", "plafond_eur", "statut", "reference", "note"];

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

            var rows = new List<ResourceCeilingEntry>();
            using (var reader = DelimitedText.Open(request.File))
            {
                foreach (var row in DelimitedText.Read(reader, Columns))
                {
                    run.Read++;
                    if (Parse(run, row) is { } entry)
                    {
                        rows.Add(entry);
                    }
                }
            }

            var existing = await db.ResourceCeilings.ToDictionaryAsync(c => (c.EffectiveFrom, c.Financing, c.Zone, c.Category), token);
            var seen = new HashSet<(DateOnly, Financing, CeilingZone, int?)>();
            foreach (var r in rows)
            {
                var key = (r.EffectiveFrom, r.Financing, r.Zone, r.Category);
                if (!seen.Add(key))
                {
                    run.Reject(0, "categorie", r.Category?.ToString(CultureInfo.InvariantCulture) ?? "par_personne_supplementaire",
                        Domain.French.Format($"plafond {ResourceCeilings.Label(r.Financing)} {ResourceCeilings.Label(r.Zone)} du {r.EffectiveFrom:dd/MM/yyyy} en double pour la même catégorie"));
                    continue;
                }

                if (existing.TryGetValue(key, out var e))
                {
                    if (e.Amount != r.Amount || e.Status != r.Status || e.StatusText != r.StatusText || e.Reference != r.Reference || e.Note != r.Note)
                    {
                        e.Amount = r.Amount; e.Status = r.Status; e.StatusText = r.StatusText; e.Reference = r.Reference; e.Note = r.Note;
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
                    db.ResourceCeilings.Add(r);
                    run.Created++;
                }
            }

            foreach (var gone in existing.Where(kv => !seen.Contains(kv.Key)))
            {
                db.ResourceCeilings.Remove(gone.Value);
                run.Removed++;
            }
        }, ct);
    }

    private static ResourceCeilingEntry? Parse(ImportRun run, DelimitedRow row)
    {
        var ok = true;
        if (!DateOnly.TryParseExact(row["date_effet"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            run.Reject(row.Line, "date_effet", row["date_effet"], $"ligne {row.Line} : date d'effet invalide (AAAA-MM-JJ attendu)");
            ok = false;
        }

        Financing? financing = row["financement"].ToUpperInvariant() switch
        {
            "PLAI" => Financing.Plai,
            "PLUS" => Financing.Plus,
            "PLS" => Financing.Pls,
            _ => null,
        };
        if (financing is null)
        {
            run.Reject(row.Line, "financement", row["financement"], $"ligne {row.Line} : financement inconnu (PLAI, PLUS ou PLS attendu)");
            ok = false;
        }

        var zone = ParseZone(row["zone"]);
        if (zone is null)
        {
            run.Reject(row.Line, "zone", row["zone"],
                $"ligne {row.Line} : zone inconnue (« Paris et communes limitrophes », « Ile-de-France hors Paris et communes limitrophes » ou « Autres regions » attendu)");
            ok = false;
        }

        int? category = null;
        var categoryText = row["categorie"];
        if (categoryText == "par_personne_supplementaire")
        {
            category = null;
        }
        else if (categoryText.StartsWith("categorie_", StringComparison.Ordinal)
                 && int.TryParse(categoryText["categorie_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 6)
        {
            category = c;
        }
        else
        {
            run.Reject(row.Line, "categorie", categoryText, $"ligne {row.Line} : catégorie invalide (categorie_1 à categorie_6 ou par_personne_supplementaire attendu)");
            ok = false;
        }

        if (!decimal.TryParse(row["plafond_eur"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            run.Reject(row.Line, "plafond_eur", row["plafond_eur"], $"ligne {row.Line} : plafond invalide (montant positif en euros attendu)");
            ok = false;
        }

        var statusText = row["statut"];
        CeilingStatus? status = statusText switch
        {
            _ when statusText.StartsWith("publie (source secondaire", StringComparison.OrdinalIgnoreCase) => CeilingStatus.PublishedSecondarySource,
            _ when statusText.StartsWith("publie", StringComparison.OrdinalIgnoreCase) => CeilingStatus.Published,
            _ when statusText.StartsWith("derive", StringComparison.OrdinalIgnoreCase) => CeilingStatus.Derived,
            _ => null,
        };
        if (status is null)
        {
            run.Reject(row.Line, "statut", statusText, $"ligne {row.Line} : statut inconnu (« publie… » ou « derive… » attendu)");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var note = NullIfEmpty(row["note"]);
        if (note is not null)
        {
            run.Warn(row.Line, "note", row["plafond_eur"], $"ligne {row.Line} : valeur conservée telle que publiée, avec la remarque de la source : {note}");
        }

        return new ResourceCeilingEntry
        {
            EffectiveFrom = date,
            Financing = financing!.Value,
            Zone = zone!.Value,
            Category = category,
            Amount = amount,
            Status = status!.Value,
            StatusText = statusText,
            Reference = NullIfEmpty(row["reference"]),
            Note = note,
        };
    }

    private static CeilingZone? ParseZone(string text)
    {
        var t = text.Trim().ToUpperInvariant().Replace('Î', 'I').Replace('É', 'E').Replace('È', 'E');
        return t switch
        {
            "PARIS ET COMMUNES LIMITROPHES" => CeilingZone.ParisAndAdjoiningCommunes,
            "ILE-DE-FRANCE HORS PARIS ET COMMUNES LIMITROPHES" => CeilingZone.IleDeFranceOutsideParis,
            "AUTRES REGIONS" => CeilingZone.OtherRegions,
            _ => null,
        };
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
