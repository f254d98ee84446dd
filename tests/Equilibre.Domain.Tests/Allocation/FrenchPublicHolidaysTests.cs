using System.Globalization;
using Equilibre.Domain.Allocation;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// Public holidays computed for any year (code du travail L3133-1; Alsace-Moselle L3134-13), used by the offer deadline
/// of domain.md §7.2 (CPC 642: a delay ending on a holiday runs to the next working day).
/// </summary>
public sealed class FrenchPublicHolidaysTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Gregorian Easter Sundays: ordinary years, the earliest (22 March) and the latest (25 April) possible dates.
    [Theory]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_MatchesTheGregorianComputus(int year, string easter) =>
        Assert.Equal(D(easter), FrenchPublicHolidays.EasterSunday(year));

    // Easter Monday, Ascension (Easter + 39), Whit Monday (Easter + 50).
    [Theory]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    public void MovableHolidays_FollowEaster(int year, string easterMonday, string ascension, string whitMonday)
    {
        var days = FrenchPublicHolidays.Of(year, null, HolidayCalendar.Default);

        Assert.Equal(11, days.Count);
        Assert.Equal("lundi de Pâques", days.Single(h => h.Date == D(easterMonday)).Name);
        Assert.Equal("Ascension", days.Single(h => h.Date == D(ascension)).Name);
        Assert.Equal("lundi de Pentecôte", days.Single(h => h.Date == D(whitMonday)).Name);
    }

    [Fact]
    public void Of_NationalList_HasTheEightFixedDays()
    {
        var fixedDays = FrenchPublicHolidays.Of(2026, "51", HolidayCalendar.Default).Select(h => (h.Date.Month, h.Date.Day)).ToHashSet();

        Assert.Superset(new HashSet<(int, int)> { (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25) }, fixedDays);
        Assert.DoesNotContain((12, 26), fixedDays);
    }

    // Alsace-Moselle (57, 67, 68): Good Friday (Easter − 2) and 26 December on top of the eleven.
    [Theory]
    [InlineData("57", 13)]
    [InlineData("67", 13)]
    [InlineData("68", 13)]
    [InlineData("54", 11)]
    [InlineData(null, 11)]
    public void Of_AlsaceMoselle_AddsGoodFridayAndSaintStephen(string? departement, int count)
    {
        var days = FrenchPublicHolidays.Of(2026, departement, HolidayCalendar.Default);

        Assert.Equal(count, days.Count);
        Assert.Equal(count == 13, days.Any(h => h.Date == D("2026-04-03") && h.Name.StartsWith("Vendredi saint", StringComparison.Ordinal)));
        Assert.Equal(count == 13, days.Any(h => h.Date == D("2026-12-26")));
    }

    [Fact]
    public void Of_AscensionOnLabourDay_OneDateBothNames()
    {
        // 2008: Easter 23 March, Ascension 1 May
        var day = FrenchPublicHolidays.On(D("2008-05-01"), null, HolidayCalendar.Default);

        Assert.Equal("fête du Travail et Ascension", day!.Name);
        Assert.Equal(10, FrenchPublicHolidays.Of(2008, null, HolidayCalendar.Default).Count);
    }

    [Fact]
    public void Of_LocalFixedDay_IsConfigurableByDepartement()
    {
        var calendar = HolidayCalendar.Default with
        {
            LocalFixedHolidays = new Dictionary<string, IReadOnlyList<(int Month, int Day, string Name)>> { ["974"] = [(12, 20, "abolition de l'esclavage")] },
        };

        Assert.NotNull(FrenchPublicHolidays.On(D("2026-12-20"), "974", calendar));
        Assert.Null(FrenchPublicHolidays.On(D("2026-12-20"), "971", calendar));
    }

    [Theory]
    [InlineData("2026-01-02", true)]   // Friday
    [InlineData("2026-01-03", false)]  // Saturday
    [InlineData("2026-01-04", false)]  // Sunday
    [InlineData("2026-01-01", false)]  // jour de l'an
    [InlineData("2026-07-14", false)]  // fête nationale, a Tuesday
    public void IsWorkingDay_WeekendsAndHolidays(string date, bool working) =>
        Assert.Equal(working, FrenchPublicHolidays.IsWorkingDay(D(date), null, HolidayCalendar.Default));
}
