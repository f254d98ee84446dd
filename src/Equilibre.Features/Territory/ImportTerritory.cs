using System.Text.Json;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Territory;

/// <summary>
/// Imports régions, départements, current communes, EPCI and EPT from the JSON of the npm package
/// <c>@etalab/decoupage-administratif</c> (COG). Idempotent: a second run of the same files changes nothing.
/// Effective-dated: a commune or EPCI absent from the new millésime is closed (ValidTo), not deleted.
/// </summary>
public sealed class ImportTerritory(EquilibreDb db, TimeProvider clock, IBulkLoader bulk)
{
    public const string Kind = "communes-epci";

    /// <param name="Folder">Folder holding regions.json, departements.json, communes.json, epci.json, ept.json, package.json.</param>
    /// <param name="Millesime">COG millésime of the files (2026 for package version 6.0.0).</param>
    /// <param name="StartedBy">User or command that started the import.</param>
    public sealed record Request(string Folder, int Millesime, string? StartedBy = null);

    private sealed record JsonRegion(string Code, string Nom);

    private sealed record JsonDepartement(string Code, string Nom, string Region);

    private sealed record JsonCommune(string Code, string Nom, string Type, string? Departement, string? Region, int? Population, string[]? CodesPostaux);

    private sealed record JsonMember(string Code, string Nom);

