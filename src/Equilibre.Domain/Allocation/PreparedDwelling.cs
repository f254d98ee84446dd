using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;

namespace Equilibre.Domain.Allocation;

/// <summary>
/// One vacant dwelling made ready for a scan of many demands (the batch twin of <see cref="ShortlistRules.Check"/>): its
/// ceilings by household rank looked up once (ranks 1–10 in advance, larger ones on demand), its net housing cost
/// computed once; the demand's stored category rank used when given (<see cref="ShortlistDemand.CategoryRank"/>).
/// <see cref="IsEligible"/> answers the same question as <see cref="ShortlistRules.Check"/> without building
/// any explanation — a test checks they agree. Immutable: one instance may serve parallel scans.
/// </summary>
public sealed class PreparedDwelling
{
    private const int PrecomputedRanks = 10;
    private readonly decimal?[] _ceilings;
    private readonly FinancingFamily _family;
    private readonly decimal _housing;

    public PreparedDwelling(ShortlistDwelling dwelling, ShortlistContext context)
    {
        ArgumentNullException.ThrowIfNull(dwelling);
        ArgumentNullException.ThrowIfNull(context);
        Dwelling = dwelling;
        Context = context;
        Typology = Math.Min(dwelling.Rooms, context.Settings.LargestTypology);
        _family = StockEligibility.CeilingFamily(dwelling.CeilingBasis).Family;
        _ceilings = [.. Enumerable.Range(1, PrecomputedRanks).Select(Lookup)];
        var c = dwelling.Cost;
        _housing = c.PrincipalRent + c.AnnexRents + c.RecoverableCharges + (dwelling.IndividualWaterAndHeating?.MonthlyAmount ?? 0m) + c.TenantContribution - c.HousingAid;
    }

    public ShortlistDwelling Dwelling { get; }

    public ShortlistContext Context { get; }

    /// <summary>The typology a wish must name (rooms, capped at "T6 et plus").</summary>
    public int Typology { get; }

    /// <summary>Whether the dwelling's ceilings are known at all (a financing without ceilings never excludes).</summary>
    public bool HasCeilings => _family is FinancingFamily.Plai or FinancingFamily.Plus or FinancingFamily.Pls or FinancingFamily.Pli;

    /// <summary>The ceiling for a household rank (1–6, 7 = category 6 + one person…), null when unknown.</summary>
    public decimal? Ceiling(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        return rank <= PrecomputedRanks ? _ceilings[rank - 1] : Lookup(rank);
    }

    /// <summary>Same answer as <c>ShortlistRules.Check(Dwelling, demand, Context).Eligible</c>, same order of checks, no explanation.</summary>
    public bool IsEligible(ShortlistDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var settings = Context.Settings;
        if ((demand.WishedCommunes.Count > 0 && !demand.WishedCommunes.Contains(Dwelling.Commune))
            || (demand.WishedRooms.Count > 0 && !demand.WishedRooms.Contains(Typology)))
        {
            return false;
        }

        if ((demand.NeedsAdaptedDwelling && Dwelling.Adapted is false)
            || (settings.ReserveAdaptedDwellings && Dwelling.Adapted is true && !demand.NeedsAdaptedDwelling))
        {
            return false;
        }

        var persons = demand.Household.Persons;
        if (Dwelling.HabitableSurface < OccupancyNorms.MinimumSurface(persons))
        {
            return false;
        }

        if (HasCeilings)
        {
            var rank = _family == FinancingFamily.Pli ? PliCeilings.Rank(demand.Household).Rank
                : demand.CategoryRank ?? HouseholdCategories.Rank(demand.Household).Rank;
            if (Ceiling(rank) is { } ceiling && demand.ReferenceIncome > ceiling)
            {
                return false;
            }
        }

        return !settings.ExcludeUnaffordable || !Unaffordable(demand.MonthlyResources, persons, Math.Max(demand.ConsumptionUnits, 1m));
    }

    // The arithmetic of Affordability.Assess: judged only with known resources; rate rounded to one decimal, restes à vivre to the cent.
    private bool Unaffordable(decimal resources, int persons, decimal units)
    {
        if (resources <= 0)
        {
            return false;
        }

        var t = Context.Thresholds;
        if (t.MaxEffortRate is { } max && Math.Round(100m * _housing / resources, 1, MidpointRounding.AwayFromZero) > max)
        {
            return true;
        }

        var monthly = resources - _housing;
        return (t.MinResteAVivrePerUcPerDay is { } perUc && Math.Round(monthly / units / 30m, 2, MidpointRounding.AwayFromZero) < perUc)
            || (t.MinResteAVivrePerPersonPerDay is { } perPerson && Math.Round(monthly / persons / 30m, 2, MidpointRounding.AwayFromZero) < perPerson);
    }

    private decimal? Lookup(int rank)
    {
        var basis = Dwelling.CeilingBasis;
        var tables = Context.Ceilings;
        return _family switch
        {
            FinancingFamily.Plai when basis.HlmZone is { } z => ResourceCeilings.Find(tables.Hlm, Financing.Plai, z, rank, Context.Signature).Amount,
            FinancingFamily.Plus when basis.HlmZone is { } z => ResourceCeilings.Find(tables.Hlm, Financing.Plus, z, rank, Context.Signature).Amount,
            FinancingFamily.Pls when basis.HlmZone is { } z => ResourceCeilings.Find(tables.Hlm, Financing.Pls, z, rank, Context.Signature).Amount,
            FinancingFamily.Pli when basis.AbcZone is { } abc => PliCeilings.Find(tables.Pli, abc, rank, Context.Signature).Amount,
            _ => null,
        };
    }
}
