using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Domain.Territory;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>
/// Imports historical allocations (leases signed before Equilibre, issue 6 §8) from the CSV described in
/// docs/guide/attributions-format.md, so that the targets of past years (issue 7) are computed on real data. Each line
/// becomes a <see cref="Lease"/> with <see cref="Lease.Imported"/> set and the same snapshot a signature takes: place
/// and typology from the RPLS stock, QPV basis at the signature date (<see cref="QpvStatus.ForTargets"/> over the
/// référentiel of the quartiers), household facts from the demand or the file, Q1 against the threshold of the
/// signature year (<see cref="FirstQuartile.Classify"/>).
/// Atomic: one rejected line refuses the whole file (<see cref="ImportTransaction"/>). Idempotent by the file's
/// identifier (<see cref="Lease.ImportKey"/>): the same content is counted unchanged, a changed line updates the
/// imported lease (with an audit line saying which fields changed); a lease signed through the workflow is never touched.
/// Streamed in batches of <see cref="BatchSize"/> lines, each looked up by key, the reference data included (only the
/// communes, quartiers and Q1 thresholds the batch's dwellings need, kept for the next batches): the cost of a file
/// follows its lines, not the size of the référentiel. Existing leases are compared untracked; only a changed one is
/// attached and rewritten. New leases are appended through <see cref="IBulkLoader"/> with keys drawn from the
/// database's identity sequence (<see cref="BulkColumns.NextIdsAsync{TEntity}"/>), so that a lease signed meanwhile
/// through <see cref="SignLease"/> never gets the same key. The one-active-lease rules (an imported lease without end date is active) are checked
/// against the database and within the file, so that a line is refused with its reason rather than by the index.
/// </summary>
public sealed class ImportAttributions(EquilibreDb db, TimeProvider clock, IBulkLoader bulk, QpvRuleSettings qpvSettings)
{
    public const string Kind = "attributions";
    public const int BatchSize = 5000;

