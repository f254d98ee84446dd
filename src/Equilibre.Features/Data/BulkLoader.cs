using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Equilibre.Features.Data;

/// <summary>A column of a bulk load: the entity property it fills and how to read it from a row.</summary>
public sealed record BulkColumn<T>(string Property, Func<T, object?> Value);

/// <summary>
/// Appends many rows to a table inside the caller's transaction, bypassing change tracking: PostgreSQL binary COPY,
/// or SQLite prepared inserts. Table and column names come from the EF model, so they follow the migrations.
/// </summary>
public interface IBulkLoader
{
    Task<long> LoadAsync<TEntity, T>(EquilibreDb db, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, CancellationToken ct = default)
        where TEntity : class;
}

/// <summary>Columns for every mapped property of an entity, read by reflection (optionally without its generated key).</summary>
public static partial class BulkColumns
{
    public static IReadOnlyList<BulkColumn<TEntity>> Of<TEntity>(EquilibreDb db, bool withGeneratedKey)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} n'est pas une entité du modèle");
        return [.. entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && (withGeneratedKey || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)))
            .Select(p => new BulkColumn<TEntity>(p.Name, p.PropertyInfo!.GetValue))];
    }

    /// <summary>After rows were loaded with explicit keys, moves PostgreSQL's identity sequence past them (SQLite needs nothing).</summary>
    public static async Task ResetIdentityAsync<TEntity>(EquilibreDb db, CancellationToken ct = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
        var sql = $"SELECT setval(pg_get_serial_sequence('{BulkTarget.Quote(table)}', '{key}'), GREATEST(COALESCE((SELECT MAX({BulkTarget.Quote(key)}) FROM {BulkTarget.Quote(table)}), 0), 1))";
        await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}

/// <summary>Keys for rows appended with an explicit key (their events or children must know it before the load).</summary>
public static partial class BulkColumns
{
    /// <summary>
    /// <paramref name="count"/> keys for new rows of <typeparamref name="TEntity"/>. PostgreSQL draws them from the
    /// identity sequence — the one an EF insert (a signature) uses — so that two transactions never get the same key,
    /// whether they commit or not; the sequence must then never be moved back (no <see cref="ResetIdentityAsync"/>).
    /// SQLite has one writer at a time: the keys follow the largest key, this transaction's own rows included.
    /// </summary>
    public static async Task<IReadOnlyList<long>> NextIdsAsync<TEntity>(EquilibreDb db, int count, CancellationToken ct = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (count == 0)
        {
            return [];
        }

        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
        if (db.Database.IsNpgsql())
        {
            var sql = $"SELECT nextval(pg_get_serial_sequence('{BulkTarget.Quote(table)}', '{key}')) AS \"Value\" FROM generate_series(1, {{0}})";
            return await db.Database.SqlQueryRaw<long>(sql, count).ToListAsync(ct);
        }

        var max = $"SELECT COALESCE(MAX({BulkTarget.Quote(key)}), 0) AS \"Value\" FROM {BulkTarget.Quote(table)}";
        var last = await db.Database.SqlQueryRaw<long>(max).SingleAsync(ct);
        return [.. Enumerable.Range(1, count).Select(i => last + i)];
    }
}

/// <summary>Names of the table and columns of an entity in the current model.</summary>
internal static class BulkTarget
{
    public static (string Table, IReadOnlyList<string> Columns, IReadOnlyList<Func<object?, object?>> ToProvider) Of<TEntity, T>(EquilibreDb db, IReadOnlyList<BulkColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} n'est pas une entité du modèle");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = columns.Select(c => entity.FindProperty(c.Property)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{c.Property} n'existe pas")).ToList();

        // The model's value converters (enums stored by name, DateTimeOffset as ticks on SQLite) apply as in EF.
        var converters = properties.Select(p => (p.GetValueConverter() ?? p.GetTypeMapping().Converter) is { } converter
            ? (Func<object?, object?>)(v => v is null ? null : converter.ConvertToProvider(v))
            : v => v).ToList();
        return (table, [.. properties.Select(p => p.GetColumnName(store)!)], converters);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>PostgreSQL: one binary COPY on the context's connection and transaction.</summary>
public sealed class PostgresBulkLoader : IBulkLoader
{
    public async Task<long> LoadAsync<TEntity, T>(EquilibreDb db, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, CancellationToken ct = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var (table, names, toProvider) = BulkTarget.Of<TEntity, T>(db, columns);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {BulkTarget.Quote(table)} ({string.Join(", ", names.Select(BulkTarget.Quote))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);

        // Synchronous writes: they fill Npgsql's buffer and only block when it is flushed; an await per value costs
        // more than the value itself on millions of rows.
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            for (var i = 0; i < columns.Count; i++)
            {
                var value = toProvider[i](columns[i].Value(row));
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value);
                }
            }
        }

        return (long)await importer.CompleteAsync(ct);
    }
}

/// <summary>SQLite: one prepared INSERT executed per row in the context's transaction (or one of its own).</summary>
public sealed class SqliteBulkLoader : IBulkLoader
{
    public async Task<long> LoadAsync<TEntity, T>(EquilibreDb db, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, CancellationToken ct = default)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var (table, names, toProvider) = BulkTarget.Of<TEntity, T>(db, columns);
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"INSERT INTO {BulkTarget.Quote(table)} ({string.Join(", ", names.Select(BulkTarget.Quote))}) "
                + $"VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            var parameters = names.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null))).ToArray();
            await command.PrepareAsync(ct);
            long count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    parameters[i].Value = ToSqlite(toProvider[i](columns[i].Value(row)));
                }

                count += await command.ExecuteNonQueryAsync(ct);
            }

            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return count;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    // The SQLite provider stores DateOnly as "yyyy-MM-dd" text and decimals as text, as EF does.
    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        _ => value,
    };
}
