using Equilibre.Domain.Allocation;
using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// The stock of <see cref="StockWorld"/> (2026 PLUS ceilings, zone "Autres régions": category 3 = 37,584 €) with two
/// vacancies of bailleur A oriented to the réservataire « Action Logement (test) », created directly in the database:
/// <see cref="Tinqueux"/> (T4, 82 m², 520 € of rent, not adapted, outside QPV) and <see cref="Reims"/> (T3 in the QPV,
/// 65 m², 390 € + 60 €). Demands are rows with their projected facts and a stored score (no document), so that each
/// case states exactly what the rules read. The Grand Reims has a taux d'effort threshold of 35 %.
/// Leases signed in 2026 in the Grand Reims give the target counters of the worked example (domain.md §5):
/// outside QPV 4 leases, 1 to a Q1 household (T1 = 1/4); 2 of them by the réservataire, the Q1 one among them (1/2);
/// in QPV 1 lease by the réservataire to a DALO household not Q1 (T2 = 1/1; T3 of the réservataire = 1/3).
/// </summary>
public sealed class DesignationWorld
{
    public const string TinqueuxCode = "51573";
    public const string ReimsCode = "51454";

    private int _next;

    private DesignationWorld(StockWorld stock) => Stock = stock;

    public StockWorld Stock { get; }

    public TestDatabase Database => Stock.Database;

    public long Reservataire { get; private set; }
    public long Tinqueux { get; private set; }
    public long Reims { get; private set; }
    public long BailleurAId { get; private set; }

    public static StockSettings Thresholds => new(new Dictionary<string, AffordabilityThresholds>
    {
        [StockWorld.ReimsEpci] = new(35m, null, null, "seuil de taux d'effort de 35 % (test)"),
    });

    public CurrentUser ReservataireUser => StockWorld.User(Reservataire, new("44", "51", null, null), Roles.Reservataire);

