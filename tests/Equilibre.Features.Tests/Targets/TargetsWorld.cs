using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Equilibre.Features.Territory;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Tests.Targets;

/// <summary>
/// The worked set of leases of the targets tests (domain.md §5.1, §5.2, §5.4, §5.5), inserted directly (the workflow
/// that signs leases is tested elsewhere), with the Dwelling, Demand and Bailleur rows their keys need. Grand Reims
/// (200067213), 2026 threshold 10,154 €/UC/an, 2025 threshold 10,064:
/// <code>
/// #   bailleur flux          QPV     resources  other      T1        T2        T3
/// 1   A        own           hors    8,000      priority   num       —         num
/// 2   A        R             hors    12,000                den       —         den
/// 3   A        R             hors    9,000      DALO       num       —         num
/// 4   B        préfet        hors    15,000     DALO       den       —         excluded (préfet)
/// 5   B        own           hors    unknown               den       —         den
/// 6   B        R             hors    20,000     ANRU       num       —         den
/// 7   A        unknown       hors    11,000                den       —         excluded (unknown flux)
/// 8   A        own           hors    5,000      mutation   num       —         den
/// 9   A        R             QPV     12,000                —         num       den
/// 10  A        R             QPV     7,000                 —         den       den
/// 11  B        own           QPV     30,000                —         num       den
/// 12  A        own           unknown 12,000                excluded  excluded  den
/// </code>
/// T1 = 4/8 = 50 %, T2 = 2/3 = 66,7 %, T3 = 2/10 = 20 % (not met), CIA_MUTATIONS (20 % for the Grand Reims) = 1/12.
/// In 2025, four leases of A outside QPV on its own flux, one Q1: T1 = 1/4 = 25 %. One 2026 lease in Troyes (B) is
/// outside the Grand Reims.
/// </summary>
public sealed class TargetsWorld
{
    public const string Reims = "200067213";
    public const string Troyes = "200069250";

    private TargetsWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public long OrganisationA { get; private set; }
    public long OrganisationB { get; private set; }
    public long BailleurA { get; private set; }
    public long BailleurB { get; private set; }
    public long Reservataire { get; private set; }
    public long Prefet { get; private set; }
    public long EpciOrganisation { get; private set; }
    public long Guichet { get; private set; }

    /// <summary>Lease ids by the numbers of the table (1–12), 2025 leases 21–24, Troyes 31.</summary>
    public Dictionary<int, long> Leases { get; } = [];

