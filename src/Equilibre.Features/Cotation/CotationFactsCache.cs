using System.Runtime.InteropServices;

namespace Equilibre.Features.Cotation;

/// <summary>
/// The cotation columns of every active demand, kept between two national batches by a long-lived process (the web app,
/// whose nightly job runs the batch; registered as a singleton there, never in the command line). On PostgreSQL each
/// row is kept with its <c>xmin</c>, the transaction that wrote its current version: any write changes it (a handler, an
/// import, a plain SQL <c>UPDATE</c>), so the next batch reads only the (id, xmin) pairs of the active demands and the
/// columns of those whose xmin moved, instead of 2.7 million rows of 22 columns (docs/performance.md, "The night with
/// the demands in memory"). Tied to one database: another one empties it. One batch at a time: a batch that finds it
/// taken reads every demand, as without it.
/// </summary>
public sealed class CotationFactsCache
{
    private int _taken;
    private readonly Dictionary<long, Entry> _rows = [];
    private string? _database;
    private int _batch;

    private struct Entry
    {
        public uint Xmin;
        public int Batch;
        public CotationRow Row;
    }

    /// <summary>Active demands kept.</summary>
    public int Count => _rows.Count;

    /// <summary>The cache for one batch on <paramref name="database"/>, or null when another batch holds it.</summary>
    internal Session? TryOpen(string database)
    {
        if (Interlocked.Exchange(ref _taken, 1) == 1)
        {
            return null;
        }

        if (!string.Equals(_database, database, StringComparison.Ordinal))
        {
            _rows.Clear();
            _rows.TrimExcess();
            _database = database;
        }

        _batch++;
        return new Session(this);
    }

    /// <summary>
    /// One batch's use of the cache: every active demand the batch reads is either found unchanged (<see cref="Find"/>)
    /// or read again and kept (<see cref="Keep"/>); when the batch is done, the demands it did not meet (no longer active)
    /// are forgotten. Not thread-safe: the batch's reading alone uses it.
    /// </summary>
    internal sealed class Session(CotationFactsCache cache) : IDisposable
    {
        private bool _complete;

        /// <summary>True when nothing is kept yet: the batch reads every demand's columns in one pass.</summary>
        public bool Empty => cache._rows.Count == 0;

        /// <summary>The kept row of a demand whose version is still <paramref name="xmin"/>; null when it moved or is new.</summary>
        public CotationRow? Find(long id, uint xmin)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(cache._rows, id);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry) || entry.Xmin != xmin)
            {
                return null;
            }

            entry.Batch = cache._batch;
            return entry.Row;
        }

        public void Keep(uint xmin, CotationRow row) => cache._rows[row.Id] = new Entry { Xmin = xmin, Batch = cache._batch, Row = row };

        /// <summary>The batch met every active demand: those it did not meet are forgotten when it closes.</summary>
        public void Complete() => _complete = true;

        public void Dispose()
        {
            if (_complete)
            {
                var batch = cache._batch;
                foreach (var id in cache._rows.Where(r => r.Value.Batch != batch).Select(r => r.Key).ToList())
                {
                    cache._rows.Remove(id);
                }
            }

            Volatile.Write(ref cache._taken, 0);
        }
    }
}
