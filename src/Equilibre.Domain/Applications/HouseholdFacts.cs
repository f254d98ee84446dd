using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Applications;

/// <summary>
/// The configurable parts of the household rules, each unconfirmed in law and said so wherever used: UC count
/// (domain.md §4.1), pensions paid (§4.2), and whether unborn children count among the persons to house (§3.1 does not
/// list them; default: not counted).
/// </summary>
public sealed record HouseholdSettings(ConsumptionUnitSettings ConsumptionUnits, ResourceSettings Resources, bool CountUnbornAsPersons, string UnbornSource)
{
    public static readonly HouseholdSettings Default = new(ConsumptionUnitSettings.Default, ResourceSettings.Default, false,
        "enfants à naître non comptés parmi les personnes à loger (paramètre par défaut, règle non confirmée)");
}

/// <summary>Everything the household rules say about a demand on a date, each figure with its explanation.</summary>
public sealed record HouseholdFactsResult(
    int Persons,
    int Dependants,
    IReadOnlyList<string> PersonsExplanation,
    HouseholdCategoryResult Category,
    ConsumptionUnitResult ConsumptionUnits,
    decimal MonthlyResources,
    IReadOnlyList<string> ResourcesExplanation,
    FirstQuartileResult FirstQuartile,
    Q1Threshold? ThresholdUsed,
    decimal? ReferenceIncome,
    IReadOnlyList<string> ReferenceIncomeExplanation,
    CeilingZoneResult Zone,
    IReadOnlyDictionary<Financing, EligibilityResult> Eligibility,
    bool IsMutation);

