using Equilibre.Domain.Eligibility;

namespace Equilibre.Domain.Stock;

/// <summary>The five situations of the occupancy review (L442-5-2 1° to 5° CCH, domain.md §7.3).</summary>
public enum OccupancyReviewReason
{
    /// <summary>1° sur-occupation (L822-10).</summary>
    Overcrowding,

    /// <summary>2° sous-occupation (L621-2).</summary>
    UnderOccupation,

    /// <summary>3° adapted dwelling no longer occupied by a person who needs it.</summary>
    AdaptedDwellingNotNeeded,

    /// <summary>4° recognised handicap or loss of autonomy requiring an adapted dwelling.</summary>
    AdaptationNeeded,

    /// <summary>5° resources above the ceiling applicable to the dwelling.</summary>
    ResourcesAboveCeiling,
}

/// <summary>One situation found, with its explanation and legal reference.</summary>
public sealed record OccupancyReviewFinding(OccupancyReviewReason Reason, string Explanation, string LegalReference);

/// <summary>An occupied dwelling as the occupancy review sees it.</summary>
/// <param name="Rooms">Habitable rooms.</param>
/// <param name="HabitableSurface">Habitable surface in m².</param>
/// <param name="DwellingAdapted">Adapted for handicap; null when unknown.</param>
/// <param name="Ceiling">Financing, CUS ceiling and zones of the dwelling; its A/B/C zone decides whether the review is due.</param>
/// <param name="Household">The persons living in the home (L442-12) as the ceiling categories see them.</param>
/// <param name="NeedsAdaptedDwelling">A person of the household has a recognised handicap or loss of autonomy requiring an adapted dwelling.</param>
/// <param name="ReferenceIncome">Sum of the revenus fiscaux de référence of the persons living in the home; null when unknown.</param>
/// <param name="LeaseSignedOn">Date of signature of the lease, from which the review recurs every three years.</param>
public sealed record OccupancyReviewCase(
    int Rooms,
    decimal HabitableSurface,
    bool? DwellingAdapted,
    DwellingCeilingBasis Ceiling,
    HouseholdComposition Household,
    bool NeedsAdaptedDwelling,
    decimal? ReferenceIncome,
    DateOnly LeaseSignedOn);

/// <summary>
/// The unconfirmed parts of the review (domain.md §7.3 [U]): the zones "se caractérisant par un déséquilibre important
/// entre l'offre et la demande" (usually taken as A bis, A and B1), and the resources threshold as a share of the
/// ceiling (domain.md says "above the ceiling", i.e. 100 %; a bailleur or a later text may set another share).
/// </summary>
public sealed record OccupancyReviewSettings(IReadOnlySet<AbcZone> ReviewZones, decimal ResourcesShareOfCeiling, string Source)
{
    public static readonly OccupancyReviewSettings Default = new(new HashSet<AbcZone> { AbcZone.ABis, AbcZone.A, AbcZone.B1 }, 1.00m,
        "paramètres par défaut (domain.md §7.3) : zones A bis, A et B1 ; ressources au-delà de 100 % du plafond — non confirmés");
}

/// <summary>
/// The review of one occupancy: the situations found, whether the dwelling's zone makes the review due
/// (<see cref="InReviewZone"/>, null when the zone is unknown), the review dates, what could not be determined.
/// </summary>
public sealed record OccupancyReviewResult(
    IReadOnlyList<OccupancyReviewFinding> Findings,
    bool? InReviewZone,
    DateOnly? LastReviewOn,
    DateOnly NextReviewOn,
    IReadOnlyList<string> Undetermined,
    IReadOnlyList<string> Explanation)
{
    /// <summary>The file goes to the CALEOL: at least one situation, and the zone is not known to be outside the review zones.</summary>
    public bool SendToCaleol => Findings.Count > 0 && InReviewZone != false;
}