    private sealed record JsonEpci(string Code, string Nom, string Type, int? PopulationTotale, JsonMember[] Membres);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public async Task<ImportRun> HandleAsync(Request request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = $"@etalab/decoupage-administratif {PackageVersion(request.Folder)} (COG {request.Millesime})";
        return await ImportTransaction.RunAsync(db, clock, Kind, source, request.StartedBy, async (run, token) =>
        {
            var validFrom = new DateOnly(request.Millesime, 1, 1);
            var regions = await ReadAsync<JsonRegion>(request.Folder, "regions.json", token);
            var departements = await ReadAsync<JsonDepartement>(request.Folder, "departements.json", token);
            var communes = (await ReadAsync<JsonCommune>(request.Folder, "communes.json", token))
                .Where(c => c.Type == "commune-actuelle").ToList();
            var epcis = (await ReadAsync<JsonEpci>(request.Folder, "epci.json", token))
                .Concat(await ReadAsync<JsonEpci>(request.Folder, "ept.json", token)).ToList();
            run.Read = regions.Count + departements.Count + communes.Count + epcis.Count;

            progress?.Report(new ImportProgress("Régions et départements", 0, run.Read));
            var existingRegions = await db.Regions.ToDictionaryAsync(r => r.Code, token);
            foreach (var r in regions)
            {
                Upsert(run, existingRegions, r.Code, e => db.Add(e), () => new Region { Code = r.Code, Name = r.Nom, CogMillesime = request.Millesime },
                    e => Apply(e.Name != r.Nom || e.CogMillesime != request.Millesime, () => { e.Name = r.Nom; e.CogMillesime = request.Millesime; }));
            }

            var existingDepartements = await db.Departements.ToDictionaryAsync(d => d.Code, token);
            foreach (var d in departements)
            {
                Upsert(run, existingDepartements, d.Code, e => db.Add(e),
                    () => new Departement { Code = d.Code, Name = d.Nom, RegionCode = d.Region, CogMillesime = request.Millesime },
                    e => Apply(e.Name != d.Nom || e.RegionCode != d.Region || e.CogMillesime != request.Millesime,
                        () => { e.Name = d.Nom; e.RegionCode = d.Region; e.CogMillesime = request.Millesime; }));
            }

            // Membership: which EPCI (and which EPT in the Métropole du Grand Paris) each commune belongs to.
            var communeByCode = communes.ToDictionary(c => c.Code);
            var epciOf = new Dictionary<string, string>();
            var eptOf = new Dictionary<string, string>();
            for (var i = 0; i < epcis.Count; i++)
            {
                var epci = epcis[i];
                var line = i + 1;
                foreach (var member in epci.Membres)
                {
                    if (!communeByCode.ContainsKey(member.Code))
                    {
                        run.Reject(line, "membres", member.Code,
                            $"{epci.Nom} ({epci.Code}) : la commune membre {member.Code} {member.Nom} n'est pas une commune actuelle du COG");
                        continue;
                    }

                    var map = epci.Type == "EPT" ? eptOf : epciOf;
                    if (!map.TryAdd(member.Code, epci.Code))
                    {
                        run.Reject(line, "membres", member.Code,
                            $"{epci.Nom} ({epci.Code}) : la commune {member.Code} {member.Nom} appartient déjà à l'EPCI {map[member.Code]} (une commune n'appartient qu'à un EPCI)");
                    }
                }
            }

            progress?.Report(new ImportProgress("Communes", regions.Count + departements.Count, run.Read));
            var existingCommunes = await db.Communes.ToDictionaryAsync(c => c.Code, token);
            var newCommunes = new List<Commune>();
            foreach (var c in communes)
            {
                var epciSiren = epciOf.GetValueOrDefault(c.Code);
                var eptSiren = eptOf.GetValueOrDefault(c.Code);
                var postal = string.Join(',', c.CodesPostaux ?? []);
                if (string.IsNullOrEmpty(c.Departement) || string.IsNullOrEmpty(c.Region))
                {
                    run.Reject(0, "departement", c.Code, $"commune {c.Code} {c.Nom} : département ou région manquant");
                    continue;
                }

                Upsert(run, existingCommunes, c.Code, newCommunes.Add,
                    () => new Commune
                    {
                        Code = c.Code,
                        Name = c.Nom,
                        DepartementCode = c.Departement,
                        RegionCode = c.Region,
                        EpciSiren = epciSiren,
                        EptSiren = eptSiren,
                        Population = c.Population,
                        PostalCodes = postal,
                        CogMillesime = request.Millesime,
                        ValidFrom = validFrom,
                    },
                    e => Apply(
                        e.Name != c.Nom || e.DepartementCode != c.Departement || e.RegionCode != c.Region || e.EpciSiren != epciSiren
                        || e.EptSiren != eptSiren || e.Population != c.Population || e.PostalCodes != postal || e.ValidTo is not null,
                        () =>
                        {
                            e.Name = c.Nom; e.DepartementCode = c.Departement; e.RegionCode = c.Region; e.EpciSiren = epciSiren;
                            e.EptSiren = eptSiren; e.Population = c.Population; e.PostalCodes = postal; e.CogMillesime = request.Millesime;
                            e.ValidTo = null;
                        }));
            }

            var closeOn = validFrom.AddDays(-1);
            foreach (var gone in existingCommunes.Values.Where(e => !communeByCode.ContainsKey(e.Code) && e.ValidTo is null))
            {
                gone.ValidTo = closeOn;
                run.Removed++;
            }

            progress?.Report(new ImportProgress("EPCI", run.Read - epcis.Count, run.Read));
            var existingEpcis = await db.Epcis.ToDictionaryAsync(e => e.Siren, token);
            var epciCodes = epcis.Select(e => e.Code).ToHashSet();
            foreach (var epci in epcis)
            {
                var members = epci.Membres.Select(m => communeByCode.GetValueOrDefault(m.Code)).OfType<JsonCommune>().ToList();
                if (members.Count == 0)
                {
                    run.Reject(0, "membres", epci.Code, $"{epci.Nom} ({epci.Code}) : aucune commune membre connue, département non déductible");
                    continue;
                }

                var byDepartement = members.GroupBy(m => m.Departement!).OrderByDescending(g => g.Sum(m => m.Population ?? 0)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                var mainDepartement = byDepartement[0].Key;
                var departementCodes = string.Join(',', byDepartement.Select(g => g.Key).Order(StringComparer.Ordinal));

                // The région is that of the main département, so that région and département figures always agree.
                var region = byDepartement[0].First().Region!;
                var population = epci.PopulationTotale ?? members.Sum(m => m.Population ?? 0);
                Upsert(run, existingEpcis, epci.Code, e => db.Add(e),
                    () => new Epci
                    {
                        Siren = epci.Code,
                        Name = epci.Nom,
                        Kind = epci.Type,
                        Population = population,
                        MainDepartementCode = mainDepartement,
                        DepartementCodes = departementCodes,
                        RegionCode = region,
                        MemberCount = members.Count,
                        CogMillesime = request.Millesime,
                        ValidFrom = validFrom,
                    },
                    e => Apply(
                        e.Name != epci.Nom || e.Kind != epci.Type || e.Population != population || e.MainDepartementCode != mainDepartement
                        || e.DepartementCodes != departementCodes || e.RegionCode != region || e.MemberCount != members.Count || e.ValidTo is not null,
                        () =>
                        {
                            e.Name = epci.Nom; e.Kind = epci.Type; e.Population = population; e.MainDepartementCode = mainDepartement;
                            e.DepartementCodes = departementCodes; e.RegionCode = region; e.MemberCount = members.Count;
                            e.CogMillesime = request.Millesime; e.ValidTo = null;
                        }));
            }

            foreach (var gone in existingEpcis.Values.Where(e => !epciCodes.Contains(e.Siren) && e.ValidTo is null))
            {
                gone.ValidTo = closeOn;
                run.Removed++;
            }

            // New communes (35 000 on a first import) go through the bulk loader, in the same transaction.
            progress?.Report(new ImportProgress("Enregistrement", run.Read, run.Read));
            await bulk.LoadAsync<Commune, Commune>(db, CommuneColumns, newCommunes, token);
        }, ct);
    }

    private static readonly BulkColumn<Commune>[] CommuneColumns =
    [
        new(nameof(Commune.Code), c => c.Code), new(nameof(Commune.Name), c => c.Name), new(nameof(Commune.DepartementCode), c => c.DepartementCode),
        new(nameof(Commune.RegionCode), c => c.RegionCode), new(nameof(Commune.EpciSiren), c => c.EpciSiren), new(nameof(Commune.EptSiren), c => c.EptSiren),
        new(nameof(Commune.Population), c => c.Population), new(nameof(Commune.PostalCodes), c => c.PostalCodes),
        new(nameof(Commune.CogMillesime), c => c.CogMillesime), new(nameof(Commune.ValidFrom), c => c.ValidFrom), new(nameof(Commune.ValidTo), c => c.ValidTo),
    ];

    private void Upsert<T>(ImportRun run, Dictionary<string, T> existing, string key, Action<T> add, Func<T> create, Func<T, bool> update)
        where T : class
    {
        if (existing.TryGetValue(key, out var entity))
        {
            if (update(entity))
            {
                db.Entry(entity).State = EntityState.Modified;
                run.Updated++;
            }
            else
            {
                run.Unchanged++;
            }

            return;
        }

        entity = create();
        existing[key] = entity;
        add(entity);
        run.Created++;
    }

    private static bool Apply(bool changed, Action apply)
    {
        if (changed)
        {
            apply();
        }

        return changed;
    }

    private static async Task<List<T>> ReadAsync<T>(string folder, string file, CancellationToken ct)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new ImportFileException($"{file} introuvable dans {folder} (paquet npm @etalab/decoupage-administratif non restauré ?)");
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, ct)
                ?? throw new ImportFileException($"{file} : le document JSON est vide");
        }
        catch (JsonException e)
        {
            throw new ImportFileException($"{file} : JSON invalide ligne {e.LineNumber + 1}, position {e.BytePositionInLine} ({e.Path}) : {e.Message}");
        }
    }

    private static string PackageVersion(string folder)
    {
        var path = Path.Combine(folder, "package.json");
        if (!File.Exists(path))
        {
            return "(version inconnue)";
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "(version inconnue)";
    }
}
