using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Equilibre.Features.Applications;

/// <summary>
/// Local recomputation of the first-quartile threshold (domain.md §4.2) for every EPCI that has demands: among the
/// demands active on 31 December of <see cref="Request.Year"/>, the nearest-rank 25th percentile of the annual
/// resources per UC — shown beside the official threshold of the following year, which the State computed from the
/// same stock, with the gap. The official value always comes from the arrêté; this one is for monitoring. Figures
/// over fewer than 11 demands are not shown (statistical secrecy, product.md "Privacy").
/// </summary>
public sealed class RecomputeQ1Thresholds(EquilibreDb db, DemandSettings settings)
{
    public const int MinimumDemands = 11;

    public sealed record Request(int Year);

    public sealed record Row(
        string EpciSiren, string EpciName, int Demands, decimal? Local, int Rank, decimal? Official, int OfficialYear, decimal? Gap, decimal? GapPercent, string Explanation);

    public sealed record Result(int Year, DateOnly StockDate, int OfficialYear, string Population, IReadOnlyList<Row> Rows, int DemandsWithoutResources);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var date = new DateOnly(request.Year, 12, 31);
        // The whole scope's active demands: read as a set of ids (ADR 0014), not tested demand by demand.
        var active = db.Demands.AsNoTracking().VisibleAsSet(db, user)
            .Where(d => d.RegisteredOn <= date && d.ExpiresOn > date && (d.RadiatedOn == null || d.RadiatedOn > date));
        var byEpci = new Dictionary<string, Values>(StringComparer.Ordinal);
        var inDatabase = new Dictionary<string, ThresholdRecomputation>(StringComparer.Ordinal);
        int withoutResources;
        if (settings.Population == ThresholdPopulation.FirstWishedCommune && db.Database.IsNpgsql())
        {
            // PostgreSQL selects the quartile itself (percentile_disc = the same nearest rank): 1,255 rows come back
            // instead of millions of pairs (docs/performance.md).
            withoutResources = await AggregateAsync(active.Select(d => new { d.EpciSiren, d.AnnualResourcesPerUc }), inDatabase, ct);
        }
        else if (settings.Population == ThresholdPopulation.FirstWishedCommune)
        {
            // One pass over the active demands counts those without resources and collects the others by EPCI.
            withoutResources = await ReadAsync(active.Select(d => new { d.EpciSiren, d.AnnualResourcesPerUc }), byEpci, ct);
        }
        else
        {
            withoutResources = await active.CountAsync(d => d.AnnualResourcesPerUc == null, ct);
            var pairs = from d in active.Where(d => d.AnnualResourcesPerUc != null)
                        from w in d.Wishes
                        where w.EpciSiren != null
                        select new { w.EpciSiren, d.Id, d.AnnualResourcesPerUc };
            await ReadAsync(pairs.Distinct(), byEpci, ct);
        }

