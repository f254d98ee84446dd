using System.Globalization;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Npgsql;

namespace Equilibre.Features.Stock;

/// <summary>
/// The PostgreSQL path of <see cref="ImportRpls"/>: every checked line is appended, with its résidence and bailleur
/// already resolved, to a temporary table (binary COPY with typed writes, no index, no foreign key, no WAL); the
/// dwellings and their states are then written by a handful of set-based statements joining that table to the stock,
/// inside the import's transaction. The per-batch lookups by <c>RplsId</c> (random index reads on a re-import) and
/// the row-by-row inserts into indexed tables are gone: PostgreSQL hashes the file against the stock once
/// (docs/performance.md, "Import RPLS"). A refused line still refuses the file: the set-based statements only run
/// when no line was rejected, and the temporary table disappears with the transaction (<c>ON COMMIT DROP</c>).
/// </summary>
public sealed partial class ImportRpls
{
    /// <summary>Name of the staging table: temporary, so private to the import's session and dropped at its end.</summary>
    public const string StagingTable = "rpls_staging";

    /// <summary>The <see cref="DwellingState"/> columns staged for each line, in the order the COPY writes them.</summary>
    private static readonly string[] StagedStateColumns =
    [
        nameof(DwellingState.BailleurId), nameof(DwellingState.LandlordReference), nameof(DwellingState.ConstructionType),
        nameof(DwellingState.Rooms), nameof(DwellingState.HabitableSurface), nameof(DwellingState.ConstructionYear),
        nameof(DwellingState.FirstLettingYear), nameof(DwellingState.StockEntryYear), nameof(DwellingState.EntryMode),
        nameof(DwellingState.FinancingCode), nameof(DwellingState.Financing), nameof(DwellingState.OtherFinancing),
        nameof(DwellingState.CusCeiling), nameof(DwellingState.AplConvention), nameof(DwellingState.ConventionNumber),
        nameof(DwellingState.ConventionDate), nameof(DwellingState.MonthlyRent), nameof(DwellingState.EstimatedCharges),
        nameof(DwellingState.OccupancyMode), nameof(DwellingState.LeaseStart), nameof(DwellingState.DpeDate),
        nameof(DwellingState.DpeEnergyClass), nameof(DwellingState.DpeGhgClass), nameof(DwellingState.Accessibility),
        nameof(DwellingState.AdaptedForHandicap), nameof(DwellingState.ContentHash),
    ];

    /// <summary>The <see cref="Dwelling"/> columns staged for each line (the key and <c>FirstMillesime</c> are the database's and the import's).</summary>
    private static readonly string[] StagedDwellingColumns =
    [
        nameof(Dwelling.RplsId), nameof(Dwelling.IdentifierKind), nameof(Dwelling.ResidenceId),
        nameof(Dwelling.Staircase), nameof(Dwelling.Floor), nameof(Dwelling.ApartmentNumber),
    ];

    /// <summary>Every staged column: the line number (file order), the dwelling's, the state's.</summary>
    private static readonly string[] StagedColumns = ["Line", .. StagedDwellingColumns, .. StagedStateColumns];

    private sealed partial class Writer
    {
        private long _staged;

