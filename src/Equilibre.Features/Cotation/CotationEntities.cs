using Equilibre.Domain.Cotation;

namespace Equilibre.Features.Cotation;

/// <summary>
/// A version of a territory's cotation grid as stored: its header as columns, its rubrics, seniority, refusal penalty
/// and cap as JSON (<see cref="CotationGridJson"/>). A draft changes with optimistic concurrency (<see cref="Revision"/>);
/// a published version never changes again.
/// </summary>
public sealed class CotationGridRecord
{
    public long Id { get; set; }

    /// <summary>SIREN of the EPCI whose grid it is.</summary>
    public required string Territory { get; set; }

    public GridScope Scope { get; set; }
    public int Version { get; set; }
    public required string Label { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public bool IsExample { get; set; }

    /// <summary>Rubrics, criteria, seniority, refusal penalty and cap as JSON.</summary>
    public required string Content { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency on drafts: incremented on every save.</summary>
    public int Revision { get; set; }

    public CotationGrid ToDomain() => CotationGridJson.Read(this);
}

/// <summary>
/// The stored score of an active demand under the grid in force (written by the territory batch and on every change of
/// the demand), with the columns that make demands similar, so that a position is one indexed count.
/// </summary>
public sealed class DemandScore
{
    public long DemandId { get; set; }
    public required string Territory { get; set; }
    public string? CommuneCode { get; set; }
    public string? Typology { get; set; }
    /// <summary>The total, rounded to the hundredth; a double so that both providers compare and sort it natively.</summary>
    public double Score { get; set; }
    public GridScope Scope { get; set; }
    public int GridVersion { get; set; }
    public DateOnly ComputedOn { get; set; }
}
