using System.Collections.Concurrent;

namespace Equilibre.Features.Public;

/// <summary>Which territory the key figures describe.</summary>
public enum KeyFiguresScope
{
    France,
    Region,
    Departement,
    Epci,
}

/// <summary>
/// The small in-memory cache of <see cref="GetKeyFigures"/> (one per process, a singleton). An entry is keyed by the
/// territory, the year and the date the demands are counted on, and remembers the <em>data version</em> it was computed
/// from (<see cref="GetKeyFigures.DataVersionAsync"/>: the highest id of the import runs, demand events, leases and
/// allocation events — four primary-key maxima read in one statement). Every request reads that version first, so a
/// lease signed, a demand registered or radiated, or any import, by this process or another (the CLI), makes the next
/// request recompute: no stale figure after a change, without an invalidation call in every handler that writes.
/// On top, an entry lives at most <see cref="Lifetime"/>: a safety net for what the version cannot see (a row edited by
/// hand in the database), short enough to be harmless and long enough for a national computation (about a second at
/// 2.7 M active demands and 420,000 leases) to be paid once per territory and not per visitor. Concurrent requests for the
/// same key share one computation (<see cref="Lazy{T}"/>); a failed computation is forgotten.
/// </summary>
public sealed class KeyFiguresCache(TimeProvider clock)
{
    /// <summary>The longest an entry is served, even with an unchanged data version.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>France, 18 régions, 101 départements and 1,255 EPCI for a few years fit; beyond, the cache starts again.</summary>
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    public readonly record struct Key(KeyFiguresScope Scope, string? Code, int Year, DateOnly AsOf);

    private sealed record Entry(string Version, DateTimeOffset Expires, Lazy<Task<GetKeyFigures.Result>> Value);

    public int Count => _entries.Count;

    /// <summary>The cached figures when computed from <paramref name="version"/> and not expired; otherwise computed once (shared by concurrent callers).</summary>
    /// <returns>The figures and whether they came from the cache.</returns>
    public async Task<(GetKeyFigures.Result Figures, bool FromCache)> GetAsync(Key key, string version, Func<Task<GetKeyFigures.Result>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var now = clock.GetUtcNow();
        var fresh = new Entry(version, now + Lifetime, new Lazy<Task<GetKeyFigures.Result>>(compute, LazyThreadSafetyMode.ExecutionAndPublication));
        var stored = _entries.AddOrUpdate(key, fresh, (_, old) => old.Version == version && old.Expires > now ? old : fresh);
        if (ReferenceEquals(stored, fresh) && _entries.Count > Capacity)
        {
            _entries.Clear();
            _entries[key] = fresh;
        }

        try
        {
            return (await stored.Value.Value, !ReferenceEquals(stored, fresh));
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, stored));
            throw;
        }
    }
}
