namespace Equilibre.Domain.Stock;

/// <summary>How an adapted (or ordinary) dwelling matches its household's need for adaptation.</summary>
public enum AdaptationMatch
{
    /// <summary>Adapted dwelling for a household that needs it, or ordinary dwelling for one that does not.</summary>
    Consistent,

    /// <summary>Dwelling adapted for handicap, nobody in the household needs it (L442-5-2 3°).</summary>
    AdaptedNotNeeded,

    /// <summary>Household with a recognised handicap or loss of autonomy needing an adapted dwelling, dwelling not adapted (L442-5-2 4°).</summary>
    AdaptationNeeded,

    /// <summary>Whether the dwelling is adapted is not known.</summary>
    Undetermined,
}

/// <summary>The match, its explanation and the legal reference when it is a situation of the occupancy review.</summary>
public sealed record AdaptationAssessment(AdaptationMatch Match, string Explanation, string? LegalReference);

/// <summary>
/// Adapted dwelling vs handicap, the two complementary situations of the occupancy review (L442-5-2 3° and 4°, domain.md
/// §7.3): an adapted dwelling no longer occupied by a person who needs it, and a person needing an adapted dwelling
/// who lives in one that is not.
/// </summary>
public static class HandicapAdaptation
{
    public const string AdaptedNotNeededReference = "L442-5-2 3° CCH";
    public const string AdaptationNeededReference = "L442-5-2 4° CCH";

    /// <param name="dwellingAdapted">Dwelling adapted for handicap (RPLS / bailleur's data); null when unknown.</param>
    /// <param name="householdNeedsAdaptation">A person of the household has a recognised handicap or loss of autonomy requiring an adapted dwelling.</param>
    public static AdaptationAssessment Assess(bool? dwellingAdapted, bool householdNeedsAdaptation) => (dwellingAdapted, householdNeedsAdaptation) switch
    {
        (null, true) => new(AdaptationMatch.Undetermined, "besoin d'un logement adapté, adaptation du logement inconnue : à vérifier", null),
        (null, false) => new(AdaptationMatch.Undetermined, "adaptation du logement inconnue, aucun besoin d'adaptation déclaré", null),
        (true, false) => new(AdaptationMatch.AdaptedNotNeeded,
            "logement adapté au handicap, aucune personne du ménage n'en a besoin : logement adapté qui n'est plus occupé par une personne en situation de handicap", AdaptedNotNeededReference),
        (false, true) => new(AdaptationMatch.AdaptationNeeded,
            "une personne du ménage a besoin d'un logement adapté (handicap ou perte d'autonomie reconnus), le logement n'est pas adapté", AdaptationNeededReference),
        (true, true) => new(AdaptationMatch.Consistent, "logement adapté au handicap, occupé par un ménage qui en a besoin", null),
        (false, false) => new(AdaptationMatch.Consistent, "logement non adapté, aucun besoin d'adaptation déclaré", null),
    };
}
