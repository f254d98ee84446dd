using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Territory;

namespace Equilibre.Domain.Stock;

/// <summary>What the stock rules need to know about a dwelling: size, monthly rent and charges, what decides its ceiling.</summary>
/// <param name="Rooms">Habitable rooms (RPLS <c>NBPIECE</c>).</param>
/// <param name="HabitableSurface">Habitable surface in m² (RPLS <c>SURFHAB</c>).</param>
/// <param name="PrincipalRent">Monthly loyer principal.</param>
/// <param name="AnnexRents">Monthly rents of the annexes let with it.</param>
/// <param name="RecoverableCharges">Monthly estimated charges récupérables (L442-3).</param>
/// <param name="TenantContribution">Monthly contribution du locataire for energy works (R442-28/29).</param>
/// <param name="IndividualWaterAndHeating">Water and heating individual: the forfait of the arrêté du 10 mars 2011 is added.</param>
/// <param name="Ceiling">Financing, CUS ceiling and zones.</param>
public sealed record StockDwelling(
    int Rooms,
    decimal HabitableSurface,
    decimal PrincipalRent,
    decimal AnnexRents,
    decimal RecoverableCharges,
    decimal TenantContribution,
    bool IndividualWaterAndHeating,
    DwellingCeilingBasis Ceiling);

/// <summary>
/// The housing aid (APL/AL) to deduct for each household size. Equilibre does not compute the APL: the caller may pass
/// amounts it estimated elsewhere, with their source; a size without an amount gets none, and the rate is then an upper bound.
/// </summary>
public sealed record HousingAidAssumption(IReadOnlyDictionary<int, decimal> MonthlyAidByPersons, string Source)
{
    public static readonly HousingAidAssumption NotComputed = new(new Dictionary<int, decimal>(),
        "APL/AL non calculée par Equilibre : aucune aide déduite, le taux d'effort est un majorant");
}

/// <summary>
/// A "typical Q1 household" of a size: one person alone; a couple; then a couple with children under 14 (the cheapest
/// composition in consumption units, hence the lowest resources just below the threshold). The couple is not a
/// "jeune ménage" and nobody is disabled.
/// </summary>
public sealed record TypicalQ1Household(int Persons, string Label, HouseholdComposition Composition, ConsumptionUnitResult ConsumptionUnits);

/// <summary>
/// One household size for one dwelling: resources, taux d'effort and reste à vivre, norms, eligibility.
/// <see cref="Affordable"/> is null when it cannot be judged (no threshold set, forfait unknown).
/// </summary>
public sealed record Q1SizeAssessment(
    TypicalQ1Household Household,
    decimal AnnualResources,
    decimal MonthlyResources,
    decimal HousingAid,
    AffordabilityAssessment Affordability,
    bool? Affordable,
    OccupancyAssessment Occupancy,
    bool FitsNorms,
    EligibilityResult Eligibility,
    IReadOnlyList<string> Explanation);

/// <summary>The table of a dwelling for the typical Q1 households of 1 to 6+ persons, and the sizes it fits by the norms.</summary>
public sealed record Q1AffordabilityResult(IReadOnlyList<Q1SizeAssessment> Sizes, OccupancyFit Fit, IReadOnlyList<string> Explanation);

/// <summary>
/// "Who can afford and fit this dwelling" (issue 4, domain.md §4, §7.4, §12, §16.5): for each size from 1 to 6 persons
/// (6 standing for 6 and more), a typical Q1 household with annual resources one euro below the EPCI's Q1 threshold
/// times its consumption units; its taux d'effort and restes à vivre in the dwelling against the EPCI's thresholds;
/// whether it sur- or sous-occupies the dwelling; and its eligibility for the dwelling's ceiling, its annual resources
/// standing in for the revenu fiscal de référence (an approximation, said so).
/// </summary>
public static class Q1Affordability
{
    public const int LargestSize = 6;

    /// <summary>The typical Q1 household of <paramref name="persons"/> persons, its UC computed by the scale of domain.md §4.1.</summary>
    public static TypicalQ1Household TypicalHousehold(int persons, DateOnly asOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(persons, 1);
        var children = Math.Max(0, persons - 2);
        var members = new List<HouseholdMember> { new(HouseholdMemberKind.Applicant, null) };
        if (persons >= 2)
        {
            members.Add(new(HouseholdMemberKind.CoApplicant, null));
        }

        // Children five years old at the reference date: under 14 whatever the age convention.
        members.AddRange(Enumerable.Repeat(new HouseholdMember(HouseholdMemberKind.Dependant, asOf.AddYears(-5)), children));
        var uc = ConsumptionUnits.Compute(members, asOf, ConsumptionUnitSettings.Default);
        var label = persons switch
        {
            1 => "personne seule",
            2 => "couple sans enfant",
            _ => French.Format($"couple avec {children} enfant(s) de moins de 14 ans"),
        };
        return new TypicalQ1Household(persons, label, new HouseholdComposition(persons, children, false, false), uc);
    }

