namespace Equilibre.Domain.Applications;

/// <summary>
/// The SNE code lists of domain.md §2.2 with their French labels. Codes are stored as the SNE spells them so that a
/// file exchanged with the SNE round-trips; a code outside its list is refused at input with the list's name.
/// </summary>
public static class SneCodes
{
    public static readonly IReadOnlyDictionary<string, string> Civility = new Dictionary<string, string>
    {
        ["1"] = "M.",
        ["2"] = "Mme",
        ["3"] = "Mlle",
    };

    public static readonly IReadOnlyDictionary<string, string> Nationality = new Dictionary<string, string>
    {
        ["1"] = "française",
        ["2"] = "Union européenne",
        ["3"] = "hors Union européenne",
    };

    public static readonly IReadOnlyDictionary<string, string> FamilySituation = new Dictionary<string, string>
    {
        ["C"] = "célibataire",
        ["M"] = "marié·e",
        ["D"] = "divorcé·e",
        ["S"] = "séparé·e",
        ["P"] = "pacsé·e",
        ["U"] = "concubinage",
        ["V"] = "veuf·ve",
    };

    public static readonly IReadOnlyDictionary<string, string> LinkToApplicant = new Dictionary<string, string>
    {
        ["M"] = "conjoint·e",
        ["P"] = "partenaire de PACS",
        ["C"] = "concubin·e",
        ["L"] = "co-locataire",
    };

    public static readonly IReadOnlyDictionary<string, string> ContractType = new Dictionary<string, string>
    {
        ["CDI"] = "CDI (ou fonctionnaire)",
        ["CDD"] = "CDD, stage, intérim",
        ["ART"] = "artisan, commerçant, profession libérale",
        ["CHO"] = "chômage",
        ["APP"] = "apprenti",
        ["ETU"] = "étudiant",
        ["RET"] = "retraité",
        ["AUT"] = "autre",
    };

    /// <summary>Monthly resources received (APL and AL are never declared: "AUT" is "autres, hors APL ou AL").</summary>
    public static readonly IReadOnlyDictionary<string, string> ResourceReceived = new Dictionary<string, string>
    {
        ["SAL"] = "salaire ou revenu d'activité",
        ["RET"] = "retraite",
        ["CHO"] = "allocation chômage / indemnités",
        ["PAR"] = "pension alimentaire reçue",
        ["PINV"] = "pension d'invalidité",
        ["AF"] = "allocations familiales",
        ["AAH"] = "allocation aux adultes handicapés",
        ["AEEH"] = "allocation d'éducation de l'enfant handicapé",
        ["AJPP"] = "allocation journalière de présence parentale",
        ["RSA"] = "revenu de solidarité active",
        ["AMV"] = "minimum vieillesse",
        ["PAJE"] = "prestation d'accueil du jeune enfant",
        ["BE"] = "bourse étudiant",
        ["AUT"] = "autres (hors APL ou AL)",
    };

    public static readonly IReadOnlyDictionary<string, string> ResourcePaid = new Dictionary<string, string>
    {
        ["PAV"] = "pension alimentaire versée",
    };

    public static readonly IReadOnlyDictionary<string, string> Sex = new Dictionary<string, string> { ["M"] = "masculin", ["F"] = "féminin" };

    public static readonly IReadOnlyDictionary<string, string> Relationship = new Dictionary<string, string>
    {
        ["P"] = "parent",
        ["E"] = "enfant",
        ["A"] = "autre",
    };

    public static readonly IReadOnlyDictionary<string, string> Custody = new Dictionary<string, string>
    {
        ["G"] = "garde alternée",
        ["D"] = "droit de visite",
    };

    public static readonly IReadOnlyDictionary<string, string> HousingModel = new Dictionary<string, string>
    {
        ["HLM"] = "locataire HLM",
        ["LP"] = "locataire du parc privé",
        ["RS"] = "résidence sociale, foyer, pension de famille",
        ["RHVS"] = "résidence hôtelière à vocation sociale",
        ["RE"] = "résidence étudiant",
        ["SLHT"] = "sous-locataire ou hébergé dans un logement temporaire",
        ["SH"] = "structure d'hébergement",
        ["CDEFCM"] = "centre de l'enfance, centre maternel",
        ["CPE"] = "chez ses parents ou ses enfants",
        ["CP"] = "chez un particulier",
        ["LTG"] = "logé à titre gratuit",
        ["FONC"] = "logement de fonction",
        ["POCC"] = "propriétaire occupant",
        ["CAMCAR"] = "camping, caravaning",
        ["HOT"] = "hôtel",
        ["SD"] = "sans abri",
        ["SQUAT"] = "squat",
    };

    public static readonly IReadOnlyDictionary<string, string> HousingCategory = new Dictionary<string, string>
    {
        ["A"] = "appartement",
        ["M"] = "maison",
    };

