using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Features.Applications.Sne;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>
/// Imports demands from an SNE interfaceNuu XML file or the Equilibre CSV (docs/guide/demandes-format.md), atomic and
/// idempotent by numéro unique. Pass 1 reads and checks every demand (codes, dates, communes, numéro, duplicates)
/// without keeping them; any rejection refuses the whole file. Pass 2 reads the file again and writes in batches in
/// the one transaction: a known numéro updates its demand (same id, wishes keep their seniority, version + 1, an
/// "Imported" history entry when something changed), a new numéro creates it with the file's registration date.
/// A demand without wished commune or typology (the SNE example has none) takes the request's defaults, with a warning.
/// </summary>
public sealed class ImportDemands(EquilibreDb db, TimeProvider clock, DemandSettings settings, IBulkLoader bulk, ScoreDemands scoring)
{
    /// <summary>EPCIs of the demands created or changed: their cotation is recomputed once the import is committed.</summary>
    private readonly HashSet<string> _territories = new(StringComparer.Ordinal);

    public const string Kind = "demandes";
    public const int BatchSize = 1000;

    /// <param name="File">XML (interfaceNuu) or CSV file; the format is detected from the content.</param>
    /// <param name="DefaultCommune">Wished commune (INSEE code) for a demand that has none.</param>
    /// <param name="DefaultTypology">Wished typology (T1…T6P, C) for a demand that has none.</param>
    public sealed record Request(string File, string? DefaultCommune = null, string? DefaultTypology = null);