    /// <param name="dwelling">The dwelling.</param>
    /// <param name="threshold">The EPCI's official Q1 threshold (annual resources per UC).</param>
    /// <param name="thresholds">The EPCI's affordability thresholds.</param>
    /// <param name="aid">Housing aid per size, or <see cref="HousingAidAssumption.NotComputed"/>.</param>
    /// <param name="forfaits">The forfait grid for individual water and heating; null when none is set.</param>
    /// <param name="ceilings">Ceilings tables for the eligibility column.</param>
    /// <param name="asOf">Date of the assessment (ceilings' year, forfait's validity, children's ages).</param>
    public static Q1AffordabilityResult ForDwelling(
        StockDwelling dwelling, Q1Threshold threshold, AffordabilityThresholds thresholds, HousingAidAssumption aid,
        ChargesForfaitGrid? forfaits, CeilingTables ceilings, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(aid);
        ArgumentNullException.ThrowIfNull(ceilings);
        var fit = OccupancyNorms.SizesThatFit(dwelling.Rooms, dwelling.HabitableSurface, LargestSize);
        var sizes = Enumerable.Range(1, LargestSize).Select(n => ForSize(dwelling, n, threshold, thresholds, aid, forfaits, ceilings, asOf)).ToList();
        return new Q1AffordabilityResult(sizes, fit,
        [
            French.Format($"seuil du premier quartile {threshold.Year} de l'EPCI {threshold.EpciSiren} : {threshold.AmountPerUcPerYear:N0} € par UC et par an ({threshold.Source})"),
            "ménage type du premier quartile : ressources annuelles égales au seuil × UC − 1 € ; 1 personne seule, 2 un couple, au-delà un couple avec des enfants de moins de 14 ans ; « 6 » vaut pour 6 personnes ou plus",
            $"aide au logement : {aid.Source}",
            $"seuils d'effort et de reste à vivre : {thresholds.Source}",
            fit.Explanation,
        ]);
    }

    private static Q1SizeAssessment ForSize(
        StockDwelling dwelling, int persons, Q1Threshold threshold, AffordabilityThresholds thresholds, HousingAidAssumption aid,
        ChargesForfaitGrid? forfaits, CeilingTables ceilings, DateOnly asOf)
    {
        var household = TypicalHousehold(persons, asOf);
        var units = household.ConsumptionUnits.Units;
        var annual = Math.Max(0m, (threshold.AmountPerUcPerYear * units) - 1m);
        var monthly = Math.Round(annual / 12m, 2, MidpointRounding.AwayFromZero);
        var lines = new List<string>
        {
            French.Format($"{persons}{(persons == LargestSize ? " personnes ou plus" : " personne(s)")}, {household.Label} : {units:0.0#} UC × {threshold.AmountPerUcPerYear:N0} € − 1 € = {annual:N2} € par an, soit {monthly:N2} € par mois"),
        };

        var housingAid = aid.MonthlyAidByPersons.TryGetValue(persons, out var amount) ? amount : 0m;
        lines.Add(aid.MonthlyAidByPersons.ContainsKey(persons)
            ? French.Format($"aide au logement estimée {housingAid:N2} € par mois ({aid.Source})")
            : "aucune aide au logement déduite pour cette taille : le taux d'effort est un majorant");

        ChargesForfait? forfait = null;
        var forfaitMissing = false;
        if (dwelling.IndividualWaterAndHeating)
        {
            forfait = forfaits?.Find(dwelling.Rooms, persons, asOf);
            forfaitMissing = forfait is null;
            if (forfaitMissing)
            {
                lines.Add(French.Format($"eau et chauffage individuels, mais aucun forfait paramétré pour {dwelling.Rooms} pièce(s) et {persons} personne(s) au {asOf:dd/MM/yyyy} : taux d'effort minoré, non jugé"));
            }
        }

        var cost = new HousingCost(dwelling.PrincipalRent, dwelling.AnnexRents, dwelling.RecoverableCharges, dwelling.TenantContribution, housingAid);
        var affordability = Affordability.Assess(cost, monthly, persons, units, forfait, thresholds);
        var affordable = forfaitMissing ? null : affordability.Affordable;
        lines.AddRange(affordability.Explanation);

        var occupancy = OccupancyNorms.Assess(dwelling.Rooms, dwelling.HabitableSurface, persons);
        var fits = !occupancy.Overcrowded && !occupancy.UnderOccupied;
        lines.AddRange(occupancy.Explanation);

        var eligibility = StockEligibility.Check(dwelling.Ceiling, household.Composition, Math.Floor(annual), asOf, ceilings);
        lines.Add("éligibilité : ressources annuelles du ménage type prises pour revenu fiscal de référence (approximation)");
        lines.AddRange(eligibility.Reasons);
        return new Q1SizeAssessment(household, annual, monthly, housingAid, affordability, affordable, occupancy, fits, eligibility, lines);
    }
}
