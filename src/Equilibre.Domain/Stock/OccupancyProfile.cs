using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Privacy;

namespace Equilibre.Domain.Stock;

/// <summary>Household composition as the OPS survey describes it (domain.md §10.2, §16.6).</summary>
public enum HouseholdType
{
    /// <summary>One person alone.</summary>
    PersonAlone,

    /// <summary>A couple without children.</summary>
    CoupleWithoutChildren,

    /// <summary>A couple with one or more children.</summary>
    CoupleWithChildren,

    /// <summary>One adult with one or more children (famille monoparentale).</summary>
    SingleParent,

    /// <summary>Any other household (co-tenants, several generations, adults without a couple…).</summary>
    Other,
}

/// <summary>Resources as a share of the PLUS ceiling of the household (domain.md §10.2, brackets [U] §16.6).</summary>
public enum ResourceBand
{
    /// <summary>Below 20 %.</summary>
    Below20,

    /// <summary>20 % to below 40 %.</summary>
    From20To40,

    /// <summary>40 % to below 60 %.</summary>
    From40To60,

    /// <summary>60 % to 100 % included (at the ceiling is still eligible).</summary>
    From60To100,

    /// <summary>Above 100 %.</summary>
    Above100,

    /// <summary>Income not given, or no PLUS ceiling known for the household.</summary>
    Unknown,
}

/// <summary>One household of the OPS survey, as the résidence profile needs it (no name, no identifier).</summary>
/// <param name="Persons">Persons living in the home (L442-12).</param>
/// <param name="Type">Composition (personne seule, couple, famille monoparentale…).</param>
/// <param name="Dependants">Persons à charge among them (for the ceiling category).</param>
/// <param name="IsYoungCouple">Couple whose ages add up to 55 or less (category 3, domain.md §3.3).</param>
/// <param name="HasDisabledPerson">A person holding a disability card (raises the category).</param>
/// <param name="ReferenceIncome">Sum of the revenus fiscaux de référence; null when not given.</param>
/// <param name="ReceivesApl">The household receives APL (or AL), directly or through the bailleur (tiers payant).</param>
/// <param name="MovedInOn">Date the household moved into the dwelling.</param>
/// <param name="Persons60Plus">Persons aged 60 or more; null when the household did not say.</param>
/// <param name="Persons75Plus">Persons aged 75 or more; null when the household did not say.</param>
public sealed record SurveyedHousehold(
    int Persons, HouseholdType Type, int Dependants, bool IsYoungCouple, bool HasDisabledPerson,
    decimal? ReferenceIncome, bool ReceivesApl, DateOnly MovedInOn, int? Persons60Plus, int? Persons75Plus)
{
    public HouseholdComposition Composition => new(Persons, Dependants, IsYoungCouple, HasDisabledPerson);
}

/// <summary>A labelled share, shown or masked.</summary>
public sealed record ProfileShare(string Label, DisclosedShare Share);

/// <summary>The figures of one group of households (all the households of a résidence, or its recent movers), each masked by the 11-household rule.</summary>
public sealed record GroupProfile(
    string Label,
    DisclosedCount Households,
    DisclosedCount Persons,
    IReadOnlyList<ProfileShare> Composition,
    IReadOnlyList<ProfileShare> Resources,
    DisclosedShare AplRecipients,
    DisclosedShare Persons60Plus,
    DisclosedShare Persons75Plus)
{
    /// <summary>Every figure of the group is masked (fewer than 11 households, or secondary masking).</summary>
    public bool Masked => Households.Masked;
}

/// <summary>What the OPS profile of a résidence shows: all its households, its recent movers, and how every figure was made.</summary>
public sealed record OccupancyProfileResult(GroupProfile All, GroupProfile RecentMovers, IReadOnlyList<string> Explanation);

/// <summary>
/// The occupancy profile of a résidence from the OPS survey (domain.md §10.2, §10.3, §16.6): households, persons,
/// composition, resources as a share of the PLUS ceiling of each household (brackets &lt; 20, 20–40, 40–60, 60–100,
/// &gt; 100 %), housing-allowance recipients, persons aged 60+ and 75+, and the same for the households that moved in
/// recently. Every output goes through <see cref="HouseholdDisclosure"/>.
/// </summary>
public static class OccupancyProfile
{
    /// <summary>The band of an income against a ceiling; unknown when either is missing.</summary>
    public static ResourceBand Band(decimal? income, decimal? ceiling)
    {
        if (income is not { } i || ceiling is not { } c || c <= 0)
        {
            return ResourceBand.Unknown;
        }

        var share = 100m * i / c;
        return share switch
        {
            < 20m => ResourceBand.Below20,
            < 40m => ResourceBand.From20To40,
            < 60m => ResourceBand.From40To60,
            <= 100m => ResourceBand.From60To100,
            _ => ResourceBand.Above100,
        };
    }

    public static string Label(ResourceBand band) => band switch
    {
        ResourceBand.Below20 => "moins de 20 % du plafond PLUS",
        ResourceBand.From20To40 => "de 20 à moins de 40 %",
        ResourceBand.From40To60 => "de 40 à moins de 60 %",
        ResourceBand.From60To100 => "de 60 à 100 %",
        ResourceBand.Above100 => "plus de 100 %",
        ResourceBand.Unknown => "ressources ou plafond inconnus",
    };

    public static string Label(HouseholdType type) => type switch
    {
        HouseholdType.PersonAlone => "personne seule",
        HouseholdType.CoupleWithoutChildren => "couple sans enfant",
        HouseholdType.CoupleWithChildren => "couple avec enfant(s)",
        HouseholdType.SingleParent => "famille monoparentale",
        HouseholdType.Other => "autre ménage",
    };

