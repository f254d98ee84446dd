namespace Equilibre.Domain.Eligibility;

/// <summary>
/// Zones of the A/B/C zoning (arrêté du 1er août 2014, R304-1 CCH), used by the PLI ceilings (domain.md §3.5) and, by
/// default, to tell the "zones tendues" of the occupancy review (domain.md §7.3). Not the three-zone HLM split.
/// </summary>
public enum AbcZone
{
    ABis,
    A,
    B1,
    B2,
    C,
}

/// <summary>
/// One cell of the PLI (prêt locatif intermédiaire) ceilings (CGI ann. III art. 2 terdecies D; domain.md §3.5): annual
/// resources ceiling for an A/B/C zone and a PLI household category 1–6, or the amount per person beyond category 6
/// (<see cref="Category"/> = null). The published tables share one column for B2 and C: load it once per zone.
/// Like the HLM ceilings, a cell applies during the calendar year of <see cref="EffectiveFrom"/>.
/// </summary>
public sealed record PliCeiling(
    DateOnly EffectiveFrom,
    AbcZone Zone,
    int? Category,
    decimal Amount,
    CeilingStatus Status,
    string StatusText,
    string? Reference);

/// <summary>
/// PLI household categories and ceiling lookup (domain.md §3.5): one person alone → 1; a couple → 2; then "n persons,
/// or one person with n − 2 dependants" as for the HLM ceilings. The jeune ménage and disability raises of the
/// arrêté du 29 juillet 1987 are HLM rules: domain.md does not give them for the PLI, so they are not applied (said in
/// the explanation — unconfirmed).
/// </summary>
public static class PliCeilings
{
    public static HouseholdCategoryResult Rank(HouseholdComposition household)
    {
        ArgumentNullException.ThrowIfNull(household);
        ArgumentOutOfRangeException.ThrowIfLessThan(household.Persons, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(household.Dependants);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(household.Dependants, household.Persons);
        int rank;
        string why;
        if (household.Persons == 1)
        {
            (rank, why) = (1, "une personne seule");
        }
        else if (household.Persons == 2 && household.Dependants == 0)
        {
            (rank, why) = (2, "couple sans personne à charge");
        }
        else
        {
            rank = Math.Max(household.Persons, household.Dependants + 2);
            why = French.Format($"{household.Persons} personnes dont {household.Dependants} à charge");
        }

        var unconfirmed = household.IsYoungCouple || household.HasDisabledPerson;
        if (unconfirmed)
        {
            why += " (majorations jeune ménage et handicap des plafonds HLM non appliquées au PLI : règle non confirmée)";
        }

        var category = Math.Min(rank, 6);
        var extra = rank - category;
        return new HouseholdCategoryResult(rank, category, extra, unconfirmed,
            French.Format($"catégorie PLI {category}{(extra > 0 ? $" + {extra} personne(s) supplémentaire(s)" : "")} : {why}"));
    }

    /// <summary>
    /// The PLI ceiling of the date's year for a zone and a rank (7 = category 6 + one extra person). The explanation names
    /// the cells; <see cref="CeilingLookup.CellsUsed"/> (HLM cells) stays empty.
    /// </summary>
    public static CeilingLookup Find(IEnumerable<PliCeiling> table, AbcZone zone, int categoryRank, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(categoryRank, 1);
        var category = Math.Min(categoryRank, 6);
        var extra = categoryRank - category;
        var cells = table.Where(c => c.Zone == zone && c.EffectiveFrom <= asOf).ToList();
        var baseCell = InForce(cells, category, asOf.Year);
        if (baseCell is null)
        {
            return new CeilingLookup(null, category, extra,
                [French.Format($"aucun plafond PLI {asOf.Year} connu pour la catégorie {category}, zone {Label(zone)}") + PreviousValue(cells, category)], []);
        }

        var lines = new List<string>
        {
            French.Format($"plafond PLI, zone {Label(zone)}, catégorie {category} en vigueur depuis le {baseCell.EffectiveFrom:dd/MM/yyyy} : {baseCell.Amount:N0} € ({baseCell.StatusText})"),
        };
        if (extra == 0)
        {
            return new CeilingLookup(baseCell.Amount, category, 0, lines, []);
        }

        var perPerson = InForce(cells, null, asOf.Year);
        if (perPerson is null)
        {
            lines.Add(French.Format($"aucun montant PLI par personne supplémentaire {asOf.Year} connu : plafond indéterminé pour {extra} personne(s) au-delà de la catégorie 6")
                + PreviousValue(cells, null));
            return new CeilingLookup(null, category, extra, lines, []);
        }

        var amount = baseCell.Amount + (extra * perPerson.Amount);
        lines.Add(French.Format($"+ {extra} × {perPerson.Amount:N0} € par personne supplémentaire ({perPerson.StatusText}) = {amount:N0} €"));
        return new CeilingLookup(amount, category, extra, lines, []);
    }

    public static string Label(AbcZone zone) => zone switch
    {
        AbcZone.ABis => "A bis",
        AbcZone.A => "A",
        AbcZone.B1 => "B1",
        AbcZone.B2 => "B2",
        AbcZone.C => "C",
    };

    private static PliCeiling? InForce(IEnumerable<PliCeiling> cells, int? category, int year) =>
        cells.Where(c => c.Category == category && c.EffectiveFrom.Year == year).MaxBy(c => c.EffectiveFrom);

    private static string PreviousValue(List<PliCeiling> cells, int? category) =>
        cells.Where(c => c.Category == category).MaxBy(c => c.EffectiveFrom) is { } last
            ? French.Format($" (dernière valeur connue : {last.Amount:N0} € au {last.EffectiveFrom:dd/MM/yyyy}, non appliquée)")
            : "";
}