    /// <summary>Columns every file must have (values may be empty where the format says so).</summary>
    public static readonly string[] RequiredColumns = ["identifiant", "date_signature", "date_effet", "rpls_logement", "siren_bailleur", "flux"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    /// <param name="File">The CSV file (<c>;</c> or <c>,</c>, UTF-8 or Windows-1252).</param>
    /// <param name="User">Who imports: only an administrator (data migration of a whole territory).</param>
    public sealed record Request(string File, CurrentUser User);

    /// <summary>A line read and checked, waiting for its batch to be resolved.</summary>
    private sealed record Line(
        int Number, string Key, DateOnly SignedOn, DateOnly StartsOn, DateOnly? EndedOn, string RplsId, string? Numero, string BailleurSiren,
        string? Reservataire, FluxOrigin Flux, Relocation Relocation, bool Mutation, decimal? ResourcesPerUc, bool? Q1, string? EpciSiren, bool? Dalo, string? Priority);

    /// <summary>
    /// Reference data of the file. Bailleurs and organisations (a few hundred) are loaded whole; communes, quartiers
    /// and thresholds are loaded per batch for the keys it needs and kept (<see cref="Seen"/>: keys already asked,
    /// found or not).
    /// </summary>
    private sealed record Reference(
        Dictionary<string, (long Id, long? OrganisationId, string Name)> Bailleurs,
        Dictionary<string, long> OrganisationsBySiren,
        Dictionary<string, List<long>> OrganisationsByName,
        Dictionary<string, List<PriorityArea>> Areas,
        Dictionary<string, (string Departement, string Region, string? Epci)> Communes,
        List<Q1Threshold> Thresholds,
        HashSet<string> Seen);

    public async Task<ImportRun> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), request.User.DisplayName, async (run, token) =>
        {
            if (!request.User.IsAdministrator)
            {
                throw new ImportFileException("seul un administrateur importe l'historique des attributions (reprise de données d'un territoire)");
            }

            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var reference = await LoadReferenceAsync(token);
            var state = new FileState(FrenchTime.Today(clock), clock.GetUtcNow(), request.User);
            var batch = new List<Line>(BatchSize);
            using var reader = DelimitedText.Open(request.File);
            foreach (var row in DelimitedText.Read(reader, RequiredColumns))
            {
                run.Read++;
                if (Parse(run, row, state) is { } line)
                {
                    batch.Add(line);
                }
                else
                {
                    state.Rejected = true;
                }

                if (batch.Count == BatchSize)
                {
                    await ResolveAsync(batch, run, reference, state, token);
                    batch.Clear();
                }
            }

            await ResolveAsync(batch, run, reference, state, token);
        }, ct);
    }

    /// <summary>What the file's lines share across batches: duplicate keys, active leases per dwelling and demand.</summary>
    private sealed class FileState(DateOnly today, DateTimeOffset now, CurrentUser user)
    {
        public DateOnly Today { get; } = today;
        public DateTimeOffset Now { get; } = now;
        public CurrentUser User { get; } = user;
        public Dictionary<string, int> Keys { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, int> ActiveDwellings { get; } = [];
        public Dictionary<long, int> ActiveDemands { get; } = [];

        /// <summary>A line was rejected: the file will be refused, later batches are checked but not written.</summary>
        public bool Rejected { get; set; }
    }

    private async Task<Reference> LoadReferenceAsync(CancellationToken ct)
    {
        var bailleurs = await db.Bailleurs.AsNoTracking().ToDictionaryAsync(b => b.Siren, b => (b.Id, b.OrganisationId, b.Name), ct);
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Siren }).ToListAsync(ct);
        return new Reference(
            bailleurs,
            organisations.Where(o => o.Siren is not null).GroupBy(o => o.Siren!).ToDictionary(g => g.Key, g => g.First().Id),
            organisations.GroupBy(o => Fold(o.Name)).ToDictionary(g => g.Key, g => g.Select(o => o.Id).ToList()),
            new Dictionary<string, List<PriorityArea>>(StringComparer.Ordinal),
            new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal),
            [],
            new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Loads what the batch's dwellings need and the file has not asked yet: their communes (for a résidence without
    /// département, région or EPCI), the quartiers they are geocoded in, and the Q1 thresholds of their EPCIs and of
    /// the EPCIs the file names.
    /// </summary>
    private async Task LoadReferenceAsync(Reference reference, IEnumerable<Residence> residences, IEnumerable<string?> fileEpcis, CancellationToken ct)
    {
        List<string> New(string prefix, IEnumerable<string?> keys) =>
            [.. keys.OfType<string>().Distinct(StringComparer.Ordinal).Where(k => reference.Seen.Add(prefix + k)).Order(StringComparer.Ordinal)];

        var list = residences.ToList();
        var communes = New("c:", list.Select(r => r.CommuneCode));
        if (communes.Count > 0)
        {
            foreach (var c in await db.Communes.AsNoTracking().Where(c => communes.Contains(c.Code)).Select(c => new { c.Code, c.DepartementCode, c.RegionCode, c.EpciSiren }).ToListAsync(ct))
            {
                reference.Communes[c.Code] = (c.DepartementCode, c.RegionCode, c.EpciSiren);
            }
        }

        var quartiers = New("q:", list.Select(r => r.QpvCode is { Length: > 0 } q ? q : null));
        if (quartiers.Count > 0)
        {
            foreach (var g in (await db.PriorityAreas.AsNoTracking().Where(a => quartiers.Contains(a.Code)).ToListAsync(ct)).GroupBy(a => a.Code))
            {
                reference.Areas[g.Key] = [.. g.Select(a => a.ToDomain()).DistinctBy(a => (a.Code, a.Kind, a.ValidFrom))];
            }
        }

        var epcis = New("e:", list.Select(r => r.EpciSiren ?? reference.Communes.GetValueOrDefault(r.CommuneCode).Epci).Concat(fileEpcis));
        if (epcis.Count > 0)
        {
            reference.Thresholds.AddRange(await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren != null && epcis.Contains(t.EpciSiren))
                .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).ToListAsync(ct));
        }
    }

    private static string Fold(string text) => SearchText.Fold(text);

    /// <summary>Checks what a line says by itself (formats, codes, dates, duplicates); null when it is rejected.</summary>
    private static Line? Parse(ImportRun run, DelimitedRow row, FileState state)
    {
        var n = row.Line;
        var ok = true;
        void Reject(string column, string message)
        {
            run.Reject(n, column, row[column], French.Format($"ligne {n} : {column} : {message}"));
            ok = false;
        }

        var key = row["identifiant"].Trim();
        if (key.Length == 0)
        {
            Reject("identifiant", "obligatoire (identifiant du bail dans le système d'origine, clé de la reprise)");
        }
        else if (key.Length > 100)
        {
            Reject("identifiant", "100 caractères au plus");
        }
        else if (state.Keys.TryGetValue(key, out var first))
        {
            Reject("identifiant", $"« {key} » figure déjà ligne {first} (un bail par ligne)");
        }
        else
        {
            state.Keys[key] = n;
        }

        DateOnly? Date(string column, bool required)
        {
            var text = row[column].Trim();
            if (text.Length == 0)
            {
                if (required)
                {
                    Reject(column, "obligatoire (AAAA-MM-JJ ou JJ/MM/AAAA)");
                }

                return null;
            }

            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            Reject(column, "date invalide (AAAA-MM-JJ ou JJ/MM/AAAA attendu)");
            return null;
        }

        var signed = Date("date_signature", true);
        var starts = Date("date_effet", true);
        var ended = Date("date_fin", false);
        if (signed is { } s && s > state.Today)
        {
            Reject("date_signature", $"{s:dd/MM/yyyy} est dans le futur : seuls des baux déjà signés s'importent");
        }

        if (signed is { } s2 && starts is { } e && (e < s2.AddMonths(-3) || e > s2.AddMonths(6)))
        {
            Reject("date_effet", $"{e:dd/MM/yyyy} est à plus de 3 mois avant ou 6 mois après la signature du {s2:dd/MM/yyyy} : date à vérifier");
        }

        if (ended is { } end && starts is { } e2 && end < e2)
        {
            Reject("date_fin", $"{end:dd/MM/yyyy} précède la date d'effet du {e2:dd/MM/yyyy}");
        }

        var rpls = row["rpls_logement"].Trim();
        if (rpls.Length == 0)
        {
            Reject("rpls_logement", "obligatoire (identifiant RPLS du logement, IDENT_REP)");
        }

        var siren = row["siren_bailleur"].Trim().Replace(" ", "", StringComparison.Ordinal);
        if (siren.Length != 9 || !siren.All(char.IsAsciiDigit))
        {
            Reject("siren_bailleur", "SIREN de 9 chiffres attendu");
        }

        FluxOrigin? flux = Fold(row["flux"]) switch
        {
            "prefet" => FluxOrigin.Prefet,
            "reservataire" => FluxOrigin.Reservataire,
            "bailleur" => FluxOrigin.BailleurNonReserved,
            "restitue" => FluxOrigin.ReturnedToBailleur,
            "hors flux" => FluxOrigin.WithdrawnFromFlux,
            "inconnu" or "" => FluxOrigin.Unknown,
            _ => null,
        };
        if (flux is null)
        {
            Reject("flux", "valeur inconnue (prefet, reservataire, bailleur, restitue, hors_flux ou inconnu)");
        }

        var reservataire = Optional(row["reservataire"]);
        if (flux is FluxOrigin.Prefet or FluxOrigin.Reservataire && reservataire is null)
        {
            Reject("reservataire", $"obligatoire quand le flux est « {row["flux"].Trim()} » (nom ou SIREN de l'organisation réservataire)");
        }

        Relocation? relocation = Fold(row["relogement"]) switch
        {
            "" or "non" => Relocation.None,
            "anru" => Relocation.Anru,
            "orcod" => Relocation.Orcod,
            _ => null,
        };
        if (relocation is null)
        {
            Reject("relogement", "valeur inconnue (vide, ANRU ou ORCOD)");
        }

        bool? YesNo(string column)
        {
            switch (Fold(row[column]))
            {
                case "":
                    return null;
                case "oui" or "o" or "1" or "true":
                    return true;
                case "non" or "n" or "0" or "false":
                    return false;
                default:
                    Reject(column, "oui ou non attendu");
                    return null;
            }
        }

        var mutation = YesNo("mutation");
        var q1 = YesNo("q1");
        var dalo = YesNo("dalo");
        decimal? resources = null;
        var resourcesText = row["ressources_par_uc"].Trim().Replace(" ", "", StringComparison.Ordinal).Replace(',', '.');
        if (resourcesText.Length > 0)
        {
            if (decimal.TryParse(resourcesText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r < 10_000_000m)
            {
                resources = r;
            }
            else
            {
                Reject("ressources_par_uc", "montant annuel en euros par UC attendu (ex. 8450,50)");
            }
        }

        var epci = Optional(row["epci"]);
        if (epci is not null && (epci.Length != 9 || !epci.All(char.IsAsciiDigit)))
        {
            Reject("epci", "SIREN de l'EPCI (9 chiffres) attendu");
        }

        var priority = Optional(row["priorite"]);
        if (priority is not null && PriorityCategories.Find(priority) is null)
        {
            Reject("priorite", $"code de priorité inconnu (codes attendus : {string.Join(", ", PriorityCategories.All.Select(c => c.Code))})");
        }

        var numero = Optional(row["numero_demande"]);
        return ok
            ? new Line(n, key, signed!.Value, starts!.Value, ended, rpls, numero, siren, reservataire, flux!.Value, relocation!.Value, mutation ?? false,
                resources, q1, epci, dalo, priority)
            : null;
    }

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Resolves a batch against the database (dwellings, demands, existing leases) and writes it when the file is still valid.</summary>
    private async Task ResolveAsync(List<Line> batch, ImportRun run, Reference reference, FileState state, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var rplsIds = batch.Select(l => l.RplsId).Distinct().ToList();
        var dwellings = await (from d in db.Dwellings.AsNoTracking()
                               join r in db.Residences.AsNoTracking() on d.ResidenceId equals r.Id
                               where rplsIds.Contains(d.RplsId)
                               select new { d.Id, d.RplsId, Residence = r }).ToDictionaryAsync(x => x.RplsId, ct);
        var dwellingIds = dwellings.Values.Select(d => d.Id).ToList();
        var states = (await db.DwellingStates.AsNoTracking().Where(s => dwellingIds.Contains(s.DwellingId))
                .Select(s => new { s.DwellingId, s.Millesime, s.Rooms, s.Financing, s.ConstructionYear, s.BailleurId }).ToListAsync(ct))
            .GroupBy(s => s.DwellingId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Millesime).ToList());
        var numeros = batch.Where(l => l.Numero is not null).Select(l => l.Numero!).Distinct().ToList();
        var demands = await db.Demands.AsNoTracking().Where(d => numeros.Contains(d.Numero))
            .Select(d => new { d.Id, d.Numero, d.Status, d.AnnualResourcesPerUc, d.Dalo, d.PriorityCodes, d.IsMutation })
            .ToDictionaryAsync(d => d.Numero, ct);
        var keys = batch.Select(l => l.Key).ToList();
        var existing = await db.Leases.AsNoTracking().Where(l => l.ImportKey != null && keys.Contains(l.ImportKey)).ToDictionaryAsync(l => l.ImportKey!, ct);
        await LoadReferenceAsync(reference, dwellings.Values.Select(d => d.Residence), batch.Select(l => l.EpciSiren), ct);
        var demandIds = demands.Values.Select(d => d.Id).ToList();
        var activeByDwelling = await db.Leases.AsNoTracking().Where(l => l.EndedOn == null && dwellingIds.Contains(l.DwellingId))
            .Select(l => new { l.DwellingId, l.ImportKey, l.SignedOn }).ToListAsync(ct);
        var activeDwellings = activeByDwelling.ToLookup(a => a.DwellingId);
        var activeByDemand = await db.Leases.AsNoTracking().Where(l => l.EndedOn == null && l.DemandId != null && demandIds.Contains(l.DemandId.Value))
            .Select(l => new { DemandId = l.DemandId!.Value, l.ImportKey, l.SignedOn }).ToListAsync(ct);
        var activeDemands = activeByDemand.ToLookup(a => a.DemandId);

        var created = new List<Lease>();
        var createdSummaries = new List<(Lease Lease, long? DemandId, string Summary)>();
        var demandEvents = new List<DemandEvent>();
        var leaseEvents = new List<AllocationEvent>();
        foreach (var line in batch)
        {
            var n = line.Number;
            if (!dwellings.TryGetValue(line.RplsId, out var dwelling))
            {
                Reject(run, state, n, "rpls_logement", line.RplsId, $"ligne {n} : rpls_logement : « {line.RplsId} » : logement inconnu du parc (importez d'abord le RPLS qui le contient : import rpls)");
                continue;
            }

            if (!reference.Bailleurs.TryGetValue(line.BailleurSiren, out var bailleur))
            {
                Reject(run, state, n, "siren_bailleur", line.BailleurSiren, $"ligne {n} : siren_bailleur : « {line.BailleurSiren} » : aucun bailleur de ce SIREN dans le parc importé (RPLS « version loi »)");
                continue;
            }

            var history = states.GetValueOrDefault(dwelling.Id) ?? [];
            var dwellingState = history.LastOrDefault(s => s.Millesime <= line.SignedOn.Year + 1) ?? history.FirstOrDefault();
            if (dwellingState is null)
            {
                Reject(run, state, n, "rpls_logement", line.RplsId, $"ligne {n} : rpls_logement : « {line.RplsId} » n'a aucun état RPLS (typologie, financement inconnus)");
                continue;
            }

            if (dwellingState.BailleurId is { } owner && owner != bailleur.Id)
            {
                run.Warn(n, "siren_bailleur", line.BailleurSiren, French.Format(
                    $"ligne {n} : siren_bailleur : le RPLS {dwellingState.Millesime} attribue le logement {line.RplsId} à un autre bailleur ; le bail est rattaché à {bailleur.Name} comme le dit le fichier"));
            }

            long? reservataireId = null;
            if (line.Reservataire is { } name)
            {
                if (reference.OrganisationsBySiren.TryGetValue(name, out var byS))
                {
                    reservataireId = byS;
                }
                else if (reference.OrganisationsByName.TryGetValue(Fold(name), out var byName) && byName.Count == 1)
                {
                    reservataireId = byName[0];
                }
                else
                {
                    Reject(run, state, n, "reservataire", name, byName is { Count: > 1 }
                        ? French.Format($"ligne {n} : reservataire : « {name} » désigne {byName.Count} organisations : indiquez son SIREN")
                        : $"ligne {n} : reservataire : « {name} » : aucune organisation de ce nom ou SIREN (créez-la dans l'administration puis relancez)");
                    continue;
                }
            }

            var demand = line.Numero is { } numero && demands.TryGetValue(numero, out var found) ? found : null;
            if (line.Numero is not null && demand is null)
            {
                run.Warn(n, "numero_demande", line.Numero, $"ligne {n} : numero_demande : « {line.Numero} » absent du registre : ménage extérieur, le bail est importé avec les faits du fichier (ressources, Q1, DALO, priorité)");
            }
            else if (demand is { Status: DemandStatus.Active })
            {
                run.Warn(n, "numero_demande", line.Numero, $"ligne {n} : numero_demande : la demande {line.Numero} est encore active alors qu'un bail est importé : radiez-la pour attribution (RADATT) si ce bail l'a satisfaite");
            }

            var place = Place(dwelling.Residence, reference);
            var (qpv, qpvExplanation) = Qpv(dwelling.Residence, reference, line.SignedOn);
            var resources = line.ResourcesPerUc ?? demand?.AnnualResourcesPerUc;
            var thresholdEpci = line.EpciSiren ?? place.Epci;
            var lookup = thresholdEpci is null ? null : Q1Thresholds.Find(reference.Thresholds, thresholdEpci, line.SignedOn.Year);
            bool? isQ1;
            if (line.Q1 is { } given)
            {
                isQ1 = given;
            }
            else
            {
                isQ1 = FirstQuartile.Classify(resources, lookup?.Threshold?.AmountPerUcPerYear, line.SignedOn.Year).IsFirstQuartile;
                if (isQ1 is null)
                {
                    run.Warn(n, resources is null ? "ressources_par_uc" : "epci", resources is null ? "" : thresholdEpci, resources is null
                        ? $"ligne {n} : ressources_par_uc : ni ressources ni q1 (ni dans le fichier ni dans la demande) : Q1 inconnu, le bail sera exclu des indicateurs qui en dépendent"
                        : $"ligne {n} : epci : {lookup?.Explanation ?? "le logement n'a pas d'EPCI"} : Q1 inconnu");
                }
            }

            var lease = existing.GetValueOrDefault(line.Key) ?? new Lease { EpciSiren = "", CommuneCode = "", DepartementCode = "", SignedBy = state.User.DisplayName };
            var before = existing.ContainsKey(line.Key) ? Facts(lease) : null;
            var revision = lease.Revision;
            lease.DwellingId = dwelling.Id;
            lease.DemandId = demand?.Id;
            lease.BailleurId = bailleur.Id;
            lease.BailleurOrganisationId = bailleur.OrganisationId;
            lease.SignedOn = line.SignedOn;
            lease.StartsOn = line.StartsOn;
            lease.EndedOn = line.EndedOn;
            lease.Flux = line.Flux;
            lease.ReservataireOrganisationId = reservataireId;
            lease.EpciSiren = place.Epci ?? "";
            lease.CommuneCode = dwelling.Residence.CommuneCode;
            lease.DepartementCode = place.Departement;
            lease.RegionCode = place.Region;
            lease.Rooms = dwellingState.Rooms;
            lease.Financing = dwellingState.Financing;
            lease.ConstructionYear = dwellingState.ConstructionYear;
            lease.Qpv = qpv;
            lease.QpvExplanation = qpvExplanation.Length > 1000 ? qpvExplanation[..1000] : qpvExplanation;
            lease.AnnualResourcesPerUc = resources;
            lease.IsQ1 = isQ1;
            lease.Q1Year = lookup?.Threshold is null ? null : line.SignedOn.Year;
            lease.Q1Threshold = lookup?.Threshold?.AmountPerUcPerYear;
            lease.Dalo = line.Dalo ?? demand?.Dalo is DaloStatus.Active or DaloStatus.ActiveRehoused;
            lease.PriorityCategory = line.Priority ?? demand?.PriorityCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            lease.Mutation = line.Mutation || (demand?.IsMutation ?? false);
            lease.Relocation = line.Relocation;
            lease.Imported = true;
            lease.ImportKey = line.Key;

            // One active lease per dwelling and per household (issue 6 §7), in the database and within the file.
            if (line.EndedOn is null)
            {
                var other = activeDwellings[dwelling.Id].FirstOrDefault(a => a.ImportKey != line.Key);
                if (other is not null)
                {
                    Reject(run, state, n, "date_fin", "", French.Format(
                        $"ligne {n} : date_fin : vide, mais le logement {line.RplsId} a déjà un bail actif signé le {other.SignedOn:dd/MM/yyyy}{(other.ImportKey is null ? "" : $" (identifiant {other.ImportKey})")} : indiquez la date de fin de l'un des deux"));
                    continue;
                }

                if (state.ActiveDwellings.TryGetValue(dwelling.Id, out var otherLine))
                {
                    Reject(run, state, n, "date_fin", "", $"ligne {n} : date_fin : vide, mais la ligne {otherLine} donne déjà un bail actif sur le logement {line.RplsId} : un seul bail actif par logement");
                    continue;
                }

                state.ActiveDwellings[dwelling.Id] = n;
                if (demand is not null)
                {
                    var otherDemand = activeDemands[demand.Id].FirstOrDefault(a => a.ImportKey != line.Key);
                    if (otherDemand is not null)
                    {
                        Reject(run, state, n, "numero_demande", line.Numero, French.Format($"ligne {n} : numero_demande : le ménage {line.Numero} a déjà un bail actif signé le {otherDemand.SignedOn:dd/MM/yyyy} : un seul bail actif par ménage"));
                        continue;
                    }

                    if (state.ActiveDemands.TryGetValue(demand.Id, out var otherDemandLine))
                    {
                        Reject(run, state, n, "numero_demande", line.Numero, $"ligne {n} : numero_demande : la ligne {otherDemandLine} donne déjà un bail actif au ménage {line.Numero} : un seul bail actif par ménage");
                        continue;
                    }

                    state.ActiveDemands[demand.Id] = n;
                }
            }

            if (state.Rejected)
            {
                continue;
            }

            if (before is null)
            {
                lease.At = state.Now;
                lease.Revision = 1;
                created.Add(lease);
                run.Created++;
                createdSummaries.Add((lease, demand?.Id, French.Format($"bail historique importé (identifiant {line.Key}) : logement {line.RplsId}, signé le {line.SignedOn:dd/MM/yyyy}")));
                continue;
            }

            var changes = Changes(before, Facts(lease));
            if (changes.Count == 0)
            {
                run.Unchanged++;
                continue;
            }

            // Read untracked: attached now, with the revision read as the original value of the concurrency token.
            lease.Revision = revision + 1;
            var entry = db.Leases.Attach(lease);
            entry.Property(l => l.Revision).OriginalValue = revision;
            entry.State = EntityState.Modified;
            run.Updated++;
            var summary = $"bail historique mis à jour par l'import (identifiant {line.Key}) : {string.Join(", ", changes)}";

            leaseEvents.Add(AllocationJournal.Event(AllocationJournal.Lease, lease.Id, null, summary, run.Source, state.User, state.Now));
            if (demand is not null)
            {
                demandEvents.Add(DemandAccess.Event(demand.Id, DemandEventKind.Lease, summary, run.Source, state.User, state.Now));
            }
        }

        if (state.Rejected)
        {
            db.ChangeTracker.Clear();
            return;
        }

        // Keys from the identity sequence, as a signature takes them: a lease signed meanwhile cannot get the same one.
        var ids = await BulkColumns.NextIdsAsync<Lease>(db, created.Count, ct);
        for (var i = 0; i < created.Count; i++)
        {
            created[i].Id = ids[i];
        }

        foreach (var (lease, demandId, summary) in createdSummaries)
        {
            leaseEvents.Add(AllocationJournal.Event(AllocationJournal.Lease, lease.Id, null, summary, run.Source, state.User, state.Now));
            if (demandId is { } id)
            {
                demandEvents.Add(DemandAccess.Event(id, DemandEventKind.Lease, summary, run.Source, state.User, state.Now));
            }
        }

        await bulk.LoadAsync<Lease, Lease>(db, BulkColumns.Of<Lease>(db, withGeneratedKey: true), created, ct);
        await bulk.LoadAsync<AllocationEvent, AllocationEvent>(db, BulkColumns.Of<AllocationEvent>(db, withGeneratedKey: false), leaseEvents, ct);
        await bulk.LoadAsync<DemandEvent, DemandEvent>(db, BulkColumns.Of<DemandEvent>(db, withGeneratedKey: false), demandEvents, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static void Reject(ImportRun run, FileState state, int line, string field, string? value, string message)
    {
        run.Reject(line, field, value, message);
        state.Rejected = true;
    }

    private static (string Departement, string? Region, string? Epci) Place(Residence residence, Reference reference)
    {
        var commune = reference.Communes.TryGetValue(residence.CommuneCode, out var c) ? c : default;
        return (residence.DepartementCode ?? commune.Departement ?? "", residence.RegionCode ?? commune.Region, residence.EpciSiren ?? commune.Epci);
    }

    /// <summary>The QPV basis at the signature date, as a signature records it (same reading of the résidence as GetDwelling).</summary>
    private (QpvBasis? Basis, string Explanation) Qpv(Residence residence, Reference reference, DateOnly date)
    {
        if (residence.QpvCode is { Length: > 0 } code)
        {
            if (!reference.Areas.TryGetValue(code, out var areas))
            {
                return (null, French.Format($"géocodé dans le quartier {code} par le RPLS {residence.Millesime}, absent du référentiel des quartiers importé : situation au {date:dd/MM/yyyy} indéterminée"));
            }

            var status = QpvStatus.ForTargets(areas, date, qpvSettings);
            return (status.Basis, status.Explanation);
        }

        return residence.InQpv switch
        {
            true => (null, French.Format($"en QPV selon l'indicateur du RPLS {residence.Millesime} (sans code de quartier) : règle datée inapplicable au {date:dd/MM/yyyy}")),
            false => (QpvBasis.NotInQpv, French.Format($"hors QPV au {date:dd/MM/yyyy} : le RPLS {residence.Millesime} ne le géocode dans aucun QPV")),
            null => (null, French.Format($"le RPLS {residence.Millesime} ne dit pas si le logement est en QPV : situation indéterminée")),
        };
    }

    /// <summary>The facts of a lease the file decides, by French name, to say what an update changed.</summary>
    private static Dictionary<string, string?> Facts(Lease l) => new()
    {
        ["logement"] = l.DwellingId.ToString(CultureInfo.InvariantCulture),
        ["demande"] = l.DemandId?.ToString(CultureInfo.InvariantCulture),
        ["bailleur"] = l.BailleurId.ToString(CultureInfo.InvariantCulture),
        ["date de signature"] = l.SignedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["date d'effet"] = l.StartsOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["date de fin"] = l.EndedOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        ["flux"] = l.Flux.ToString(),
        ["réservataire"] = l.ReservataireOrganisationId?.ToString(CultureInfo.InvariantCulture),
        ["QPV"] = l.Qpv?.ToString(),
        ["ressources par UC"] = l.AnnualResourcesPerUc?.ToString("0.00", CultureInfo.InvariantCulture),
        ["Q1"] = l.IsQ1?.ToString(),
        ["DALO"] = l.Dalo.ToString(),
        ["priorité"] = l.PriorityCategory,
        ["mutation"] = l.Mutation.ToString(),
        ["relogement"] = l.Relocation.ToString(),
    };

    private static List<string> Changes(Dictionary<string, string?> before, Dictionary<string, string?> after) =>
        [.. before.Where(b => b.Value != after[b.Key]).Select(b => b.Key)];
}
