using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Domain.Territory;

namespace Equilibre.Features.Targets;

/// <summary>
/// One edition of a bilan (CIL annual bilan, flux bilan), recorded so that it can be edited again identically
/// (issue 7, reproducibility): the indicator definitions it applied (ids, versions, thresholds, every unconfirmed
/// choice of their rules), the settings (Q1 thresholds, threshold-year rule, QPV rule) as JSON, and a hash of the
/// lease facts it read. Leases are snapshots taken at signature, so re-reading them gives the same facts unless a
/// lease was corrected since — which the hash reveals. Editing again "as of" a record uses its definitions and
/// settings, whatever the configuration says today.
/// </summary>
public sealed class TargetBilanRecord
{
    public long Id { get; set; }

    /// <summary>"CIL" (annual bilan of an EPCI) or "FLUX" (flux bilan of a bailleur).</summary>
    public required string Kind { get; set; }

    public int Year { get; set; }

    /// <summary>The EPCI of a CIL bilan; null for a flux bilan.</summary>
    public string? EpciSiren { get; set; }

    /// <summary>The bailleur of a flux bilan; null for a CIL bilan.</summary>
    public long? BailleurId { get; set; }

    /// <summary>"T1 v1, T2 v1, T3 v1, CIA_MUTATIONS v1": the rule versions, for lists.</summary>
    public required string Versions { get; set; }

    public required string DefinitionsJson { get; set; }
    public required string SettingsJson { get; set; }

    /// <summary>SHA-256 of the facts read, in lease order (hex).</summary>
    public required string InputHash { get; set; }

    public int Leases { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public required string GeneratedBy { get; set; }
}

/// <summary>The settings a bilan was computed with, as stored in <see cref="TargetBilanRecord.SettingsJson"/>.</summary>
public sealed record BilanSettings(Q1YearRule Q1Year, IReadOnlyList<Q1Threshold> Thresholds, QpvRuleSettings? QpvRule)
{
    public TargetSettings ToEngine() => new([.. Thresholds], Q1Year, QpvRule);

    public static BilanSettings From(TargetSettings settings, string? epciSiren)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Q1Year, [.. settings.Q1Thresholds.Where(t => epciSiren is null || t.EpciSiren == epciSiren)
            .OrderBy(t => t.EpciSiren, StringComparer.Ordinal).ThenBy(t => t.Year)], settings.QpvRule);
    }
}

/// <summary>The JSON of the records and the hash of the facts.</summary>
public static class BilanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Definitions(IReadOnlyList<IndicatorDefinition> definitions) => JsonSerializer.Serialize(definitions, Options);

    public static IReadOnlyList<IndicatorDefinition> Definitions(string json) =>
        JsonSerializer.Deserialize<List<IndicatorDefinition>>(json, Options) ?? throw new InvalidOperationException("définitions du bilan illisibles");

    public static string Settings(BilanSettings settings) => JsonSerializer.Serialize(settings, Options);

    public static BilanSettings Settings(string json) =>
        JsonSerializer.Deserialize<BilanSettings>(json, Options) ?? throw new InvalidOperationException("paramètres du bilan illisibles");

    /// <summary>SHA-256 of the facts in lease-id order: equal when the leases read are the same, field by field.</summary>
    public static string Hash(IEnumerable<AllocationFact> facts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var fact in facts.OrderBy(f => f.LeaseId))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fact, Options)));
            sha.AppendData("\n"u8);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
