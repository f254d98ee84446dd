using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Targets;

/// <summary>
/// The drill-down of a figure (issue 7): the leases behind one indicator of one group — its numerator, its denominator
/// or its exclusions — within the user's scope, paged. The leases are chosen by the Domain's own rules
/// (<see cref="TargetReport.Leases"/>), so the list is exactly what was counted. Privacy (product.md): one line per
/// lease, with the facts the indicator read (commune, typology, QPV, Q1 verdict, DALO, priority, mutation,
/// relocation) and no name, address or résidence: no household figure is shown below the résidence level, so the
/// small-count rule of <see cref="Domain.Privacy.HouseholdDisclosure"/> has nothing to mask here.
/// </summary>
public sealed class GetTargetLeases(EquilibreDb db, TargetsSettings settings, QpvRuleSettings qpv, LeaseFactsCache cache)
{
    public const int PageSize = 50;

    /// <summary>A figure: period, filter, indicator, side, the breakdown and one value per dimension (null = inconnu).</summary>
    public sealed record Request(
        TargetPeriod Period, TargetFilter Filter, string IndicatorId, LeasePart Part, IReadOnlyList<GroupDimension> Dimensions, IReadOnlyList<string?> Values, int Page = 1);

    public sealed record LeaseLine(
        long LeaseId, DateOnly SignedOn, string Commune, string Bailleur, string Flux, string? Typology, string Qpv, string Quartile,
        bool Dalo, string? Priority, bool Mutation, Relocation Relocation, long DwellingId);

    public sealed record Result(
        string ScopeDescription, IndicatorDefinition? Definition, string GroupLabel, LeasePart Part, int Total, int Page, int Pages, IReadOnlyList<LeaseLine> Leases,
        IReadOnlyList<long> AllIds, string? Error);

    public async Task<Result> HandleAsync(Request request, CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = await AllocationAccess.ScopeAsync(db, user, ct);
        var definition = settings.Definitions(request.Filter.EpciSiren).FirstOrDefault(d => d.Id == request.IndicatorId);
        if (definition is null || request.Values.Count != request.Dimensions.Count)
        {
            var why = definition is null
                ? $"indicateur « {request.IndicatorId} » inconnu pour ce périmètre (T1, T2, T3, ou un objectif de CIA de l'EPCI choisi)"
                : "le groupe demandé ne donne pas une valeur par dimension";
            return new Result(scope.Description, null, "", request.Part, 0, 1, 1, [], [], why);
        }

        var facts = scope.SeesAnything
            ? (await cache.GetAsync(db, TargetsQuery.Leases(db, scope, request.Filter), request.Period.From, request.Period.To, ct)).Facts
            : [];
        var engineSettings = await TargetsQuery.SettingsAsync(db, settings, qpv, ct);
        var report = TargetEngine.Compute([], [definition], TargetGrouping.None, request.Period, engineSettings);
        var key = new GroupKey(request.Dimensions, request.Values);
        var rules = new TargetRules(engineSettings);
        var selected = report.Leases(facts, key, definition, request.Part).OrderBy(f => f.SignedOn).ThenBy(f => f.LeaseId).ToList();
        var pages = Math.Max(1, (selected.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(request.Page, 1, pages);
        var slice = selected.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var labels = await TargetsQuery.LabelsAsync(db, selected, ct);
        var ids = slice.Select(f => f.LeaseId).ToList();
        var dwellings = await db.Leases.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.DwellingId, ct);
        var lines = slice.Select(f => new LeaseLine(
            f.LeaseId, f.SignedOn, labels.Of(GroupDimension.Commune, f.CommuneCode), labels.Of(GroupDimension.Bailleur, f.BailleurId),
            labels.Of(GroupDimension.Reservataire, GroupKey.ReservataireValue(f)), f.Typology,
            f.Qpv switch
            {
                null => "sans statut QPV",
                QpvBasis.NotInQpv => "hors QPV",
                QpvBasis.Qpv => "QPV",
                QpvBasis.ExZusAssimilated => "ex-ZUS assimilée QPV",
                _ => "QPV sorti, maintenu",
            },
            rules.Classify(f, out _) switch
            {
                Quartile.Q1 => "premier quartile",
                Quartile.NotQ1 => "quartiles 2 à 4",
                Quartile.NoThreshold => "seuil absent",
                _ => "ressources inconnues",
            },
            f.Dalo, f.PriorityCategory, f.Mutation, f.Relocation, dwellings.GetValueOrDefault(f.LeaseId))).ToList();
        return new Result(scope.Description, definition, labels.Of(key), request.Part, selected.Count, page, pages,
            lines, [.. selected.Select(f => f.LeaseId)], null);
    }

    public static string PartLabel(LeasePart part) => part switch
    {
        LeasePart.Numerator => "numérateur",
        LeasePart.Denominator => "dénominateur",
        LeasePart.Excluded => "exclues",
    };
}
