using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Territory;
using Equilibre.Features.Data;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Applications;

/// <summary>Where a commune belongs, as the registry needs it.</summary>
public sealed record CommunePlace(string Code, string Name, string DepartementCode, string RegionCode, string? EpciSiren);

/// <summary>
/// The reference data the household rules need (communes, Q1 thresholds, ceilings), loaded once per use case so that
/// an import of 100,000 demands does not query them 100,000 times, and the one place that turns a demand into its
/// facts and checks its communes.
/// </summary>
public sealed class DemandReference
{
    private readonly Dictionary<string, CommunePlace> _communes;
    private readonly List<Q1Threshold> _thresholds;

    private DemandReference(Dictionary<string, CommunePlace> communes, List<Q1Threshold> thresholds, List<ResourceCeiling> ceilings)
    {
        _communes = communes;
        _thresholds = thresholds;
        Ceilings = ceilings;
    }

    public IReadOnlyList<ResourceCeiling> Ceilings { get; }

    /// <summary>Every commune, for imports and generators that check many demands.</summary>
    public static Task<DemandReference> LoadAsync(EquilibreDb db, CancellationToken ct = default) => LoadAsync(db, null, ct);

    /// <summary>
    /// Only the communes one demand names (wishes, addresses): a page or a form does not read the 35,000 communes of the
    /// COG. A code that does not exist is simply absent, so <see cref="Check"/> still reports it.
    /// </summary>
    public static Task<DemandReference> LoadForAsync(EquilibreDb db, DemandFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var codes = file.Wishes.Communes.Concat(file.Adults.Select(a => a.Address?.CommuneCode).OfType<string>()).Distinct().ToList();
        return LoadAsync(db, codes, ct);
    }

    private static async Task<DemandReference> LoadAsync(EquilibreDb db, IReadOnlyCollection<string>? communeCodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Communes.AsNoTracking();
        if (communeCodes is not null)
        {
            query = query.Where(c => communeCodes.Contains(c.Code));
        }

        var communes = await query
            .Select(c => new CommunePlace(c.Code, c.Name, c.DepartementCode, c.RegionCode, c.EpciSiren))
            .ToDictionaryAsync(c => c.Code, ct);
        var thresholds = await db.Q1Thresholds.AsNoTracking().Where(t => t.EpciSiren != null)
            .Select(t => new Q1Threshold(t.EpciSiren!, t.Year, t.AmountPerUcPerYear, t.Source)).ToListAsync(ct);
        var ceilings = (await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        return new DemandReference(communes, thresholds, ceilings);
    }

    public CommunePlace? Commune(string? code) => code is not null && _communes.TryGetValue(code, out var place) ? place : null;

    public IReadOnlyList<Q1Threshold> Thresholds => _thresholds;

    /// <summary>The demand's rules on a date: the EPCI and zone are those of the first wished commune.</summary>
    public HouseholdFactsResult Facts(DemandFile file, DateOnly asOf, HouseholdSettings settings)
    {
        ArgumentNullException.ThrowIfNull(file);
        var first = Commune(file.Wishes.Communes.Count > 0 ? file.Wishes.Communes[0] : null);
        Q1ThresholdLookup? lookup = first is null ? null
            : first.EpciSiren is null ? new Q1ThresholdLookup(null, $"{first.Name} n'appartient à aucun EPCI : pas de seuil du premier quartile")
            : Q1Thresholds.Find(_thresholds, first.EpciSiren, asOf.Year);
        var zone = first is null ? new CeilingZoneResult(null, "aucune commune souhaitée : zone inconnue") : CeilingZones.Of(first.Code, first.RegionCode);
        return HouseholdFacts.Compute(file, asOf, settings, lookup, Ceilings, zone);
    }

    /// <summary>Validation of the content plus the communes (wished, address, work) against the COG.</summary>
    public IReadOnlyList<FieldError> Check(DemandFile file, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = DemandValidation.Check(file, today).ToList();
        for (var i = 0; i < file.Wishes.Communes.Count; i++)
        {
            if (Commune(file.Wishes.Communes[i]) is null)
            {
                errors.Add(new($"logementRecherche.localisationSouhaitee[{i + 1}]", $"« {file.Wishes.Communes[i]} » n'est pas un code commune INSEE en vigueur (COG)"));
            }
        }

        var adults = file.Adults.ToList();
        for (var i = 0; i < adults.Count; i++)
        {
            var at = i == 0 ? "demandeur" : $"cotitulaire[{i}]";
            if (adults[i].Address is { Abroad: false, CommuneCode: { Length: > 0 } a } && Commune(a) is null && !IsParisArrondissement(a))
            {
                errors.Add(new($"{at}.adressePostale.commune", $"« {a} » n'est pas un code commune INSEE connu"));
            }
        }

        return errors;
    }

    // Addresses carry municipal arrondissements (75113), which the COG lists apart from communes.
    private static bool IsParisArrondissement(string code) =>
        code.Length == 5 && (code.StartsWith("751", StringComparison.Ordinal) || code.StartsWith("6938", StringComparison.Ordinal) || code.StartsWith("132", StringComparison.Ordinal));
}
