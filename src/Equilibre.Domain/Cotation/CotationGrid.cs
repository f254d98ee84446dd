namespace Equilibre.Domain.Cotation;

/// <summary>A grid applies to all first demands, or only to mutation demands (domain.md §8.1: a separate grid is allowed).</summary>
public enum GridScope
{
    General,
    Mutation,
}

/// <summary>How the criteria of a rubric add up (domain.md §8.2).</summary>
public enum RubricMode
{
    /// <summary>Every matching criterion counts (the Rhône grid).</summary>
    Cumulative,

    /// <summary>Only the highest matching criterion counts (the Paris grid: +2 and +1 in one rubric → 2).</summary>
    HighestOnly,
}

/// <summary>Where a criterion's truth comes from.</summary>
public enum CriterionSource
{
    Declared,
    Justified,
    Computed,
}

/// <summary>Who must validate a criterion before it counts (domain.md §8.2: e.g. family violence by a social worker).</summary>
public enum CriterionValidation
{
    None,
    SocialWorker,
    Reservataire,
}

/// <summary>
/// A criterion: a declarative condition chosen from the catalogue (<see cref="CriteriaCatalogue"/>), with an optional
/// parameter (a reason code, a priority code, a threshold), never arbitrary code.
/// </summary>
public sealed record Criterion(
    string Code, string Label, int Points, string Condition, string? Parameter, CriterionSource Source, CriterionValidation Validation);

public sealed record Rubric(string Code, string Label, RubricMode Mode, IReadOnlyList<Criterion> Criteria);

/// <summary>Seniority points: so many per full month since registration, up to a cap (null = no cap).</summary>
public sealed record SeniorityRule(decimal PointsPerMonth, int? Cap);

/// <summary>
/// What refusing an adapted offer costs: points withdrawn per refusal, or the score frozen for some months (domain.md
/// §8.1: the PPGD states the cases where a refusal affects the cotation and how).
/// </summary>
public sealed record RefusalPenalty(int? PointsPerRefusal, int? FreezeMonths);

/// <summary>
/// A cotation grid of a territory (domain.md §8.2): version, validity, scope, rubrics, seniority, refusal penalty and an
/// optional total cap. A draft can change; a published version is immutable (<see cref="CotationGrids.Edit"/>).
/// </summary>
public sealed record CotationGrid(
    string Territory,
    int Version,
    string Label,
    GridScope Scope,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    IReadOnlyList<Rubric> Rubrics,
    SeniorityRule? Seniority,
    RefusalPenalty? Refusal,
    int? TotalCap,
    DateOnly? PublishedOn,
    bool IsExample)
{
    public bool IsPublished => PublishedOn is not null;

    public bool ValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}
