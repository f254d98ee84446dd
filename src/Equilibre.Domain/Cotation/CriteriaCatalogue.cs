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
    Amount,
    CommuneCodes,
}

/// <summary>
/// A condition of the catalogue: its code, its French label, its parameter and how it reads the facts. <see cref="Bind"/>
/// reads the parameter once and returns the test, so that scoring millions of demands never re-parses it.
/// </summary>
public sealed record CatalogueEntry(string Code, string Label, ParameterKind Parameter, CriterionSource DefaultSource, Func<string?, Func<CotationFacts, bool>> Bind)
{
    public bool Test(CotationFacts facts, string? parameter) => Bind(parameter)(facts);
}

/// <summary>
/// The conditions a grid may use (domain.md §8.1–§8.3): every L441-1 priority, DALO, the current-housing situations
/// (SNE codes), the reasons 01–23, a taux d'effort above or a reste à vivre below a threshold, sur-occupation,
/// handicap, mutation, single parent, first quartile, the délai anormalement long of the département (configured per
/// département), and local links (works, lives or wishes first in listed communes). A grid picks conditions and sets
/// their points; it never carries code.
/// </summary>
public static class CriteriaCatalogue
{
    public static readonly IReadOnlyList<CatalogueEntry> All =
    [
        new("PRIORITE", "priorité L441-1 labellisée", ParameterKind.PriorityCode, CriterionSource.Justified, p => f => p is not null && f.Priorities.Contains(p)),
        new("PRIORITE_QUELCONQUE", "au moins une priorité L441-1 labellisée", ParameterKind.None, CriterionSource.Justified, _ => f => f.Priorities.Count > 0),
        new("DALO_ACTIF", "reconnu prioritaire DALO (décision favorable active)", ParameterKind.None, CriterionSource.Justified, _ => f => f.Dalo == DaloStatus.Active),
        new("MOTIF", "motif de la demande", ParameterKind.ReasonCode, CriterionSource.Declared, p => f => p is not null && f.Reasons.Contains(p)),
        new("LOGEMENT_ACTUEL", "situation de logement actuelle", ParameterKind.HousingModel, CriterionSource.Declared, p => f => p is not null && f.HousingModels.Contains(p)),
        new("TAUX_EFFORT_SUPERIEUR", "loyer actuel supérieur à ce pourcentage des ressources mensuelles", ParameterKind.Percent, CriterionSource.Computed,
            p => Number(p) is { } limit
                ? f => f.CurrentRent is { } rent && (f.MonthlyResources <= 0 ? rent > 0 : 100m * rent / f.MonthlyResources > limit)
                : _ => false),
        new("RESTE_A_VIVRE_INFERIEUR", "reste à vivre actuel inférieur à ce montant par UC et par jour (ressources − loyer actuel)", ParameterKind.Amount, CriterionSource.Computed,
            p => Number(p) is { } floor
                ? f => f.CurrentRent is { } rent && f.ConsumptionUnits > 0 && (f.MonthlyResources - rent) / f.ConsumptionUnits / 30m < floor
                : _ => false),
        new("SUROCCUPATION", "logement actuel sur-occupé (plus de deux personnes par pièce)", ParameterKind.None, CriterionSource.Computed,
            _ => f => f.CurrentRooms is { } rooms && f.Persons > 2 * rooms),
        new("HANDICAP", "personne en situation de handicap dans le ménage", ParameterKind.None, CriterionSource.Justified, _ => f => f.HasDisabledPerson || f.HasHandicapComplement),
        new("PARENT_ISOLE", "parent isolé (sans cotitulaire, avec enfant)", ParameterKind.None, CriterionSource.Computed, _ => f => f.SingleParent),
        new("MUTATION", "demande de mutation (locataire HLM)", ParameterKind.None, CriterionSource.Computed, _ => f => f.IsMutation),
        new("PREMIER_QUARTILE", "ménage du premier quartile", ParameterKind.None, CriterionSource.Computed, _ => f => f.IsFirstQuartile == true),
        new("DELAI_ANORMAL", "ancienneté au moins égale au délai anormalement long du département (arrêté préfectoral, configuré)", ParameterKind.None, CriterionSource.Computed,
            _ => f => f.AbnormalDelayMonths is { } months && CotationEngine.FullMonths(f.RegisteredOn, f.AsOf) >= months),
        new("TRAVAILLE_DANS", "un adulte travaille dans l'une de ces communes", ParameterKind.CommuneCodes, CriterionSource.Declared,
            p => Codes(p) is var codes ? f => codes.Overlaps(f.WorkCommunes) : _ => false),
        new("HABITE_DANS", "le demandeur habite l'une de ces communes", ParameterKind.CommuneCodes, CriterionSource.Declared,
            p => Codes(p) is var codes ? f => f.CurrentCommune is { } c && codes.Contains(c) : _ => false),
        new("SOUHAITE_EN_PREMIER", "première commune souhaitée parmi celles-ci", ParameterKind.CommuneCodes, CriterionSource.Declared,
            p => Codes(p) is var codes ? f => f.WishedCommunes.Count > 0 && codes.Contains(f.WishedCommunes[0]) : _ => false),
    ];

    public static CatalogueEntry? Find(string code) => All.FirstOrDefault(e => e.Code == code);

    /// <summary>A criterion or rubric code made from its label when none is given: folded, upper case, underscores.</summary>
    public static string CodeFrom(string label) => SearchText.Fold(label).Replace(' ', '_').ToUpperInvariant();

    /// <summary>Conditions whose fact is itself a validation (a priority label, a DALO decision): no further validation applies.</summary>
    public static bool ValidatedByNature(string condition) => condition is "PRIORITE" or "PRIORITE_QUELCONQUE" or "DALO_ACTIF";

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
            ParameterKind.Percent when Number(criterion.Parameter) is not (> 0 and < 100) => $"{criterion.Label} : pourcentage entre 0 et 100 attendu",
            ParameterKind.Amount when Number(criterion.Parameter) is not > 0 => $"{criterion.Label} : montant en euros supérieur à 0 attendu",
            ParameterKind.CommuneCodes when Codes(criterion.Parameter).Count == 0 => $"{criterion.Label} : au moins un code commune attendu",
            _ => null,
        };
    }

    private static decimal? Number(string? parameter) =>
        decimal.TryParse(parameter?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static HashSet<string> Codes(string? parameter) =>
        (parameter ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
