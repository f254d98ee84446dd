using System.Text.Json;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// Imports commune boundaries (GeoJSON FeatureCollections, properties <c>code</c> and <c>nom</c>) from every
/// <c>communes-*.geojson</c> file of a folder (département and région outlines are not communes). The boundaries
/// are COG 2018 while the communes are the current COG: a code
/// that is not a current commune is kept and reported (communes merged since), never silently dropped.
/// </summary>
public sealed class ImportCommuneBoundaries(EquilibreDb db, TimeProvider clock, IBulkLoader bulk)
{
    public const string Kind = "contours";

    public sealed record Request(string Folder, int Millesime = 2018, string? StartedBy = null);

    private static readonly BulkColumn<CommuneBoundary>[] Columns =
    [
        new(nameof(CommuneBoundary.CommuneCode), b => b.CommuneCode), new(nameof(CommuneBoundary.Name), b => b.Name),
        new(nameof(CommuneBoundary.GeometryJson), b => b.GeometryJson), new(nameof(CommuneBoundary.CogMillesime), b => b.CogMillesime),
        new(nameof(CommuneBoundary.MatchesCurrentCommune), b => b.MatchesCurrentCommune),
    ];

    public async Task<ImportRun> HandleAsync(Request request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = Directory.Exists(request.Folder)
            ? Directory.GetFiles(request.Folder, "communes-*.geojson").Order(StringComparer.Ordinal).ToList()
            : [];
        var source = $"{files.Count} fichier(s) GeoJSON de {Path.GetFileName(request.Folder)} (COG {request.Millesime})";
        return await ImportTransaction.RunAsync(db, clock, Kind, source, request.StartedBy, async (run, token) =>
        {
            if (files.Count == 0)
            {
                throw new ImportFileException($"aucun fichier communes-*.geojson dans {request.Folder}");
            }

            var current = (await db.Communes.AsNoTracking().Where(c => c.ValidTo == null).Select(c => c.Code).ToListAsync(token)).ToHashSet();
            var existing = await db.CommuneBoundaries.ToDictionaryAsync(b => b.CommuneCode, token);
            var created = new List<CommuneBoundary>();
            var seen = new HashSet<string>();
            for (var f = 0; f < files.Count; f++)
            {
                progress?.Report(new ImportProgress("Contours des communes", f, files.Count));
                var file = Path.GetFileName(files[f]);
                JsonDocument doc;
                try
                {
                    await using var stream = File.OpenRead(files[f]);
                    doc = await JsonDocument.ParseAsync(stream, cancellationToken: token);
                }
                catch (JsonException e)
                {
                    throw new ImportFileException($"{file} : GeoJSON invalide ligne {e.LineNumber + 1} : {e.Message}");
                }

                using (doc)
                {
                    if (!doc.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                    {
                        throw new ImportFileException($"{file} : une FeatureCollection avec un tableau « features » est attendue");
                    }

                    var index = 0;
                    foreach (var feature in features.EnumerateArray())
                    {
                        index++;
                        run.Read++;
                        var code = feature.TryGetProperty("properties", out var p) && p.TryGetProperty("code", out var c) ? c.GetString() : null;
                        var name = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("nom", out var n) ? n.GetString() : null;
                        if (string.IsNullOrWhiteSpace(code) || !feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
                        {
                            run.Reject(index, "code", code, $"{file}, entité {index} : code INSEE ou géométrie manquant");
                            continue;
                        }

                        if (!seen.Add(code))
                        {
                            run.Reject(index, "code", code, $"{file}, entité {index} : la commune {code} a déjà un contour dans ce lot");
                            continue;
                        }

                        var matches = current.Contains(code);
                        if (!matches)
                        {
                            run.Warn(index, "code", code,
                                $"{file} : le code {code} ({name}) du COG {request.Millesime} n'est pas une commune actuelle (fusion depuis) : contour conservé, non rattaché");
                        }

                        var json = geometry.GetRawText();
                        if (existing.TryGetValue(code, out var e))
                        {
                            if (e.GeometryJson != json || e.Name != name || e.MatchesCurrentCommune != matches || e.CogMillesime != request.Millesime)
                            {
                                e.GeometryJson = json; e.Name = name ?? code; e.MatchesCurrentCommune = matches; e.CogMillesime = request.Millesime;
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
                            created.Add(new CommuneBoundary
                            {
                                CommuneCode = code,
                                Name = name ?? code,
                                GeometryJson = json,
                                MatchesCurrentCommune = matches,
                                CogMillesime = request.Millesime,
                            });
                            run.Created++;
                        }
                    }
                }
            }

            await bulk.LoadAsync<CommuneBoundary, CommuneBoundary>(db, Columns, created, token);
            progress?.Report(new ImportProgress("Contours des communes", files.Count, files.Count));
        }, ct);
    }
}