        /// <summary>
        /// Creates the staging table with the stock's own column types (so a column widened by a migration is widened
        /// here too), after checking that the staged columns are still every column of a state: a column added to
        /// <see cref="DwellingState"/> without being staged would otherwise be silently left empty.
        /// </summary>
        private async Task CreateStagingAsync(CancellationToken ct)
        {
            var stateEntity = db.Model.FindEntityType(typeof(DwellingState))!;
            var expected = stateEntity.GetProperties().Select(p => p.Name).Except([nameof(DwellingState.DwellingId), nameof(DwellingState.Millesime)]).Order(StringComparer.Ordinal);
            if (!expected.SequenceEqual(StagedStateColumns.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                throw new InvalidOperationException("ImportRpls : les colonnes d'un état de logement ont changé, mettez à jour StagedStateColumns et WriteStaged");
            }

            var dwellings = Table<Dwelling>();
            var states = Table<DwellingState>();
            var columns = string.Join(", ", StagedDwellingColumns.Select(c => "d." + BulkTarget.Quote(c)).Concat(StagedStateColumns.Select(c => "s." + BulkTarget.Quote(c))));
            var create = $"CREATE TEMP TABLE {StagingTable} ON COMMIT DROP AS SELECT 0 AS \"Line\", {columns} FROM {dwellings} d CROSS JOIN {states} s WITH NO DATA";
            await db.Database.ExecuteSqlRawAsync(create, ct);
        }

        /// <summary>Appends a batch to the staging table: one binary COPY, each value written with its PostgreSQL type (no boxing).</summary>
        private async Task StageAsync(List<Pending> batch, Dictionary<string, long> residences, CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var columns = string.Join(", ", StagedColumns.Select(BulkTarget.Quote));
            await using var copy = await connection.BeginBinaryImportAsync($"COPY {StagingTable} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (l, address, rplsId, kind, hash) in batch)
            {
                copy.StartRow();
                copy.Write(l.Line, NpgsqlDbType.Integer);
                copy.Write(rplsId, NpgsqlDbType.Text);
                copy.Write(kind.ToString(), NpgsqlDbType.Text);
                copy.Write(residences[address], NpgsqlDbType.Bigint);
                Text(copy, l.Staircase);
                Text(copy, l.Floor);
                Text(copy, l.ApartmentNumber);
                Value(copy, l.Siren is { } siren ? _bailleurs[siren] : (long?)null, NpgsqlDbType.Bigint);
                Text(copy, l.LandlordReference);
                Text(copy, l.ConstructionType?.ToString());
                copy.Write(l.Rooms, NpgsqlDbType.Integer);
                Value(copy, l.HabitableSurface, NpgsqlDbType.Numeric);
                Value(copy, l.ConstructionYear, NpgsqlDbType.Integer);
                Value(copy, l.FirstLettingYear, NpgsqlDbType.Integer);
                Value(copy, l.StockEntryYear, NpgsqlDbType.Integer);
                Text(copy, l.EntryMode?.ToString());
                copy.Write(l.FinancingCode, NpgsqlDbType.Text);
                Text(copy, l.Financing?.ToString());
                Text(copy, l.OtherFinancing);
                Text(copy, l.CusCeiling);
                Value(copy, l.AplConvention, NpgsqlDbType.Boolean);
                Text(copy, l.ConventionNumber);
                Value(copy, l.ConventionDate, NpgsqlDbType.Date);
                Value(copy, l.MonthlyRent, NpgsqlDbType.Numeric);
                Value(copy, l.EstimatedCharges, NpgsqlDbType.Numeric);
                Text(copy, l.OccupancyMode?.ToString());
                Value(copy, l.LeaseStart, NpgsqlDbType.Date);
                Value(copy, l.DpeDate, NpgsqlDbType.Date);
                Text(copy, l.DpeEnergyClass);
                Text(copy, l.DpeGhgClass);
                Text(copy, l.Accessibility);
                Value(copy, l.AdaptedForHandicap, NpgsqlDbType.Boolean);
                copy.Write(hash, NpgsqlDbType.Bigint);
            }

            _staged += (long)await copy.CompleteAsync(ct);
        }

        private static void Text(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Text);
            }
        }

        private static void Value<TValue>(NpgsqlBinaryImporter copy, TValue? value, NpgsqlDbType type)
            where TValue : struct
        {
            if (value is { } v)
            {
                copy.Write(v, type);
            }
            else
            {
                copy.WriteNull();
            }
        }

