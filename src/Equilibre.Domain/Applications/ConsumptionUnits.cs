namespace Equilibre.Domain.Applications;

/// <summary>Who a person is in a demand (SNE lists: demandeur, cotitulaire, personnes à charge, à naître, en garde).</summary>
public enum HouseholdMemberKind
{
    Applicant,
    CoApplicant,
    Dependant,
    UnbornChild,
    ChildInAlternateCustody,
    ChildWithVisitingRights,
}

/// <summary>A person of the demand, with the birth date when known.</summary>
public sealed record HouseholdMember(HouseholdMemberKind Kind, DateOnly? BirthDate);

/// <summary>
/// The configurable part of the UC count (domain.md §4.1 [U]): which persons count and at which date ages are taken.
/// The default follows the proposal of domain.md: dependants, co-applicant and alternate-custody children count;
/// unborn and visiting-right children do not; ages at 31 December of the reference year.
/// </summary>
public sealed record ConsumptionUnitSettings(bool CountUnbornChildren, bool CountAlternateCustody, bool CountVisitingRights, bool AgeAtEndOfYear, string Source)
{
    public static readonly ConsumptionUnitSettings Default = new(false, true, false, true,
        "paramétrage par défaut (domain.md §4.1 : enfants à naître et en droit de visite exclus, garde alternée comptée, âge au 31 décembre) — non confirmé");
}

/// <summary>Consumption units with one line per person.</summary>
public sealed record ConsumptionUnitResult(decimal Units, IReadOnlyList<string> Explanation);

/// <summary>
/// Consumption units, modified OECD scale used by INSEE (domain.md §4.1): 1 for the first adult, 0.5 for each other
/// person aged 14 or more, 0.3 for each child under 14. Example: a couple with two children under 14 = 2.1 UC.
/// </summary>
public static class ConsumptionUnits
{
    public static ConsumptionUnitResult Compute(IEnumerable<HouseholdMember> members, DateOnly referenceDate, ConsumptionUnitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(settings);
        var ageDate = settings.AgeAtEndOfYear ? new DateOnly(referenceDate.Year, 12, 31) : referenceDate;
        var lines = new List<string>();
        var units = 0m;
        var first = true;
        foreach (var member in members.OrderBy(m => m.Kind))
        {
            var counted = member.Kind switch
            {
                HouseholdMemberKind.UnbornChild => settings.CountUnbornChildren,
                HouseholdMemberKind.ChildInAlternateCustody => settings.CountAlternateCustody,
                HouseholdMemberKind.ChildWithVisitingRights => settings.CountVisitingRights,
                _ => true,
            };
            var who = Label(member.Kind);
            if (!counted)
            {
                lines.Add($"{who} : non compté ({settings.Source})");
                continue;
            }

            decimal weight;
            string why;
            if (first)
            {
                weight = 1m;
                why = "premier adulte";
                first = false;
            }
            else if (member.Kind == HouseholdMemberKind.UnbornChild)
            {
                weight = 0.3m;
                why = "enfant à naître, compté comme enfant de moins de 14 ans";
            }
            else if (member.BirthDate is not { } birth)
            {
                weight = 0.5m;
                why = "date de naissance inconnue : compté comme personne de 14 ans ou plus";
            }
            else
            {
                var age = Age(birth, ageDate);
                weight = age >= 14 ? 0.5m : 0.3m;
                why = French.Format($"{age} ans au {ageDate:dd/MM/yyyy}");
            }

            units += weight;
            lines.Add(French.Format($"{who} : {weight:0.0} UC ({why})"));
        }

        lines.Add(French.Format($"total : {units:0.0#} UC"));
        return new ConsumptionUnitResult(units, lines);
    }

    /// <summary>Age in whole years on a date.</summary>
    public static int Age(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) ? 1 : 0);

    private static string Label(HouseholdMemberKind kind) => kind switch
    {
        HouseholdMemberKind.Applicant => "demandeur",
        HouseholdMemberKind.CoApplicant => "cotitulaire",
        HouseholdMemberKind.Dependant => "personne à charge",
        HouseholdMemberKind.UnbornChild => "enfant à naître",
        HouseholdMemberKind.ChildInAlternateCustody => "enfant en garde alternée",
        HouseholdMemberKind.ChildWithVisitingRights => "enfant en droit de visite",
    };
}
