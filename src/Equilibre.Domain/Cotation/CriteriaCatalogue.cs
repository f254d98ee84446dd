using System.Globalization;
using Equilibre.Domain.Applications;

namespace Equilibre.Domain.Cotation;

/// <summary>What a catalogue condition's parameter is.</summary>
public enum ParameterKind
{
    None,
    ReasonCode,
    HousingModel,
    PriorityCode,
    Percent,
    CommuneCodes,
}

/// <summary>A condition of the catalogue: its code, its French label, its parameter and how it reads the facts.</summary>
public sealed record CatalogueEntry(string Code, string Label, ParameterKind Parameter, CriterionSource DefaultSource, Func<CotationFacts, string?, bool> Test);

/// <summary>
/// The conditions a grid may use (domain.md §8.1–§8.3): every L441-1 priority, DALO, the current-housing situations
/// (SNE codes), the reasons 01–23, a taux d'effort above a threshold, sur-occupation, handicap, mutation, single
/// parent, first quartile, and local links (works or wishes in listed communes). A grid picks conditions and sets their
/// points; it never carries code.
/// </summary>
public static class CriteriaCatalogue
{
    public static readonly IReadOnlyList<CatalogueEntry> All =
    [
        new("PRIORITE", "priorité L441-1 labellisée", ParameterKind.PriorityCode, CriterionSource.Justified, (f, p) => p is not null && f.Priorities.Contains(p)),
        new("PRIORITE_QUELCONQUE", "au moins une priorité L441-1 labellisée", ParameterKind.None, CriterionSource.Justified, (f, _) => f.Priorities.Count > 0),
        new("DALO_ACTIF", "reconnu prioritaire DALO (décision favorable active)", ParameterKind.None, CriterionSource.Justified, (f, _) => f.Dalo == DaloStatus.Active),
        new("MOTIF", "motif de la demande", ParameterKind.ReasonCode, CriterionSource.Declared, (f, p) => p is not null && f.Reasons.Contains(p)),
        new("LOGEMENT_ACTUEL", "situation de logement actuelle", ParameterKind.HousingModel, CriterionSource.Declared, (f, p) => p is not null && f.HousingModels.Contains(p)),
        new("TAUX_EFFORT_SUPERIEUR", "loyer actuel supérieur à ce pourcentage des ressources mensuelles", ParameterKind.Percent, CriterionSource.Computed,
            (f, p) => f.CurrentRent is { } rent && Percent(p) is { } limit && (f.MonthlyResources <= 0 ? rent > 0 : 100m * rent / f.MonthlyResources > limit)),
        new("SUROCCUPATION", "logement actuel sur-occupé (plus de deux personnes par pièce)", ParameterKind.None, CriterionSource.Computed,
            (f, _) => f.CurrentRooms is { } rooms && f.Persons > 2 * rooms),
        new("HANDICAP", "personne en situation de handicap dans le ménage", ParameterKind.None, CriterionSource.Justified, (f, _) => f.HasDisabledPerson || f.HasHandicapComplement),
        new("PARENT_ISOLE", "parent isolé (sans cotitulaire, avec enfant)", ParameterKind.None, CriterionSource.Computed, (f, _) => f.SingleParent),
        new("MUTATION", "demande de mutation (locataire HLM)", ParameterKind.None, CriterionSource.Computed, (f, _) => f.IsMutation),
        new("PREMIER_QUARTILE", "ménage du premier quartile", ParameterKind.None, CriterionSource.Computed, (f, _) => f.IsFirstQuartile == true),
        new("TRAVAILLE_DANS", "un adulte travaille dans l'une de ces communes", ParameterKind.CommuneCodes, CriterionSource.Declared,
            (f, p) => Codes(p).Overlaps(f.WorkCommunes)),
        new("SOUHAITE_EN_PREMIER", "première commune souhaitée parmi celles-ci", ParameterKind.CommuneCodes, CriterionSource.Declared,
            (f, p) => f.WishedCommunes.Count > 0 && Codes(p).Contains(f.WishedCommunes[0])),
    ];

    public static CatalogueEntry? Find(string code) => All.FirstOrDefault(e => e.Code == code);

    /// <summary>Is a criterion's condition one of the catalogue's, with a parameter of the right kind? Null when it is.</summary>
    public static string? Check(Criterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        if (Find(criterion.Condition) is not { } entry)
        {
            return $"« {criterion.Condition} » n'est pas une condition du catalogue";
        }

        return entry.Parameter switch
        {
            ParameterKind.None => null,
            ParameterKind.ReasonCode when !SneCodes.Reason.ContainsKey(criterion.Parameter ?? "") => $"{criterion.Label} : motif 01 à 23 attendu",
            ParameterKind.HousingModel when !SneCodes.HousingModel.ContainsKey(criterion.Parameter ?? "") => $"{criterion.Label} : code de situation de logement du SNE attendu",
            ParameterKind.PriorityCode when PriorityCategories.Find(criterion.Parameter) is null => $"{criterion.Label} : code de priorité L441-1 attendu",
            ParameterKind.Percent when Percent(criterion.Parameter) is not (> 0 and < 100) => $"{criterion.Label} : pourcentage entre 0 et 100 attendu",
            ParameterKind.CommuneCodes when Codes(criterion.Parameter).Count == 0 => $"{criterion.Label} : au moins un code commune attendu",
            _ => null,
        };
    }

    private static decimal? Percent(string? parameter) =>
        decimal.TryParse(parameter, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static HashSet<string> Codes(string? parameter) =>
        (parameter ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