/// <summary>
/// Examen périodique de l'occupation (L442-5-2 CCH, ELAN; domain.md §7.3, §7.4): every three years from the lease
/// signature, in the zones of strong imbalance between supply and demand, the bailleur sends to the CALEOL the files of
/// tenants in one of five situations. This rule classifies one occupancy; the caller lists the bailleur's stock.
/// </summary>
public static class OccupancyReview
{
    public static OccupancyReviewResult Classify(OccupancyReviewCase occupancy, DateOnly asOf, CeilingTables ceilings, OccupancyReviewSettings settings)
    {
        ArgumentNullException.ThrowIfNull(occupancy);
        ArgumentNullException.ThrowIfNull(ceilings);
        ArgumentNullException.ThrowIfNull(settings);
        var findings = new List<OccupancyReviewFinding>();
        var undetermined = new List<string>();
        var persons = occupancy.Household.Persons;

        var norms = OccupancyNorms.Assess(occupancy.Rooms, occupancy.HabitableSurface, persons);
        if (norms.Overcrowded)
        {
            findings.Add(new(OccupancyReviewReason.Overcrowding, norms.Explanation[0], "L442-5-2 1° CCH (sur-occupation au sens de L822-10)"));
        }

        if (norms.UnderOccupied)
        {
            findings.Add(new(OccupancyReviewReason.UnderOccupation, norms.Explanation[1], "L442-5-2 2° CCH (sous-occupation au sens de L621-2)"));
        }

        var adaptation = HandicapAdaptation.Assess(occupancy.DwellingAdapted, occupancy.NeedsAdaptedDwelling);
        switch (adaptation.Match)
        {
            case AdaptationMatch.AdaptedNotNeeded:
                findings.Add(new(OccupancyReviewReason.AdaptedDwellingNotNeeded, adaptation.Explanation, adaptation.LegalReference!));
                break;
            case AdaptationMatch.AdaptationNeeded:
                findings.Add(new(OccupancyReviewReason.AdaptationNeeded, adaptation.Explanation, adaptation.LegalReference!));
                break;
            case AdaptationMatch.Undetermined when occupancy.NeedsAdaptedDwelling:
                undetermined.Add(adaptation.Explanation);
                break;
            case AdaptationMatch.Consistent or AdaptationMatch.Undetermined:
                break;
        }

        ResourcesAboveCeiling(occupancy, asOf, ceilings, settings, findings, undetermined);

        bool? inZone = occupancy.Ceiling.AbcZone is { } abc ? settings.ReviewZones.Contains(abc) : null;
        var zoneLine = occupancy.Ceiling.AbcZone switch
        {
            null => "zone A/B/C du logement inconnue : obligation d'examen indéterminée",
            { } z when inZone == true => $"zone {PliCeilings.Label(z)} : zone où l'examen triennal s'applique",
            { } z => $"zone {PliCeilings.Label(z)} : hors des zones où l'examen triennal s'applique, situations données à titre indicatif",
        };
        var last = LastReviewOn(occupancy.LeaseSignedOn, asOf);
        var next = NextReviewOn(occupancy.LeaseSignedOn, asOf);
        var lines = new List<string>
        {
            $"{zoneLine} ({settings.Source})",
            French.Format($"bail signé le {occupancy.LeaseSignedOn:dd/MM/yyyy} : examen tous les trois ans, ")
                + (last is { } l ? French.Format($"dernière échéance le {l:dd/MM/yyyy}, ") : "")
                + French.Format($"prochaine le {next:dd/MM/yyyy}"),
        };
        lines.AddRange(findings.Select(f => $"{f.Explanation} — {f.LegalReference}"));
        lines.AddRange(undetermined);
        lines.Add(findings.Count == 0 ? "aucune situation à signaler à la CALEOL"
            : French.Format($"{findings.Count} situation(s) à signaler à la CALEOL (L442-5-2)") + (inZone == false ? " si le bailleur procède à l'examen hors zone tendue" : ""));
        return new OccupancyReviewResult(findings, inZone, last, next, undetermined, lines);
    }

    /// <summary>The first three-year anniversary of the lease on or after <paramref name="asOf"/> (29 February → 28 February).</summary>
    public static DateOnly NextReviewOn(DateOnly leaseSignedOn, DateOnly asOf)
    {
        var k = 1;
        while (leaseSignedOn.AddYears(3 * k) < asOf)
        {
            k++;
        }

        return leaseSignedOn.AddYears(3 * k);
    }

    /// <summary>The latest three-year anniversary of the lease on or before <paramref name="asOf"/>; null in the first three years.</summary>
    public static DateOnly? LastReviewOn(DateOnly leaseSignedOn, DateOnly asOf)
    {
        DateOnly? last = null;
        for (var k = 1; leaseSignedOn.AddYears(3 * k) <= asOf; k++)
        {
            last = leaseSignedOn.AddYears(3 * k);
        }

        return last;
    }

    // 5°: the ceiling applicable to the dwelling on the review date (its financing or CUS ceiling, zone, the household's
    // category), compared with the configured share.
    private static void ResourcesAboveCeiling(
        OccupancyReviewCase occupancy, DateOnly asOf, CeilingTables ceilings, OccupancyReviewSettings settings,
        List<OccupancyReviewFinding> findings, List<string> undetermined)
    {
        if (occupancy.ReferenceIncome is not { } income)
        {
            undetermined.Add("ressources inconnues : dépassement du plafond non déterminé");
            return;
        }

        var eligibility = StockEligibility.Check(occupancy.Ceiling, occupancy.Household, income, asOf, ceilings);
        if (eligibility.Ceiling is not { } ceiling)
        {
            undetermined.Add("plafond applicable inconnu : dépassement non déterminé (" + string.Join(" ; ", eligibility.Reasons) + ")");
            return;
        }

        var limit = ceiling * settings.ResourcesShareOfCeiling;
        var share = Math.Round(100m * income / ceiling, 1, MidpointRounding.AwayFromZero);
        if (income > limit)
        {
            findings.Add(new(OccupancyReviewReason.ResourcesAboveCeiling,
                French.Format($"ressources {income:N0} € = {share:0.0} % du plafond {ceiling:N0} €, au-delà de {100m * settings.ResourcesShareOfCeiling:0.#} % ({limit:N0} €) : ")
                    + string.Join(" ; ", eligibility.Reasons.SkipLast(1)),
                "L442-5-2 5° CCH (dépassement du plafond de ressources applicable au logement)"));
        }
    }
}
