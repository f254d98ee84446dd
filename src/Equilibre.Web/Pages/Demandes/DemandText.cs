using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Features.Applications;

namespace Equilibre.Web.Pages.Demandes;

/// <summary>French words of the demand pages: Q1 badge, eligibility, history kinds. Never a colour alone.</summary>
public static class DemandText
{
    public static string Q1(bool? isQ1) => DemandDocument.Q1Label(isQ1);

    /// <summary>Short form for the list's column.</summary>
    public static string Q1Short(bool? isQ1) => isQ1 switch
    {
        true => "oui",
        false => "non",
        null => "indéterminé",
    };

    public static string Q1Class(bool? isQ1) => isQ1 switch
    {
        true => "badge text-bg-primary",
        false => "badge text-bg-light border",
        null => "badge text-bg-warning",
    };

    public static string Eligible(bool? eligible) => DemandDocument.EligibleLabel(eligible);

    public static string Financing(Financing financing) => ResourceCeilings.Label(financing);

    public static string Kind(DemandEventKind kind) => kind switch
    {
        DemandEventKind.Registered => "Enregistrement",
        DemandEventKind.Modified => "Modification",
        DemandEventKind.Renewed => "Renouvellement",
        DemandEventKind.RenewalNotice => "Avis de renouvellement",
        DemandEventKind.RadiationNotice => "Préavis de radiation",
        DemandEventKind.Radiated => "Radiation",
        DemandEventKind.Unradiated => "Déradiation",
        DemandEventKind.PriorityLabelled => "Priorité labellisée",
        DemandEventKind.Imported => "Import",
        DemandEventKind.Designated => "Désignation",
        DemandEventKind.CommissionDecision => "Décision de CALEOL",
        DemandEventKind.Offer => "Proposition",
        DemandEventKind.Lease => "Bail signé",
        _ => kind.ToString(),
    };

    public static string Codes(IEnumerable<string> codes, IReadOnlyDictionary<string, string> list) =>
        string.Join(", ", codes.Select(c => SneCodes.Label(list, c)));

    public static string Resources(IEnumerable<MonthlyResource> resources, IReadOnlyDictionary<string, string> list) =>
        string.Join(" ; ", resources.Select(r => $"{SneCodes.Label(list, r.Code)} : {Format.Euros(r.Amount)}/mois"));
}
