using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Features.Applications;
using Equilibre.Features.Data;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Allocation;

/// <summary>A demand read for the shortlist: the projected columns only (never the JSON document), and its stored score.</summary>
public sealed record ShortlistRow(
    long DemandId,
    string Numero,
    DateOnly RegisteredOn,
    string Typologies,
    int Persons,
    int CategoryRank,
    decimal ConsumptionUnits,
    decimal MonthlyResources,
    decimal? ReferenceIncome,
    bool? IsQ1,
    DaloStatus Dalo,
    bool HasPriority,
    bool IsMutation,
    bool Handicap,
    double Score)
{
    /// <summary>
    /// The Domain view of the row. The stored category rank stands for the composition (dependants and "jeune ménage" are
    /// not columns): <see cref="PreparedDwelling"/> reads the rank, <see cref="ShortlistRules.Check"/> the persons. A
    /// household with a disabled person or a handicap complement is taken as needing an adapted dwelling (the only
    /// projected fact; the guichet form does not ask it separately). Unknown resources (no RFR) are 0: never above a ceiling.
    /// </summary>
    public ShortlistDemand ToDomain(IReadOnlySet<string> wishedCommunes) => new(
        Numero, RegisteredOn, ShortlistEngine.WishedRooms(Typologies), wishedCommunes,
        new HouseholdComposition(Persons, 0, false, Handicap), ReferenceIncome ?? 0m, MonthlyResources, ConsumptionUnits, Handicap,
        IsQ1, HasPriority, Dalo == DaloStatus.Active, IsMutation, (decimal)Score)
    {
        CategoryRank = CategoryRank,
    };
}

/// <summary>One eligible demand of the shortlist, in rank order.</summary>
public sealed record ShortlistEntry(int Rank, ShortlistRow Row, ShortlistDemand Demand);

/// <summary>What one scan found: the eligible demands ranked, how many were examined, and the excluded ones by reason (counts only).</summary>
/// <param name="Eligible">Eligible demands, ranked (at most the number asked).</param>
/// <param name="Examined">Demands read from the database and checked.</param>
/// <param name="EligibleCount">Eligible demands among the examined ones.</param>
/// <param name="Exhausted">True when every demand of the pool was examined: the counts are then exact, else lower bounds.</param>
/// <param name="Excluded">Excluded demands by first failed check, among the examined ones, plus the wrong typologies counted in SQL.</param>
/// <param name="Pool">Active demands wishing the commune, not yet candidates here, without an active lease (any typology).</param>
public sealed record ShortlistScan(
    IReadOnlyList<ShortlistEntry> Eligible,
    int Examined,
    int EligibleCount,
    bool Exhausted,
    IReadOnlyDictionary<ShortlistCheck, int> Excluded,
    int Pool);

/// <summary>
/// The shortlist of one vacant dwelling against the whole registry (issue 6 item 3, "Speed": 2.7 million demands, p95
/// under 50 ms). Two stages. (1) SQL on projected, indexed columns: the active demands wishing the dwelling's commune
/// (<c>DemandWishes (CommuneCode, DemandId)</c>), wishing its typology or any, not already candidates on this vacancy,
/// without an active lease, ranked by their stored score (<see cref="Cotation.DemandScore"/>) then seniority and numéro
/// — the order of <see cref="ShortlistRules.Rank"/> — and read by pages of <see cref="PageSize"/>. (2) The pure rules on
/// each page with <see cref="PreparedDwelling"/> (ceilings, surface, adaptation, taux d'effort and reste à vivre,
/// without building explanations), and <see cref="ShortlistRules.Check"/> only for the excluded ones, to count their
/// first failed check. Pages are read until enough demands are eligible, the pool is exhausted, or
/// <see cref="MaxExamined"/> demands were checked — so the work is bounded whatever the commune's size; the counts say
/// whether they are exact. Demands without a stored score (no grid in force) are not ranked.
/// </summary>
public static class ShortlistEngine
{
    public const int PageSize = 250;
    public const int MaxExamined = 5000;

    /// <summary>SNE code of a chambre (wished with a one-room dwelling).</summary>
    private static readonly string Chambre = "C";

    /// <summary>SNE typology codes by rooms (chambre counted as one room; "T6 et plus" as 6).</summary>
    public static IReadOnlySet<int> WishedRooms(string typologies)
    {
        var rooms = new HashSet<int>();
        foreach (var code in typologies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var r = code switch { "C" or "T1" => 1, "T2" => 2, "T3" => 3, "T4" => 4, "T5" => 5, "T6P" => 6, _ => 0 };
            if (r > 0)
            {
                rooms.Add(r);
            }
        }

        return rooms;
    }

    /// <summary>The SNE code a demand must wish for a dwelling of <paramref name="typology"/> rooms (capped at 6).</summary>
    public static string TypologyCode(int typology) => typology >= 6 ? "T6P" : $"T{Math.Max(typology, 1)}";

    /// <summary>The pool of a commune: active demands wishing it, not candidates on <paramref name="vacancyId"/>, without an active lease.</summary>
    public static IQueryable<Demand> Pool(EquilibreDb db, string commune, long? vacancyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = vacancyId ?? 0;
        return db.Demands.AsNoTracking()
            .Where(d => d.Status == DemandStatus.Active
                && db.DemandWishes.Any(w => w.DemandId == d.Id && w.CommuneCode == commune)
                && !db.Candidates.Any(c => c.VacancyId == id && c.DemandId == d.Id)
                && !db.Leases.Any(l => l.DemandId == d.Id && l.EndedOn == null));
    }

