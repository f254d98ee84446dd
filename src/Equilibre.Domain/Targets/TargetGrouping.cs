using System.Globalization;
using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Targets;

/// <summary>A dimension the results are broken down by (domain.md §5.6 and the flux bilan of §9, §17.9).</summary>
public enum GroupDimension
{
    Epci,
    Commune,
    Bailleur,

    /// <summary>The flux holder: a réservataire, the bailleur's own flux (non-reserved and returned), outside the flux, or unknown.</summary>
    Reservataire,

    /// <summary>"QPV" (QPV, ex-ZUS or exited QPV counted for the targets), "hors QPV", or unknown.</summary>
    QpvStatus,
    Typology,
    Financing,
    ConstructionPeriod,
    CalSession,
    Month,
    Quarter,
    Semester,
    Year,
}

/// <summary>
/// How the results are broken down, and which groups to show even without a lease (a réservataire with a convention
/// but no attribution must appear "sans objet", not disappear). An expected key lists one value per dimension, in the
/// order of <see cref="Dimensions"/>, written as <see cref="GroupKey.Values"/> writes them.
/// </summary>
public sealed record TargetGrouping(IReadOnlyList<GroupDimension> Dimensions)
{
    public static readonly TargetGrouping None = new([]);

    public IReadOnlyList<IReadOnlyList<string?>> Expected { get; init; } = [];

    public static TargetGrouping By(params GroupDimension[] dimensions) => new(dimensions);
}

/// <summary>
/// The key of a group: one value per dimension. Values are ids and codes ("200067213", "T3", "2026-03", "2026-T1",
/// "2026-S1", "2026", "QPV", "hors QPV", financing names in capitals); null is "inconnu". In the réservataire dimension
/// <see cref="OwnFlux"/> stands for the bailleur's own flux and <see cref="OutsideFlux"/> for withdrawn dwellings.
/// </summary>
public sealed record GroupKey(IReadOnlyList<GroupDimension> Dimensions, IReadOnlyList<string?> Values)
{
    public const string OwnFlux = "@flux-propre";
    public const string OutsideFlux = "@hors-flux";
    public const string InQpv = "QPV";
    public const string OutsideQpv = "hors QPV";

    /// <summary>The value of a dimension of the key; null when unknown or when the key has no such dimension.</summary>
    public string? this[GroupDimension dimension]
    {
        get
        {
            for (var i = 0; i < Dimensions.Count; i++)
            {
                if (Dimensions[i] == dimension)
                {
                    return Values[i];
                }
            }

            return null;
        }
    }

    public bool Has(GroupDimension dimension) => Dimensions.Contains(dimension);

    /// <summary>"EPCI 200067213 · réservataire flux propre du bailleur"; "ensemble" for the key without dimension.</summary>
    public string Label => Dimensions.Count == 0
        ? "ensemble"
        : string.Join(" · ", Dimensions.Select((d, i) => $"{DimensionLabel(d)} {ValueLabel(d, Values[i])}"));

    public static string DimensionLabel(GroupDimension dimension) => dimension switch
    {
        GroupDimension.Epci => "EPCI",
        GroupDimension.Commune => "commune",
        GroupDimension.Bailleur => "bailleur",
        GroupDimension.Reservataire => "réservataire",
        GroupDimension.QpvStatus => "localisation",
        GroupDimension.Typology => "typologie",
        GroupDimension.Financing => "financement",
        GroupDimension.ConstructionPeriod => "période de construction",
        GroupDimension.CalSession => "séance de CAL",
        GroupDimension.Month => "mois",
        GroupDimension.Quarter => "trimestre",
        GroupDimension.Semester => "semestre",
        GroupDimension.Year => "année",
    };

    public static string ValueLabel(GroupDimension dimension, string? value) => (dimension, value) switch
    {
        (GroupDimension.Reservataire, null) => "inconnu",
        (GroupDimension.Reservataire, OwnFlux) => "flux propre du bailleur",
        (GroupDimension.Reservataire, OutsideFlux) => "hors flux (logement soustrait)",
        (GroupDimension.QpvStatus, null) => "sans statut QPV",
        (_, null) => "inconnu",
        _ => value,
    };

    /// <summary>The key of a fact under some dimensions (the slow path, for drill-downs; the engine interns values instead).</summary>
    public static GroupKey Of(AllocationFact fact, IReadOnlyList<GroupDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(dimensions);
        return new(dimensions, [.. dimensions.Select(d => ValueOf(fact, d))]);
    }

    public static string? ValueOf(AllocationFact fact, GroupDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return dimension switch
        {
            GroupDimension.Epci => fact.EpciSiren,
            GroupDimension.Commune => fact.CommuneCode,
            GroupDimension.Bailleur => fact.BailleurId,
            GroupDimension.Reservataire => ReservataireValue(fact),
            // QPV, ex-ZUS assimilated and exited QPV kept all count as "in QPV for the targets" (§5.3).
            GroupDimension.QpvStatus => fact.Qpv is not { } basis ? null : basis == QpvBasis.NotInQpv ? OutsideQpv : InQpv,
            GroupDimension.Typology => fact.Typology,
            GroupDimension.Financing => fact.Financing?.ToString().ToUpperInvariant(),
            GroupDimension.ConstructionPeriod => fact.ConstructionPeriod,
            GroupDimension.CalSession => fact.CalSessionId,
            GroupDimension.Month => fact.SignedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            GroupDimension.Quarter => string.Create(CultureInfo.InvariantCulture, $"{fact.SignedOn.Year}-T{((fact.SignedOn.Month - 1) / 3) + 1}"),
            GroupDimension.Semester => string.Create(CultureInfo.InvariantCulture, $"{fact.SignedOn.Year}-S{(fact.SignedOn.Month <= 6 ? 1 : 2)}"),
            GroupDimension.Year => fact.SignedOn.Year.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// The réservataire value: its id for the préfet and the other réservataires (the préfet without id is "PREFET"),
    /// <see cref="OwnFlux"/> for the bailleur's non-reserved and returned dwellings, <see cref="OutsideFlux"/>, or null.
    /// </summary>
    public static string? ReservataireValue(AllocationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Flux switch
        {
            FluxOrigin.Unknown => null,
            FluxOrigin.Prefet => fact.ReservataireId ?? "PREFET",
            FluxOrigin.Reservataire => fact.ReservataireId,
            FluxOrigin.BailleurNonReserved or FluxOrigin.ReturnedToBailleur => OwnFlux,
            FluxOrigin.WithdrawnFromFlux => OutsideFlux,
        };
    }
}
