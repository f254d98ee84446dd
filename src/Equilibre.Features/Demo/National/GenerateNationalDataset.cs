using System.Globalization;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo.National;

/// <summary>
/// <c>equilibre demo national --scale X</c>: a deterministic France-size dataset on the real territory already imported
/// (communes, EPCI, Q1 thresholds), proportional to <see cref="Request.Scale"/> (1.0 = France). Refuses a database
/// that already holds demands (a national dataset is generated into a database of its own). Streamed and
/// memory-bounded: each part is written in batches, each batch in its own scope and transaction.
/// </summary>
public sealed class GenerateNationalDataset(EquilibreDb db, NationalDemands demands)
{
    /// <summary>Active social-housing demands in France (SNE, 2024: ≈ 2.7 million).</summary>
    public const long NationalDemandCount = 2_700_000;

    public sealed record Request(double Scale);

    /// <summary>Progress of one part: what is being written, how many of how many.</summary>
    public sealed record Progress(string Part, long Done, long Total);

    public sealed record Result(bool Succeeded, string Message, long Demands = 0);

    public async Task<Result> HandleAsync(Request request, IProgress<Progress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scale is <= 0 or > 1 || double.IsNaN(request.Scale))
        {
            return new Result(false, "--scale : un nombre entre 0 (exclu) et 1 (la France entière) est attendu, par exemple 0.01");
        }

        if (!await db.Epcis.AnyAsync(e => e.Population != null, ct))
        {
            return new Result(false, "Le territoire de référence n'est pas chargé : lancez d'abord « equilibre reference import ».");
        }

        var existing = await db.Demands.LongCountAsync(ct);
        if (existing > 0)
        {
            return new Result(false, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                $"La base contient déjà {existing:N0} demandes : le jeu national se génère dans une base qui lui est dédiée (voir docs/performance.md)."));
        }

        var count = Math.Max(1, (long)Math.Round(NationalDemandCount * request.Scale));
        await demands.GenerateAsync(count, new Forward(progress, "demandes", count), ct);
        return new Result(true, string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{count:N0} demandes générées (échelle {request.Scale})."), count);
    }

    private sealed class Forward(IProgress<Progress>? target, string part, long total) : IProgress<long>
    {
        public void Report(long value) => target?.Report(new Progress(part, value, total));
    }
}
