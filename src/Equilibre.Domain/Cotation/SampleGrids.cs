namespace Equilibre.Domain.Cotation;

/// <summary>
/// Sample grids, labelled "exemple" (domain.md §8.3: ship the engine with no default grid; real grids as samples only).
/// They reproduce what was published of real grids — the points not published are illustrative and the label says so.
/// </summary>
public static class SampleGrids
{
    private static Criterion C(string label, int points, string condition, string? parameter = null, CriterionSource source = CriterionSource.Declared,
        CriterionValidation validation = CriterionValidation.None) => new(CriteriaCatalogue.CodeFrom(label), label, points, condition, parameter, source, validation);

    /// <summary>
    /// A cumulative grid like the Rhône one: menacé d'expulsion 20, parent isolé 5, taux d'effort trop élevé 10 are the
    /// published values; the other points are illustrative.
    /// </summary>
    public static CotationGrid Cumulative(string territory, DateOnly validFrom) => new(
        territory, 1, "Exemple — grille cumulative (type Rhône : 20 / 5 / 10 publiés, autres points illustratifs)", GridScope.General, validFrom, null,
        [
            new Rubric("PRIORITES", "Publics prioritaires", RubricMode.Cumulative,
            [
                C("Reconnu prioritaire DALO", 30, "DALO_ACTIF", source: CriterionSource.Justified),
                C("Menacé d'expulsion sans relogement", 20, "PRIORITE", "MENACE_EXPULSION", CriterionSource.Justified),
                C("Victime de violences au sein du couple", 20, "PRIORITE", "VIOLENCES_COUPLE", CriterionSource.Justified, CriterionValidation.SocialWorker),
                C("Dépourvu de logement", 20, "PRIORITE", "SANS_LOGEMENT", CriterionSource.Justified),
            ]),
            new Rubric("SITUATION", "Situation du ménage", RubricMode.Cumulative,
            [
                C("Parent isolé", 5, "PARENT_ISOLE", source: CriterionSource.Computed),
                C("Taux d'effort trop élevé (loyer > 35 % des ressources)", 10, "TAUX_EFFORT_SUPERIEUR", "35", CriterionSource.Computed),
                C("Logement sur-occupé", 10, "SUROCCUPATION", source: CriterionSource.Computed),
                C("Handicap", 10, "HANDICAP", source: CriterionSource.Justified),
            ]),
        ],
        new SeniorityRule(0.5m, 24), new RefusalPenalty(5, null), null, null, true);

    /// <summary>
    /// A grid like the Paris one: in each rubric only the highest criterion counts (published example: +2 and +1 → 2);
    /// points illustrative.
    /// </summary>
    public static CotationGrid HighestPerRubric(string territory, DateOnly validFrom) => new(
        territory, 1, "Exemple — grille au critère le plus élevé par rubrique (type Paris, points illustratifs)", GridScope.General, validFrom, null,
        [
            new Rubric("HEBERGEMENT", "Conditions d'hébergement", RubricMode.HighestOnly,
            [
                C("Sans abri", 4, "LOGEMENT_ACTUEL", "SD"),
                C("Hébergé en structure", 3, "LOGEMENT_ACTUEL", "SH"),
                C("Cesser d'habiter avec une autre personne (décohabitation)", 2, "MOTIF", "12"),
                C("Hébergé chez ses parents ou ses enfants", 1, "LOGEMENT_ACTUEL", "CPE"),
            ]),
            new Rubric("LOGEMENT", "Logement actuel", RubricMode.HighestOnly,
            [
                C("Logement non décent ou insalubre", 3, "MOTIF", "03"),
                C("Logement sur-occupé", 2, "SUROCCUPATION", source: CriterionSource.Computed),
                C("Logement trop cher", 1, "MOTIF", "09"),
            ]),
        ],
        new SeniorityRule(0.1m, 10), null, null, null, true);

    /// <summary>A Dunkerque-like list: automatic (computed) criteria and criteria needing proof; points illustrative.</summary>
    public static CotationGrid AutomaticAndJustified(string territory, DateOnly validFrom) => new(
        territory, 1, "Exemple — critères automatiques et critères sur justificatif (type Dunkerque, points illustratifs)", GridScope.General, validFrom, null,
        [
            new Rubric("AUTOMATIQUES", "Critères automatiques", RubricMode.Cumulative,
            [
                C("Hébergé en structure", 8, "LOGEMENT_ACTUEL", "SH", CriterionSource.Computed),
                C("Hébergé chez un tiers", 6, "LOGEMENT_ACTUEL", "CP", CriterionSource.Computed),
                C("Taux d'effort supérieur à 30 %", 5, "TAUX_EFFORT_SUPERIEUR", "30", CriterionSource.Computed),
                C("Sur-occupation", 5, "SUROCCUPATION", source: CriterionSource.Computed),
                C("Sous-occupation (mutation vers plus petit)", 4, "MOTIF", "10", CriterionSource.Computed),
            ]),
            new Rubric("JUSTIFIES", "Critères sur justificatif", RubricMode.Cumulative,
            [
                C("Violences familiales", 10, "MOTIF", "06", CriterionSource.Justified, CriterionValidation.SocialWorker),
                C("Logement non décent", 8, "MOTIF", "03", CriterionSource.Justified),
                C("Mutation professionnelle", 4, "MOTIF", "18", CriterionSource.Justified),
                C("Rapprochement du lieu de travail", 3, "MOTIF", "19", CriterionSource.Justified),
                C("Handicap", 6, "HANDICAP", source: CriterionSource.Justified),
            ]),
        ],
        new SeniorityRule(0.25m, 12), new RefusalPenalty(null, 6), null, null, true);

    public static IReadOnlyList<CotationGrid> All(string territory, DateOnly validFrom) =>
        [Cumulative(territory, validFrom), HighestPerRubric(territory, validFrom), AutomaticAndJustified(territory, validFrom)];
}
