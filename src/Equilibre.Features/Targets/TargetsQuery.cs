using System.Globalization;
using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Domain.Territory;
using Equilibre.Features.Allocation;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Targets;

/// <summary>Who the dashboard is for (domain.md §5.6): it chooses the default breakdown.</summary>
public enum TargetView
{
    /// <summary>EPCI / CIL: per EPCI (and its CIA engagements when one EPCI is chosen).</summary>
    Epci,

    /// <summary>A bailleur: per bailleur.</summary>
    Bailleur,

    /// <summary>A réservataire: per réservataire (T3 is appreciated per flux).</summary>
    Reservataire,

    /// <summary>The commission de coordination (CIA evaluation): per bailleur × réservataire.</summary>
    Coordination,
}

/// <summary>Narrowing inside the user's scope; every field optional.</summary>
public sealed record TargetFilter(string? EpciSiren = null, long? BailleurId = null, long? ReservataireId = null, string? CommuneCode = null, long? CalSessionId = null)
{
    public static readonly TargetFilter None = new();
}

/// <summary>
/// The shared reading of the targets pages, API, CLI and documents: the scope (<see cref="AllocationAccess"/>, the
/// one rule: EPCI and territorial users their territory, a bailleur its leases, a réservataire the leases on its flux,
/// national State services and administrators everything), the leases of a period as facts, the Q1 thresholds and
/// settings, and the labels of ids.
/// </summary>
public static class TargetsQuery
{
    public static IReadOnlyList<GroupDimension> DefaultDimensions(TargetView view) => view switch
    {
        TargetView.Epci => [GroupDimension.Epci],
        TargetView.Bailleur => [GroupDimension.Bailleur],
        TargetView.Reservataire => [GroupDimension.Reservataire],
        TargetView.Coordination => [GroupDimension.Bailleur, GroupDimension.Reservataire],
    };

    public static string ViewLabel(TargetView view) => view switch
    {
        TargetView.Epci => "EPCI et CIL",
        TargetView.Bailleur => "bailleur",
        TargetView.Reservataire => "réservataire",
        TargetView.Coordination => "commission de coordination",
    };

