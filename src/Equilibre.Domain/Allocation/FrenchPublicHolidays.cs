namespace Equilibre.Domain.Allocation;

/// <summary>A public holiday on its date, with its French name.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);

/// <summary>
/// Which départements observe the two extra holidays of Alsace-Moselle (Vendredi saint and 26 décembre, local law kept by
/// article L3134-13 of the code du travail; Good Friday strictly in communes with a Protestant temple or a mixed church, in
/// practice observed in the whole of the three départements). Not in domain.md: this is general knowledge, hence a
/// parameter with its <see cref="Source"/>. Overseas days (abolition of slavery, loi 83-550) are not included: a
/// deployment there adds them through <see cref="LocalFixedHolidays"/> (département → (month, day, name)).
/// </summary>
public sealed record HolidayCalendar(IReadOnlySet<string> AlsaceMoselleDepartements, IReadOnlyDictionary<string, IReadOnlyList<(int Month, int Day, string Name)>> LocalFixedHolidays, string Source)
{
    /// <summary>57 (Moselle), 67 (Bas-Rhin), 68 (Haut-Rhin) get Good Friday and 26 December; no other local day.</summary>
    public static readonly HolidayCalendar Default = new(
        new HashSet<string>(StringComparer.Ordinal) { "57", "67", "68" },
        new Dictionary<string, IReadOnlyList<(int Month, int Day, string Name)>>(StringComparer.Ordinal),
        "jours fériés de l'article L3133-1 du code du travail ; Vendredi saint et 26 décembre en Moselle, Bas-Rhin et Haut-Rhin (droit local, L3134-13) — paramètre, non tiré de domain.md");
}

/// <summary>
/// The French public holidays of any year (code du travail L3133-1): eleven for the whole country — 1 January, Easter
/// Monday, 1 May, 8 May, Ascension (Easter + 39 days), Whit Monday (Easter + 50 days), 14 July, 15 August, 1 November,
/// 11 November, 25 December — computed, never listed per year; Easter by the anonymous Gregorian computus
/// (Meeus/Jones/Butcher). The Alsace-Moselle départements (57, 67, 68 by default, <see cref="HolidayCalendar"/>) add Good
/// Friday (Easter − 2) and 26 December. Whit Monday stays a public holiday for deadlines even where it is the "journée de
/// solidarité" worked by employees.
/// </summary>
public static class FrenchPublicHolidays
{
    /// <summary>Easter Sunday of a Gregorian year (Meeus/Jones/Butcher algorithm, valid for every Gregorian year).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The public holidays of <paramref name="year"/> in a département (null = national list only), in date order.</summary>
    public static IReadOnlyList<PublicHoliday> Of(int year, string? departement, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var easter = EasterSunday(year);
        var days = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), "jour de l'an"),
            new(easter.AddDays(1), "lundi de Pâques"),
            new(new DateOnly(year, 5, 1), "fête du Travail"),
            new(new DateOnly(year, 5, 8), "victoire de 1945"),
            new(easter.AddDays(39), "Ascension"),
            new(easter.AddDays(50), "lundi de Pentecôte"),
            new(new DateOnly(year, 7, 14), "fête nationale"),
            new(new DateOnly(year, 8, 15), "Assomption"),
            new(new DateOnly(year, 11, 1), "Toussaint"),
            new(new DateOnly(year, 11, 11), "armistice de 1918"),
            new(new DateOnly(year, 12, 25), "Noël"),
        };
        if (departement is not null && calendar.AlsaceMoselleDepartements.Contains(departement))
        {
            days.Add(new(easter.AddDays(-2), "Vendredi saint (Alsace-Moselle)"));
            days.Add(new(new DateOnly(year, 12, 26), "saint Étienne (Alsace-Moselle)"));
        }

        if (departement is not null && calendar.LocalFixedHolidays.TryGetValue(departement, out var local))
        {
            days.AddRange(local.Select(l => new PublicHoliday(new DateOnly(year, l.Month, l.Day), l.Name)));
        }

        // Ascension can fall on 1 or 8 May (e.g. 2008): one date, both names kept
        return [.. days.GroupBy(h => h.Date).Select(g => new PublicHoliday(g.Key, string.Join(" et ", g.Select(h => h.Name)))).OrderBy(h => h.Date)];
    }

    /// <summary>The holiday on that date in that département, or null.</summary>
    public static PublicHoliday? On(DateOnly date, string? departement, HolidayCalendar calendar) =>
        Of(date.Year, departement, calendar).FirstOrDefault(h => h.Date == date);

    /// <summary>A working day (jour ouvrable for the procedure rule): neither Saturday, Sunday nor a public holiday.</summary>
    public static bool IsWorkingDay(DateOnly date, string? departement, HolidayCalendar calendar) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && On(date, departement, calendar) is null;
}