        /// <summary>
        /// Writes the staged file into the stock in four statements, and counts its lines: a dwelling is matched by
        /// <c>RplsId</c>; its state of the millésime is kept when its hash is the same (unchanged), replaced when it
        /// differs (updated), added when there is none (created). New dwellings take their keys from the identity
        /// column, in the order of the file.
        /// </summary>
        private async Task WriteStagedAsync(ImportRun run, CancellationToken ct)
        {
            var m = millesime.ToString(CultureInfo.InvariantCulture);
            var dwellings = Table<Dwelling>();
            var states = Table<DwellingState>();
            string Q(string c) => BulkTarget.Quote(c);

            // Temporary tables are never analysed by autovacuum: without statistics the planner guesses a few rows. The
            // joins of a national file hash a million dwellings: with the default 4 MB they would spill to disk in batches.
            await db.Database.ExecuteSqlRawAsync($"ANALYZE {StagingTable}", ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '128MB'", ct);

            // An older millésime imported after a newer one: the dwelling existed earlier than thought.
            var earlier =
                $"UPDATE {dwellings} d SET {Q(nameof(Dwelling.FirstMillesime))} = {m} FROM {StagingTable} s "
                + $"WHERE d.{Q(nameof(Dwelling.RplsId))} = s.{Q(nameof(Dwelling.RplsId))} AND d.{Q(nameof(Dwelling.FirstMillesime))} > {m}";
            await db.Database.ExecuteSqlRawAsync(earlier, ct);

            var dwellingColumns = string.Join(", ", StagedDwellingColumns.Select(Q));
            var newDwellings =
                $"INSERT INTO {dwellings} ({dwellingColumns}, {Q(nameof(Dwelling.FirstMillesime))}) "
                + $"SELECT {string.Join(", ", StagedDwellingColumns.Select(c => "s." + Q(c)))}, {m} FROM {StagingTable} s "
                + $"WHERE NOT EXISTS (SELECT 1 FROM {dwellings} d WHERE d.{Q(nameof(Dwelling.RplsId))} = s.{Q(nameof(Dwelling.RplsId))}) ORDER BY s.\"Line\"";
            await db.Database.ExecuteSqlRawAsync(newDwellings, ct);

            var changed =
                $"DELETE FROM {states} t USING {StagingTable} s, {dwellings} d "
                + $"WHERE d.{Q(nameof(Dwelling.RplsId))} = s.{Q(nameof(Dwelling.RplsId))} AND t.{Q(nameof(DwellingState.DwellingId))} = d.{Q(nameof(Dwelling.Id))} "
                + $"AND t.{Q(nameof(DwellingState.Millesime))} = {m} AND t.{Q(nameof(DwellingState.ContentHash))} <> s.{Q(nameof(DwellingState.ContentHash))}";
            var updated = await db.Database.ExecuteSqlRawAsync(changed, ct);

            var stateColumns = string.Join(", ", StagedStateColumns.Select(Q));
            var newStates =
                $"INSERT INTO {states} ({Q(nameof(DwellingState.DwellingId))}, {Q(nameof(DwellingState.Millesime))}, {stateColumns}) "
                + $"SELECT d.{Q(nameof(Dwelling.Id))}, {m}, {string.Join(", ", StagedStateColumns.Select(c => "s." + Q(c)))} "
                + $"FROM {StagingTable} s JOIN {dwellings} d ON d.{Q(nameof(Dwelling.RplsId))} = s.{Q(nameof(Dwelling.RplsId))} "
                + $"WHERE NOT EXISTS (SELECT 1 FROM {states} t WHERE t.{Q(nameof(DwellingState.DwellingId))} = d.{Q(nameof(Dwelling.Id))} AND t.{Q(nameof(DwellingState.Millesime))} = {m})";
            var inserted = await db.Database.ExecuteSqlRawAsync(newStates, ct);

            run.Updated += updated;
            run.Created += inserted - updated;
            run.Unchanged += (int)(_staged - inserted);
        }

        private string Table<TEntity>() => BulkTarget.Quote(db.Model.FindEntityType(typeof(TEntity))!.GetTableName()!);
    }
}
