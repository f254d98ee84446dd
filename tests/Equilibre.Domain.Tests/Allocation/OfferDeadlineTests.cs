using System.Globalization;
using Equilibre.Domain.Allocation;

namespace Equilibre.Domain.Tests.Allocation;

/// <summary>
/// Response deadline of an offer, domain.md §7.2 and §17.5: at least 10 days (R441-10), counted from the day after the
/// notification (CPC 641), a last day on a Saturday, Sunday or public holiday extended to the next working day (CPC 642).
/// </summary>
public sealed class OfferDeadlineTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Each row: notification date, département, nominal last day (notification + 10), deadline after extension.
    [Theory]
    [InlineData("2026-01-05", null, "2026-01-15", "2026-01-15")] // Monday → Thursday: nothing to extend
    [InlineData("2026-01-07", null, "2026-01-17", "2026-01-19")] // ends on a Saturday → Monday
    [InlineData("2026-01-08", null, "2026-01-18", "2026-01-19")] // ends on a Sunday → Monday
    [InlineData("2025-04-11", null, "2025-04-21", "2025-04-22")] // Easter Monday 2025
    [InlineData("2025-04-09", null, "2025-04-19", "2025-04-22")] // Saturday, Sunday, Easter Monday 2025
    [InlineData("2025-05-19", null, "2025-05-29", "2025-05-30")] // Ascension 2025
    [InlineData("2025-05-28", null, "2025-06-07", "2025-06-10")] // Saturday, Sunday, Whit Monday 2025
    [InlineData("2026-03-27", null, "2026-04-06", "2026-04-07")] // Easter Monday 2026
    [InlineData("2026-03-25", null, "2026-04-04", "2026-04-07")] // weekend + Easter Monday 2026
    [InlineData("2026-05-04", null, "2026-05-14", "2026-05-15")] // Ascension 2026
    [InlineData("2026-05-13", null, "2026-05-23", "2026-05-26")] // weekend + Whit Monday 2026
    [InlineData("2027-03-19", null, "2027-03-29", "2027-03-30")] // Easter Monday 2027
    [InlineData("2027-04-26", null, "2027-05-06", "2027-05-07")] // Ascension 2027
    [InlineData("2027-05-07", null, "2027-05-17", "2027-05-18")] // Whit Monday 2027
    [InlineData("2026-07-04", null, "2026-07-14", "2026-07-15")] // 14 July 2026, a Tuesday
    [InlineData("2025-07-02", null, "2025-07-12", "2025-07-15")] // weekend + 14 July 2025 (Monday)
    [InlineData("2026-11-01", null, "2026-11-11", "2026-11-12")] // notified on a holiday (does not count), ends on 11 November
    [InlineData("2025-12-15", "51", "2025-12-25", "2025-12-26")] // Christmas 2025 (Thursday): Friday 26 is worked in the Marne
    [InlineData("2025-12-15", "67", "2025-12-25", "2025-12-29")] // Bas-Rhin: 26 December too, then the weekend
    [InlineData("2026-03-24", "54", "2026-04-03", "2026-04-03")] // Good Friday 2026 is worked in Meurthe-et-Moselle
    [InlineData("2026-03-24", "57", "2026-04-03", "2026-04-07")] // Moselle: Good Friday, weekend, Easter Monday
    public void Compute_ExtendsPastWeekendsAndHolidays(string notified, string? departement, string nominal, string deadline)
    {
        var result = OfferDeadline.Compute(D(notified), departement, OfferDeadlineSettings.Default);

        Assert.Equal((D(nominal), D(deadline)), (result.NominalLastDay, result.LastDay));
        Assert.Equal(10, result.DaysGranted);
    }

    [Fact]
    public void Compute_ExplainsEachExtendedDay()
    {
        var result = OfferDeadline.Compute(D("2025-04-09"), null, OfferDeadlineSettings.Default);

        Assert.Contains("le samedi 19/04/2025 n'est pas ouvrable (samedi) : délai prorogé", result.Explanation);
        Assert.Contains("le lundi 21/04/2025 n'est pas ouvrable (jour férié : lundi de Pâques) : délai prorogé", result.Explanation);
        Assert.Contains(result.Explanation, l => l.StartsWith("réponse attendue au plus tard le mardi 22/04/2025", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(7, 10, "2026-01-15")]  // below R441-10: raised to ten days, said so
    [InlineData(15, 15, "2026-01-20")] // a bailleur may grant more
    public void Compute_GrantedDays_NeverBelowTheLegalMinimum(int configured, int applied, string deadline)
    {
        var result = OfferDeadline.Compute(D("2026-01-05"), null, OfferDeadlineSettings.Default with { Days = configured });

        Assert.Equal((applied, D(deadline)), (result.DaysGranted, result.LastDay));
        Assert.Equal(configured < 10, result.Explanation[0].Contains("minimum légal", StringComparison.Ordinal));
    }

    [Fact]
    public void IsExpiredOn_TheLastDayIsIncluded()
    {
        var result = OfferDeadline.Compute(D("2026-01-07"), null, OfferDeadlineSettings.Default);

        Assert.False(result.IsExpiredOn(D("2026-01-19")));
        Assert.True(result.IsExpiredOn(D("2026-01-20")));
    }
}
