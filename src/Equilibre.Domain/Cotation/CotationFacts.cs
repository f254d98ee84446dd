using Equilibre.Domain.Applications;

namespace Equilibre.Domain.Cotation;

/// <summary>An adapted offer refused by the applicant, with its date (the refusal penalty counts them).</summary>
public sealed record OfferRefusal(DateOnly On, bool AdaptedOffer);

/// <summary>
/// The facts of a demand the criteria catalogue reads, on a date: taken from the demand's content and its computed
/// household facts, so that the cotation and the registry never disagree.
/// </summary>
public sealed record CotationFacts(
    DateOnly AsOf,
    DateOnly RegisteredOn,
    IReadOnlySet<string> Reasons,
    IReadOnlySet<string> HousingModels,
    IReadOnlySet<string> Priorities,
    DaloStatus Dalo,
    bool IsMutation,
    bool SingleParent,
    bool HasDisabledPerson,
    bool HasHandicapComplement,
    int Persons,
    int? CurrentRooms,
    decimal? CurrentSurface,
    decimal? CurrentRent,
    decimal MonthlyResources,
    bool? IsFirstQuartile,
    IReadOnlySet<string> WorkCommunes,
    IReadOnlyList<string> WishedCommunes,
    IReadOnlyList<OfferRefusal> Refusals)
{
    /// <summary>Consumption units of the household (for the reste à vivre per UC).</summary>
    public decimal ConsumptionUnits { get; init; } = 1m;

    /// <summary>INSEE code of the commune the applicant lives in now (local "link with the territory" criteria).</summary>
    public string? CurrentCommune { get; init; }

    /// <summary>
    /// The délai anormalement long of the département of the first wished commune, in months (set by préfectoral
    /// arrêté; configuration), or null when it is not configured — then the condition is never met and says so.
    /// </summary>
    public int? AbnormalDelayMonths { get; init; }

    /// <summary>Codes of the grid criteria validated for this demand (by a social worker or a réservataire).</summary>
    public IReadOnlySet<string> ValidatedCriteria { get; init; } = EmptySet;

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    public static CotationFacts From(DemandFile file, HouseholdFactsResult facts, DateOnly registeredOn, DateOnly asOf, IReadOnlyList<OfferRefusal>? refusals = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(facts);
        var rooms = file.CurrentHousing?.Typology is { Length: 2 } t && t[0] == 'T' && char.IsDigit(t[1]) ? t[1] - '0' : (int?)null;
        return new CotationFacts(
            asOf, registeredOn,
            file.Reasons.ToHashSet(StringComparer.Ordinal),
            (file.CurrentHousing?.Models ?? []).ToHashSet(StringComparer.Ordinal),
            file.Priorities.Where(p => p.ValidOn(asOf)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal),
            file.Dalo, file.IsMutation,
            file.CoApplicants.Count == 0 && file.Dependants.Count + file.ChildrenInCustody.Count > 0,
            HouseholdFacts.HasDisabledPerson(file), file.Handicap is not null,
            facts.Persons, rooms, file.CurrentHousing?.Surface, file.CurrentHousing?.MonthlyRent, facts.MonthlyResources,
            facts.FirstQuartile.IsFirstQuartile,
            file.Adults.Select(a => a.Work?.CommuneCode).OfType<string>().ToHashSet(StringComparer.Ordinal),
            file.Wishes.Communes, refusals ?? [])
        {
            ConsumptionUnits = facts.ConsumptionUnits.Units,
            CurrentCommune = file.Applicant.Address?.CommuneCode,
        };
    }
}
