namespace Equilibre.Domain.Allocation;

/// <summary>
/// Settings of the response deadline of an offer. <see cref="Days"/> is the delay the bailleur grants (10 by default, the
/// minimum of R441-10); a value below the legal minimum is raised to it, never applied. The counting rule (the day of the
/// notification does not count; a delay ending on a Saturday, Sunday or public holiday runs to the next working day) is
/// confirmed in domain.md §7.2 (Union sociale pour l'habitat, code de procédure civile art. 641–642).
/// </summary>
public sealed record OfferDeadlineSettings(int Days, HolidayCalendar Holidays, string Source)
{
    /// <summary>R441-10 CCH: "Ce délai ne peut être inférieur à dix jours" (domain.md §7.2, §17.5).</summary>
    public const int LegalMinimumDays = 10;

    public static readonly OfferDeadlineSettings Default = new(LegalMinimumDays, HolidayCalendar.Default,
        "délai de réponse de 10 jours au moins (R441-10 CCH), décompté à partir du lendemain de la notification et prorogé au premier jour ouvrable (CPC 641-642 ; domain.md §7.2)");
}

/// <summary>The last day to answer an offer (included, until midnight) and why.</summary>
/// <param name="NominalLastDay">Notification + the delay, before any extension.</param>
/// <param name="LastDay">The deadline after extension past Saturdays, Sundays and public holidays.</param>
/// <param name="DaysGranted">The delay applied (the configured one, at least the legal minimum).</param>
/// <param name="Explanation">The counting, day by day where extended, in French.</param>
public sealed record OfferDeadlineResult(DateOnly NominalLastDay, DateOnly LastDay, int DaysGranted, IReadOnlyList<string> Explanation)
{
    /// <summary>No answer by the end of <see cref="LastDay"/> is a refusal (R441-10): expired from the next day.</summary>
    public bool IsExpiredOn(DateOnly today) => today > LastDay;
}

/// <summary>
/// Response deadline of an offer (R441-10 CCH, domain.md §7.2): at least ten days; the day of the notification does not
/// count (CPC 641), so the nominal last day is notification + N days; a delay that would end on a Saturday, a Sunday or a
/// public holiday (computed, <see cref="FrenchPublicHolidays"/>, with the local days of the dwelling's département) is
/// extended to the next working day (CPC 642). For a registered letter not collected, the caller passes the date it
/// was presented (domain.md §7.2).
/// </summary>
public static class OfferDeadline
{
    /// <param name="notifiedOn">Date the offer was notified (or the registered letter presented).</param>
    /// <param name="departement">Département of the dwelling (local holidays); null for the national list.</param>
    /// <param name="settings">Granted delay and calendar.</param>
    public static OfferDeadlineResult Compute(DateOnly notifiedOn, string? departement, OfferDeadlineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new List<string>();
        var days = settings.Days;
        if (days < OfferDeadlineSettings.LegalMinimumDays)
        {
            lines.Add(French.Format($"délai paramétré de {days} jour(s) porté au minimum légal de {OfferDeadlineSettings.LegalMinimumDays} jours (R441-10)"));
            days = OfferDeadlineSettings.LegalMinimumDays;
        }

        var nominal = notifiedOn.AddDays(days);
        lines.Add(French.Format($"offre notifiée le {notifiedOn:dd/MM/yyyy} : délai de {days} jours décompté à partir du lendemain, dernier jour théorique le {Day(nominal)}"));
        var last = nominal;
        while (!FrenchPublicHolidays.IsWorkingDay(last, departement, settings.Holidays))
        {
            lines.Add(French.Format($"le {Day(last)} n'est pas ouvrable ({Why(last, departement, settings.Holidays)}) : délai prorogé"));
            last = last.AddDays(1);
        }

        lines.Add(last == nominal
            ? French.Format($"réponse attendue au plus tard le {Day(last)} ; sans réponse, l'offre vaut refus (R441-10)")
            : French.Format($"réponse attendue au plus tard le {Day(last)}, premier jour ouvrable suivant ; sans réponse, l'offre vaut refus (R441-10)"));
        lines.Add(settings.Source);
        return new OfferDeadlineResult(nominal, last, days, lines);
    }

    private static string Day(DateOnly date) => French.Format($"{date.ToString("dddd", French.Culture)} {date:dd/MM/yyyy}");

    private static string Why(DateOnly date, string? departement, HolidayCalendar calendar) =>
        FrenchPublicHolidays.On(date, departement, calendar) is { } holiday ? $"jour férié : {holiday.Name}"
        : date.DayOfWeek == DayOfWeek.Saturday ? "samedi" : "dimanche";
}
