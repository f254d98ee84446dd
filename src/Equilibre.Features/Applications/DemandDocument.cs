using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;

namespace Equilibre.Features.Applications;

/// <summary>
/// One demand with its computed facts, as the API (<c>GET /api/v1/demandes/{numero}</c>) and the CLI
/// (<c>equilibre demandes show --json</c>) return it: the same document for both, serialised with
/// <see cref="DemandJson.Options"/>. Every computed figure carries its explanation lines.
/// </summary>
public sealed record DemandDocument(
    string Numero,
    string Status,
    string StatusLabel,
    DateOnly RegisteredOn,
    DateOnly ValidUntil,
    DateOnly? LastRenewedOn,
    string? Radiation,
    DateOnly? RadiatedOn,
    int SeniorityDays,
    bool IsDemo,
    int Version,
    DemandDocument.FactsDocument Facts,
    IReadOnlyList<DemandDocument.WishDocument> Wishes,
    GetDemand.Attestation Attestation,
    DemandFile Content)
{
    public sealed record FactsDocument(
        DateOnly ComputedOn,
        int Persons,
        int Dependants,
        IReadOnlyList<string> PersonsExplanation,
        int Category,
        int ExtraPersons,
        string CategoryExplanation,
        decimal ConsumptionUnits,
        IReadOnlyList<string> ConsumptionUnitsExplanation,
        decimal MonthlyResources,
        decimal? AnnualResourcesPerUc,
        IReadOnlyList<string> ResourcesExplanation,
        bool? FirstQuartile,
        decimal? ThresholdUsed,
        int? ThresholdYear,
        string? ThresholdSource,
        IReadOnlyList<string> FirstQuartileExplanation,
        decimal? ReferenceIncome,
        IReadOnlyList<string> ReferenceIncomeExplanation,
        string? Zone,
        IReadOnlyDictionary<string, EligibilityDocument> Eligibility,
        bool Mutation,
        IReadOnlyList<string> ConfigurableRules);

    public sealed record EligibilityDocument(bool? Eligible, decimal? Ceiling, IReadOnlyList<string> Reasons);

    public sealed record WishDocument(int Rank, string CommuneCode, string CommuneName, DateOnly Since, int SeniorityDays);

    public static DemandDocument From(GetDemand.Result d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var f = d.Facts;
        var rules = new[]
        {
            d.Settings.Household.ConsumptionUnits.Source, d.Settings.Household.Resources.Source, d.Settings.Household.UnbornSource, d.Settings.PopulationSource,
        };
        var facts = new FactsDocument(
            d.Today, f.Persons, f.Dependants, f.PersonsExplanation, f.Category.Category, f.Category.ExtraPersons, f.Category.Explanation,
            f.ConsumptionUnits.Units, f.ConsumptionUnits.Explanation, f.MonthlyResources, f.FirstQuartile.AnnualResourcesPerUc, f.ResourcesExplanation,
            f.FirstQuartile.IsFirstQuartile, f.ThresholdUsed?.AmountPerUcPerYear, f.ThresholdUsed?.Year, f.ThresholdUsed?.Source, f.FirstQuartile.Explanation,
            f.ReferenceIncome, f.ReferenceIncomeExplanation, f.Zone.Zone is { } z ? ResourceCeilings.Label(z) : null,
            f.Eligibility.ToDictionary(e => ResourceCeilings.Label(e.Key), e => new EligibilityDocument(e.Value.Eligible, e.Value.Ceiling, e.Value.Reasons)),
            f.IsMutation, rules);
        return new DemandDocument(
            d.Numero, d.Status.ToString(), d.StatusLabel, d.State.RegisteredOn, d.State.ExpiresOn.AddDays(-1), d.LastRenewedOn,
            d.State.Radiation is { } r ? DemandLifecycle.Code(r) : null, d.State.RadiatedOn, d.SeniorityDays, d.IsDemo, d.Version, facts,
            [.. d.Wishes.Select(w => new WishDocument(w.Rank, w.CommuneCode, w.CommuneName, w.Since, w.SeniorityDays))], d.Attestation, d.File);
    }
}
