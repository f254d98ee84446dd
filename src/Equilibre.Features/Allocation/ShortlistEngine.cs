using Equilibre.Domain;
using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Eligibility;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Equilibre.Features.Applications;

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

/// <summary>A demand of a commune's pool and its stored score, as the ranking index gives them.</summary>
public sealed record RankedId(long DemandId, double Score);

/// <summary>One eligible demand of the shortlist, in rank order.</summary>
public sealed record ShortlistEntry(int Rank, ShortlistRow Row, ShortlistDemand Demand);

/// <summary>What one scan found: the eligible demands ranked, how many were examined, and the excluded ones by reason (counts only).</summary>
/// <param name="Eligible">Eligible demands, ranked (at most the number asked).</param>
/// <param name="Examined">Demands read from the database and checked.</param>
/// <param name="EligibleCount">Eligible demands among the examined ones.</param>
/// <param name="Exhausted">True when every demand of the pool was examined: the counts are then exact, else lower bounds.</param>
/// <param name="Excluded">Excluded demands by first failed check, among the examined ones.</param>
/// <param name="Pool">Demands of the pool read (all of it when <paramref name="Exhausted"/>): active, wishing the commune, not yet candidates here, without an active lease.</param>
public sealed record ShortlistScan(
    IReadOnlyList<ShortlistEntry> Eligible,
    int Examined,
    int EligibleCount,
    bool Exhausted,
    IReadOnlyDictionary<ShortlistCheck, int> Excluded,
    int Pool);

/// <summary>
/// The shortlist of one vacant dwelling against the whole registry (issue 6 item 3, "Speed": 2.7 million demands, p95
/// under 50 ms). Two stages. (1) SQL on one narrow index only (<see cref="RankedPool"/>): the demands wishing the
/// dwelling's commune with their score (<see cref="Cotation.DemandScore"/>, kept for active demands only and copied on
/// the wishes), read in rank order from <c>DemandWishes (CommuneCode, Score DESC, DemandId)</c>, minus the candidates
/// of this vacancy and the households with an active lease, by pages of <see cref="PageSize"/> (keyset: a page starts
/// after the last id read); then the page's demand rows by primary key — the projected columns only, never the JSON
/// document, and never the rows of the demands that are not read. Reading the demands' rows for every wisher of a big
/// commune was the first design (seconds on a cold cache, heap reads); joining the scores of every wisher was the
/// second (150–400 ms for Paris or Marseille).
/// (2) The pure rules on each page with <see cref="PreparedDwelling"/> (typology, adaptation, surface, ceiling, taux
/// d'effort and reste à vivre, without explanations), and <see cref="ShortlistRules.Check"/> only for the excluded
/// ones, to count their first failed check. Pages are read until enough demands are eligible (and the group of equal
/// scores at the cut is complete, so that seniority decides inside it as <see cref="ShortlistRules.Rank"/> says), the
/// pool is exhausted, or <see cref="MaxExamined"/> demands were checked: the work is bounded whatever the commune's
/// size, and the counts say whether they are exact. Demands without a stored score (no grid in force) are not ranked.
/// </summary>
public static class ShortlistEngine
{
    public const int PageSize = 250;
    public const int MaxExamined = 5000;

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

