using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Stock;

/// <summary>
/// Imports an RPLS "données détaillées au logement" file (both header generations, <see cref="RplsFile"/>) as the
/// state of the social stock at 1 January of a millésime. Atomic (one rejected line refuses the whole file) and
/// idempotent by dwelling identifier and millésime: a state already stored with the same facts is counted
/// unchanged, one with other facts is rewritten (updated), a new millésime adds states. Streamed in batches of
/// <see cref="BatchSize"/> lines: each batch looks up its bailleurs and résidences by key. On PostgreSQL, into a stock
/// that already holds dwellings, the batch is then appended to a temporary staging table and the dwellings and states
/// are written set-based once the whole file is checked (ImportRpls.Staging.cs); otherwise (an empty stock, or SQLite)
/// each batch looks up its dwellings and states and appends the new rows through <see cref="IBulkLoader"/> — memory does not depend on the file size but for one 8-byte
/// hash per dwelling, kept to detect duplicates (docs/adr/0007).
/// </summary>
public sealed partial class ImportRpls(EquilibreDb db, TimeProvider clock, IBulkLoader bulk)
{
    public const string Kind = "rpls";
    public const int BatchSize = 5000;

    /// <param name="File">The CSV file.</param>
    /// <param name="Millesime">Year of the state (1 January); when null, the year 2011–2099 in the file name.</param>
    /// <param name="StartedBy">Who started the import, for the report.</param>
    /// <param name="Financing">FINAN → family table; <see cref="RplsFinancingTable.Default"/> when null.</param>
    /// <param name="ForOrganisationId">
    /// A bailleur importing its own stock: its lines without <c>SIRET</c> become its dwellings, a line of another SIREN
    /// is rejected. The organisation must be a bailleur with a SIREN. Null for a territory-wide import (CLI,
    /// administrator), where a line without <c>SIRET</c> has no bailleur.
    /// </param>
    public sealed record Request(string File, int? Millesime = null, string? StartedBy = null, RplsFinancingTable? Financing = null, long? ForOrganisationId = null)
    {
        /// <summary>
        /// File size (bytes) from which PostgreSQL checks the stock's foreign keys once, at the end, instead of one
        /// lookup and row lock per written row: they are dropped and re-created (validated) inside the import's
        /// transaction, around the set-based writes of the staged file only, which blocks readers of the stock meanwhile. Default 64 MB (≈ 280,000 open-data lines): a
        /// territory-wide import, never a bailleur's own file of a few thousand dwellings.
        /// </summary>
        public long ForeignKeysCheckedOnceFrom { get; init; } = 64L << 20;
    }

