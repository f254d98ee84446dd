using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Imports;

/// <summary>The most recent import runs with their reports (administration page).</summary>
public sealed class ListImportRuns(EquilibreDb db)
{
    public async Task<IReadOnlyList<ImportRun>> HandleAsync(int take = 20, CancellationToken ct = default) =>
        await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct);

    /// <summary>One run with every issue, ordered by line.</summary>
    public async Task<ImportRun?> GetAsync(long id, CancellationToken ct = default)
    {
        var run = await db.ImportRuns.AsNoTracking().Include(r => r.Issues).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is not null)
        {
            run.Issues = [.. run.Issues.OrderByDescending(i => i.IsRejection).ThenBy(i => i.Line).ThenBy(i => i.Id)];
        }

        return run;
    }
}
