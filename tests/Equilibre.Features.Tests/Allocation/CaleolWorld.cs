using Equilibre.Domain.Allocation;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Organisations;
using Equilibre.Features.Tests.Applications;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// The <see cref="StockWorld"/> (bailleur A's dwellings in Reims, two of them in the QPV « Épinettes », one in Tinqueux
/// outside it) with a Préfecture de la Marne holding a préfet convention on bailleur A, demands registered by the guichet
/// of Reims, and vacancies and candidates written straight into the database (their own use cases belong to other
/// parts of issue 6). The clock starts on Saturday 28/11/2026; the handlers share it.
/// </summary>
public sealed class CaleolWorld : IAsyncDisposable
{
    public const string QpvDwelling = "5100090001";
    public const string OtherQpvDwelling = "5100090002";
    public const string TinqueuxDwelling = "5100090003";

    private CaleolWorld(StockWorld stock, FakeTimeProvider clock) => (Stock, Clock) = (stock, clock);

    public StockWorld Stock { get; }
    public FakeTimeProvider Clock { get; }
    public TestDatabase Database => Stock.Database;
    public long BailleurAId { get; private set; }
    public long Prefecture { get; private set; }
    public AllocationSettings Settings { get; } = AllocationSettings.Default;
    public QpvRuleSettings Qpv { get; } = new(null, "test");

    public CurrentUser Member => new(7, "Membre CALEOL A", Stock.BailleurA, "Habitat rémois A (test)", new(null, "51", null, null), new HashSet<string> { Roles.MembreCaleol });

    public CurrentUser Bailleur => new(8, "Agent bailleur A", Stock.BailleurA, "Habitat rémois A (test)", new(null, "51", null, null), new HashSet<string> { Roles.Bailleur });

    public CurrentUser MemberOfB => new(9, "Membre CALEOL B", Stock.BailleurB, "Foyer troyen B (test)", new(null, "10", null, null), new HashSet<string> { Roles.MembreCaleol });

    public CurrentUser Prefet => new(10, "Agent DDETS", Prefecture, "Préfecture de la Marne (test)", new("44", "51", null, null), new HashSet<string> { Roles.Reservataire });

    public static async Task<CaleolWorld> CreateAsync(Provider provider, bool sqliteFile = false)
    {
        var world = new CaleolWorld(await StockWorld.CreateAsync(provider, sqliteFile), Make.Clock());
        await using var db = world.Database.NewContext();
        world.BailleurAId = await db.Bailleurs.Where(b => b.OrganisationId == world.Stock.BailleurA).Select(b => b.Id).SingleAsync();
        var prefecture = new Organisation { Name = "Préfecture de la Marne (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "51" };
        db.Organisations.Add(prefecture);
        await db.SaveChangesAsync();
        world.Prefecture = prefecture.Id;
        return world;
    }

    /// <summary>A préfet convention on bailleur A in the Marne granting <paramref name="redesignations"/> new designations after a failure.</summary>
    public async Task<long> ConventionAsync(int redesignations, ReservataireKind kind = ReservataireKind.Prefet)
    {
        await using var db = Database.NewContext();
        var convention = new ReservationConventionRecord
        {
            BailleurId = BailleurAId,
            ReservataireOrganisationId = Prefecture,
            Kind = kind,
            DepartementCode = "51",
            RatePercent = 25,
            DesignationDelayDays = 30,
            Redesignations = redesignations,
            ValidFrom = new DateOnly(2026, 1, 1),
            Reference = "convention test 2026-01",
            UpdatedBy = "test",
            Revision = 1,
        };
        db.ReservationConventions.Add(convention);
        await db.SaveChangesAsync();
        return convention.Id;
    }

    /// <summary>Registers <paramref name="count"/> demands (the couple of <see cref="DemandFixture.Couple"/>) and returns their ids.</summary>
    public async Task<long[]> DemandsAsync(int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            await using var db = Database.NewContext();
            var result = await new RegisterDemand(db, Clock, DemandSettings.Default, CotationSettings.Default).HandleAsync(new(DemandFixture.Couple(), null), Stock.GuichetUser);
            Assert.True(result.Outcome == DemandOutcome.Done, result.Message);
            ids.Add(await db.Demands.Where(d => d.Numero == result.Numero).Select(d => d.Id).SingleAsync());
        }

        return [.. ids];
    }

