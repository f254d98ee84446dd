namespace Equilibre.Features.Imports;

/// <summary>A recorded import with its report, shown in the CLI and in the web administration.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }

    /// <summary>What was imported ("communes-epci", "seuils-q1", "plafonds", "contours").</summary>
    public required string Kind { get; set; }

    public required string Source { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public int Read { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Removed { get; set; }
    public int Rejected { get; set; }

    /// <summary>Why the whole file was refused (and rolled back), when it was.</summary>
    public string? Failure { get; set; }

    public string? StartedBy { get; set; }
    public List<ImportIssue> Issues { get; set; } = [];
}

/// <summary>A rejected or reported line of an import, with the rule it broke.</summary>
public sealed class ImportIssue
{
    public long Id { get; set; }
    public long ImportRunId { get; set; }

    /// <summary>Line number in the file (1 = header), or 0 when the issue concerns the file.</summary>
    public int Line { get; set; }

    public string? Field { get; set; }
    public string? Value { get; set; }
    public required string Message { get; set; }

    /// <summary>True when the line was rejected; false when it was kept with a warning (e.g. unmatched EPCI name).</summary>
    public bool IsRejection { get; set; }
}
