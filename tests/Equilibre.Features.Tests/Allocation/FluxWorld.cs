using Equilibre.Domain.Allocation;
using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Organisations;
using Equilibre.Features.Tests.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Equilibre.Features.Tests.Allocation;

/// <summary>
/// The gestion en flux on <see cref="StockWorld"/>: bailleur A's Marne stock (two dwellings of Reims in a QPV — a T3 and a
/// T1 —, a T4 in Tinqueux) and three réservataires of the Marne — the préfet, Action Logement and the Ville de Reims —
/// whose conventions each test writes. The clock starts on 28/11/2026 and can be moved. Names and shares are test values.
/// </summary>
public sealed class FluxWorld
{
    public const string ReimsT3 = "5100090001";
    public const string ReimsT1 = "5100090002";
    public const string TinqueuxT4 = "5100090003";
    public const string OfB = "5100080001";

    private FluxWorld(StockWorld stock) => Stock = stock;

    public StockWorld Stock { get; }

    public TestDatabase Database => Stock.Database;

    public FakeTimeProvider Clock { get; } = Make.Clock();

    public long BailleurAId { get; private set; }
    public long Prefet { get; private set; }
    public long ActionLogement { get; private set; }
    public long VilleDeReims { get; private set; }

    public long Dwelling(string rpls) => Stock.Dwellings[rpls];

    public static async Task<FluxWorld> CreateAsync(Provider provider)
    {
        var world = new FluxWorld(await StockWorld.CreateAsync(provider));
        await using var db = world.Database.NewContext();
        var organisations = new[]
        {
            new Organisation { Name = "Préfet de la Marne (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "51" },
            new Organisation { Name = "Action Logement (test)", Kind = OrganisationKind.Reservataire },
            new Organisation { Name = "Ville de Reims (test)", Kind = OrganisationKind.Commune, RegionCode = "44", DepartementCode = "51", EpciSiren = StockWorld.ReimsEpci, CommuneCode = "51454" },
        };
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync();
        (world.Prefet, world.ActionLogement, world.VilleDeReims) = (organisations[0].Id, organisations[1].Id, organisations[2].Id);
        world.BailleurAId = await db.Bailleurs.Where(b => b.Siren == "900000011").Select(b => b.Id).SingleAsync();
        return world;
    }

    public CurrentUser BailleurA => Stock.BailleurAUser;

    public CurrentUser PrefetUser => StockWorld.User(Prefet, new("44", "51", null, null), Roles.Reservataire);

    public CurrentUser ActionLogementUser => StockWorld.User(ActionLogement, new(null, null, null, null), Roles.Reservataire);

    public static AllocationSettings Settings => AllocationSettings.Default;

    public SaveConvention.Request Convention(
        long reservataire, ReservataireKind kind, decimal? rate, int? volume = null, decimal? agents = null, string? communes = null, string typologies = "",
        int delay = 30, int carried = 0, string departement = "51") =>
        new(null, null, BailleurAId, reservataire, kind, departement, communes, rate, volume, agents, typologies, null, delay, 0, true,
            new DateOnly(2026, 1, 1), null, $"convention test {reservataire}", carried);

    public async Task<long> SaveAsync(SaveConvention.Request request)
    {
        await using var db = Database.NewContext();
        var r = await new SaveConvention(db, Clock, Settings).HandleAsync(request, StockWorld.Administrator);
        Assert.True(r.Succeeded, r.Message + string.Join(" | ", r.Errors.Select(e => e.Message)));
        return r.Id!.Value;
    }

    /// <summary>Declares the dwelling by its id, or by its RPLS identifier alone when <paramref name="byRpls"/>.</summary>
    public async Task<AllocationResult> DeclareAsync(string rpls, CurrentUser? user = null, bool byRpls = false)
    {
        await using var db = Database.NewContext();
        return await new DeclareVacancy(db, Clock, new QpvRuleSettings(null, "ex-ZUS non assimilées (test)"), Settings)
            .HandleAsync(byRpls ? new(null, rpls, null) : new(Dwelling(rpls), null, null), user ?? BailleurA);
    }

    public async Task<long> DeclaredAsync(string rpls)
    {
        var r = await DeclareAsync(rpls);
        Assert.True(r.Succeeded, r.Message);
        return r.Id!.Value;
    }

    public async Task<AllocationResult> OrientAsync(long vacancy, long? convention, string? motive, CurrentUser? user = null, int? revision = null)
    {
        await using var db = Database.NewContext();
        var current = revision ?? await db.Vacancies.Where(v => v.Id == vacancy).Select(v => v.Revision).SingleAsync();
        return await new OrientVacancy(db, Clock).HandleAsync(new(vacancy, current, convention, motive), user ?? BailleurA);
    }

    public async Task<Vacancy> VacancyAsync(long id)
    {
        await using var db = Database.NewContext();
        return await db.Vacancies.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    public async Task<GetFluxLedger.Result> LedgerAsync(int year = 2026, CurrentUser? user = null)
    {
        await using var db = Database.NewContext();
        return await new GetFluxLedger(db, Settings).HandleAsync(new(year), user ?? StockWorld.Administrator);
    }

    /// <summary>A minimal demand and an active lease on the dwelling (the lease workflow is another use case's).</summary>
    public async Task LeaseAsync(string rpls)
    {
        await using var db = Database.NewContext();
        var demand = new Demand
        {
            Numero = "051262600001TEST00",
            ApplicantName = "Test",
            SearchName = "TEST",
            Typologies = "T3",
            PriorityCodes = "",
            Content = "{}",
            RegisteredOn = new DateOnly(2025, 1, 1),
            ExpiresOn = new DateOnly(2027, 1, 1),
        };
        db.Demands.Add(demand);
        await db.SaveChangesAsync();
        db.Leases.Add(new Lease
        {
            DwellingId = Dwelling(rpls),
            DemandId = demand.Id,
            BailleurId = BailleurAId,
            SignedOn = new DateOnly(2025, 6, 1),
            StartsOn = new DateOnly(2025, 6, 15),
            EpciSiren = StockWorld.ReimsEpci,
            CommuneCode = "51454",
            DepartementCode = "51",
            Rooms = 3,
            SignedBy = "test",
            At = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }
}
