using Equilibre.Domain.Stock;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Targets;

/// <summary>How the threshold year of a lease is chosen.</summary>
public enum Q1ThresholdYearMode
{
    /// <summary>The arrêté of the year the lease was signed (domain.md §4.2 [U]).</summary>
    SignatureYear,

    /// <summary>The previous year's arrêté for leases signed before a cut-off day of the year (e.g. until the new arrêté is published).</summary>
    PreviousYearBeforeCutoff,
}

/// <summary>
/// Which year's first-quartile threshold applies to a lease (domain.md §4.2, §4.3). The default is the year of the
/// signature — what §4.2 proposes, marked unconfirmed there ([U], to confirm with the DHUP); the 2025 arrêté, published
/// in June, "entre en vigueur le 1er janvier 2025" (§4.3), which supports it. A territory that keeps the previous
/// threshold until the new arrêté is published sets <see cref="Q1ThresholdYearMode.PreviousYearBeforeCutoff"/> with the
/// publication day. <see cref="FallBackToPreviousYear"/> uses the previous year's threshold when the year's one is not
/// loaded; each lease so classified is counted beside the figure.
/// </summary>
public sealed record Q1YearRule(Q1ThresholdYearMode Mode, int CutoffMonth, int CutoffDay, bool FallBackToPreviousYear, string Source)
{
    public static readonly Q1YearRule Default = new(Q1ThresholdYearMode.SignatureYear, 1, 1, false,
        "seuil du premier quartile de l'année de signature du bail, même signé avant la publication de l'arrêté de l'année (domain.md §4.2 : règle non confirmée, à vérifier auprès de la DHUP ; l'arrêté 2025 « entre en vigueur le 1er janvier 2025 », §4.3) ; pas de repli sur l'année précédente");

    /// <summary>The arrêté year applying to a lease signed on <paramref name="signedOn"/>.</summary>
    public int YearFor(DateOnly signedOn) =>
        Mode == Q1ThresholdYearMode.PreviousYearBeforeCutoff && (signedOn.Month * 100) + signedOn.Day < (CutoffMonth * 100) + CutoffDay
            ? signedOn.Year - 1
            : signedOn.Year;
}

/// <summary>
/// The dated reference data and unconfirmed choices every indicator shares: the official Q1 thresholds (per EPCI and
/// year, §4.3), the threshold-year rule, and the QPV rule the facts' QPV status was computed with (shown, not
/// re-applied: the status is computed at the signature date when the facts are built).
/// </summary>
public sealed record TargetSettings(IReadOnlyCollection<Q1Threshold> Q1Thresholds, Q1YearRule Q1Year, QpvRuleSettings? QpvRule)
{
    /// <summary>The QPV rule in French, for the method of every report.</summary>
    public string QpvRuleText => QpvRule is null
        ? "statut QPV des logements calculé en amont à la date de signature (QPV, puis ex-ZUS et quartiers sortis selon le paramétrage, domain.md §5.3) ; paramètres non fournis au calcul"
        : "statut QPV à la date de signature (domain.md §5.3) : " +
          (QpvRule.ExZusAssimilatedUntil is { } zus
              ? French.Format($"ex-ZUS assimilées aux QPV jusqu'au {zus:dd/MM/yyyy} ({QpvRule.Source})")
              : $"ex-ZUS non assimilées ({QpvRule.Source})") +
          " ; " +
          (QpvRule.ExitedQpvAssimilatedUntil is { } kept
              ? French.Format($"quartiers sortis de la liste des QPV comptés en QPV jusqu'au {kept:dd/MM/yyyy} ({QpvRule.ExitedQpvSource})")
              : $"quartiers sortis de la liste des QPV hors QPV dès leur sortie ({QpvRule.ExitedQpvSource})");
}
