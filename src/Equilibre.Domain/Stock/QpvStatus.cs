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
/// The treatment of the quarters that left the QPV list (décret 2024-806) is unconfirmed too: by default they stop
/// counting the day after their end date; <see cref="ExitedQpvAssimilatedUntil"/> keeps them in until a configured date.
/// </summary>
public sealed record QpvRuleSettings(DateOnly? ExZusAssimilatedUntil, string Source)
{
    /// <summary>Until when (included) a quarter that left the QPV list still counts for the targets; null = not at all.</summary>
    public DateOnly? ExitedQpvAssimilatedUntil { get; init; }

    /// <summary>Where <see cref="ExitedQpvAssimilatedUntil"/> comes from, shown in the explanation.</summary>
    public string ExitedQpvSource { get; init; } = "maintien des quartiers sortis de la liste des QPV non paramétré (domain.md §5.3, non confirmé)";
}

/// <summary>Why a dwelling is, or is not, in QPV for the targets.</summary>
public enum QpvBasis
{
    NotInQpv,
    Qpv,
    ExZusAssimilated,
    ExitedQpvAssimilated,
}

/// <summary>Whether a dwelling counts as "in QPV" for the targets on a date, with the reason.</summary>
public sealed record QpvStatusResult(bool InQpvForTargets, string Explanation)
{
    public QpvBasis Basis { get; init; } = InQpvForTargets ? QpvBasis.Qpv : QpvBasis.NotInQpv;
}

/// <summary>
/// "In QPV for the targets" is a dated rule, not a bare boolean (domain.md §5.3), applied at the date that counts (the
/// lease signature for the targets): a dwelling is in QPV on a date when one of its areas is a QPV valid that day; else
/// when it is in an ex-ZUS valid that day while the assimilation lasts (configurable end date); else when it was in a
/// QPV that left the list and the configuration keeps such quarters until that date. A quartier de veille active never
/// counts.
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
            return new QpvStatusResult(true, French.Format($"en QPV au {date:dd/MM/yyyy} : {qpv.Name} ({qpv.Code})")) { Basis = QpvBasis.Qpv };
        }

        var zus = areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.ExZus && a.ValidOn(date));
        if (zus is not null && settings.ExZusAssimilatedUntil is { } until && date <= until)
        {
            return new QpvStatusResult(true, French.Format($"ex-ZUS {zus.Name} ({zus.Code}) assimilée à un QPV jusqu'au {until:dd/MM/yyyy} ({settings.Source})"))
            { Basis = QpvBasis.ExZusAssimilated };
        }

        var exited = areas.Where(a => a.Kind == PriorityAreaKind.Qpv && a.ValidTo is { } end && end < date).MaxBy(a => a.ValidTo);
        if (exited is not null && settings.ExitedQpvAssimilatedUntil is { } kept && date <= kept)
        {
            return new QpvStatusResult(true, French.Format($"{exited.Name} ({exited.Code}), sorti de la liste des QPV le {exited.ValidTo!.Value.AddDays(1):dd/MM/yyyy}, compté en QPV jusqu'au {kept:dd/MM/yyyy} ({settings.ExitedQpvSource})"))
            { Basis = QpvBasis.ExitedQpvAssimilated };
        }

        if (zus is not null)
        {
            return new QpvStatusResult(false, French.Format($"ex-ZUS {zus.Name} ({zus.Code}) : assimilation aux QPV terminée ou non paramétrée au {date:dd/MM/yyyy} ({settings.Source})"));
        }

        if (exited is not null)
        {
            return new QpvStatusResult(false, French.Format($"hors QPV au {date:dd/MM/yyyy} : {exited.Name} ({exited.Code}) est sorti de la liste des QPV le {exited.ValidTo!.Value.AddDays(1):dd/MM/yyyy} ({settings.ExitedQpvSource})"));
        }

        if (areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.Qpv) is { } notYet)
        {
            return new QpvStatusResult(false, French.Format($"hors QPV au {date:dd/MM/yyyy} : {notYet.Name} ({notYet.Code}) n'est pas un QPV à cette date"));
        }

        return areas.FirstOrDefault(a => a.Kind == PriorityAreaKind.VeilleActive && a.ValidOn(date)) is { } veille
            ? new QpvStatusResult(false, French.Format($"hors QPV au {date:dd/MM/yyyy} : {veille.Name} ({veille.Code}) est un quartier de veille active, suivi mais pas compté en QPV pour les objectifs"))
            : new QpvStatusResult(false, French.Format($"hors QPV au {date:dd/MM/yyyy}"));
    }
}
