using Equilibre.Domain.Reform;

namespace Equilibre.Features.Reform;

/// <summary>
/// Stored, append-only record of an instrument's status for an EPCI (see <see cref="InstrumentRecord"/>): who
/// recorded what, when, from which source. Never updated or deleted; a correction is a new record.
/// </summary>
public sealed class ReformInstrumentRecord
{
    public long Id { get; set; }
    public required string EpciSiren { get; set; }
    public ReformInstrument Instrument { get; set; }
    public bool InPlace { get; set; }
    public DateOnly? EffectiveDate { get; set; }
    public string Reference { get; set; } = "";
    public string? Note { get; set; }
    public long? RecordedByUserId { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>"saisie", "import CSV …", "démonstration".</summary>
    public required string Source { get; set; }

    public bool IsDemo { get; set; }

    public InstrumentRecord ToDomain() => new(EpciSiren, Instrument, InPlace, EffectiveDate, Reference, RecordedAt, Id);
}

/// <summary>A national rate published by the DHUP for an instrument at a date, to compare the territory's rate with.</summary>
public sealed class NationalReformRate
{
    public long Id { get; set; }
    public ReformInstrument Instrument { get; set; }
    public DateOnly AsOf { get; set; }
    public decimal Percent { get; set; }
    public required string Source { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public bool IsDemo { get; set; }
}
