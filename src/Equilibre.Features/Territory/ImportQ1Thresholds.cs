using System.Globalization;
using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// Imports the first-quartile thresholds of the yearly arrêtés (domain.md §4.3). Each published name is matched
/// to an EPCI by normalised name within its département (<see cref="EpciMatcher"/>); a name that matches no EPCI
/// is kept, unmatched, and listed in the report — never dropped. The file is authoritative for the years it
/// holds: a stored row of such a year that is no longer in the file is removed.
/// </summary>
public sealed class ImportQ1Thresholds(EquilibreDb db, TimeProvider clock)
{
    public const string Kind = "seuils-q1";

    private static readonly string[] Columns = ["annee_application", "region", "departement_code", "departement", "epci", "seuil_q1_eur_par_uc_an"];
    private static readonly string[] ArreteColumns = ["annee_application", "arrete"];

    public sealed record Request(string File, string? ArretesFile, string? StartedBy = null);

    public async Task<ImportRun> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), request.StartedBy, async (run, token) =>
        {
            var arretes = ReadArretes(request.ArretesFile);
            var candidates = (await db.Epcis.AsNoTracking().Where(e => e.ValidTo == null)
                    .Select(e => new { e.Siren, e.Name, e.Kind, e.DepartementCodes }).ToListAsync(token))
                .Select(e => new EpciCandidate(e.Siren, e.Name, e.Kind, e.DepartementCodes.Split(',')));
            var matcher = new EpciMatcher(candidates);
            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var rows = new List<Q1ThresholdEntry>();
            using (var reader = DelimitedText.Open(request.File))
            {
                foreach (var row in DelimitedText.Read(reader, Columns))
                {
                    run.Read++;
                    var entry = Parse(run, row, arretes, matcher);
                    if (entry is not null)
                    {
                        rows.Add(entry);
                    }
                }
            }

            var duplicates = rows.GroupBy(r => (r.Year, r.DepartementCode, r.PublishedEpciName)).Where(g => g.Count() > 1);
            foreach (var d in duplicates)
            {
                run.Reject(0, "epci", d.Key.PublishedEpciName,
                    $"{d.Key.PublishedEpciName} ({d.Key.DepartementCode}) figure {d.Count()} fois pour l'année {d.Key.Year} : une seule ligne par EPCI, département et année");
            }

            var years = rows.Select(r => r.Year).Distinct().ToList();
            var existing = await db.Q1Thresholds.Where(t => years.Contains(t.Year)).ToListAsync(token);
            var byKey = existing.ToDictionary(t => (t.Year, t.DepartementCode, t.PublishedEpciName));
            var seen = new HashSet<(int, string, string)>();
            foreach (var r in rows)
            {
                var key = (r.Year, r.DepartementCode, r.PublishedEpciName);
                if (!seen.Add(key))
                {
                    continue;
                }

                if (byKey.TryGetValue(key, out var e))
                {
                    if (e.AmountPerUcPerYear != r.AmountPerUcPerYear || e.EpciSiren != r.EpciSiren || e.MatchExplanation != r.MatchExplanation
                        || e.Source != r.Source || e.RegionName != r.RegionName || e.DepartementName != r.DepartementName)
                    {
                        e.AmountPerUcPerYear = r.AmountPerUcPerYear; e.EpciSiren = r.EpciSiren; e.MatchExplanation = r.MatchExplanation;
                        e.Source = r.Source; e.RegionName = r.RegionName; e.DepartementName = r.DepartementName;
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
                    db.Q1Thresholds.Add(r);
                    run.Created++;
                }
            }

            foreach (var gone in existing.Where(e => !seen.Contains((e.Year, e.DepartementCode, e.PublishedEpciName))))
            {
                db.Q1Thresholds.Remove(gone);
                run.Removed++;
            }
        }, ct);
    }

    private static Q1ThresholdEntry? Parse(ImportRun run, DelimitedRow row, Dictionary<int, string> arretes, EpciMatcher matcher)
    {
        var ok = true;
        if (!int.TryParse(row["annee_application"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2015 or > 2100)
        {
            run.Reject(row.Line, "annee_application", row["annee_application"], $"ligne {row.Line} : année d'application invalide (entier entre 2015 et 2100 attendu)");
            ok = false;
        }

        var amountText = row["seuil_q1_eur_par_uc_an"].Replace(',', '.').Replace(" ", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal);
        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            run.Reject(row.Line, "seuil_q1_eur_par_uc_an", row["seuil_q1_eur_par_uc_an"], $"ligne {row.Line} : seuil invalide (montant positif en euros par UC et par an attendu)");
            ok = false;
        }

        foreach (var column in new[] { "departement_code", "epci" })
        {
            if (string.IsNullOrWhiteSpace(row[column]))
            {
                run.Reject(row.Line, column, "", $"ligne {row.Line} : la colonne {column} est vide");
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var match = matcher.Match(row["departement_code"], row["epci"]);
        if (match.Status != EpciMatchStatus.Matched)
        {
            run.Warn(row.Line, "epci", row["epci"], $"ligne {row.Line} ({year}) : {match.Explanation} — seuil conservé sans EPCI, à rapprocher");
        }

        return new Q1ThresholdEntry
        {
            Year = year,
            RegionName = row["region"],
            DepartementCode = row["departement_code"],
            DepartementName = row["departement"],
            PublishedEpciName = row["epci"],
            AmountPerUcPerYear = amount,
            EpciSiren = match.Siren,
            MatchExplanation = match.Explanation,
            Source = arretes.GetValueOrDefault(year) ?? Domain.French.Format($"arrêté du premier quartile applicable en {year}"),
        };
    }

    private static Dictionary<int, string> ReadArretes(string? file)
    {
        var result = new Dictionary<int, string>();
        if (file is null || !File.Exists(file))
        {
            return result;
        }

        using var reader = DelimitedText.Open(file);
        foreach (var row in DelimitedText.Read(reader, ArreteColumns))
        {
            if (int.TryParse(row["annee_application"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                result[year] = row["arrete"];
            }
        }

        return result;
    }
}