    public async Task<ImportRun> HandleAsync(Request request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ImportTransaction.RunAsync(db, clock, Kind, Path.GetFileName(request.File), request.StartedBy, async (run, token) =>
        {
            if (!File.Exists(request.File))
            {
                throw new ImportFileException($"fichier introuvable : {request.File}");
            }

            var millesime = Millesime(request);
            var owner = await OwnerAsync(request.ForOrganisationId, token);
            var large = new FileInfo(request.File).Length >= request.ForeignKeysCheckedOnceFrom;
            var writer = await Writer.StartAsync(db, bulk, millesime, large, token);
            var financing = request.Financing ?? RplsFinancingTable.Default;

            // Two threads: a worker parses and checks the next batch while this one writes the current batch (the
            // database and the parsing each keep a core busy). At most two batches wait between them: memory stays flat.
            var batches = Channel.CreateBounded<List<Pending>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
            var parsing = Task.Run(() => Parse(request.File, run, financing, millesime, owner, batches.Writer, stop.Token), stop.Token);
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(token))
                {
                    await writer.WriteAsync(batch, run, token);
                }
            }
            catch
            {
                await stop.CancelAsync();
                await parsing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                throw;
            }

            await parsing;
            if (run.Issues.Count == 0)
            {
                await BulkColumns.ResetIdentityAsync<Residence>(db, token);
                await BulkColumns.ResetIdentityAsync<Dwelling>(db, token);
                await writer.FinishAsync(run, token);
            }
        }, ct);
    }

    /// <summary>A line checked and keyed, waiting to be written.</summary>
    private readonly record struct Pending(RplsLine Line, string Address, string RplsId, DwellingIdentifierKind Kind, long StateHash);

    /// <summary>
    /// The worker of <see cref="HandleAsync"/>: reads the file, rejects what breaks a rule, keys each dwelling, and
    /// hands over batches of <see cref="BatchSize"/> lines — none after the first rejection, the file will be refused.
    /// </summary>
    private static void Parse(string file, ImportRun run, RplsFinancingTable financing, int millesime, (string Siren, string Name)? owner, ChannelWriter<List<Pending>> output, CancellationToken ct)
    {
        try
        {
            // Per dwelling: the line of a répertoire identifier, or the number of lines with the same derived key.
            var seen = new Dictionary<long, int>();
            var batch = new List<Pending>(BatchSize);
            using var reader = DelimitedText.Open(file);
            foreach (var line in RplsFile.Read(reader, run, financing, millesime))
            {
                run.Read++;
                if (!line.Valid)
                {
                    continue;
                }

                if (owner is not null)
                {
                    if (line.Siren is null)
                    {
                        line.Siren = owner.Value.Siren;
                        line.BailleurName ??= owner.Value.Name;
                    }
                    else if (line.Siren != owner.Value.Siren)
                    {
                        run.Reject(line.Line, "SIRET", line.Siren, $"ligne {line.Line} : SIRET : « {line.Siren} » : un bailleur n'importe que ses propres logements (SIREN {owner.Value.Siren}, {owner.Value.Name})");
                        continue;
                    }
                }

                var address = line.AddressKey;
                string rplsId;
                DwellingIdentifierKind kind;
                if (line.Identifier is { } identifier)
                {
                    var hash = RplsFile.Hash(identifier);
                    if (seen.TryGetValue(hash, out var first))
                    {
                        run.Reject(line.Line, "IDENT_REP", identifier, $"ligne {line.Line} : IDENT_REP : « {identifier} » : le logement figure déjà ligne {first} (un logement par ligne)");
                        continue;
                    }

                    seen[hash] = line.Line;
                    (rplsId, kind) = (identifier, DwellingIdentifierKind.Repertoire);
                }
                else
                {
                    var hash = RplsFile.Hash(line.DerivedKeyOf(address));
                    var rank = seen.GetValueOrDefault(hash) + 1;
                    seen[hash] = rank;
                    (rplsId, kind) = (string.Create(CultureInfo.InvariantCulture, $"D-{hash:X16}-{rank}"), DwellingIdentifierKind.Derived);
                }

                // After a rejection (this import records no warnings) the file will be refused: keep checking, stop writing.
                if (run.Issues.Count > 0)
                {
                    continue;
                }

                batch.Add(new Pending(line, address, rplsId, kind, line.StateHash()));
                if (batch.Count == BatchSize)
                {
                    Hand(output, batch, ct);
                    batch = new List<Pending>(BatchSize);
                }
            }

            if (run.Issues.Count == 0 && batch.Count > 0)
            {
                Hand(output, batch, ct);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    private static void Hand(ChannelWriter<List<Pending>> output, List<Pending> batch, CancellationToken ct)
    {
        if (!output.TryWrite(batch))
        {
            output.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task<(string Siren, string Name)?> OwnerAsync(long? organisationId, CancellationToken ct)
    {
        if (organisationId is not { } id)
        {
            return null;
        }

        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Kind, o.Siren, o.Name }).FirstOrDefaultAsync(ct)
            ?? throw new ImportFileException($"organisation {id} inconnue");
        if (organisation.Kind != OrganisationKind.Bailleur)
        {
            throw new ImportFileException($"« {organisation.Name} » n'est pas un bailleur : seul un bailleur importe son parc pour son compte");
        }

        if (organisation.Siren is not { Length: 9 } siren)
        {
            throw new ImportFileException($"« {organisation.Name} » n'a pas de SIREN : l'administrateur doit le renseigner pour que les logements importés lui soient rattachés");
        }

        // A bailleur first met in a territory-wide file, before its organisation had this SIREN, is now linked to it.
        await db.Bailleurs.Where(b => b.Siren == siren && b.OrganisationId == null).ExecuteUpdateAsync(s => s.SetProperty(b => b.OrganisationId, id), ct);
        return (siren, organisation.Name);
    }

    private static int Millesime(Request request)
    {
        if (request.Millesime is { } given)
        {
            return given is >= 2011 and <= 2099
                ? given
                : throw new ImportFileException($"millésime {given} : une année de 2011 (création du RPLS) à 2099 est attendue");
        }

        var years = YearInName().Matches(Path.GetFileNameWithoutExtension(request.File)).Select(m => m.Value).Distinct().ToList();
        return years.Count == 1
            ? int.Parse(years[0], CultureInfo.InvariantCulture)
            : throw new ImportFileException("millésime inconnu : indiquez-le (--millesime 2025) ou nommez le fichier avec son année (rpls_2025.csv)");
    }

    /// <summary>A foreign key as PostgreSQL defines it (<c>pg_get_constraintdef</c>).</summary>
    private sealed record ForeignKey(string Table, string Name, string Definition);

    [GeneratedRegex("(?<![0-9])20[1-9][0-9](?![0-9])")]
    private static partial Regex YearInName();

    /// <summary>
    /// Writes the batches of one import: keys are assigned here, after the tables are locked on PostgreSQL. On
    /// PostgreSQL into an existing stock the dwellings and states are staged, then written set-based at the end
    /// (ImportRpls.Staging.cs); into an empty stock, and on SQLite (a file, one writer at a time, no COPY), each batch
    /// looks up its dwellings and appends the new rows.
    /// </summary>
    private sealed partial class Writer(EquilibreDb db, IBulkLoader bulk, int millesime, bool large)
    {
        private readonly Dictionary<string, long> _bailleurs = new(StringComparer.Ordinal);
        private long _nextResidence;
        private long _nextDwelling;
        private bool _dwellingsExisted;
        private bool _staging;
        private readonly List<(string Table, string Name, string Definition)> _droppedForeignKeys = [];

        public static async Task<Writer> StartAsync(EquilibreDb db, IBulkLoader bulk, int millesime, bool large, CancellationToken ct)
        {
            var writer = new Writer(db, bulk, millesime, large);
            var postgres = db.Database.IsNpgsql();
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"Residences\", \"Dwellings\" IN SHARE ROW EXCLUSIVE MODE", ct);
            }

            var lastDwelling = await db.Dwellings.MaxAsync(d => (long?)d.Id, ct);
            writer._nextResidence = (await db.Residences.MaxAsync(r => (long?)r.Id, ct) ?? 0) + 1;
            writer._nextDwelling = (lastDwelling ?? 0) + 1;
            writer._dwellingsExisted = lastDwelling is not null;

            // PostgreSQL: staged and set-based when the stock already holds dwellings (a new millésime, a re-import: the
            // per-batch lookups of the RplsId index are what staging removes — 1 M lines re-imported in 20.1 s against
            // 41.4 s); batch by batch into an empty stock, where nothing is looked up and the writes overlap the parsing
            // (1 M lines in 24.7 s against 35.9 s staged), with the foreign keys checked once for a large file
            // (docs/performance.md, "Import RPLS", idle machine).
            if (postgres && writer._dwellingsExisted)
            {
                await writer.CreateStagingAsync(ct);
                writer._staging = true;
            }
            else if (postgres && large)
            {
                await writer.DropForeignKeysAsync(ct);
            }

            return writer;
        }

        /// <summary>
        /// PostgreSQL: writes the staged lines into the stock (for a large file with the foreign keys dropped first), then
        /// re-creates the foreign keys dropped for a large file, on either path, so that PostgreSQL validates every row in
        /// one join instead of one lookup per row.
        /// </summary>
        public async Task FinishAsync(ImportRun run, CancellationToken ct)
        {
            if (_staging)
            {
                if (large)
                {
                    await DropForeignKeysAsync(ct);
                }

                await WriteStagedAsync(run, ct);
            }

            foreach (var (table, name, definition) in _droppedForeignKeys)
            {
                // Names and definitions come from the catalogue, not from the file.
                var add = $"ALTER TABLE {table} ADD CONSTRAINT {BulkTarget.Quote(name)} {definition}";
                await db.Database.ExecuteSqlRawAsync(add, ct);
            }

            _droppedForeignKeys.Clear();
        }

        /// <summary>
        /// A large file: the foreign keys of the dwellings and their states are dropped inside the transaction (a
        /// rollback restores them), each as the database defines it, so that <see cref="FinishAsync"/> re-creates it
        /// unchanged. On one million rows the per-row checks (an index lookup and a row lock each) cost about as much as
        /// the rows themselves (docs/performance.md).
        /// </summary>
        private async Task DropForeignKeysAsync(CancellationToken ct)
        {
            var tables = new[] { typeof(Dwelling), typeof(DwellingState) }.Select(t => BulkTarget.Quote(db.Model.FindEntityType(t)!.GetTableName()!)).ToArray();
            var query = "SELECT conrelid::regclass::text AS \"Table\", conname::text AS \"Name\", pg_get_constraintdef(oid) AS \"Definition\" FROM pg_constraint "
                + $"WHERE contype = 'f' AND conrelid IN ('{tables[0]}'::regclass, '{tables[1]}'::regclass) ORDER BY conname";
            var keys = await db.Database.SqlQueryRaw<ForeignKey>(query).ToListAsync(ct);
            foreach (var key in keys)
            {
                var drop = $"ALTER TABLE {key.Table} DROP CONSTRAINT {BulkTarget.Quote(key.Name)}";
                await db.Database.ExecuteSqlRawAsync(drop, ct);
                _droppedForeignKeys.Add((key.Table, key.Name, key.Definition));
            }
        }

        public async Task WriteAsync(List<Pending> batch, ImportRun run, CancellationToken ct)
        {
            if (batch.Count == 0)
            {
                return;
            }

            await BailleursAsync(batch, ct);
            var residences = await ResidencesAsync(batch, ct);
            if (_staging)
            {
                await StageAsync(batch, residences, ct);
                return;
            }

            // One query for the dwellings of the batch, their state of this millésime and whether it predates them;
            // none at all when the table was empty before this import (its own identifiers are distinct).
            var dwellings = new Dictionary<string, long>(StringComparer.Ordinal);
            var states = new Dictionary<long, long>();
            if (_dwellingsExisted)
            {
                var ids = batch.Select(b => b.RplsId).ToList();
                var found = await db.Dwellings.AsNoTracking().Where(d => ids.Contains(d.RplsId))
                    .Select(d => new
                    {
                        d.RplsId,
                        d.Id,
                        d.FirstMillesime,
                        Hash = db.DwellingStates.Where(s => s.DwellingId == d.Id && s.Millesime == millesime).Select(s => (long?)s.ContentHash).FirstOrDefault(),
                    })
                    .ToListAsync(ct);
                var earlier = new List<long>();
                foreach (var d in found)
                {
                    dwellings[d.RplsId] = d.Id;
                    if (d.Hash is { } stateHash)
                    {
                        states[d.Id] = stateHash;
                    }

                    if (d.FirstMillesime > millesime)
                    {
                        earlier.Add(d.Id);
                    }
                }

                if (earlier.Count > 0)
                {
                    // An older millésime imported after a newer one: the dwelling existed earlier than thought.
                    await db.Dwellings.Where(d => earlier.Contains(d.Id) && d.FirstMillesime > millesime)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.FirstMillesime, millesime), ct);
                }
            }

            var newDwellings = new List<Dwelling>();
            var newStates = new List<DwellingState>(batch.Count);
            var changed = new List<long>();
            foreach (var (line, address, rplsId, kind, hash) in batch)
            {
                if (!dwellings.TryGetValue(rplsId, out var dwellingId))
                {
                    dwellingId = _nextDwelling++;
                    newDwellings.Add(new Dwelling
                    {
                        Id = dwellingId,
                        RplsId = rplsId,
                        IdentifierKind = kind,
                        ResidenceId = residences[address],
                        Staircase = line.Staircase,
                        Floor = line.Floor,
                        ApartmentNumber = line.ApartmentNumber,
                        FirstMillesime = millesime,
                    });
                }

                if (states.TryGetValue(dwellingId, out var stored))
                {
                    if (stored == hash)
                    {
                        run.Unchanged++;
                        continue;
                    }

                    changed.Add(dwellingId);
                    run.Updated++;
                }
                else
                {
                    run.Created++;
                }

                newStates.Add(State(line, dwellingId, hash));
            }

            if (changed.Count > 0)
            {
                await db.DwellingStates.Where(s => s.Millesime == millesime && changed.Contains(s.DwellingId)).ExecuteDeleteAsync(ct);
            }

            await bulk.LoadAsync<Dwelling, Dwelling>(db, BulkColumns.Of<Dwelling>(db, withGeneratedKey: true), newDwellings, ct);
            await bulk.LoadAsync<DwellingState, DwellingState>(db, BulkColumns.Of<DwellingState>(db, withGeneratedKey: true), newStates, ct);
        }

        private DwellingState State(RplsLine l, long dwellingId, long hash) => new()
        {
            DwellingId = dwellingId,
            Millesime = millesime,
            BailleurId = l.Siren is { } siren ? _bailleurs[siren] : null,
            LandlordReference = l.LandlordReference,
            ConstructionType = l.ConstructionType,
            Rooms = l.Rooms,
            HabitableSurface = l.HabitableSurface,
            ConstructionYear = l.ConstructionYear,
            FirstLettingYear = l.FirstLettingYear,
            StockEntryYear = l.StockEntryYear,
            EntryMode = l.EntryMode,
            FinancingCode = l.FinancingCode,
            Financing = l.Financing,
            OtherFinancing = l.OtherFinancing,
            CusCeiling = l.CusCeiling,
            AplConvention = l.AplConvention,
            ConventionNumber = l.ConventionNumber,
            ConventionDate = l.ConventionDate,
            MonthlyRent = l.MonthlyRent,
            EstimatedCharges = l.EstimatedCharges,
            OccupancyMode = l.OccupancyMode,
            LeaseStart = l.LeaseStart,
            DpeDate = l.DpeDate,
            DpeEnergyClass = l.DpeEnergyClass,
            DpeGhgClass = l.DpeGhgClass,
            Accessibility = l.Accessibility,
            AdaptedForHandicap = l.AdaptedForHandicap,
            ContentHash = hash,
        };

        /// <summary>Bailleurs of the "version loi" by SIREN (a few hundred nationally: kept for the import), linked to the organisation of the same SIREN.</summary>
        private async Task BailleursAsync(List<Pending> batch, CancellationToken ct)
        {
            var unknown = batch.Where(b => b.Line.Siren is { } s && !_bailleurs.ContainsKey(s))
                .GroupBy(b => b.Line.Siren!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Line.BailleurName, StringComparer.Ordinal);
            if (unknown.Count == 0)
            {
                return;
            }

            var sirens = unknown.Keys.ToList();
            foreach (var b in await db.Bailleurs.AsNoTracking().Where(b => sirens.Contains(b.Siren)).ToListAsync(ct))
            {
                _bailleurs[b.Siren] = b.Id;
                unknown.Remove(b.Siren);
            }

            if (unknown.Count == 0)
            {
                return;
            }

            var missing = unknown.Keys.ToList();
            var organisations = await db.Organisations.AsNoTracking().Where(o => o.Siren != null && missing.Contains(o.Siren))
                .Select(o => new { o.Id, o.Siren, o.Name }).ToListAsync(ct);
            var created = unknown.Select(u =>
            {
                var organisation = organisations.FirstOrDefault(o => o.Siren == u.Key);
                return new Bailleur { Siren = u.Key, Name = u.Value ?? organisation?.Name ?? $"bailleur SIREN {u.Key}", OrganisationId = organisation?.Id };
            }).ToList();
            db.Bailleurs.AddRange(created);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            created.ForEach(b => _bailleurs[b.Siren] = b.Id);
        }

        /// <summary>The résidence id of each address of the batch: created when new, its location attributes refreshed from a newer or equal millésime.</summary>
        private async Task<Dictionary<string, long>> ResidencesAsync(List<Pending> batch, CancellationToken ct)
        {
            var lines = new Dictionary<string, RplsLine>(StringComparer.Ordinal);
            foreach (var b in batch)
            {
                lines.TryAdd(b.Address, b.Line);
            }

            var keys = lines.Keys.ToList();
            var existing = await db.Residences.AsNoTracking().Where(r => keys.Contains(r.AddressKey)).ToListAsync(ct);
            var ids = existing.ToDictionary(r => r.AddressKey, r => r.Id, StringComparer.Ordinal);
            var refreshed = false;
            foreach (var r in existing)
            {
                var fresh = Residence(lines[r.AddressKey], r.AddressKey, r.Id);
                if (r.Millesime <= millesime && Location(r) != Location(fresh))
                {
                    db.Entry(fresh).State = EntityState.Modified;
                    refreshed = true;
                }
            }

            if (refreshed)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            var created = lines.Where(l => !ids.ContainsKey(l.Key)).Select(l => Residence(l.Value, l.Key, _nextResidence++)).ToList();
            await bulk.LoadAsync<Residence, Residence>(db, BulkColumns.Of<Residence>(db, withGeneratedKey: true), created, ct);
            created.ForEach(r => ids[r.AddressKey] = r.Id);
            return ids;
        }

        private Residence Residence(RplsLine l, string addressKey, long id) => new()
        {
            Id = id,
            AddressKey = addressKey,
            CommuneCode = l.CommuneCode,
            CommuneName = l.CommuneName,
            PostalCode = l.PostalCode,
            DepartementCode = l.DepartementCode,
            RegionCode = l.RegionCode,
            EpciSiren = l.EpciSiren,
            StreetNumber = l.StreetNumber,
            RepetitionIndex = l.RepetitionIndex,
            StreetType = l.StreetType,
            StreetName = l.StreetName,
            BuildingName = l.BuildingName,
            Locality = l.Locality,
            IrisCode = l.IrisCode,
            QpvCode = l.QpvCode,
            InQpv = l.QpvFlag,
            ExZus = l.ExZus,
            Qva = l.Qva,
            Millesime = millesime,
        };

        private static (string?, string?, string?, string?, string?, string?, bool?, bool?, bool?) Location(Residence r) =>
            (r.CommuneName, r.PostalCode, r.EpciSiren, r.DepartementCode + "|" + r.RegionCode, r.IrisCode, r.QpvCode, r.InQpv, r.ExZus, r.Qva);
    }
}
