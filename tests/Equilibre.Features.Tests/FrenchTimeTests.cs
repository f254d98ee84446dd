using System.Globalization;

namespace Equilibre.Features.Tests;

/// <summary>When "tonight at 02:00" is in Paris, from a UTC instant (the nightly jobs' schedule).</summary>
public sealed class FrenchTimeTests
{
    [Theory]
    // Winter time (UTC+1): 02:00 in Paris is 01:00 UTC, tonight when it has not passed yet, else tomorrow night.
    [InlineData("2026-11-28T10:00:00Z", "02:00", "2026-11-29T01:00:00Z")]
    [InlineData("2026-11-29T00:30:00Z", "02:00", "2026-11-29T01:00:00Z")]
    // Exactly at the time: the next one, not the same instant again.
    [InlineData("2026-11-29T01:00:00Z", "02:00", "2026-11-30T01:00:00Z")]
    // Summer time (UTC+2).
    [InlineData("2026-07-01T12:00:00Z", "02:00", "2026-07-02T00:00:00Z")]
    // Clocks go forward on 28 March 2027 at 02:00: 02:30 does not exist that night, the run is an hour later (03:30).
    [InlineData("2027-03-27T12:00:00Z", "02:30", "2027-03-28T01:30:00Z")]
    // Clocks go back on 25 October 2026 at 03:00: 02:30 happens twice, the second time (winter time) is taken.
    [InlineData("2026-10-24T12:00:00Z", "02:30", "2026-10-25T01:30:00Z")]
    public void The_next_run_at_a_French_time_follows_the_Paris_clock(string after, string at, string expected)
    {
        var next = FrenchTime.NextAt(TimeOnly.Parse(at, CultureInfo.InvariantCulture), DateTimeOffset.Parse(after, CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), next);
    }
}
