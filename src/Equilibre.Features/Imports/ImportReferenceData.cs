using Equilibre.Features.Eligibility;
using Equilibre.Features.Territory;

namespace Equilibre.Features.Imports;

/// <summary>
/// Imports all reference data in dependency order — territory, Q1 thresholds (matched to EPCI), ceilings,
/// commune boundaries — each file in its own transaction, each with its report. Stops after a refused territory
/// import, since the next steps depend on it.
/// </summary>
public sealed class ImportReferenceData(
    ImportTerritory territory, ImportQ1Thresholds thresholds, ImportResourceCeilings ceilings, ImportCommuneBoundaries boundaries)
{
    /// <summary>COG millésime of @etalab/decoupage-administratif 6.0.0.</summary>
    public const int DefaultCogMillesime = 2026;

    public sealed record Request(ReferenceFiles Files, int CogMillesime = DefaultCogMillesime, string? StartedBy = null);

    /// <summary>French name of an import kind, for reports.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        ImportTerritory.Kind => "Communes et EPCI",
        ImportQ1Thresholds.Kind => "Seuils du premier quartile",
        ImportResourceCeilings.Kind => "Plafonds de ressources",
        ImportCommuneBoundaries.Kind => "Contours des communes",
        Stock.ImportPriorityAreas.Kind => "Quartiers prioritaires",
        Stock.ImportRpls.Kind => "Parc social (RPLS)",
        Stock.ImportOccupancy.Kind => "Occupation du parc social (OPS)",
        Applications.ImportDemands.Kind => "Demandes de logement social",
        _ => kind,
    };

    public async Task<IReadOnlyList<ImportRun>> HandleAsync(Request request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runs = new List<ImportRun>
        {
            await territory.HandleAsync(new ImportTerritory.Request(request.Files.DecoupageFolder, request.CogMillesime, request.StartedBy), progress, ct),
        };
        if (!runs[0].Succeeded)
        {
            return runs;
        }

        progress?.Report(new ImportProgress("Seuils du premier quartile", 0, 1));
        runs.Add(await thresholds.HandleAsync(new ImportQ1Thresholds.Request(request.Files.Q1ThresholdsFile, request.Files.Q1ArretesFile, request.StartedBy), ct));
        progress?.Report(new ImportProgress("Plafonds de ressources", 0, 1));
        runs.Add(await ceilings.HandleAsync(new ImportResourceCeilings.Request(request.Files.CeilingsFile, request.StartedBy), ct));
        runs.Add(await boundaries.HandleAsync(new ImportCommuneBoundaries.Request(request.Files.BoundariesFolder, StartedBy: request.StartedBy), progress, ct));
        return runs;
    }
}
