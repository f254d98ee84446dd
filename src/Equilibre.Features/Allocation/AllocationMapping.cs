using System.Globalization;
using Equilibre.Domain.Allocation;

namespace Equilibre.Features.Allocation;

/// <summary>From the stored records to the Domain types the pure rules read.</summary>
public static class AllocationMapping
{
    /// <summary>The Domain convention of a stored one; <paramref name="reservataire"/> and <paramref name="bailleur"/> are the names shown in explanations.</summary>
    public static ReservationConvention ToDomain(this ReservationConventionRecord record, string reservataire, string bailleur)
    {
        ArgumentNullException.ThrowIfNull(record);
        var communes = string.IsNullOrWhiteSpace(record.Communes)
            ? null
            : (IReadOnlySet<string>)record.Communes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var share = record.RatePercent is { } rate ? FluxShare.Rate(rate) : FluxShare.Dwellings(record.Volume ?? 0);
        var source = record.Redesignations != ReturnRules.Default.Redesignations
            || record.ReturnedCountsAsDelivered != ReturnRules.Default.ReturnedCountsAsDelivered
            ? $"convention {record.Reference}"
            : ReturnRules.Default.Source;
        return new ReservationConvention(reservataire, record.Kind, bailleur, new FluxPerimeter(record.DepartementCode, communes), share,
            ParseTypologies(record.Typologies), record.DesignationDelayDays,
            new ReturnRules(record.Redesignations, record.ReturnedCountsAsDelivered, source),
            record.ValidFrom, record.ValidTo, $"convention {record.Reference}")
        {
            StateAgentsRatePercent = record.StateAgentsRatePercent,
        };
    }

    /// <summary>"1:2;4:3" → T1 × 2, T4 × 3. Malformed pairs are skipped (the form validates them before saving).</summary>
    public static IReadOnlyList<TypologyCommitment> ParseTypologies(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split(':'))
                .Where(p => p.Length == 2 && int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out _) && int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .Select(p => new TypologyCommitment(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))
                .ToList();

    public static string FormatTypologies(IEnumerable<TypologyCommitment> commitments) =>
        string.Join(';', commitments.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Rooms}:{c.Dwellings}")));
}
