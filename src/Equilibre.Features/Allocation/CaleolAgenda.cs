using System.Globalization;
using Equilibre.Domain;

namespace Equilibre.Features.Allocation;

/// <summary>The agenda and members of a <see cref="CaleolSession"/> as stored (ids separated by commas, one member a line), and the facts its pages repeat.</summary>
public static class CaleolAgenda
{
    public static List<long> Ids(CaleolSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.Agenda.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0)];
    }

    public static string With(CaleolSession session, long vacancyId) =>
        string.Join(',', Ids(session).Append(vacancyId).Distinct().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlyList<string> Members(CaleolSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return [.. session.Members.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    public static string ModeLabel(CaleolMode mode) => mode == CaleolMode.Distance ? "à distance (vote électronique)" : "en présentiel";

    public static string StatusLabel(CaleolSessionStatus status) => status == CaleolSessionStatus.Closed ? "close" : "prévue";

    /// <summary>"à distance, vote du … au …" or "en présentiel", as the pages and the minutes say it.</summary>
    public static string Describe(CaleolSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Mode == CaleolMode.Distance && session.VoteOpens is { } opens && session.VoteCloses is { } closes
            ? French.Format($"à distance, vote ouvert du {FrenchTime.InFrance(opens):dd/MM/yyyy HH:mm} au {FrenchTime.InFrance(closes):dd/MM/yyyy HH:mm}")
            : "en présentiel";
    }

    /// <summary>What changed on a session, for a conflict message.</summary>
    public static string Changed(CaleolSession session) =>
        French.Format($"la séance de CALEOL du {session.Date:dd/MM/yyyy} a été modifiée entre-temps : elle est {StatusLabel(session.Status)} (par {session.UpdatedBy}, le {FrenchTime.InFrance(session.UpdatedAt):dd/MM/yyyy à HH:mm})");
}