    public async Task<ImportRun> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        _territories.Clear();
        var result = await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), user.DisplayName, async (run, token) =>
        {
            if (!DemandAccess.CanWrite(user))
            {
                throw new ImportFileException("seul un administrateur ou un guichet enregistreur peut importer des demandes");
            }

            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var today = FrenchTime.Today(clock);
            var reference = await DemandReference.LoadAsync(db, token);
            CheckDefaults(request, reference);
            var numeros = new HashSet<string>(StringComparer.Ordinal);
            foreach (var demand in ReadFile(request.File, run))
            {
                run.Read++;
                Check(run, Defaulted(demand, request, run), reference, today, numeros);
            }

            if (run.Issues.Any(i => i.IsRejection))
            {
                return;
            }

            // Pass 2: the file is valid as a whole; its warnings were recorded in pass 1.
            var scratch = new ImportRun { Kind = Kind, Source = run.Source };
            var batch = new List<SneDemand>(BatchSize);
            foreach (var demand in ReadFile(request.File, scratch))
            {
                batch.Add(Defaulted(demand, request, null));
                if (batch.Count == BatchSize)
                {
                    await WriteAsync(batch, run, reference, today, user, token);
                    batch.Clear();
                }
            }

            await WriteAsync(batch, run, reference, today, user, token);
        }, ct);

        // The stored scores of the territories touched (ADR 0008); many territories: one national batch.
        if (result.Succeeded && _territories.Count > 0)
        {
            foreach (var territory in _territories.Count > 20 ? [null] : _territories.Select(t => (string?)t).ToList())
            {
                await scoring.RunAsync(territory, ct);
            }
        }

        return result;
    }

    private void Touch(string? territory)
    {
        if (territory is not null)
        {
            _territories.Add(territory);
        }
    }

    private static IEnumerable<SneDemand> ReadFile(string path, ImportRun run)
    {
        if (IsXml(path))
        {
            using var stream = File.OpenRead(path);
            foreach (var d in SneXml.Read(stream, run))
            {
                yield return d;
            }
        }
        else
        {
            using var reader = DelimitedText.Open(path);
            foreach (var d in DemandCsv.Read(reader, run))
            {
                yield return d;
            }
        }
    }

    /// <summary>XML when the first non-blank character (after a BOM) is <c>&lt;</c>.</summary>
    private static bool IsXml(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c))
        {
        }

        return c == '<';
    }

    private static void CheckDefaults(Request request, DemandReference reference)
    {
        if (request.DefaultCommune is { } commune && reference.Commune(commune) is null)
        {
            throw new ImportFileException($"commune par défaut « {commune} » : pas un code commune INSEE en vigueur (COG)");
        }

        if (request.DefaultTypology is { } typology && !SneCodes.Typology.ContainsKey(typology))
        {
            throw new ImportFileException($"typologie par défaut « {typology} » : {string.Join(", ", SneCodes.Typology.Keys)} attendu");
        }
    }

    /// <summary>The request's default commune and typology for a demand that has none (warned once, in pass 1).</summary>
    private static SneDemand Defaulted(SneDemand demand, Request request, ImportRun? run)
    {
        var wishes = demand.File.Wishes;
        var communes = wishes.Communes.Count == 0 && request.DefaultCommune is { } c ? [c] : wishes.Communes;
        var typologies = wishes.Typologies.Count == 0 && request.DefaultTypology is { } t ? [t] : wishes.Typologies;
        if (ReferenceEquals(communes, wishes.Communes) && ReferenceEquals(typologies, wishes.Typologies))
        {
            return demand;
        }

        if (run is not null)
        {
            var what = new List<string>();
            if (!ReferenceEquals(communes, wishes.Communes))
            {
                what.Add($"commune souhaitée {request.DefaultCommune}");
            }

            if (!ReferenceEquals(typologies, wishes.Typologies))
            {
                what.Add($"typologie {request.DefaultTypology}");
            }

            run.Warn(demand.Line, "logementRecherche", null,
                $"ligne {demand.Line} (demande {demand.Numero}) : aucun logement recherché dans le fichier : valeurs par défaut de l'import retenues ({string.Join(", ", what)})");
        }

        return demand with { File = demand.File with { Wishes = wishes with { Communes = communes, Typologies = typologies } } };
    }

    private static void Check(ImportRun run, SneDemand d, DemandReference reference, DateOnly today, HashSet<string> numeros)
    {
        var at = $"ligne {d.Line}" + (d.Numero is null ? "" : $" (demande {d.Numero})");
        if (d.Numero is null)
        {
            run.Reject(d.Line, "numUnique", null, $"{at} : numUnique : le numéro unique est obligatoire (c'est la clé de l'import)");
        }
        else if (!NumeroUnique.IsValid(d.Numero))
        {
            run.Reject(d.Line, "numUnique", d.Numero, $"{at} : numUnique : « {d.Numero} » n'est pas un numéro unique (18 caractères 0-9 A-Z)");
        }
        else if (!numeros.Add(d.Numero))
        {
            run.Reject(d.Line, "numUnique", d.Numero, $"{at} : numUnique : la demande {d.Numero} figure deux fois dans le fichier");
        }

        if (d.CreatedOn is null)
        {
            run.Reject(d.Line, "dateCreationDemande", null, $"{at} : dateCreationDemande : la date de création est obligatoire (début de l'ancienneté)");
        }
        else if (d.CreatedOn > today)
        {
            run.Reject(d.Line, "dateCreationDemande", Iso(d.CreatedOn), French.Format($"{at} : dateCreationDemande : le {d.CreatedOn:dd/MM/yyyy} est dans le futur"));
        }

        if (d.LastRenewedOn is { } renewed && (renewed > today || (d.CreatedOn is { } created && renewed < created)))
        {
            run.Reject(d.Line, "dateDernierRenouvellement", Iso(renewed), $"{at} : dateDernierRenouvellement : doit être entre la création et aujourd'hui");
        }

        if (d.GuichetCode is { Length: > 10 } guichet)
        {
            run.Reject(d.Line, "numGuichet", guichet, $"{at} : numGuichet : « {guichet} » dépasse 10 caractères");
        }

        if (d.Radiation is { } r)
        {
            if (DemandLifecycle.ParseCode(r.Code) is null)
            {
                run.Reject(d.Line, "radiation.motif", r.Code, $"{at} : radiation.motif : « {r.Code} » n'est pas un motif de radiation (RADATT, RADABA, RADREN, RADIRR, RADCON)");
            }

            if (r.SubCode is { } sub && !DemandLifecycle.InadmissibilityCodes.ContainsKey(sub))
            {
                run.Reject(d.Line, "radiation.sousMotif", sub, $"{at} : radiation.sousMotif : « {sub} » n'est pas un sous-motif (IRRSEJ, IRRRES)");
            }

            if (r.On is null)
            {
                run.Reject(d.Line, "radiation.dateRadiation", null, $"{at} : radiation.dateRadiation : la date de radiation est obligatoire pour une demande radiée");
            }
            else if (r.On > today)
            {
                run.Reject(d.Line, "radiation.dateRadiation", Iso(r.On), French.Format($"{at} : radiation.dateRadiation : le {r.On:dd/MM/yyyy} est dans le futur"));
            }
        }

        foreach (var e in reference.Check(d.File, today))
        {
            var hint = e.Field.StartsWith("logementRecherche", StringComparison.Ordinal) && d.File.Wishes.Communes.Count == 0
                ? " (le fichier n'a pas de logement recherché : relancez avec une commune et une typologie par défaut)"
                : "";
            run.Reject(d.Line, e.Field, null, $"{at} : {e.Field} : {e.Message}{hint}");
        }
    }

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task WriteAsync(List<SneDemand> batch, ImportRun run, DemandReference reference, DateOnly today, CurrentUser user, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var numeros = batch.Select(d => d.Numero!).ToList();
        // Read untracked: most demands of a re-import are unchanged; only those that change are attached.
        var existing = await db.Demands.AsNoTracking().Include(d => d.Wishes).Where(d => numeros.Contains(d.Numero)).ToDictionaryAsync(d => d.Numero, ct);
        var visible = user.SeesEverything || existing.Count == 0 ? null
            : (await db.Demands.Visible(user).Where(d => numeros.Contains(d.Numero)).Select(d => d.Numero).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        var created = new List<(Demand Demand, SneDemand Source)>();
        var events = new List<DemandEvent>();
        var updated = false;
        foreach (var d in batch)
        {
            var state = State(d);
            if (existing.TryGetValue(d.Numero!, out var demand))
            {
                if (visible is not null && !visible.Contains(demand.Numero))
                {
                    run.Reject(d.Line, "numUnique", demand.Numero, $"ligne {d.Line} : la demande {demand.Numero} existe hors de votre périmètre : seul un administrateur peut la mettre à jour");
                    continue;
                }

                var next = state with { RenewalNoticeSentOn = demand.RenewalNoticeSentOn, PendingNotice = demand.State.PendingNotice };
                var sameState = demand.State == next && demand.LastRenewedOn == d.LastRenewedOn && demand.RadiationSubCode == d.Radiation?.SubCode;
                var sameGuichet = d.GuichetCode is null || demand.GuichetCode == d.GuichetCode;

                // Fast path of a re-import: the stored document is the one this content writes.
                if (sameState && sameGuichet && DemandJson.Write(d.File) == demand.Content)
                {
                    run.Unchanged++;
                    continue;
                }

                var before = DemandJson.Read(demand.Content);
                var changes = DemandHistoryText.Changes(before, d.File).ToList();
                if (!sameState)
                {
                    changes.Add("dates et statut");
                }

                if (!sameGuichet)
                {
                    changes.Add("guichet");
                }

                if (changes.Count == 0)
                {
                    run.Unchanged++;
                    continue;
                }

                var facts = reference.Facts(d.File, today, settings.Household);
                db.Demands.Attach(demand);
                Touch(demand.EpciSiren);

                DemandStore.Apply(demand, next);
                demand.LastRenewedOn = d.LastRenewedOn;
                demand.RadiationSubCode = d.Radiation?.SubCode;
                demand.GuichetCode = d.GuichetCode ?? demand.GuichetCode;
                DemandStore.Apply(demand, d.File, facts, reference, today);
                Touch(demand.EpciSiren);
                demand.Version++;
                demand.UpdatedAt = now;
                events.Add(DemandAccess.Event(demand.Id, DemandEventKind.Imported, $"import ({run.Source}) : mis à jour : {string.Join(", ", changes)}", null, user, now));
                events.AddRange(d.File.Priorities.Where(p => !before.Priorities.Contains(p))
                    .Select(p => DemandAccess.Event(demand.Id, DemandEventKind.PriorityLabelled, DemandHistoryText.Priority(p, settings.Letters), null, user, now)));
                run.Updated++;
                updated = true;
            }
            else
            {
                var guichet = user.IsAdministrator ? null : user.OrganisationId;
                demand = Demand.New(d.Numero!, guichet, d.GuichetCode ?? (guichet is { } g ? NumeroUnique.GuichetCode(g) : null), now);
                demand.LastRenewedOn = d.LastRenewedOn;
                demand.RadiationSubCode = d.Radiation?.SubCode;
                DemandStore.Apply(demand, state);
                DemandStore.Apply(demand, d.File, reference.Facts(d.File, today, settings.Household), reference, today);
                created.Add((demand, d));
                Touch(demand.EpciSiren);
                run.Created++;
            }
        }

        // Updated demands are tracked by EF; new ones go through the bulk loader (COPY on PostgreSQL), then their ids are
        // read back by numéro for their wishes and history.
        if (updated)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        if (created.Count > 0)
        {
            await bulk.LoadAsync<Demand, Demand>(db, Columns<Demand>(), created.Select(c => c.Demand), ct);
            var createdNumeros = created.Select(c => c.Demand.Numero).ToList();
            var ids = await db.Demands.AsNoTracking().Where(d => createdNumeros.Contains(d.Numero)).Select(d => new { d.Id, d.Numero }).ToDictionaryAsync(d => d.Numero, d => d.Id, ct);
            foreach (var (demand, source) in created)
            {
                demand.Id = ids[demand.Numero];
                demand.Wishes.ForEach(w => w.DemandId = demand.Id);
                var summary = French.Format($"import ({run.Source}) de la demande n° {demand.Numero} enregistrée le {demand.RegisteredOn:dd/MM/yyyy}")
                    + (demand.Status == DemandStatus.Radiated ? French.Format($", radiée le {demand.RadiatedOn:dd/MM/yyyy}") : "");
                events.Add(DemandAccess.Event(demand.Id, DemandEventKind.Imported, summary, null, user, now));
                events.AddRange(source.File.Priorities.Select(p => DemandAccess.Event(demand.Id, DemandEventKind.PriorityLabelled, DemandHistoryText.Priority(p, settings.Letters), null, user, now)));
            }

            await bulk.LoadAsync<DemandWish, DemandWish>(db, Columns<DemandWish>(), created.SelectMany(c => c.Demand.Wishes), ct);
        }

        await bulk.LoadAsync<DemandEvent, DemandEvent>(db, Columns<DemandEvent>(), events, ct);
        db.ChangeTracker.Clear();
    }

    private readonly Dictionary<Type, object> _columns = [];

    /// <summary>Every stored property of an entity but its generated id, read with EF's compiled getters.</summary>
    private IReadOnlyList<BulkColumn<T>> Columns<T>()
    {
        if (_columns.TryGetValue(typeof(T), out var known))
        {
            return (IReadOnlyList<BulkColumn<T>>)known;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} n'est pas une entité du modèle");
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never))
            .Select(p =>
            {
                var getter = p.GetGetter();
                return new BulkColumn<T>(p.Name, row => getter.GetClrValue(row!));
            }).ToList();
        _columns[typeof(T)] = columns;
        return columns;
    }

    /// <summary>
    /// The lifecycle the file states: registered on its creation date, valid one year from it or from the last
    /// renewal (an already expired demand is stored as is and shows in the expired list), radiated when it says so.
    /// </summary>
    private static DemandState State(SneDemand d)
    {
        var registered = d.CreatedOn!.Value;
        var expires = DemandLifecycle.Expiry(d.LastRenewedOn ?? registered);
        return d.Radiation is { } r && DemandLifecycle.ParseCode(r.Code) is { } reason
            ? new DemandState(DemandStatus.Radiated, registered, expires, null, null, reason, r.On)
            : new DemandState(DemandStatus.Active, registered, expires, null, null, null, null);
    }
}
