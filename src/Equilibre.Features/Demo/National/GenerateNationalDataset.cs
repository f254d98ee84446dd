using System.Globalization;
using System.Text;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Demo.National;

/// <summary>
/// <c>equilibre demo national --scale X [--fichiers DIR]</c>: a deterministic France-size dataset on the real territory
/// already imported (communes, EPCI, Q1 thresholds), proportional to <see cref="Request.Scale"/> (1.0 = France):
/// 3.2 M demands of which ≈ 2.7 M active (<see cref="NationalDemands"/>), 5.4 M dwellings and 420,000 leases of 2026
/// (<see cref="NationalStock"/>).
/// Into the database, the demands are written through <see cref="DemandBulkWriter"/> and the stock and leases through
/// the importers users run (RPLS, quartiers, attributions) from temporary files, so the dataset exercises the real
/// bulk paths; refuses a database that already holds demands (a national dataset has a database of its own). With
/// <see cref="Request.Files"/>, the same data is written to files in the import formats instead (demandes.xml in SNE
/// interfaceNuu, rpls_2026.csv, quartiers.csv, attributions.csv) and only the réservataire organisations the leases
/// name are created in the database. Streamed and memory-bounded (see each part).
/// </summary>
public sealed class GenerateNationalDataset(EquilibreDb db, NationalDemands demands, NationalStock stock, IServiceScopeFactory scopes)
{
    /// <summary>
    /// Demands generated for France. About 84.5 % of them are active today (the others were radiated, lapsed, or housed
    /// during 2026: <see cref="NationalDemands"/>), so that the active ones are the ≈ 2.7 million of the SNE (2024).
    /// Until 2026-11-29 this was 2.7 million demands, of which 2.28 million active.
    /// </summary>
    public const long NationalDemandCount = 3_200_000;

    /// <param name="Scale">Share of France, in ]0, 1].</param>
    /// <param name="Files">A folder to write the import files into, instead of loading the database.</param>
    public sealed record Request(double Scale, string? Files = null);

    /// <summary>Progress of one part: what is being written, how many of how many.</summary>
    public sealed record Progress(string Part, long Done, long Total);

    public sealed record Result(bool Succeeded, string Message, long Demands = 0, long Dwellings = 0, long Leases = 0);

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

        var existing = request.Files is null ? await db.Demands.LongCountAsync(ct) : 0;
        if (existing > 0)
        {
            return new Result(false, string.Create(French,
                $"La base contient déjà {existing:N0} demandes : le jeu national se génère dans une base qui lui est dédiée (voir docs/performance.md)."));
        }

        var count = Math.Max(1, (long)Math.Round(NationalDemandCount * request.Scale));
        var dwellingCount = Math.Max(1, (long)Math.Round(NationalStock.NationalDwellingCount * request.Scale));
        var leaseCount = Math.Max(1, (long)Math.Round(NationalStock.NationalLeaseCount * request.Scale));
        var housed = new List<NationalDemands.Housed>();
        var folder = request.Files ?? Path.Combine(Path.GetTempPath(), "equilibre-national-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            if (request.Files is null)
            {
                await demands.GenerateAsync(count, new Forward(progress, "demandes", count), housed.Add, ct);
            }
            else
            {
                await using var xml = File.Create(Path.Combine(folder, "demandes.xml"));
                await demands.WriteSneAsync(count, xml, new Forward(progress, "demandes (XML SNE)", count), housed.Add, ct);
            }

            var (rplsPath, quartiersPath, leasesPath) = (Path.Combine(folder, $"rpls_{NationalStock.Millesime}.csv"), Path.Combine(folder, "quartiers.csv"), Path.Combine(folder, "attributions.csv"));
            NationalStock.StockIndex index;
            await using (var rpls = new StreamWriter(rplsPath, false, new UTF8Encoding(false), 1 << 16))
            await using (var quartiers = new StreamWriter(quartiersPath, false, new UTF8Encoding(false)))
            {
                index = await stock.WriteStockAsync(dwellingCount, rpls, quartiers, new Forward(progress, "parc (RPLS)", dwellingCount), ct);
            }

            long leases;
            await using (var output = new StreamWriter(leasesPath, false, new UTF8Encoding(false), 1 << 16))
            {
                leases = await NationalStock.WriteLeasesAsync(index, leaseCount, housed, output, new Forward(progress, "attributions", leaseCount), ct);
            }

            await NationalStock.EnsureReservatairesAsync(db, index.Departements, ct);
            if (request.Files is null)
            {
                await ImportAsync(quartiersPath, rplsPath, leasesPath, progress, ct);
            }

            var where = request.Files is null ? "dans la base" : $"dans {folder} (demandes.xml, rpls_{NationalStock.Millesime}.csv, quartiers.csv, attributions.csv)";
            return new Result(true, string.Create(French,
                $"{count:N0} demandes, {index.Dwellings:N0} logements et {leases:N0} baux générés {where} (échelle {request.Scale})."), count, index.Dwellings, leases);
        }
        finally
        {
            if (request.Files is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Loads the generated files through the importers, each in its own scope; a refusal is a bug of the generator.</summary>
    private async Task ImportAsync(string quartiers, string rpls, string leases, IProgress<Progress>? progress, CancellationToken ct)
    {
        var steps = new (string Part, Func<IServiceProvider, Task<Imports.ImportRun>> Run)[]
        {
            ("import des quartiers", s => s.GetRequiredService<Stock.ImportPriorityAreas>().HandleAsync(new Stock.ImportPriorityAreas.Request(quartiers, "jeu national"), ct)),
            ("import du parc", s => s.GetRequiredService<Stock.ImportRpls>().HandleAsync(new Stock.ImportRpls.Request(rpls, NationalStock.Millesime, "jeu national"), ct)),
            ("import des attributions", s => s.GetRequiredService<Allocation.ImportAttributions>().HandleAsync(new Allocation.ImportAttributions.Request(leases, Organisations.CurrentUser.CommandLine), ct)),
        };
        for (var i = 0; i < steps.Length; i++)
        {
            progress?.Report(new Progress(steps[i].Part, 0, 1));
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<EquilibreDb>().Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var run = await steps[i].Run(scope.ServiceProvider);
            if (!run.Succeeded)
            {
                throw new InvalidOperationException($"{steps[i].Part} refusé : {run.Failure} {string.Join(" | ", run.Issues.Take(5).Select(x => x.Message))}");
            }

            progress?.Report(new Progress(steps[i].Part, 1, 1));
        }
    }

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private sealed class Forward(IProgress<Progress>? target, string part, long total) : IProgress<long>
    {
        public void Report(long value) => target?.Report(new Progress(part, value, total));
    }
}
