namespace Equilibre.Domain.Eligibility;

/// <summary>Financing of a social dwelling that carries a resource ceiling (arrêté du 29 juillet 1987 modifié).</summary>
public enum Financing
{
    Plai,
    Plus,
    Pls,
}

/// <summary>The three zones of the HLM ceilings (domain.md §3.4). Grand Est is entirely in <see cref="OtherRegions"/>.</summary>
public enum CeilingZone
{
    ParisAndAdjoiningCommunes,
    IleDeFranceOutsideParis,
    OtherRegions,
}

/// <summary>How a ceiling value is known: published in an arrêté, taken from a secondary source, or derived.</summary>
public enum CeilingStatus
{
    Published,
    PublishedSecondarySource,
    Derived,
}

/// <summary>
/// One cell of the ceilings table: annual revenu fiscal de référence (N-2) ceiling for a financing, zone and
/// household category 1–6, or the amount per person beyond category 6 (<see cref="Category"/> = null).
/// Ceilings are revised every 1 January (domain.md §3.2): a cell applies during the calendar year of
/// <see cref="EffectiveFrom"/>, from that date.
/// </summary>
public sealed record ResourceCeiling(
    DateOnly EffectiveFrom,
    Financing Financing,
    CeilingZone Zone,
    int? Category,
    decimal Amount,
    CeilingStatus Status,
    string StatusText,
    string? Reference,
    string? Note);

/// <summary>A ceiling with the lines that explain how it was obtained.</summary>
public sealed record CeilingLookup(decimal? Amount, int Category, int ExtraPersons, IReadOnlyList<string> Explanation, IReadOnlyList<ResourceCeiling> CellsUsed)
{
    public bool Found => Amount is not null;
}

/// <summary>
/// Ceiling lookup (domain.md §3.3, §3.5): the cell of the date's year for the financing, zone and category;
/// beyond category 6, the category 6 amount plus the per-person amount for each extra person. A year without a
/// known cell has no ceiling — the previous year's value is named in the explanation, never applied, since the
/// ceilings are revised every 1 January (domain.md §3.2).
/// </summary>
public static class ResourceCeilings
{
    /// <param name="table">All known cells, any dates.</param>
    /// <param name="financing">Financing of the dwelling (PLAI, PLUS, PLS).</param>
    /// <param name="zone">Zone of the commune of the dwelling.</param>
    /// <param name="categoryRank">The household's rank from the category rule: 1–6, or more for larger households
    /// (7 = category 6 + one extra person).</param>
    /// <param name="asOf">Date the ceiling applies to (the year of the lease signature).</param>
    public static CeilingLookup Find(IEnumerable<ResourceCeiling> table, Financing financing, CeilingZone zone, int categoryRank, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(categoryRank, 1);
        var category = Math.Min(categoryRank, 6);
        var extra = categoryRank - category;
        var cells = table.Where(c => c.Financing == financing && c.Zone == zone && c.EffectiveFrom <= asOf).ToList();
        var lines = new List<string>();
        var baseCell = InForce(cells, category, asOf.Year);
        if (baseCell is null)
        {
            lines.Add(French.Format($"aucun plafond {Label(financing)} {asOf.Year} connu pour la catégorie {category}, zone « {Label(zone)} »")
                + PreviousValue(cells, category));
            return new CeilingLookup(null, category, extra, lines, []);
        }

        lines.Add(French.Format($"plafond {Label(financing)}, zone « {Label(zone)} », catégorie {category} en vigueur depuis le {baseCell.EffectiveFrom:dd/MM/yyyy} : {baseCell.Amount:N0} € ({baseCell.StatusText})"));
        if (extra == 0)
        {
            return new CeilingLookup(baseCell.Amount, category, 0, lines, [baseCell]);
        }

        var perPerson = InForce(cells, null, asOf.Year);
        if (perPerson is null)
        {
            lines.Add(French.Format($"aucun montant par personne supplémentaire {Label(financing)} {asOf.Year} connu : plafond indéterminé pour {extra} personne(s) au-delà de la catégorie 6")
                + PreviousValue(cells, null));
            return new CeilingLookup(null, category, extra, lines, [baseCell]);
        }

        var amount = baseCell.Amount + (extra * perPerson.Amount);
        lines.Add(French.Format($"+ {extra} × {perPerson.Amount:N0} € par personne supplémentaire ({perPerson.StatusText}) = {amount:N0} €"));
        return new CeilingLookup(amount, category, extra, lines, [baseCell, perPerson]);
    }

    /// <summary>The cell of <paramref name="year"/>, latest effective date first.</summary>
    public static ResourceCeiling? InForce(IEnumerable<ResourceCeiling> cells, int? category, int year) =>
        cells.Where(c => c.Category == category && c.EffectiveFrom.Year == year).MaxBy(c => c.EffectiveFrom);

    private static string PreviousValue(List<ResourceCeiling> cells, int? category) =>
        cells.Where(c => c.Category == category).MaxBy(c => c.EffectiveFrom) is { } last
            ? French.Format($" (dernière valeur connue : {last.Amount:N0} € au {last.EffectiveFrom:dd/MM/yyyy}, non appliquée : les plafonds sont révisés chaque 1er janvier)")
            : "";

    public static string Label(Financing financing) => financing switch
    {
        Financing.Plai => "PLAI",
        Financing.Plus => "PLUS",
        Financing.Pls => "PLS",
    };

    public static string Label(CeilingZone zone) => zone switch
    {
        CeilingZone.ParisAndAdjoiningCommunes => "Paris et communes limitrophes",
        CeilingZone.IleDeFranceOutsideParis => "Île-de-France hors Paris et communes limitrophes",
        CeilingZone.OtherRegions => "Autres régions",
    };

    public static string Label(CeilingStatus status) => status switch
    {
        CeilingStatus.Published => "publié",
        CeilingStatus.PublishedSecondarySource => "publié (source secondaire)",
        CeilingStatus.Derived => "dérivé",
    };
}
