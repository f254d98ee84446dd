namespace Equilibre.Domain.Stock;

/// <summary>Kind of priority area (domain.md §5.3).</summary>
public enum PriorityAreaKind
{
    /// <summary>Quartier prioritaire de la politique de la ville (décret 2014-1750, then 2024-806).</summary>
    Qpv,

    /// <summary>Former ZUS not reclassified as QPV, temporarily assimilated to QPV for the targets.</summary>
    ExZus,

    /// <summary>Quartier de veille active: followed, not a QPV for the targets.</summary>
    VeilleActive,
}

/// <summary>A priority area with its validity (end date included; null = still valid).</summary>
public sealed record PriorityArea(string Code, string Name, PriorityAreaKind Kind, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool ValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}

/// <summary>
/// The configurable part of the rule: until when ex-ZUS count as QPV for the targets. The ELAN amendment speaks of six
/// years (the duration of the contrat de ville); the exact end date is unconfirmed (domain.md §5.3 [U]).
/// </summary>
public sealed record QpvRuleSettings(DateOnly? ExZusAssimilatedUntil, string Source);

/// <summary>Whether a dwelling counts as "in QPV" for the targets on a date, with the reason.</summary>
public sealed record QpvStatusResult(bool InQpvForTargets, string Explanation);

/// <summary>
/// "In QPV for the targets" is a dated rule, not a bare boolean (domain.md §5.3): a dwelling is in QPV on a date when
/// one of its areas is a QPV valid that day, or an ex-ZUS while the assimilation lasts (configurable end date).
/// </summary>
public static class QpvStatus
{
    public static QpvStatusResult ForTargets(IEnumerable<PriorityArea> areasOfTheDwelling, DateOnly date, QpvRuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(areasOfTheDwelling);
        ArgumentNullException.ThrowIfNull(settings);
        var areas = areasOfTheDwelling.ToList();
        if (areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.Qpv && a.ValidOn(date)) is { } qpv)
        {
            return new QpvStatusResult(true, French.Format($"en QPV au {date:dd/MM/yyyy} : {qpv.Name} ({qpv.Code})"));
        }

        if (areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.ExZus && a.ValidOn(date)) is { } zus)
        {
            return settings.ExZusAssimilatedUntil is { } until && date <= until
                ? new QpvStatusResult(true, French.Format($"ex-ZUS {zus.Name} ({zus.Code}) assimilée à un QPV jusqu'au {until:dd/MM/yyyy} ({settings.Source})"))
                : new QpvStatusResult(false, French.Format($"ex-ZUS {zus.Name} ({zus.Code}) : assimilation aux QPV terminée ou non paramétrée au {date:dd/MM/yyyy} ({settings.Source})"));
        }

        var expired = areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.Qpv);
        return new QpvStatusResult(false, expired is null
            ? French.Format($"hors QPV au {date:dd/MM/yyyy}")
            : French.Format($"hors QPV au {date:dd/MM/yyyy} : {expired.Name} ({expired.Code}) n'est pas un QPV à cette date"));
    }
}
