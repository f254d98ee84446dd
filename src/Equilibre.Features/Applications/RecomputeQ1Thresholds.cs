using Equilibre.Domain;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

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
        var active = db.Demands.AsNoTracking().Visible(user)
            .Where(d => d.RegisteredOn <= date && d.ExpiresOn > date && (d.RadiatedOn == null || d.RadiatedOn > date));
        var withoutResources = await active.CountAsync(d => d.AnnualResourcesPerUc == null, ct);
        var byEpci = new Dictionary<string, List<decimal>>();
        void Add(string siren, decimal value)
        {
            if (!byEpci.TryGetValue(siren, out var list))
            {
                byEpci[siren] = list = [];
            }

            list.Add(value);
        }

        if (settings.Population == ThresholdPopulation.FirstWishedCommune)
        {
            await foreach (var row in active.Where(d => d.EpciSiren != null && d.AnnualResourcesPerUc != null)
                .Select(d => new { d.EpciSiren, d.AnnualResourcesPerUc }).AsAsyncEnumerable().WithCancellation(ct))
            {
                Add(row.EpciSiren!, row.AnnualResourcesPerUc!.Value);
            }
        }
        else
        {
            var pairs = from d in active.Where(d => d.AnnualResourcesPerUc != null)
                        from w in d.Wishes
                        where w.EpciSiren != null
                        select new { w.EpciSiren, d.Id, d.AnnualResourcesPerUc };
            await foreach (var row in pairs.Distinct().AsAsyncEnumerable().WithCancellation(ct))
            {
                Add(row.EpciSiren!, row.AnnualResourcesPerUc!.Value);
            }
        }

        var official = request.Year + 1;
        var sirens = byEpci.Keys.ToList();
        var epcis = await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren)).ToDictionaryAsync(e => e.Siren, ct);
        var thresholds = await db.Q1Thresholds.AsNoTracking().Where(t => t.Year == official && t.EpciSiren != null && sirens.Contains(t.EpciSiren))
            .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var (siren, values) in byEpci)
        {
            if (!epcis.TryGetValue(siren, out var epci)
                || !user.Scope.Contains(epci.RegionCode, user.Scope.DepartementCode is { } dep && epci.DepartementCodeList.Contains(dep) ? dep : epci.MainDepartementCode, siren, user.Scope.CommuneCode))
            {
                continue;
            }

            var lookup = Q1Thresholds.Find(thresholds, siren, official);
            var officialValue = lookup.Threshold?.AmountPerUcPerYear;
            if (values.Count < MinimumDemands)
            {
                rows.Add(new Row(siren, epci.Name, values.Count, null, 0, officialValue, official, null, null,
                    $"moins de {MinimumDemands} demandes aux ressources connues : recalcul non diffusé (secret statistique)"));
                continue;
            }

            var local = FirstQuartile.Recompute(values);
            decimal? gap = officialValue is { } o ? local.Threshold - o : null;
            decimal? percent = officialValue is { } o2 && o2 != 0 ? Math.Round(100m * gap!.Value / o2, 1) : null;
            rows.Add(new Row(siren, epci.Name, values.Count, local.Threshold, local.Rank, officialValue, official, gap, percent,
                local.Explanation + (officialValue is null ? " ; " + lookup.Explanation : "")));
        }

        return new Result(request.Year, date, official, settings.PopulationSource, [.. rows.OrderBy(r => r.EpciName, StringComparer.Create(French.Culture, false))], withoutResources);
    }
}
