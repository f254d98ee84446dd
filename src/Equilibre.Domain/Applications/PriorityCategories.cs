namespace Equilibre.Domain.Applications;

/// <summary>A priority category of L441-1 with its stable internal code and whether its content is confirmed.</summary>
public sealed record PriorityCategory(string Code, string Label, bool Confirmed);

/// <summary>
/// The priority categories of L441-1 (domain.md §6.2). Their letters a) to m) are unconfirmed [U], so the system keys
/// them by internal code and shows a letter only when the configuration maps one (<see cref="PriorityLetters"/>).
/// </summary>
public static class PriorityCategories
{
    public static readonly IReadOnlyList<PriorityCategory> All =
    [
        new("HANDICAP", "personne en situation de handicap ou ménage ayant à charge une personne handicapée", true),
        new("SORTIE_ACT", "sortant d'un appartement de coordination thérapeutique", true),
        new("MAL_LOGE", "mal logé·e, défavorisé·e ou en difficulté particulière de logement", true),
        new("HEBERGE_TRANSITION", "hébergé·e ou logé·e temporairement dans un établissement ou logement de transition", true),
        new("REPRISE_ACTIVITE", "reprise d'activité après une période de chômage de longue durée", true),
        new("HABITAT_INDIGNE", "exposé·e à des situations d'habitat indigne", true),
        new("VIOLENCES_COUPLE", "victime de violences au sein du couple ou menacée de mariage forcé", true),
        new("SORTIE_PROSTITUTION", "engagé·e dans un parcours de sortie de la prostitution", true),
        new("TRAITE_PROXENETISME", "victime de traite des êtres humains ou de proxénétisme", true),
        new("VIOLENCE_SEXUELLE_DOMICILE", "victime de viol ou d'agression sexuelle au domicile ou à ses abords", true),
        new("ENFANT_SUROCCUPE_INDECENT", "avec enfant mineur, en logement manifestement suroccupé ou non décent", true),
        new("SANS_LOGEMENT", "dépourvu·e de logement, y compris hébergé·e par des tiers", true),
        new("MENACE_EXPULSION", "menacé·e d'expulsion sans relogement", true),
        new("JEUNE_ASE", "jeune de moins de 21 ans sortant de l'aide sociale à l'enfance (loi du 7 février 2022)", false),
    ];

    public static PriorityCategory? Find(string? code) => All.FirstOrDefault(c => c.Code == code);
}

/// <summary>
/// The letters of L441-1 as configured (internal code → letter). Empty by default: the letter of each category is
/// unconfirmed (domain.md §6.2 [U]), so the UI says "lettre non paramétrée" rather than guess.
/// </summary>
public sealed record PriorityLetters(IReadOnlyDictionary<string, string> Letters)
{
    public static readonly PriorityLetters None = new(new Dictionary<string, string>());

    public string Describe(string code)
    {
        var label = PriorityCategories.Find(code)?.Label ?? code;
        return Letters.TryGetValue(code, out var letter) ? $"{letter}) {label}" : label;
    }
}