    /// <summary>A vacancy of bailleur A on <paramref name="rplsId"/> in <paramref name="state"/>, oriented to the préfet when <paramref name="conventionId"/> is given, with the demands designated in order.</summary>
    public async Task<(long Vacancy, long[] Candidates)> VacancyAsync(string rplsId, VacancyState state, long? conventionId, params long[] demands)
    {
        await using var db = Database.NewContext();
        var dwelling = Stock.Dwellings[rplsId];
        var facts = await db.Dwellings.Where(d => d.Id == dwelling).Join(db.Residences, d => d.ResidenceId, r => r.Id, (d, r) => r).SingleAsync();
        var rooms = await db.DwellingStates.Where(s => s.DwellingId == dwelling).Select(s => s.Rooms).FirstAsync();
        var vacancy = new Vacancy
        {
            DwellingId = dwelling,
            BailleurId = BailleurAId,
            BailleurOrganisationId = Stock.BailleurA,
            State = state,
            DeclaredOn = new DateOnly(2026, 11, 2),
            AvailableOn = new DateOnly(2026, 12, 1),
            FluxYear = 2026,
            CommuneCode = facts.CommuneCode,
            EpciSiren = facts.EpciSiren,
            DepartementCode = "51",
            RegionCode = "44",
            Rooms = rooms,
            InQpv = facts.QpvCode is not null,
            ConventionId = conventionId,
            ReservataireOrganisationId = conventionId is null ? null : Prefecture,
            OrientedOn = new DateOnly(2026, 11, 3),
            UpdatedAt = Clock.GetUtcNow(),
            UpdatedBy = "test",
            Revision = 1,
        };
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync();
        var candidates = demands.Select((d, i) => new Candidate
        {
            VacancyId = vacancy.Id,
            DemandId = d,
            Order = i + 1,
            DesignatedByOrganisationId = conventionId is null ? Stock.BailleurA : Prefecture,
            DesignatedBy = "test",
            DesignatedAt = Clock.GetUtcNow(),
            Score = 10 - i,
            State = CandidateDecisionState.Pending,
            Revision = 1,
        }).ToList();
        db.Candidates.AddRange(candidates);
        await db.SaveChangesAsync();
        return (vacancy.Id, [.. candidates.Select(c => c.Id)]);
    }

    /// <summary>An in-person session of bailleur A on Friday 27/11/2026, with <paramref name="vacancies"/> scheduled through <see cref="ScheduleVacancy"/>.</summary>
    public async Task<long> SessionAsync(params long[] vacancies)
    {
        await using var db = Database.NewContext();
        var created = await new CreateCaleolSession(db, Clock).HandleAsync(
            new(new DateOnly(2026, 11, 27), CaleolMode.Presentiel, null, null, "Siège, salle du conseil", "Mme Durand — présidente\nM. Petit — représentant du préfet\nMme Roux — maire de Reims"), Member);
        Assert.True(created.Succeeded, created.Message);
        foreach (var v in vacancies)
        {
            var scheduled = await new ScheduleVacancy(db, Clock).HandleAsync(new(created.Id!.Value, v, null), Bailleur);
            Assert.True(scheduled.Succeeded, scheduled.Message);
        }

        return created.Id!.Value;
    }

    public async Task<AllocationResult> DecideAsync(long session, long candidate, CaleolDecisionKind kind, int? rank = null, string? motive = null, CurrentUser? user = null, DateOnly? deadline = null, string? document = null, int? revision = null)
    {
        await using var db = Database.NewContext();
        return await new RecordDecision(db, Clock).HandleAsync(new(session, candidate, kind, rank, motive, deadline, document, revision), user ?? Member);
    }

    public async Task<AllocationResult> CloseAsync(long session)
    {
        await using var db = Database.NewContext();
        return await new CloseCaleolSession(db, Clock).HandleAsync(new(session, null), Member);
    }

    public async Task<AllocationResult> SendAsync(long vacancy)
    {
        await using var db = Database.NewContext();
        return await new SendOffer(db, Clock, Settings).HandleAsync(new(vacancy, null), Bailleur);
    }

    public async Task<AllocationResult> AnswerAsync(long offer, OfferAnswer answer, string? reason = null, int? revision = null)
    {
        await using var db = Database.NewContext();
        return await new AnswerOffer(db, Clock, Settings).HandleAsync(new(offer, answer, reason, revision), Bailleur);
    }

    public async Task<AllocationResult> LapseAsync(long candidate, int? revision, CurrentUser? user = null)
    {
        await using var db = Database.NewContext();
        return await new LapseCondition(db, Clock).HandleAsync(new(candidate, revision), user ?? Bailleur);
    }

    public async Task<AllocationResult> LiftAsync(long candidate, DateOnly receivedOn, int? revision = null)
    {
        await using var db = Database.NewContext();
        return await new LiftCondition(db, Clock).HandleAsync(new(candidate, receivedOn, revision), Bailleur);
    }

    public SignLease Sign(EquilibreDb db) => new(db, Clock, Qpv, new RadiateForLease(db, Clock, CotationSettings.Default));

    public async Task<AllocationResult> SignAsync(long offer, int? revision = null, CurrentUser? user = null)
    {
        await using var db = Database.NewContext();
        var today = FrenchTime.Today(Clock);
        return await Sign(db).HandleAsync(new(offer, today, today.AddDays(3), Domain.Targets.Relocation.None, revision), user ?? Bailleur);
    }

    public async Task<T> ReadAsync<T>(Func<EquilibreDb, Task<T>> read)
    {
        await using var db = Database.NewContext();
        return await read(db);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