        var official = request.Year + 1;
        var sirens = byEpci.Keys.Concat(inDatabase.Keys).ToList();
        var epcis = await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren)).ToDictionaryAsync(e => e.Siren, ct);
        var thresholds = await db.Q1Thresholds.AsNoTracking().Where(t => t.Year == official && t.EpciSiren != null && sirens.Contains(t.EpciSiren))
            .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).ToListAsync(ct);
        var rows = new List<Row>();
        var computed = byEpci.Select(p => (Siren: p.Key, Count: p.Value.Count, Compute: (Func<ThresholdRecomputation>)(() => FirstQuartile.Recompute(p.Value.Items.AsSpan(0, p.Value.Count)))))
            .Concat(inDatabase.Select(p => (Siren: p.Key, p.Value.Demands, Compute: (Func<ThresholdRecomputation>)(() => p.Value))));
        foreach (var (siren, count, compute) in computed)
        {
            if (!epcis.TryGetValue(siren, out var epci)
                || !user.Scope.Contains(epci.RegionCode, user.Scope.DepartementCode is { } dep && epci.DepartementCodeList.Contains(dep) ? dep : epci.MainDepartementCode, siren, user.Scope.CommuneCode))
            {
                continue;
            }

            var lookup = Q1Thresholds.Find(thresholds, siren, official);
            var officialValue = lookup.Threshold?.AmountPerUcPerYear;
            if (count < MinimumDemands)
            {
                rows.Add(new Row(siren, epci.Name, count, null, 0, officialValue, official, null, null,
                    $"moins de {MinimumDemands} demandes aux ressources connues : recalcul non diffusé (secret statistique)"));
                continue;
            }

            var local = compute();
            decimal? gap = officialValue is { } o ? local.Threshold - o : null;
            decimal? percent = officialValue is { } o2 && o2 != 0 ? Math.Round(100m * gap!.Value / o2, 1) : null;
            rows.Add(new Row(siren, epci.Name, count, local.Threshold, local.Rank, officialValue, official, gap, percent,
                local.Explanation + (officialValue is null ? " ; " + lookup.Explanation : "")));
        }

        return new Result(request.Year, date, official, settings.PopulationSource, [.. rows.OrderBy(r => r.EpciName, StringComparer.Create(French.Culture, false))], withoutResources);
    }
    /// <summary>
    /// PostgreSQL: wraps the query's own SQL (access filter included) in a <c>GROUP BY</c> with
    /// <c>percentile_disc(0.25)</c>; returns the number of demands without resources.
    /// </summary>
    private async Task<int> AggregateAsync<T>(IQueryable<T> query, Dictionary<string, ThresholdRecomputation> results, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (own is not null)
            {
                await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
            }

            await using var command = query.CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText =
                "SELECT q.\"EpciSiren\", percentile_disc(0.25) WITHIN GROUP (ORDER BY q.\"AnnualResourcesPerUc\"), "
                + "count(q.\"AnnualResourcesPerUc\"), count(*) - count(q.\"AnnualResourcesPerUc\") "
                + $"FROM ({command.CommandText}) AS q GROUP BY q.\"EpciSiren\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var withoutResources = 0;
            while (await reader.ReadAsync(ct))
            {
                withoutResources += (int)reader.GetInt64(3);
                var count = (int)reader.GetInt64(2);
                if (!reader.IsDBNull(0) && count > 0)
                {
                    results[reader.GetString(0)] = FirstQuartile.Describe(reader.GetDecimal(1), count);
                }
            }

            return withoutResources;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs the query's own SQL (so the access filter of <see cref="DemandAccess.Visible"/> stays in it) through the
    /// provider's data reader and collects the resources per EPCI: millions of rows, read without materialising an
    /// object per row. Returns the number of rows without resources.
    /// </summary>
    private async Task<int> ReadAsync<T>(IQueryable<T> query, Dictionary<string, Values> byEpci, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (own is not null)
            {
                // A scan and a filter gain nothing from PostgreSQL's JIT, which costs 0.5–1 s to compile on every run
                // (docs/performance.md); off for this read only.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
            }

            await using var command = query.CreateDbCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync(ct);
            var sirenColumn = reader.GetOrdinal(nameof(Demand.EpciSiren));
            var resourcesColumn = reader.GetOrdinal(nameof(Demand.AnnualResourcesPerUc));
            var withoutResources = 0;
            Values? last = null;
            string? lastSiren = null;
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(resourcesColumn))
                {
                    withoutResources++;
                    continue;
                }

                if (reader.IsDBNull(sirenColumn))
                {
                    continue;
                }

                var siren = reader.GetString(sirenColumn);
                if (siren != lastSiren)
                {
                    if (!byEpci.TryGetValue(siren, out last))
                    {
                        byEpci[siren] = last = new Values();
                    }

                    lastSiren = siren;
                }

                last!.Add(reader.GetDecimal(resourcesColumn));
            }

            return withoutResources;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A growing array of the resources of one EPCI's demands, reordered in place by the recomputation.</summary>
    private sealed class Values
    {
        public decimal[] Items { get; private set; } = new decimal[16];

        public int Count { get; private set; }

        public void Add(decimal value)
        {
            if (Count == Items.Length)
            {
                var larger = new decimal[Items.Length * 2];
                Items.AsSpan().CopyTo(larger);
                Items = larger;
            }

            Items[Count++] = value;
        }
    }
}