    /// <summary>
    /// The ranked ids of a commune's pool: the scored demands wishing it (a score is kept for active demands only and
    /// copied on their wishes, <see cref="DemandWish.Score"/>), not candidates on <paramref name="vacancyId"/>, without an
    /// active lease — read in rank order from one index, <c>IX_DemandWishes_Shortlist (CommuneCode, Score DESC,
    /// DemandId)</c>, never the demands' rows; <paramref name="after"/>: the last id of the previous page (keyset paging:
    /// a later page starts where the previous one stopped instead of re-reading it).
    /// </summary>
    public static IQueryable<RankedId> RankedPool(EquilibreDb db, string commune, long? vacancyId, RankedId? after = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = vacancyId ?? 0;
        var wishes = db.DemandWishes.Where(w => w.CommuneCode == commune && w.Score != null);
        if (after is not null)
        {
            var (score, last) = (after.Score, after.DemandId);
            wishes = wishes.Where(w => w.Score < score || (w.Score == score && w.DemandId > last));
        }

        return wishes
            .Where(w => !db.Candidates.Any(c => c.VacancyId == id && c.DemandId == w.DemandId)
                && !db.Leases.Any(l => l.DemandId == w.DemandId && l.EndedOn == null))
            .OrderByDescending(w => w.Score).ThenBy(w => w.DemandId)
            .Select(w => new RankedId(w.DemandId, w.Score!.Value));
    }

    /// <summary>
    /// Runs the two stages for <paramref name="dwelling"/>; <paramref name="wanted"/>: how many eligible demands to return.
    /// A demand past its validity on <paramref name="validOn"/> is left out (still "active" until the nightly radiation
    /// runs, it could not be housed: a lease only radiates a valid demand, domain.md §2.5); null = no date check (bench).
    /// </summary>
    public static async Task<ShortlistScan> ScanAsync(EquilibreDb db, PreparedDwelling dwelling, long? vacancyId, int wanted, DateOnly? validOn = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(dwelling);
        var commune = dwelling.Dwelling.Commune;
        var communes = new HashSet<string>(StringComparer.Ordinal) { commune };
        var eligible = new List<(ShortlistRow Row, ShortlistDemand Demand)>();
        var excluded = new Dictionary<ShortlistCheck, int>();
        var examined = 0;
        var exhausted = false;
        RankedId? last = null;
        while (true)
        {
            var page = await RankedPool(db, commune, vacancyId, last).Take(PageSize).ToListAsync(ct);
            examined += page.Count;
            last = page.Count > 0 ? page[^1] : last;
            var ids = page.Select(p => p.DemandId).ToList();
            var scores = page.ToDictionary(p => p.DemandId, p => p.Score);
            var rows = await db.Demands.AsNoTracking()
                .Where(d => ids.Contains(d.Id) && d.Status == DemandStatus.Active && (validOn == null || d.ExpiresOn >= validOn))
                .Select(d => new ShortlistRow(d.Id, d.Numero, d.RegisteredOn, d.Typologies, d.Persons, d.CategoryRank, d.ConsumptionUnits, d.MonthlyResources,
                    d.ReferenceIncome, d.IsQ1, d.Dalo, d.HasPriority, d.IsMutation, d.Handicap, 0d))
                .ToListAsync(ct);
            foreach (var row in rows.Select(r => r with { Score = scores[r.DemandId] }))
            {
                var demand = row.ToDomain(communes);
                if (dwelling.IsEligible(demand))
                {
                    eligible.Add((row, demand));
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

            // Enough eligible demands: stop, unless the page ends inside a group of equal scores that reaches the last
            // demand wanted (seniority then decides between them, ShortlistRules.Rank: read the whole group).
            var cutoff = eligible.Count >= wanted ? eligible.Select(e => e.Demand.CotationScore).OrderDescending().ElementAt(wanted - 1) : (decimal?)null;
            if ((cutoff is { } c && (decimal)page[^1].Score < c) || (cutoff is null && examined >= MaxExamined) || (cutoff is not null && examined >= 4 * MaxExamined))
            {
                break;
            }
        }

        var ranking = ShortlistRules.Rank(eligible.Select(e => e.Demand));
        var byNumber = eligible.ToDictionary(e => e.Demand.Number, e => e.Row, StringComparer.Ordinal);
        var entries = ranking.Take(wanted).Select((d, i) => new ShortlistEntry(i + 1, byNumber[d.Number], d)).ToList();
        return new ShortlistScan(entries, examined, eligible.Count, exhausted, excluded, examined);
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
