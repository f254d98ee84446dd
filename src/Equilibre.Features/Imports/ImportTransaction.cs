using Equilibre.Features.Data;

namespace Equilibre.Features.Imports;

/// <summary>Progress of a long import step, for CLI bars and web job status.</summary>
public sealed record ImportProgress(string Step, int Done, int Total);

/// <summary>
/// Runs an import as one transaction and records its report. The body fills the run's counts and issues; when it
/// rejects a line or throws <see cref="ImportFileException"/>, nothing is committed and the run is recorded as
/// refused with every reason — an import commits whole or not at all (product.md, "Bad input").
/// </summary>
public static class ImportTransaction
{
    public static async Task<ImportRun> RunAsync(
        EquilibreDb db, TimeProvider clock, string kind, string source, string? startedBy,
        Func<ImportRun, CancellationToken, Task> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(body);
        var run = new ImportRun { Kind = kind, Source = source, StartedBy = startedBy, StartedAt = clock.GetUtcNow() };
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                try
                {
                    await body(run, ct);
                    run.Rejected = run.Issues.Count(i => i.IsRejection);
                    if (run.Rejected > 0)
                    {
                        throw new ImportFileException(
                            $"{run.Rejected} ligne(s) rejetée(s) : le fichier est refusé en entier, rien n'a été enregistré (corrigez les lignes listées puis relancez)");
                    }

                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    run.Succeeded = true;
                }
                catch (ImportFileException e)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    run.Succeeded = false;
                    run.Failure = e.Message;
                    run.Created = run.Updated = run.Removed = run.Unchanged = 0;
                }
            }

            run.FinishedAt = clock.GetUtcNow();
            db.ImportRuns.Add(run);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return run;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Adds a rejected line to the run.</summary>
    public static void Reject(this ImportRun run, int line, string? field, string? value, string message)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Issues.Add(new ImportIssue { Line = line, Field = field, Value = Truncate(value), Message = message, IsRejection = true });
    }

    /// <summary>Adds a line kept with a warning (e.g. unmatched EPCI name).</summary>
    public static void Warn(this ImportRun run, int line, string? field, string? value, string message)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Issues.Add(new ImportIssue { Line = line, Field = field, Value = Truncate(value), Message = message, IsRejection = false });
    }

    private static string? Truncate(string? value) => value is { Length: > 500 } ? value[..500] : value;
}
