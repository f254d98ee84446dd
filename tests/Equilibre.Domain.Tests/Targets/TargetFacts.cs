using System.Globalization;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Tests.Targets;

/// <summary>Leases and settings shared by the target tests.</summary>
internal static class TargetFacts
{
    /// <summary>CU du Grand Reims; thresholds of data/reference/seuils-q1 (arrêtés 2025 and 23 April 2026).</summary>
    public const string Reims = "200067213";

    public const string Troyes = "200069250";

    public static readonly Q1Threshold[] Thresholds =
    [
        new(Reims, 2025, 10064m, "arrêté 2025"),
        new(Reims, 2026, 10154m, "arrêté du 23 avril 2026"),
        new(Troyes, 2026, 8123m, "arrêté du 23 avril 2026"),
    ];

    public static readonly TargetSettings Settings = new(Thresholds, Q1YearRule.Default, null);

    public static DateOnly Date(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A lease outside QPV in Reims, on Action Logement's flux, to a household of the first quartile, by default.</summary>
    public static AllocationFact Lease(
        long id = 1,
        string signedOn = "2026-05-12",
        QpvBasis? qpv = QpvBasis.NotInQpv,
        decimal? resources = 8000m,
        Relocation relocation = Relocation.None,
        FluxOrigin flux = FluxOrigin.Reservataire,
        string? reservataire = "ACTION-LOGEMENT",
        bool dalo = false,
        string? priority = null,
        bool mutation = false,
        bool? verdict = null,
        string epci = Reims,
        string bailleur = "BAILLEUR-A",
        string typology = "T3") => new()
        {
            LeaseId = id,
            SignedOn = Date(signedOn),
            EpciSiren = epci,
            CommuneCode = "51454",
            BailleurId = bailleur,
            Flux = flux,
            ReservataireId = reservataire,
            Typology = typology,
            Financing = FinancingFamily.Plus,
            ConstructionPeriod = "1970-1989",
            Qpv = qpv,
            AnnualResourcesPerUc = resources,
            Q1AtSignature = verdict,
            Relocation = relocation,
            Dalo = dalo,
            PriorityCategory = priority,
            Mutation = mutation,
            CalSessionId = "CAL-2026-05",
        };

    /// <summary>The whole period, one group: the result of one definition.</summary>
    public static IndicatorResult Single(IndicatorDefinition definition, IEnumerable<AllocationFact> facts, TargetSettings? settings = null, TargetPeriod? period = null)
    {
        var report = TargetEngine.Compute(facts, [definition], TargetGrouping.None, period ?? TargetPeriod.Year(2026), settings ?? Settings);
        return Assert.Single(Assert.Single(report.Groups).Indicators);
    }

    /// <summary>"numérateur", "dénominateur", "exclue:code" or "hors périmètre" for one lease under one definition.</summary>
    public static string Placement(IndicatorDefinition definition, AllocationFact lease, TargetSettings? settings = null)
    {
        var result = Single(definition, [lease], settings);
        return (result.Numerator, result.Denominator, result.Exclusions.Count) switch
        {
            (1, 1, 0) => "numérateur",
            (0, 1, 0) => "dénominateur",
            (0, 0, 1) => "exclue:" + result.Exclusions[0].Code,
            (0, 0, 0) => "hors périmètre",
            _ => throw new InvalidOperationException(result.Summary),
        };
    }
}
