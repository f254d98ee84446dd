namespace Equilibre.Domain.Eligibility;

/// <summary>What the category rule needs to know about a household (domain.md §3.1, §3.3).</summary>
/// <param name="Persons">Persons to house (persons living in the home, L442-12).</param>
/// <param name="Dependants">Persons à charge among them.</param>
/// <param name="IsYoungCouple">Married, PACS or concubin couple whose ages add up to 55 or less.</param>
/// <param name="HasDisabledPerson">At least one person holding a disability card (CMI invalidité) among them.</param>
public sealed record HouseholdComposition(int Persons, int Dependants, bool IsYoungCouple, bool HasDisabledPerson);

/// <summary>A household's rank for the ceilings: 1–6, or more beyond six (6 + extra persons), with its explanation.</summary>
public sealed record HouseholdCategoryResult(int Rank, int Category, int ExtraPersons, bool UnconfirmedRule, string Explanation);

/// <summary>
/// Household category of the arrêté du 29 juillet 1987 (domain.md §3.3): one person → 1; two persons without dependant
/// → 2, or 3 for a "jeune ménage"; otherwise the larger of the persons and dependants + 2; a disabled person raises it
/// to persons + 1 — confirmed up to five persons, unconfirmed beyond (flagged, not hidden).
/// </summary>
public static class HouseholdCategories
{
    public static HouseholdCategoryResult Rank(HouseholdComposition household)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentOutOfRangeException.ThrowIfLessThan(household.Persons, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(household.Dependants);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(household.Dependants, household.Persons);
        int rank;
        string why;
        if (household.Persons == 1)
        {
            rank = 1;
            why = "une personne seule";
        }
        else if (household.Persons == 2 && household.Dependants == 0)
        {
            rank = household.IsYoungCouple ? 3 : 2;
            why = household.IsYoungCouple ? "jeune ménage sans personne à charge (somme des âges ≤ 55 ans)" : "deux personnes sans personne à charge";
        }
        else
        {
            rank = Math.Max(household.Persons, household.Dependants + 2);
            why = French.Format($"{household.Persons} personnes dont {household.Dependants} à charge");
        }

        var unconfirmed = false;
        if (household.HasDisabledPerson && household.Persons + 1 > rank)
        {
            rank = household.Persons + 1;
            unconfirmed = household.Persons > 5;
            why += ", dont une personne en situation de handicap (catégorie supérieure)" + (unconfirmed ? " — règle non confirmée au-delà de 5 personnes" : "");
        }

        var category = Math.Min(rank, 6);
        var extra = rank - category;
        return new HouseholdCategoryResult(rank, category, extra, unconfirmed,
            French.Format($"catégorie {category}{(extra > 0 ? $" + {extra} personne(s) supplémentaire(s)" : "")} : {why}"));
    }
}
