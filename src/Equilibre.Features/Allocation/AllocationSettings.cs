using System.Globalization;
using Equilibre.Domain.Allocation;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Allocation;

/// <summary>
/// The local and unconfirmed rules of the allocation workflow (domain.md [U] rules are settings, and the pages say so),
/// from the configuration section <c>Attributions</c>:
/// <c>CandidatsMinimum</c> (3, R441-3), <c>AlerteQ1HorsQpv</c> / <c>AlerteQ2Q4EnQpv</c> (the CIA warnings, on),
/// <c>DelaiReponseJours</c> (10 days at least, R441-10), <c>ExclureInabordables</c> (taux d'effort / reste à vivre
/// thresholds exclude from the shortlist, on), <c>ReserverLogementsAdaptes</c> (off), <c>ReportExcedent</c> (a
/// réservataire's surplus carries over, on). Everything else takes the Domain defaults with their sources.
/// </summary>
public sealed record AllocationSettings(
    FluxExclusions Exclusions,
    FluxLedgerSettings Ledger,
    PrefectShareLimits PrefectShare,
    DesignationSettings Designation,
    ShortlistSettings Shortlist,
    TargetEffectSettings TargetEffects,
    OfferDeadlineSettings OfferDeadline,
    OfferRefusalReasons RefusalReasons)
{
    public static readonly AllocationSettings Default = new(
        FluxExclusions.Default, FluxLedgerSettings.Default, PrefectShareLimits.Default, DesignationSettings.Default,
        ShortlistSettings.Default, TargetEffectSettings.Default, OfferDeadlineSettings.Default, OfferRefusalReasons.Default);

    public static AllocationSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Attributions");
        var d = Default;
        var designation = d.Designation with
        {
            MinimumCandidates = Int(section, "CandidatsMinimum") ?? d.Designation.MinimumCandidates,
            WarnNoQ1OutsideQpv = Bool(section, "AlerteQ1HorsQpv") ?? d.Designation.WarnNoQ1OutsideQpv,
            WarnNoQ2ToQ4InQpv = Bool(section, "AlerteQ2Q4EnQpv") ?? d.Designation.WarnNoQ2ToQ4InQpv,
        };
        var offer = Int(section, "DelaiReponseJours") is { } days
            ? d.OfferDeadline with { Days = days, Source = $"délai de réponse paramétré : {days} jours (Attributions:DelaiReponseJours ; minimum légal 10 jours, R441-10)" }
            : d.OfferDeadline;
        var shortlist = d.Shortlist with
        {
            ExcludeUnaffordable = Bool(section, "ExclureInabordables") ?? d.Shortlist.ExcludeUnaffordable,
            ReserveAdaptedDwellings = Bool(section, "ReserverLogementsAdaptes") ?? d.Shortlist.ReserveAdaptedDwellings,
        };
        var ledger = Bool(section, "ReportExcedent") is { } carry ? d.Ledger with { CarrySurplus = carry } : d.Ledger;
        return d with { Designation = designation, OfferDeadline = offer, Shortlist = shortlist, Ledger = ledger };
    }

    private static int? Int(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"Attributions:{key} « {text} » : nombre entier positif attendu");

    private static bool? Bool(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw new InvalidOperationException($"Attributions:{key} « {text} » : true ou false attendu");
}