    public static TargetsSettings Settings => TargetsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Objectifs:Cia:200067213:CIA_MUTATIONS"] = "20",
    }).Build());

    public static QpvRuleSettings Qpv => new(null, "ex-ZUS non assimilées (test)");

    public CurrentUser EpciUser => User(EpciOrganisation, new("44", "51", Reims, null), Roles.ChargeMissionEpci);

    public CurrentUser BailleurAUser => User(OrganisationA, new(null, "51", null, null), Roles.Bailleur);

    public CurrentUser ReservataireUser => User(Reservataire, new("44", "51", null, null), Roles.Reservataire);

    public CurrentUser GuichetUser => User(Guichet, new("44", "51", null, null), Roles.GuichetEnregistreur);

    public static CurrentUser Administrator => CurrentUser.CommandLine;

    public static CurrentUser User(long organisationId, TerritoryScope scope, params string[] roles) =>
        new(42, "test", organisationId, "organisation de test", scope, roles.ToHashSet());

    public static async Task<TargetsWorld> CreateAsync(Provider provider)
    {
        var world = new TargetsWorld(await TestDatabase.WithTerritoryAsync(provider));
        await using var db = world.Database.NewContext();
        Assert.True((await new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null))).Succeeded);
        var organisations = new[]
        {
            new Organisation { Name = "Bailleur A (test)", Kind = OrganisationKind.Bailleur, Siren = "900000011", DepartementCode = "51" },
            new Organisation { Name = "Bailleur B (test)", Kind = OrganisationKind.Bailleur, Siren = "900000022", DepartementCode = "51" },
            new Organisation { Name = "Action Logement (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "51" },
            new Organisation { Name = "Préfet de la Marne (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "51" },
            new Organisation { Name = "CU du Grand Reims (test)", Kind = OrganisationKind.Epci, RegionCode = "44", DepartementCode = "51", EpciSiren = Reims },
            new Organisation { Name = "Guichet (test)", Kind = OrganisationKind.GuichetEnregistreur, RegionCode = "44", DepartementCode = "51" },
        };
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync();
        (world.OrganisationA, world.OrganisationB, world.Reservataire, world.Prefet, world.EpciOrganisation, world.Guichet) =
            (organisations[0].Id, organisations[1].Id, organisations[2].Id, organisations[3].Id, organisations[4].Id, organisations[5].Id);
        var a = new Bailleur { Siren = "900000011", Name = "Bailleur A (test)", OrganisationId = world.OrganisationA };
        var b = new Bailleur { Siren = "900000022", Name = "Bailleur B (test)", OrganisationId = world.OrganisationB };
        db.Bailleurs.AddRange(a, b);
        await db.SaveChangesAsync();
        (world.BailleurA, world.BailleurB) = (a.Id, b.Id);

        var march = new DateOnly(2026, 3, 10);
        await world.AddAsync(db, 1, march, a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 8000m, priority: "a");
        await world.AddAsync(db, 2, march, a, FluxOrigin.Reservataire, QpvBasis.NotInQpv, 12000m);
        await world.AddAsync(db, 3, march.AddDays(5), a, FluxOrigin.Reservataire, QpvBasis.NotInQpv, 9000m, dalo: true);
        await world.AddAsync(db, 4, march.AddDays(10), b, FluxOrigin.Prefet, QpvBasis.NotInQpv, 15000m, dalo: true);
        await world.AddAsync(db, 5, march.AddDays(20), b, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, null);
        await world.AddAsync(db, 6, march.AddDays(30), b, FluxOrigin.Reservataire, QpvBasis.NotInQpv, 20000m, relocation: Relocation.Anru);
        await world.AddAsync(db, 7, march.AddDays(40), a, FluxOrigin.Unknown, QpvBasis.NotInQpv, 11000m);
        await world.AddAsync(db, 8, march.AddDays(50), a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 5000m, mutation: true);
        await world.AddAsync(db, 9, march.AddDays(60), a, FluxOrigin.Reservataire, QpvBasis.Qpv, 12000m);
        await world.AddAsync(db, 10, march.AddDays(70), a, FluxOrigin.Reservataire, QpvBasis.Qpv, 7000m);
        await world.AddAsync(db, 11, march.AddDays(80), b, FluxOrigin.BailleurNonReserved, QpvBasis.Qpv, 30000m);
        await world.AddAsync(db, 12, march.AddDays(90), a, FluxOrigin.BailleurNonReserved, null, 12000m);
        var y2025 = new DateOnly(2025, 5, 2);
        await world.AddAsync(db, 21, y2025, a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 9000m);
        await world.AddAsync(db, 22, y2025, a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 12000m);
        await world.AddAsync(db, 23, y2025, a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 13000m);
        await world.AddAsync(db, 24, y2025, a, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 14000m);
        await world.AddAsync(db, 31, march, b, FluxOrigin.BailleurNonReserved, QpvBasis.NotInQpv, 5000m, epci: Troyes, commune: "10387");
        return world;
    }

    public async Task AddAsync(
        Features.Data.EquilibreDb db, int number, DateOnly signedOn, Bailleur bailleur, FluxOrigin flux, QpvBasis? qpv, decimal? resources,
        bool dalo = false, string? priority = null, bool mutation = false, Relocation relocation = Relocation.None, string epci = Reims, string commune = "51454")
    {
        var residence = new Residence { AddressKey = $"test-{number}", CommuneCode = commune, EpciSiren = epci, DepartementCode = commune[..2], RegionCode = "44" };
        db.Residences.Add(residence);
        await db.SaveChangesAsync();
        var dwelling = new Dwelling { RplsId = $"TEST{number:D6}", ResidenceId = residence.Id, FirstMillesime = 2025 };
        var demand = new Demand
        {
            Numero = $"051TEST{number:D6}",
            ApplicantName = "Ménage test",
            SearchName = "MENAGE TEST",
            Typologies = "T3",
            PriorityCodes = "",
            Content = "{}",
            RegisteredOn = signedOn.AddYears(-1),
            ExpiresOn = signedOn.AddYears(1),
        };
        db.Dwellings.Add(dwelling);
        db.Demands.Add(demand);
        await db.SaveChangesAsync();
        var reservataire = flux switch
        {
            FluxOrigin.Reservataire => Reservataire,
            FluxOrigin.Prefet => Prefet,
            _ => (long?)null,
        };
        var lease = new Lease
        {
            DwellingId = dwelling.Id,
            DemandId = demand.Id,
            BailleurId = bailleur.Id,
            BailleurOrganisationId = bailleur.OrganisationId,
            SignedOn = signedOn,
            StartsOn = signedOn,
            Flux = flux,
            ReservataireOrganisationId = reservataire,
            EpciSiren = epci,
            CommuneCode = commune,
            DepartementCode = commune[..2],
            RegionCode = "44",
            Rooms = 3,
            Financing = FinancingFamily.Plus,
            ConstructionYear = 1972,
            Qpv = qpv,
            AnnualResourcesPerUc = resources,
            Dalo = dalo,
            PriorityCategory = priority,
            Mutation = mutation,
            Relocation = relocation,
            SignedBy = "test",
        };
        db.Leases.Add(lease);
        await db.SaveChangesAsync();
        Leases[number] = lease.Id;
    }
}
