namespace Equilibre.Domain.Targets;

/// <summary>The kind of a period: calendar units compare with the previous unit, a range with the same number of days before it.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Semester,
    Year,
    Range,
}

/// <summary>
/// A period of signature dates, both ends included (domain.md §5.6: a CAL session, a quarter or semester for the
/// commission de coordination, the calendar year for the CIL). A CAL session is a range of one day, or a grouping by
/// session (<see cref="GroupDimension.CalSession"/>).
/// </summary>
public sealed record TargetPeriod
{
    private TargetPeriod(DateOnly from, DateOnly to, PeriodKind kind)
    {
        if (to < from)
        {
            throw new ArgumentException(French.Format($"période invalide : le {to:dd/MM/yyyy} précède le {from:dd/MM/yyyy}"), nameof(to));
        }

        From = from;
        To = to;
        Kind = kind;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public PeriodKind Kind { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static TargetPeriod Month(int year, int month) =>
        new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), PeriodKind.Month);

    public static TargetPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var from = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(from, from.AddMonths(3).AddDays(-1), PeriodKind.Quarter);
    }

    public static TargetPeriod Semester(int year, int semester)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(semester, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(semester, 2);
        var from = new DateOnly(year, semester == 1 ? 1 : 7, 1);
        return new(from, from.AddMonths(6).AddDays(-1), PeriodKind.Semester);
    }

    public static TargetPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), PeriodKind.Year);

    public static TargetPeriod Range(DateOnly from, DateOnly to) => new(from, to, PeriodKind.Range);

    public bool Contains(DateOnly date) => From <= date && date <= To;

    /// <summary>
    /// The period of the same length just before: the previous month, quarter, semester or year; for a range, the same
    /// number of days ending the day before <see cref="From"/>.
    /// </summary>
    public TargetPeriod Previous() => Kind switch
    {
        PeriodKind.Month => Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month),
        PeriodKind.Quarter => new(From.AddMonths(-3), From.AddDays(-1), PeriodKind.Quarter),
        PeriodKind.Semester => new(From.AddMonths(-6), From.AddDays(-1), PeriodKind.Semester),
        PeriodKind.Year => Year(From.Year - 1),
        PeriodKind.Range => new(From.AddDays(-Days), From.AddDays(-1), PeriodKind.Range),
    };

    /// <summary>French label: "mars 2026", "2e trimestre 2026", "1er semestre 2026", "année 2026", "du 01/01/2026 au 15/03/2026".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => From.ToString("MMMM yyyy", French.Culture),
        PeriodKind.Quarter => French.Format($"{Ordinal((From.Month + 2) / 3)} trimestre {From.Year}"),
        PeriodKind.Semester => French.Format($"{Ordinal(From.Month == 1 ? 1 : 2)} semestre {From.Year}"),
        PeriodKind.Year => French.Format($"année {From.Year}"),
        PeriodKind.Range => French.Format($"du {From:dd/MM/yyyy} au {To:dd/MM/yyyy}"),
    };

    private static string Ordinal(int n) => n == 1 ? "1er" : French.Format($"{n}e");
}
