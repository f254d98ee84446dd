using Equilibre.Domain.Applications;

namespace Equilibre.Domain.Tests.Applications;

/// <summary>domain.md §4.1: 1 / 0,5 (14 and over) / 0,3 (under 14); couple + 2 children under 14 = 2,1 UC; single adult + 2 = 1,6 UC.</summary>
public sealed class ConsumptionUnitsTests
{
    private static readonly DateOnly Reference = new(2025, 6, 1);

    private static HouseholdMember M(HouseholdMemberKind kind, string? birth = null) =>
        new(kind, birth is null ? null : DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture));

    public static TheoryData<HouseholdMember[], decimal> Rows => new()
    {
        { [M(HouseholdMemberKind.Applicant, "1990-01-01")], 1m },
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.CoApplicant, "1991-01-01"), M(HouseholdMemberKind.Dependant, "2015-03-01"), M(HouseholdMemberKind.Dependant, "2018-03-01")], 2.1m },
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.Dependant, "2015-03-01"), M(HouseholdMemberKind.Dependant, "2018-03-01")], 1.6m },
        // 14 on 31 December 2025 (age at the end of the reference year by default): 0.5
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.Dependant, "2011-12-31")], 1.5m },
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.Dependant, "2012-01-01")], 1.3m },
        // default settings: alternate custody counts, visiting rights and unborn do not
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.ChildInAlternateCustody, "2016-01-01"), M(HouseholdMemberKind.ChildWithVisitingRights, "2017-01-01"), M(HouseholdMemberKind.UnbornChild)], 1.3m },
        // unknown birth date of a dependant: counted as 14 or more (said in the explanation)
        { [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.Dependant)], 1.5m },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Compute_Household_GivesItsUnits(HouseholdMember[] members, decimal expected) =>
        Assert.Equal(expected, ConsumptionUnits.Compute(members, Reference, ConsumptionUnitSettings.Default).Units);

    [Fact]
    public void Compute_OtherSettings_CountUnbornAndTakeAgesOnTheDate()
    {
        var settings = new ConsumptionUnitSettings(true, true, true, false, "paramétrage local");
        HouseholdMember[] household = [M(HouseholdMemberKind.Applicant, "1990-01-01"), M(HouseholdMemberKind.Dependant, "2011-12-31"), M(HouseholdMemberKind.UnbornChild)];

        var result = ConsumptionUnits.Compute(household, Reference, settings);

        Assert.Equal(1.6m, result.Units); // 13 on 1 June 2025: 0.3; unborn counted: 0.3
        Assert.Contains("personne à charge : 0,3 UC (13 ans au 01/06/2025)", result.Explanation);
    }

    [Theory]
    [InlineData("2000-06-01", "2014-05-31", 13)]
    [InlineData("2000-06-01", "2014-06-01", 14)]
    [InlineData("2000-02-29", "2014-02-28", 13)]
    public void Age_BirthdayRules(string birth, string on, int age) =>
        Assert.Equal(age, ConsumptionUnits.Age(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
}
