using Equilibre.Domain.Applications;

namespace Equilibre.Features.Applications.Sne;

/// <summary>
/// A demand as an exchange file carries it: the CERFA content (<see cref="DemandFile"/>) plus what the registry keeps
/// in columns (numéro unique, guichet, dates, radiation). <see cref="Line"/> is where the demand starts in the file.
/// </summary>
public sealed record SneDemand(
    int Line,
    string? Numero,
    string? GuichetCode,
    DateOnly? CreatedOn,
    DateOnly? LastRenewedOn,
    SneRadiation? Radiation,
    DemandFile File);

/// <summary>A radiation as exchanged: SNE code (RADATT…), sub-code (IRRSEJ, IRRRES) and date.</summary>
public sealed record SneRadiation(string Code, string? SubCode, DateOnly? On);

/// <summary>What the file header says (entete) and the interface version.</summary>
public sealed class SneFileInfo
{
    public string? Version { get; set; }
    public DateTimeOffset? FileDate { get; set; }
    public string? FileType { get; set; }
}