    /// <summary>Whether a household moved in less than <paramref name="recentYears"/> years before the survey date.</summary>
    public static bool IsRecentMover(DateOnly movedInOn, DateOnly surveyDate, int recentYears) => movedInOn > surveyDate.AddYears(-recentYears);

    /// <param name="households">The households of the résidence answering the survey.</param>
    /// <param name="surveyDate">1 January of the survey year: the PLUS ceilings of that year, the recent-mover window.</param>
    /// <param name="zone">Zone of the HLM ceilings of the commune; null overseas (resources then unknown).</param>
    /// <param name="ceilings">The HLM ceilings table (reference data).</param>
    /// <param name="recentYears">Recent movers: moved in less than this many years before the survey date (3, R442-14; 2 in the ministry's publications [U]).</param>
    public static OccupancyProfileResult Compute(
        IReadOnlyList<SurveyedHousehold> households, DateOnly surveyDate, CeilingZone? zone, IEnumerable<ResourceCeiling> ceilings, int recentYears)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(ceilings);
        ArgumentOutOfRangeException.ThrowIfLessThan(recentYears, 1);
        var table = ceilings.Where(c => c.Financing == Financing.Plus).ToList();
        var bands = households.Select(h =>
        {
            var ceiling = zone is { } z ? ResourceCeilings.Find(table, Financing.Plus, z, HouseholdCategories.Rank(h.Composition).Rank, surveyDate).Amount : null;
            return Band(h.ReferenceIncome, ceiling);
        }).ToList();
        var recent = households.Select(h => IsRecentMover(h.MovedInOn, surveyDate, recentYears)).ToList();
        var recentCount = recent.Count(r => r);
        var (_, parts) = HouseholdDisclosure.Split(households.Count, [("emménagés récents", recentCount)]);
        var recentPart = parts[0];

        var all = Group("tous les ménages", households, bands, households.Count);
        var recentHouseholds = households.Where((_, i) => recent[i]).ToList();
        var recentBands = bands.Where((_, i) => recent[i]).ToList();

        // A masked part (primary or secondary) must show nothing: its figures are computed over an empty visible group.
        var recentGroup = Group(French.Format($"emménagés depuis moins de {recentYears} ans"), recentHouseholds, recentBands,
            recentPart.Households.Masked ? 0 : recentCount);
        if (recentPart.SecondaryMasking)
        {
            recentGroup = recentGroup with { Households = recentPart.Households };
        }

        var unknown = bands.Count(b => b == ResourceBand.Unknown);
        var explanation = new List<string>
        {
            HouseholdDisclosure.Rule,
            French.Format($"enquête au {surveyDate:dd/MM/yyyy} : ressources (revenu fiscal de référence) rapportées au plafond PLUS {surveyDate.Year} de la catégorie de chaque ménage")
                + (zone is { } zz ? $", zone « {ResourceCeilings.Label(zz)} »" : ", zone des plafonds inconnue (outre-mer) : tranches indéterminées"),
            "tranches : moins de 20 %, 20 à 40 %, 40 à 60 %, 60 à 100 % (plafond compris), plus de 100 % (tranches de l'OPS non confirmées, domain.md §16.6)",
            French.Format($"emménagés récents : entrés dans le logement moins de {recentYears} ans avant le {surveyDate:dd/MM/yyyy} (R442-14 : « au cours des trois dernières années » ; le ministère publie aussi « moins de 2 ans »)"),
        };
        if (!all.Masked && unknown > 0)
        {
            explanation.Add("part des ménages dont les ressources ou le plafond sont inconnus : comptée à part");
        }

        if (recentPart.SecondaryMasking)
        {
            explanation.Add("emménagés récents masqués : les autres ménages de la résidence seraient sinon moins de 11 et se déduiraient par différence (masquage secondaire)");
        }

        explanation.Add("âges : parts calculées sur les personnes des ménages qui ont indiqué leurs âges (au moins 11 ménages)");
        return new OccupancyProfileResult(all, recentGroup, explanation);
    }

    private static GroupProfile Group(string label, IReadOnlyList<SurveyedHousehold> households, IReadOnlyList<ResourceBand> bands, int visibleHouseholds)
    {
        var count = households.Count;
        var persons = households.Sum(h => h.Persons);
        var composition = Enum.GetValues<HouseholdType>()
            .Select(t => new ProfileShare(Label(t), HouseholdDisclosure.Share(households.Count(h => h.Type == t), visibleHouseholds, count)))
            .ToList();
        var resources = Enum.GetValues<ResourceBand>()
            .Select(b => new ProfileShare(Label(b), HouseholdDisclosure.Share(bands.Count(x => x == b), visibleHouseholds, count)))
            .ToList();
        var apl = HouseholdDisclosure.Share(households.Count(h => h.ReceivesApl), visibleHouseholds, count);
        var aged = households.Where(h => h.Persons60Plus is not null).ToList();
        var agedVisible = visibleHouseholds == 0 ? 0 : aged.Count;
        var agedPersons = aged.Sum(h => h.Persons);
        var over60 = HouseholdDisclosure.Share(aged.Sum(h => h.Persons60Plus!.Value), agedVisible, agedPersons);
        var over75 = HouseholdDisclosure.Share(aged.Sum(h => h.Persons75Plus ?? 0), agedVisible, agedPersons);
        return new GroupProfile(label, HouseholdDisclosure.Of(count, visibleHouseholds), HouseholdDisclosure.Of(persons, visibleHouseholds),
            composition, resources, apl, over60, over75);
    }
}