    public static async Task<DesignationWorld> CreateAsync(Provider provider)
    {
        var world = new DesignationWorld(await StockWorld.CreateAsync(provider));
        await using var db = world.Database.NewContext();
        var reservataire = new Organisation { Name = "Action Logement (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "51" };
        db.Organisations.Add(reservataire);
        await db.SaveChangesAsync();
        world.Reservataire = reservataire.Id;
        world.BailleurAId = await db.Bailleurs.Where(b => b.OrganisationId == world.Stock.BailleurA).Select(b => b.Id).SingleAsync();
        world.Tinqueux = await world.VacancyAsync(db, "5100090003", TinqueuxCode, 4, false);
        world.Reims = await world.VacancyAsync(db, "5100090001", ReimsCode, 3, true);

        // The leases of the worked example, on demands already housed (ended leases still count for the year they were signed in).
        var r = world.Reservataire;
        await world.LeaseAsync(db, "5100090002", QpvBasis.NotInQpv, true, false, r, ended: true);
        await world.LeaseAsync(db, "5100090002", QpvBasis.NotInQpv, false, false, r, ended: true);
        await world.LeaseAsync(db, "5100090002", QpvBasis.NotInQpv, false, false, null, ended: true);
        await world.LeaseAsync(db, "5100090002", QpvBasis.NotInQpv, false, false, null, ended: true);
        await world.LeaseAsync(db, "5100090002", QpvBasis.Qpv, false, true, r, ended: true);
        return world;
    }

    /// <summary>Adds an active demand wishing <paramref name="communes"/> with the given facts and stored score; returns its numéro.</summary>
    public async Task<(long Id, string Numero)> DemandAsync(
        double score, string typologies = "T4", string[]? communes = null, int persons = 3, int rank = 3, decimal rfr = 20000m, decimal monthly = 2500m,
        bool? q1 = false, bool dalo = false, bool priority = false, bool handicap = false, DemandStatus status = DemandStatus.Active)
    {
        await using var db = Database.NewContext();
        var n = ++_next;
        var demand = Demand.New($"05112600000{n:D7}", null, null, Make.Clock().GetUtcNow());
        demand.Status = status;
        demand.RegisteredOn = new DateOnly(2024, 1, 1).AddDays(n);
        demand.ExpiresOn = new DateOnly(2027, 1, 1);
        demand.ApplicantName = $"MÉNAGE {n}";
        demand.SearchName = $"menage {n}";
        demand.Typologies = typologies;
        demand.Persons = persons;
        demand.CategoryRank = rank;
        demand.ConsumptionUnits = 1.8m;
        demand.MonthlyResources = monthly;
        demand.ReferenceIncome = rfr;
        demand.IsQ1 = q1;
        demand.Dalo = dalo ? DaloStatus.Active : DaloStatus.None;
        demand.HasPriority = priority;
        demand.PriorityCodes = priority ? "a" : "";
        demand.Handicap = handicap;
        demand.EpciSiren = StockWorld.ReimsEpci;
        demand.Content = "{}";
        var rank1 = 0;
        foreach (var c in communes ?? [TinqueuxCode])
        {
            demand.Wishes.Add(new DemandWish { Rank = ++rank1, CommuneCode = c, EpciSiren = StockWorld.ReimsEpci, DepartementCode = "51", RegionCode = "44", Since = demand.RegisteredOn, Score = status == DemandStatus.Active ? score : null });
        }

        db.Demands.Add(demand);
        await db.SaveChangesAsync();
        if (status == DemandStatus.Active)
        {
            db.DemandScores.Add(new DemandScore { DemandId = demand.Id, Territory = StockWorld.ReimsEpci, CommuneCode = TinqueuxCode, Typology = "T4", Score = score, ComputedOn = new DateOnly(2026, 11, 1) });
            await db.SaveChangesAsync();
        }

        return (demand.Id, demand.Numero);
    }

    /// <summary>Makes the demand a candidate already on <paramref name="vacancyId"/>.</summary>
    public async Task CandidateAsync(long vacancyId, long demandId)
    {
        await using var db = Database.NewContext();
        db.Candidates.Add(new Candidate { VacancyId = vacancyId, DemandId = demandId, DesignatedBy = "désignation antérieure (test)", Order = 1, Revision = 1 });
        await db.SaveChangesAsync();
    }

    /// <summary>Gives the demand an active lease on another dwelling, signed in 2025.</summary>
    public async Task ActiveLeaseAsync(long demandId)
    {
        await using var db = Database.NewContext();
        // Signed last year: it does not move this year's counters.
        var lease = NewLease(Stock.Dwellings["5100080001"], demandId, QpvBasis.NotInQpv, false, false, null, null);
        lease.SignedOn = lease.StartsOn = new DateOnly(2025, 6, 1);
        db.Leases.Add(lease);
        await db.SaveChangesAsync();
    }

    public static GetShortlist Shortlist(EquilibreDb db) => new(db, Make.Clock(), Thresholds, AllocationSettings.Default, TargetsSettings.Default, new QpvRuleSettings(null, "ex-ZUS non assimilées (test)"));

    public static DesignateCandidates Designate(EquilibreDb db) => new(db, Make.Clock(), Thresholds, AllocationSettings.Default);

    private async Task<long> VacancyAsync(EquilibreDb db, string rplsId, string commune, int rooms, bool inQpv)
    {
        var vacancy = new Vacancy
        {
            DwellingId = Stock.Dwellings[rplsId],
            BailleurId = BailleurAId,
            BailleurOrganisationId = Stock.BailleurA,
            State = VacancyState.Oriented,
            DeclaredOn = new DateOnly(2026, 11, 2),
            AvailableOn = new DateOnly(2026, 11, 20),
            FluxYear = 2026,
            CommuneCode = commune,
            EpciSiren = StockWorld.ReimsEpci,
            DepartementCode = "51",
            RegionCode = "44",
            Rooms = rooms,
            InQpv = inQpv,
            ReservataireOrganisationId = Reservataire,
            OrientedOn = new DateOnly(2026, 11, 3),
            DesignationDeadline = new DateOnly(2026, 12, 3),
            Revision = 2,
            UpdatedAt = Make.Clock().GetUtcNow(),
            UpdatedBy = "Bailleur test",
        };
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync();
        return vacancy.Id;
    }

    private async Task LeaseAsync(EquilibreDb db, string rplsId, QpvBasis qpv, bool q1, bool dalo, long? reservataire, bool ended)
    {
        var (demandId, _) = await DemandAsync(0, status: DemandStatus.Radiated);
        db.Leases.Add(NewLease(Stock.Dwellings[rplsId], demandId, qpv, q1, dalo, reservataire, ended ? new DateOnly(2026, 9, 1) : null));
        await db.SaveChangesAsync();
    }

    private Lease NewLease(long dwellingId, long demandId, QpvBasis qpv, bool q1, bool dalo, long? reservataire, DateOnly? ended) => new()
    {
        DwellingId = dwellingId,
        DemandId = demandId,
        BailleurId = BailleurAId,
        BailleurOrganisationId = Stock.BailleurA,
        SignedOn = new DateOnly(2026, 3, 1),
        StartsOn = new DateOnly(2026, 3, 1),
        EndedOn = ended,
        Flux = reservataire is null ? FluxOrigin.BailleurNonReserved : FluxOrigin.Reservataire,
        ReservataireOrganisationId = reservataire,
        EpciSiren = StockWorld.ReimsEpci,
        CommuneCode = ReimsCode,
        DepartementCode = "51",
        Rooms = 3,
        Qpv = qpv,
        IsQ1 = q1,
        Dalo = dalo,
        SignedBy = "test",
        At = Make.Clock().GetUtcNow(),
    };
}
