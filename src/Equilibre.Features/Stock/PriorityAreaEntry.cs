using Equilibre.Domain.Stock;

namespace Equilibre.Features.Stock;

/// <summary>
/// A priority area (QPV, ex-ZUS, quartier de veille active) on one commune, with its validity: a quartier spanning
/// several communes has one row per commune. Reference data imported from CSV (no offline national source exists).
/// </summary>
public sealed class PriorityAreaEntry
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PriorityAreaKind Kind { get; set; }
    public required string CommuneCode { get; set; }
    public DateOnly ValidFrom { get; set; }

    /// <summary>Last day of validity, included; null while valid.</summary>
    public DateOnly? ValidTo { get; set; }

    public required string Source { get; set; }

    public PriorityArea ToDomain() => new(Code, Name, Kind, ValidFrom, ValidTo);
}
