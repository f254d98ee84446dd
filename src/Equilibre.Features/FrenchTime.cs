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
}