    /// <summary>
    /// A period from the words of the pages and the CLI: <c>annee</c>, <c>semestre</c> 1–2, <c>trimestre</c> 1–4,
    /// <c>mois</c> 1–12, or <c>plage</c> with both dates. Null and the French reason when invalid.
    /// </summary>
    public static TargetPeriod? Period(string? kind, int year, int? number, DateOnly? from, DateOnly? to, out string? error)
    {
        error = null;
        if (year is < 2000 or > 2100 && kind != "plage")
        {
            error = French.Format($"année {year} hors de la plage 2000–2100");
            return null;
        }

        try
        {
            return (kind ?? "annee") switch
            {
                "annee" => TargetPeriod.Year(year),
                "semestre" => TargetPeriod.Semester(year, number ?? 1),
                "trimestre" => TargetPeriod.Quarter(year, number ?? 1),
                "mois" => TargetPeriod.Month(year, number is >= 1 and <= 12 ? number.Value : throw new ArgumentOutOfRangeException(nameof(number))),
                "plage" when from is { } f && to is { } t => TargetPeriod.Range(f, t),
                "plage" => throw new ArgumentException("une plage demande une date de début et une date de fin"),
                _ => throw new ArgumentException($"période « {kind} » inconnue (annee, semestre, trimestre, mois ou plage)"),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            error = French.Format($"numéro {number} invalide pour la période « {kind} » (semestre 1–2, trimestre 1–4, mois 1–12)");
            return null;
        }
        catch (ArgumentException e)
        {
            error = e.Message.Split(" (Parameter", StringSplitOptions.None)[0];
            return null;
        }
    }

    /// <summary>The leases of the scope, narrowed by the filter.</summary>
    public static IQueryable<Lease> Leases(EquilibreDb db, AllocationScope scope, TargetFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var leases = db.Leases.Visible(scope);
        if (filter.EpciSiren is { } epci)
        {
            leases = leases.Where(l => l.EpciSiren == epci);
        }

        if (filter.CommuneCode is { } commune)
        {
            leases = leases.Where(l => l.CommuneCode == commune);
        }

        if (filter.BailleurId is { } bailleur)
        {
            leases = leases.Where(l => l.BailleurId == bailleur);
        }

        if (filter.ReservataireId is { } reservataire)
        {
            leases = leases.Where(l => l.ReservataireOrganisationId == reservataire);
        }

        if (filter.CalSessionId is { } session)
        {
            leases = leases.Where(l => l.CaleolSessionId == session);
        }

        return leases;
    }

    /// <summary>The engine's settings: every loaded Q1 threshold matched to an EPCI, the threshold-year rule, the QPV rule.</summary>
    public static async Task<TargetSettings> SettingsAsync(EquilibreDb db, TargetsSettings settings, QpvRuleSettings qpv, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var thresholds = await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren != null)
            .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).ToListAsync(ct);
        return new TargetSettings(thresholds, settings.Q1Year, qpv);
    }

    /// <summary>Names of the ids the facts carry, for every table ("CU du Grand Reims (200067213)").</summary>
    public static Task<TargetLabels> LabelsAsync(EquilibreDb db, IReadOnlyCollection<AllocationFact> facts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return LabelsAsync(db, dimension => dimension switch
        {
            GroupDimension.Epci => facts.Select(f => f.EpciSiren),
            GroupDimension.Commune => facts.Select(f => f.CommuneCode),
            GroupDimension.Bailleur => facts.Select(f => f.BailleurId),
            GroupDimension.Reservataire => facts.Select(f => f.ReservataireId),
            GroupDimension.CalSession => facts.Select(f => f.CalSessionId),
            _ => [],
        }, ct);
    }

    /// <summary>Names of the values the group keys carry: only the groups shown are looked up (a dashboard per EPCI names one EPCI, not its 44,000 leases' communes and bailleurs).</summary>
    public static Task<TargetLabels> LabelsAsync(EquilibreDb db, IEnumerable<GroupKey> keys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        return LabelsAsync(db, dimension => list.Where(k => k.Has(dimension)).Select(k => k[dimension]), ct);
    }

    private static async Task<TargetLabels> LabelsAsync(EquilibreDb db, Func<GroupDimension, IEnumerable<string?>> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<string> Texts(GroupDimension dimension) => [.. values(dimension).OfType<string>().Distinct(StringComparer.Ordinal)];

        // Réservataire values also name the flux without réservataire (GroupKey.OwnFlux, OutsideFlux): not ids.
        List<long> Ids(GroupDimension dimension) =>
            [.. Texts(dimension).Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null).OfType<long>()];
        var epcis = Texts(GroupDimension.Epci);
        var communes = Texts(GroupDimension.Commune);
        var bailleurs = Ids(GroupDimension.Bailleur);
        var organisations = Ids(GroupDimension.Reservataire);
        var sessions = Ids(GroupDimension.CalSession);
        static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
        return new TargetLabels(
            epcis.Count == 0 ? new Dictionary<string, string>() : await db.Epcis.AsNoTracking().Where(e => epcis.Contains(e.Siren)).ToDictionaryAsync(e => e.Siren, e => e.Name, ct),
            communes.Count == 0 ? new Dictionary<string, string>() : await db.Communes.AsNoTracking().Where(c => communes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct),
            bailleurs.Count == 0 ? new Dictionary<string, string>() : (await db.Bailleurs.AsNoTracking().Where(b => bailleurs.Contains(b.Id)).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
                .ToDictionary(b => Text(b.Id), b => b.Name),
            organisations.Count == 0 ? new Dictionary<string, string>() : (await db.Organisations.AsNoTracking().Where(o => organisations.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                .ToDictionary(o => Text(o.Id), o => o.Name),
            sessions.Count == 0 ? new Dictionary<string, string>() : (await db.CaleolSessions.AsNoTracking().Where(s => sessions.Contains(s.Id)).Select(s => new { s.Id, s.Date }).ToListAsync(ct))
                .ToDictionary(s => Text(s.Id), s => French.Format($"séance du {s.Date:dd/MM/yyyy}")));
    }
}

/// <summary>Names of the values of a group key.</summary>
public sealed class TargetLabels(
    IReadOnlyDictionary<string, string> epcis,
    IReadOnlyDictionary<string, string> communes,
    IReadOnlyDictionary<string, string> bailleurs,
    IReadOnlyDictionary<string, string> reservataires,
    IReadOnlyDictionary<string, string> sessions)
{
    public static readonly TargetLabels Empty = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>"CU du Grand Reims (200067213)", "flux propre du bailleur", "inconnu"…</summary>
    public string Of(GroupDimension dimension, string? value)
    {
        if (value is null)
        {
            return GroupKey.ValueLabel(dimension, null);
        }

        var names = dimension switch
        {
            GroupDimension.Epci => epcis,
            GroupDimension.Commune => communes,
            GroupDimension.Bailleur => bailleurs,
            GroupDimension.Reservataire => reservataires,
            GroupDimension.CalSession => sessions,
            _ => null,
        };
        return names is not null && names.TryGetValue(value, out var name) ? $"{name} ({value})" : GroupKey.ValueLabel(dimension, value);
    }

    /// <summary>"EPCI CU du Grand Reims (200067213) · bailleur …"; "ensemble" without dimension.</summary>
    public string Of(GroupKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Dimensions.Count == 0
            ? "ensemble"
            : string.Join(" · ", key.Dimensions.Select((d, i) => $"{GroupKey.DimensionLabel(d)} {Of(d, key.Values[i])}"));
    }
}
