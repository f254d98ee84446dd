using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Targets;

/// <summary>
/// The lease facts of the targets dashboards, kept in memory per query and per data version (ADR 0013). A dashboard
/// reads two years of leases of its scope — ≈44,000 rows for the largest EPCI, 70–120 ms of reading and 20 MB of
/// allocations per view — and every change of breakdown, view or indicator, and every colleague of the same EPCI,
/// reads the same rows again. The facts are kept per calendar year under the query's own SQL and parameter values (so
/// the scope and filters are part of the key: two scopes never share an entry), and served while the highest import
/// run and the year's own highest lease id and count are unchanged (<see cref="YearAsync"/>). Thresholds, settings
/// and labels are read fresh on every view; only the lease rows are cached. Bounded in facts (LRU), entries expire
/// after <see cref="Lifetime"/> whatever the version.
/// </summary>
public sealed class LeaseFactsCache(TimeProvider clock, int capacity = LeaseFactsCache.Capacity)
{
    /// <summary>The longest an entry is served, even with an unchanged data version.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Facts kept at most (≈150 bytes each: ≈150 MB): a national year (≈420,000) and the largest EPCIs fit.</summary>
    public const int Capacity = 1_000_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _uses;

    private sealed class Entry(string imports, DateTimeOffset expires, Func<Task<List<AllocationFact>>> read)
    {
        private string? _own;

        /// <summary>The highest import run when read.</summary>
        public string Imports { get; } = imports;

        public DateTimeOffset Expires { get; } = expires;

        public Lazy<Task<List<AllocationFact>>> Facts { get; } = new(read, LazyThreadSafetyMode.ExecutionAndPublication);

        public bool IsRead => Facts.IsValueCreated && Facts.Value.IsCompletedSuccessfully;

        /// <summary>The version of the leases read, from the facts themselves (one statement read them: a consistent snapshot).</summary>
        public string Own => _own ??= OwnVersion(Facts.Value.Result.Count == 0 ? 0 : Facts.Value.Result.Max(f => f.LeaseId), Facts.Value.Result.Count);

        public long LastUsed { get; set; }
    }

    /// <summary>Entries held (computed or being computed).</summary>
    public int Count => _entries.Count;

    /// <summary>Facts held by the computed entries.</summary>
    public int FactCount => _entries.Values.Sum(e => e.IsRead ? e.Facts.Value.Result.Count : 0);

    /// <summary>
    /// The facts of <paramref name="leases"/> signed between <paramref name="from"/> and <paramref name="to"/>, in
    /// whole calendar years: one entry per year, so that every period of a year (the year, its semesters, quarters,
    /// months) and the previous period share them. The engine skips the facts outside its period.
    /// </summary>
    /// <returns>The facts (shared, never to be modified) and whether they all came from the cache.</returns>
    public async Task<(IReadOnlyList<AllocationFact> Facts, bool FromCache)> GetAsync(
        EquilibreDb db, IQueryable<Lease> leases, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(leases);
        var imports = await DataVersion.MaxIdsAsync(db, [typeof(ImportRun)], ct);
        var years = new List<IReadOnlyList<AllocationFact>>();
        var fromCache = true;
        for (var year = from.Year; year <= to.Year; year++)
        {
            var (facts, hit) = await YearAsync(db, leases.SignedBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), imports, ct);
            years.Add(facts);
            fromCache &= hit;
        }

        return (years.Count == 1 ? years[0] : [.. years.SelectMany(f => f)], fromCache);
    }

    /// <summary>
    /// One year of one scope. An entry is served while the highest import run is unchanged (an import may correct any
    /// lease, and records its run after committing: <see cref="DataVersion"/>) and its own leases are: the same
    /// highest id and number (a lease signed elsewhere does not touch it; one statement, an index-only count, ≈10 ms
    /// for the largest EPCI's year, and none when there is nothing to compare).
    /// </summary>
    private async Task<(IReadOnlyList<AllocationFact> Facts, bool FromCache)> YearAsync(EquilibreDb db, IQueryable<Lease> leases, string imports, CancellationToken ct)
    {
        var key = Key(leases);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var old = _entries.GetValueOrDefault(key);
            var valid = old is not null && old.Imports == imports && old.Expires > now;
            if (valid && old!.IsRead)
            {
                var own = await leases.GroupBy(_ => 1).Select(g => new { Last = g.Max(l => l.Id), Count = g.Count() }).FirstOrDefaultAsync(ct);
                valid = old.Own == OwnVersion(own?.Last ?? 0, own?.Count ?? 0);
            }

            // Another request may have replaced the entry meanwhile: its read is the newer one.
            var fresh = new Entry(imports, now + Lifetime, () => leases.ToFactsAsync(db, ct));
            var stored = _entries.AddOrUpdate(key, fresh, (_, current) => !ReferenceEquals(current, old) || valid ? current : fresh);
            stored.LastUsed = Interlocked.Increment(ref _uses);
            try
            {
                var facts = await stored.Facts.Value;
                if (ReferenceEquals(stored, fresh))
                {
                    Evict(key);
                }

                return (facts, !ReferenceEquals(stored, fresh));
            }
            catch (Exception e)
            {
                _entries.TryRemove(KeyValuePair.Create(key, stored));

                // Another request's read was cancelled with that request: read again with ours.
                if (e is OperationCanceledException && !ct.IsCancellationRequested && attempt == 0 && !ReferenceEquals(stored, fresh))
                {
                    continue;
                }

                throw;
            }
        }
    }

    private static string OwnVersion(long last, int count) => string.Create(CultureInfo.InvariantCulture, $"{last}.{count}");

    /// <summary>Drops the least recently used entries until the facts held fit <c>capacity</c> (the one just read stays).</summary>
    private void Evict(string keep)
    {
        lock (_evicting)
        {
            var held = _entries.Where(e => e.Value.IsRead)
                .Select(e => (e.Key, e.Value, Count: e.Value.Facts.Value.Result.Count)).ToList();
            var total = held.Sum(e => (long)e.Count);
            foreach (var (key, entry, count) in held.Where(e => e.Key != keep).OrderBy(e => e.Value.LastUsed))
            {
                if (total <= capacity)
                {
                    break;
                }

                if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
                {
                    total -= count;
                }
            }
        }
    }

    /// <summary>The SQL the query runs and its parameter values: the scope's and the filter's values are parameters, so they are in the key.</summary>
    internal static string Key(IQueryable<Lease> leases)
    {
        using var command = leases.Rows().CreateDbCommand();
        var key = new StringBuilder(command.CommandText);
        foreach (DbParameter parameter in command.Parameters)
        {
            key.Append('\n').Append(parameter.ParameterName).Append('=').Append(Text(parameter.Value));
        }

        return key.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "∅",
        string text => text,
        IEnumerable values => "[" + string.Join(",", values.Cast<object?>().Select(Text)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