    /// <summary>Runs the two stages for <paramref name="dwelling"/>; <paramref name="wanted"/>: how many eligible demands to return.</summary>
    public static async Task<ShortlistScan> ScanAsync(EquilibreDb db, PreparedDwelling dwelling, long? vacancyId, int wanted, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dwelling);
        var commune = dwelling.Dwelling.Commune;
        var code = TypologyCode(dwelling.Typology);
        var chambre = dwelling.Typology == 1;
        var pool = Pool(db, commune, vacancyId);
        var ranked =
            from d in pool.Where(d => d.Typologies == "" || d.Typologies.Contains(code) || (chambre && d.Typologies.Contains(Chambre)))
            join s in db.DemandScores on d.Id equals s.DemandId
            orderby s.Score descending, d.RegisteredOn, d.Numero
            select new ShortlistRow(d.Id, d.Numero, d.RegisteredOn, d.Typologies, d.Persons, d.CategoryRank, d.ConsumptionUnits, d.MonthlyResources,
                d.ReferenceIncome, d.IsQ1, d.Dalo, d.HasPriority, d.IsMutation, d.Handicap, s.Score);

        var communes = new HashSet<string>(StringComparer.Ordinal) { commune };
        var eligible = new List<(ShortlistRow Row, ShortlistDemand Demand)>();
        var excluded = new Dictionary<ShortlistCheck, int>();
        var examined = 0;
        var eligibleCount = 0;
        var exhausted = false;
        while (true)
        {
            var page = await ranked.Skip(examined).Take(PageSize).ToListAsync(ct);
            examined += page.Count;
            foreach (var row in page)
            {
                var demand = row.ToDomain(communes);
                if (dwelling.IsEligible(demand))
                {
                    eligibleCount++;
                    if (eligible.Count < wanted)
                    {
                        eligible.Add((row, demand));
                    }
                }
                else
                {
                    var check = ShortlistRules.Check(dwelling.Dwelling, demand, dwelling.Context).Failures is [var first, ..] ? first.Check : ShortlistCheck.Ceiling;
                    excluded[check] = excluded.GetValueOrDefault(check) + 1;
                }
            }

            if (page.Count < PageSize)
            {
                exhausted = true;
                break;
            }

            if (eligible.Count >= wanted || examined >= MaxExamined)
            {
                break;
            }
        }

        // Wrong typology: excluded by the SQL stage, counted there (one count over the commune's pool).
        var poolCount = await pool.CountAsync(ct);
        var wrongTypology = await pool.CountAsync(d => d.Typologies != "" && !d.Typologies.Contains(code) && !(chambre && d.Typologies.Contains(Chambre)), ct);
        if (wrongTypology > 0)
        {
            excluded[ShortlistCheck.Typology] = excluded.GetValueOrDefault(ShortlistCheck.Typology) + wrongTypology;
        }

        var ranks = ShortlistRules.Rank(eligible.Select(e => e.Demand)).Select((d, i) => (d.Number, i)).ToDictionary(x => x.Number, x => x.i + 1, StringComparer.Ordinal);
        var entries = eligible.Select(e => new ShortlistEntry(ranks[e.Demand.Number], e.Row, e.Demand)).OrderBy(e => e.Rank).ToList();
        return new ShortlistScan(entries, examined, eligibleCount, exhausted, excluded, poolCount);
    }

    /// <summary>
    /// The vacant dwelling as the shortlist sees it, from its latest RPLS state and résidence: typology, surface (unknown:
    /// not judged), ceiling basis (financing or CUS ceiling, HLM zone of the commune), rent and estimated charges (no
    /// housing aid deducted: the taux d'effort is an upper bound), adaptation. Null when the dwelling has no state.
    /// </summary>
    public static async Task<(ShortlistDwelling Dwelling, List<string> Notes)?> DwellingAsync(EquilibreDb db, Vacancy vacancy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(vacancy);
        var state = await db.DwellingStates.AsNoTracking().Where(s => s.DwellingId == vacancy.DwellingId).OrderByDescending(s => s.Millesime).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return null;
        }

        var notes = new List<string>();
        var zone = CeilingZones.Of(vacancy.CommuneCode, vacancy.RegionCode ?? "").Zone;
        if (zone is null)
        {
            notes.Add(French.Format($"zone des plafonds de la commune {vacancy.CommuneCode} inconnue : plafond de ressources à vérifier"));
        }

        if (state.HabitableSurface is null)
        {
            notes.Add("surface habitable inconnue : la sur-occupation n'est pas jugée");
        }

        if (state.MonthlyRent is null)
        {
            notes.Add("loyer principal inconnu : taux d'effort et reste à vivre non jugés");
        }

        notes.Add("APL/AL non calculée : aucune aide déduite, le taux d'effort est un majorant");
        var dwelling = new ShortlistDwelling(
            vacancy.CommuneCode, vacancy.Rooms, state.HabitableSurface ?? decimal.MaxValue,
            new DwellingCeilingBasis(state.Financing ?? FinancingFamily.Other, StockText.CusFamily(state.CusCeiling), zone, null),
            new HousingCost(state.MonthlyRent ?? 0m, 0m, state.EstimatedCharges ?? 0m, 0m, 0m), null, state.AdaptedForHandicap, vacancy.InQpv == true);
        return (dwelling, notes);
    }

    /// <summary>The reference data of a shortlist: the HLM ceilings, the EPCI's affordability thresholds, the settings.</summary>
    public static async Task<ShortlistContext> ContextAsync(EquilibreDb db, DateOnly signature, string? epciSiren, StockSettings stock, AllocationSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(settings);
        var hlm = (await db.ResourceCeilings.AsNoTracking().ToListAsync(ct)).Select(c => c.ToDomain()).ToList();
        return new ShortlistContext(signature, new CeilingTables(hlm, []), stock.For(epciSiren), settings.Shortlist);
    }
}
