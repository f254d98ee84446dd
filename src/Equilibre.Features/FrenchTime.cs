namespace Equilibre.Features;

/// <summary>
/// Today's date in metropolitan France: the date users mean when they enter or ask for "aujourd'hui", whatever the
/// server's time zone (a UTC date would refuse an act dated today between midnight and 2 a.m. in Paris).
/// </summary>
public static class FrenchTime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(InFrance(clock.GetUtcNow()).DateTime);
    }

    /// <summary>An instant as the time shown to users (Europe/Paris, summer time included).</summary>
    public static DateTimeOffset InFrance(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    /// <summary>
    /// The first instant after <paramref name="after"/> at which it is <paramref name="at"/> in Paris: tomorrow's when
    /// today's has passed; an hour later on the night the clocks go forward when <paramref name="at"/> falls in the
    /// skipped hour; the second one (winter time) when the clocks go back.
    /// </summary>
    public static DateTimeOffset NextAt(TimeOnly at, DateTimeOffset after)
    {
        var day = DateOnly.FromDateTime(InFrance(after).DateTime);
        for (; ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(at);
            if (Paris.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }

            var instant = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Paris), TimeSpan.Zero);
            if (instant > after)
            {
                return instant;
            }
        }
    }
}