/// <summary>
/// The household rules of domain.md §3–§4 applied to a demand: persons to house (L442-12), household category
/// (arrêté du 29 juillet 1987), consumption units, annual resources per UC, Q1 membership against the official
/// threshold of the EPCI of the first wished commune, and eligibility by financing in the zone of that commune.
/// </summary>
public static class HouseholdFacts
{
    /// <param name="file">The demand.</param>
    /// <param name="asOf">Date of the facts: ages, the threshold's year, the ceilings' year.</param>
    /// <param name="settings">Configurable rules.</param>
    /// <param name="threshold">Threshold lookup for the EPCI of the first wished commune and <paramref name="asOf"/>'s year (null when there is no wished commune).</param>
    /// <param name="ceilings">The ceilings table.</param>
    /// <param name="zone">Zone of the first wished commune.</param>
    public static HouseholdFactsResult Compute(
        DemandFile file, DateOnly asOf, HouseholdSettings settings, Q1ThresholdLookup? threshold, IEnumerable<ResourceCeiling> ceilings, CeilingZoneResult zone)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ceilings);
        ArgumentNullException.ThrowIfNull(zone);

        var (persons, dependants, personLines) = PersonsToHouse(file, settings);
        var category = HouseholdCategories.Rank(new HouseholdComposition(persons, dependants, IsYoungCouple(file, asOf), HasDisabledPerson(file)));
        var uc = ConsumptionUnits.Compute(Members(file), asOf, settings.ConsumptionUnits);

        var resources = Resources(file).ToList();
        var perUc = FirstQuartile.AnnualResourcesPerUc(resources, uc.Units, settings.Resources, out var resourceLines);
        var monthly = resources.Where(r => r.Code != "PAV").Sum(r => r.Amount);
        var resourceExplanation = resources.Count == 0 ? ["aucune ressource mensuelle déclarée : 0 €", .. resourceLines] : resourceLines;

        FirstQuartileResult q1;
        if (threshold is null)
        {
            q1 = new FirstQuartileResult(null, perUc, ["aucune commune souhaitée : pas d'EPCI, appartenance au premier quartile indéterminée"]);
        }
        else
        {
            var classified = FirstQuartile.Classify(perUc, threshold.Threshold?.AmountPerUcPerYear, asOf.Year);
            q1 = classified with { Explanation = [threshold.Explanation, .. classified.Explanation] };
        }

        var (income, incomeLines) = ReferenceIncome(file);
        var eligibility = new Dictionary<Financing, EligibilityResult>();
        foreach (var financing in Enum.GetValues<Financing>())
        {
            eligibility[financing] = Eligible(financing, file, persons, dependants, category, income, zone, ceilings, asOf);
        }

        return new HouseholdFactsResult(persons, dependants, personLines, category, uc, monthly, resourceExplanation, q1,
            threshold?.Threshold, income, incomeLines, zone, eligibility, file.IsMutation);
    }

    /// <summary>Persons to house (L442-12, domain.md §3.1) and, among them, the dependants used by the category rule.</summary>
    public static (int Persons, int Dependants, IReadOnlyList<string> Explanation) PersonsToHouse(DemandFile file, HouseholdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        var unborn = settings.CountUnbornAsPersons ? file.Unborn?.Count ?? 0 : 0;
        var dependants = file.Dependants.Count + file.ChildrenInCustody.Count + unborn;
        var persons = 1 + file.CoApplicants.Count + dependants;
        var lines = new List<string>
        {
            French.Format($"demandeur + {file.CoApplicants.Count} cotitulaire(s) + {file.Dependants.Count} personne(s) à charge + {file.ChildrenInCustody.Count} enfant(s) en garde (alternée ou droit de visite, L442-12)"),
        };
        if (file.Unborn is { Count: > 0 } u)
        {
            lines.Add(French.Format($"{u.Count} enfant(s) à naître : {(settings.CountUnbornAsPersons ? "compté(s)" : "non compté(s)")} ({settings.UnbornSource})"));
        }

        lines.Add(French.Format($"{persons} personne(s) à loger dont {dependants} à charge"));
        return (persons, dependants, lines);
    }

    /// <summary>Jeune ménage (domain.md §3.3): a married, PACS or concubin couple without dependant whose ages add up to 55 or less.</summary>
    public static bool IsYoungCouple(DemandFile file, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.CoApplicants.Count != 1 || file.CoApplicants[0].LinkToApplicant is not ("M" or "P" or "C"))
        {
            return false;
        }

        return file.Applicant.BirthDate is { } a && file.CoApplicants[0].BirthDate is { } b
            && ConsumptionUnits.Age(a, asOf) + ConsumptionUnits.Age(b, asOf) <= 55;
    }

    public static bool HasDisabledPerson(DemandFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Adults.Any(p => p.Disabled) || file.Dependants.Any(d => d.Disabled);
    }

    /// <summary>The persons of the demand as the UC scale sees them.</summary>
    public static IEnumerable<HouseholdMember> Members(DemandFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        yield return new HouseholdMember(HouseholdMemberKind.Applicant, file.Applicant.BirthDate);
        foreach (var co in file.CoApplicants)
        {
            yield return new HouseholdMember(HouseholdMemberKind.CoApplicant, co.BirthDate);
        }

        foreach (var d in file.Dependants)
        {
            yield return new HouseholdMember(HouseholdMemberKind.Dependant, d.BirthDate);
        }

        for (var i = 0; i < (file.Unborn?.Count ?? 0); i++)
        {
            yield return new HouseholdMember(HouseholdMemberKind.UnbornChild, file.Unborn!.ExpectedOn);
        }

        foreach (var c in file.ChildrenInCustody)
        {
            yield return new HouseholdMember(c.IsAlternateCustody ? HouseholdMemberKind.ChildInAlternateCustody : HouseholdMemberKind.ChildWithVisitingRights, c.BirthDate);
        }
    }

    /// <summary>Every monthly resource line of the demand: adults' received and paid, then the dependants'.</summary>
    public static IEnumerable<MonthlyResource> Resources(DemandFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Adults.SelectMany(p => p.ResourcesReceived.Concat(p.ResourcesPaid))
            .Concat(file.DependantResourcesReceived).Concat(file.DependantResourcesPaid);
    }

    /// <summary>
    /// Sum of the revenus fiscaux de référence N-2 of the adults (domain.md §3.2). Unknown when an adult's N-2 is
    /// missing: never a partial sum that would understate the household's income.
    /// </summary>
    public static (decimal? Amount, IReadOnlyList<string> Explanation) ReferenceIncome(DemandFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var lines = new List<string>();
        decimal total = 0;
        var missing = new List<string>();
        foreach (var adult in file.Adults)
        {
            if (adult.TaxIncome?.AmountN2 is { } n2)
            {
                total += n2;
                lines.Add(French.Format($"{adult.FullName} : revenu fiscal de référence {adult.TaxIncome.YearN2?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "N-2"} {n2:N0} €"));
            }
            else
            {
                missing.Add(adult.FullName);
            }
        }

        if (missing.Count > 0)
        {
            lines.Add($"revenu fiscal de référence N-2 non renseigné pour {string.Join(", ", missing)} : revenu de référence inconnu, éligibilité indéterminée");
            return (null, lines);
        }

        lines.Add(French.Format($"revenu fiscal de référence N-2 du ménage : {total:N0} €"));
        var n1 = file.Adults.Select(a => a.TaxIncome?.AmountN1).ToList();
        if (n1.All(a => a is not null) && n1.Sum() is { } sumN1 && sumN1 <= total * 0.9m)
        {
            lines.Add(French.Format($"revenus N-1 ({sumN1:N0} €) inférieurs d'au moins 10 % : le revenu N-1 peut être retenu sur justificatif (domain.md §2.4)"));
        }

        return (total, lines);
    }

    private static EligibilityResult Eligible(
        Financing financing, DemandFile file, int persons, int dependants, HouseholdCategoryResult category, decimal? income,
        CeilingZoneResult zone, IEnumerable<ResourceCeiling> ceilings, DateOnly asOf)
    {
        if (zone.Zone is not { } z)
        {
            return new EligibilityResult(null, null, [category.Explanation, zone.Explanation, "éligibilité indéterminée : zone inconnue"]);
        }

        var composition = new HouseholdComposition(persons, dependants, IsYoungCouple(file, asOf), HasDisabledPerson(file));
        if (income is not { } reference)
        {
            var lookup = ResourceCeilings.Find(ceilings, financing, z, category.Rank, asOf);
            return new EligibilityResult(null, lookup.Amount, [category.Explanation, .. lookup.Explanation, "éligibilité indéterminée : revenu fiscal de référence N-2 incomplet"]);
        }

        return DwellingEligibility.Check(ceilings, financing, z, composition, reference, asOf);
    }
}
