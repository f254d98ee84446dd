using Equilibre.Domain.Eligibility;

namespace Equilibre.Features.Eligibility;

/// <summary>Stored cell of the resource ceilings table (see <see cref="ResourceCeiling"/>).</summary>
public sealed class ResourceCeilingEntry
{
    public long Id { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public Financing Financing { get; set; }
    public CeilingZone Zone { get; set; }

    /// <summary>1–6, or null for the amount per person beyond category 6.</summary>
    public int? Category { get; set; }

    public decimal Amount { get; set; }
    public CeilingStatus Status { get; set; }

    /// <summary>The status as the source states it ("publie (arrete, via openfisca-france)", "derive: PLUS x 1,3…").</summary>
    public required string StatusText { get; set; }

    public string? Reference { get; set; }
    public string? Note { get; set; }

    public ResourceCeiling ToDomain() => new(EffectiveFrom, Financing, Zone, Category, Amount, Status, StatusText, Reference, Note);
}
