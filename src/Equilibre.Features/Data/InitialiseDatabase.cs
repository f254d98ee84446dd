using Equilibre.Features.Demo;
using Equilibre.Features.Imports;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Data;

/// <summary>
/// Start-up of an instance: apply the migrations, and on an empty database load the reference data and (when
/// asked) the demo. On an existing database it only migrates and runs indexed existence checks, so start-up stays
/// fast on national data.
/// </summary>
public sealed class InitialiseDatabase(EquilibreDb db, ImportReferenceData importReference, SeedDemo seedDemo)
{
    public sealed record Request(ReferenceFiles Files, bool SeedDemoOnFirstRun);

    public sealed record Result(bool ReferenceImported, IReadOnlyList<ImportRun> ImportRuns, SeedDemo.Result? Demo, bool HasDemo);

    public async Task<Result> HandleAsync(Request request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await db.MigrateAsync(ct);
        IReadOnlyList<ImportRun> runs = [];
        var referenceImported = false;
        if (!await db.Communes.AnyAsync(ct))
        {
            runs = await importReference.HandleAsync(new ImportReferenceData.Request(request.Files, StartedBy: "premier démarrage"), progress, ct);
            referenceImported = true;
        }

        SeedDemo.Result? demo = null;
        // A database holding demands but no organisation is a national dataset (`demo national`), not a first run.
        if (request.SeedDemoOnFirstRun && !await db.Organisations.AnyAsync(ct) && !await db.Demands.AnyAsync(ct) && await db.Communes.AnyAsync(ct))
        {
            demo = await seedDemo.HandleAsync(ct: ct);
        }

        var hasDemo = await db.Organisations.AnyAsync(o => o.IsDemo, ct);
        return new Result(referenceImported, runs, demo, hasDemo);
    }
}
