using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Data;

/// <summary>Applying the migrations, the one way every entry point does it (web start-up, CLI, benchmarks).</summary>
public static class DatabaseMigrations
{
    /// <summary>
    /// A migration may rewrite a national table (e.g. <c>ShortlistScore</c> copies 2.7 million scores onto the wishes):
    /// far longer than a request's command timeout, so the migrations run with their own.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Applies the pending migrations with <see cref="CommandTimeout"/>, then restores the context's timeout.</summary>
    public static async Task MigrateAsync(this EquilibreDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(CommandTimeout);
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }
}