    public static readonly IReadOnlyDictionary<string, string> WishedCategory = new Dictionary<string, string>
    {
        ["A"] = "appartement",
        ["M"] = "maison",
        ["I"] = "indifférent",
    };

    /// <summary>Typologies sought (SNE typeLogement).</summary>
    public static readonly IReadOnlyDictionary<string, string> Typology = new Dictionary<string, string>
    {
        ["C"] = "chambre",
        ["T1"] = "T1",
        ["T2"] = "T2",
        ["T3"] = "T3",
        ["T4"] = "T4",
        ["T5"] = "T5",
        ["T6P"] = "T6 et plus",
    };

    /// <summary>Current housing typology: the same list (the CERFA asks the number of rooms).</summary>
    public static IReadOnlyDictionary<string, string> CurrentTypology => Typology;

    public static readonly IReadOnlyDictionary<string, string> Reason = new Dictionary<string, string>
    {
        ["01"] = "sans logement, hébergé ou en logement temporaire",
        ["02"] = "démolition",
        ["03"] = "logement non décent, insalubre ou impropre à l'habitation",
        ["04"] = "logement repris ou mis en vente par le propriétaire",
        ["05"] = "procédure d'expulsion",
        ["06"] = "violences familiales",
        ["07"] = "handicap",
        ["08"] = "raisons de santé",
        ["09"] = "logement trop cher",
        ["10"] = "logement trop grand",
        ["11"] = "divorce, séparation",
        ["12"] = "décohabitation",
        ["13"] = "logement trop petit",
        ["14"] = "futur mariage, PACS",
        ["15"] = "regroupement familial",
        ["16"] = "assistant(e) maternel(le) ou familial(e)",
        ["17"] = "problème d'environnement ou de voisinage",
        ["18"] = "mutation professionnelle",
        ["19"] = "rapprochement du lieu de travail",
        ["20"] = "rapprochement des équipements et services",
        ["21"] = "rapprochement de la famille",
        ["22"] = "accédant à la propriété en difficulté",
        ["23"] = "autre motif",
    };

    public static readonly IReadOnlyDictionary<string, string> HandicapState = new Dictionary<string, string>
    {
        ["STA"] = "stabilisé",
        ["EVO"] = "évolutif",
    };

    public static readonly IReadOnlyDictionary<string, string> Walking = new Dictionary<string, string>
    {
        ["1"] = "marche impossible",
        ["2"] = "peut monter 1 à 3 marches",
        ["3"] = "peut monter jusqu'au 1er étage",
        ["4"] = "peut monter au-delà du 1er étage",
    };

    public static readonly IReadOnlyDictionary<string, string> Motor = new Dictionary<string, string>
    {
        ["MS"] = "membres supérieurs",
        ["MI"] = "membres inférieurs",
    };

    public static readonly IReadOnlyDictionary<string, string> Sensory = new Dictionary<string, string>
    {
        ["DA"] = "déficience auditive",
        ["DV"] = "déficience visuelle",
    };

    public static readonly IReadOnlyDictionary<string, string> TechnicalAid = new Dictionary<string, string>
    {
        ["1"] = "aucune",
        ["2"] = "canne(s) ou béquille(s)",
        ["3"] = "déambulateur",
        ["4"] = "fauteuil roulant manuel",
        ["5"] = "fauteuil roulant électrique",
        ["6"] = "lève-personne",
        ["7"] = "lit médicalisé",
    };

    public static readonly IReadOnlyDictionary<string, string> Equipment = new Dictionary<string, string>
    {
        ["1"] = "baignoire adaptée",
        ["2"] = "WC avec espace de transfert",
        ["3"] = "douche sans seuil",
        ["4"] = "ascenseur",
        ["5"] = "chambre pour une tierce personne",
        ["6"] = "stationnement de 3,30 m",
    };

    public static readonly IReadOnlyDictionary<DaloStatus, string> Dalo = new Dictionary<DaloStatus, string>
    {
        [DaloStatus.None] = "NON",
        [DaloStatus.Active] = "ACTIF",
        [DaloStatus.Lapsed] = "CADUC",
        [DaloStatus.ActiveRehoused] = "ACTREL",
    };

    public static string DaloLabel(DaloStatus status) => status switch
    {
        DaloStatus.None => "pas de recours DALO",
        DaloStatus.Active => "DALO actif (décision favorable)",
        DaloStatus.Lapsed => "DALO caduc",
        DaloStatus.ActiveRehoused => "DALO relogé",
    };

    public static DaloStatus? ParseDalo(string? code) => Dalo.FirstOrDefault(p => p.Value == code?.Trim().ToUpperInvariant()) is { Value: not null } found ? found.Key : null;

    /// <summary>The label of a code in a list, or the code itself when unknown.</summary>
    public static string Label(IReadOnlyDictionary<string, string> list, string? code) =>
        code is null ? "" : list.TryGetValue(code, out var label) ? label : code;
}
