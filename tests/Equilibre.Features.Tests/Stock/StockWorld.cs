using Equilibre.Domain.Organisations;
using Equilibre.Domain.Stock;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Stock;

/// <summary>
/// A small stock of two bailleurs on the test territory, imported as each bailleur would (its own RPLS "version loi"
/// without SIRET, <see cref="ImportRpls.Request.ForOrganisationId"/>), with the 2026 PLUS ceilings of the "Autres
/// régions" zone, the 2026 Q1 thresholds and one QPV. Bailleur A (SIREN 900000011) owns two dwellings in a QPV of
/// Reims, one in Tinqueux, one in Troyes and one in Bar-le-Duc, a commune outside the test COG with no région in the
/// file; bailleur B (900000022) one in Reims and one in Troyes. The organisations, users' territories and figures are
/// test values; the communes, EPCI, ceilings and thresholds are real.
/// </summary>
public sealed class StockWorld
{
    public const string ReimsEpci = "200067213";
    public const string QpvCode = "QP051019";

    private const string Header = "IDENT_REP;SIRET;DEPCOM;LIBCOM;NUMVOIE;TYPVOIE;NOMVOIE;IMMEU;ETAGE;NUMAPPT;QPV_CODE;NBPIECE;SURFHAB;CONSTRUCT;FINAN;CUS;DPEENERGIE;MODE;LOYERPRINC;CHARGES;ADAPTE_HANDICAP;EPCI;DEP;REG";

    /// <summary>Bailleur A: a T3 PLUS let 390 € + 60 € of charges and a T1 PLAI vacant adapted in the QPV, a T4 PLS under a PLUS CUS ceiling, a T2 in Troyes, a T2 in Bar-le-Duc.</summary>
    public static readonly string[] BailleurALines =
    [
        "5100090001;;51454;Reims;3;RUE;DES ÉPINETTES;LES ÉPINETTES;2;21;QP051019;3;65;1972;12;;D;1;390,00;60;0;200067213;51;44",
        "5100090002;;51454;Reims;3;RUE;DES ÉPINETTES;LES ÉPINETTES;3;31;QP051019;1;30;1972;10;;E;2;250,00;;1;200067213;51;44",
        "5100090003;;51573;Tinqueux;5;ALL;DES TILLEULS;;;;;4;82;2015;14;PLUS;B;1;520,00;;0;200067213;51;44",
        "1000090004;;10387;Troyes;8;RUE;DE LA PAIX;;;;;2;48;1990;13;;C;1;330,00;;0;200069250;10;44",
        "5500090005;;55029;Bar-le-Duc;1;RUE;DU TEST;;;;;2;45;1995;12;;C;1;300,00;;0;;55;",
    ];

    /// <summary>Bailleur B: a T5 PLUS let in Reims (outside the QPV), a T3 PLUS empty for works in Troyes (no rent).</summary>
    public static readonly string[] BailleurBLines =
    [
        "5100080001;;51454;Reims;10;BD;WILSON;;;;;5;95;1980;12;;D;1;600,00;;0;200067213;51;44",
        "1000080002;;10387;Troyes;1;PL;DU MARCHÉ;;;;;3;70;1985;12;;D;3;;;0;200069250;10;44",
    ];

    public static readonly string[] Plus2026AutresRegions =
    [
        "2026-01-01,PLUS,Autres regions,categorie_1,23403,publie,,",
        "2026-01-01,PLUS,Autres regions,categorie_2,31254,publie,,",
        "2026-01-01,PLUS,Autres regions,categorie_3,37584,publie,,",
        "2026-01-01,PLUS,Autres regions,categorie_4,45374,publie,,",
        "2026-01-01,PLUS,Autres regions,categorie_5,53376,publie,,",
        "2026-01-01,PLUS,Autres regions,categorie_6,60156,publie,,",
        "2026-01-01,PLUS,Autres regions,par_personne_supplementaire,6710,publie,,",
        "2026-01-01,PLUS,Paris et communes limitrophes,categorie_3,52740,publie,,",
        "2026-01-01,PLUS,Ile-de-France hors Paris et communes limitrophes,categorie_3,52740,publie,,",
    ];

    private StockWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public long BailleurA { get; private set; }
    public long BailleurB { get; private set; }
    public long Epci { get; private set; }
    public long Reservataire { get; private set; }
    public long Guichet { get; private set; }
    public long StateRegion { get; private set; }

    /// <summary>Dwelling ids by RPLS identifier.</summary>
    public IReadOnlyDictionary<string, long> Dwellings { get; private set; } = new Dictionary<string, long>();

    public static async Task<StockWorld> CreateAsync(Provider provider, bool sqliteFile = false)
    {
        var world = new StockWorld(await TestDatabase.WithTerritoryAsync(provider, sqliteFile));
        await using var db = world.Database.NewContext();
        Assert.True((await new ImportResourceCeilings(db, Make.Clock()).HandleAsync(new(Make.CeilingsFile(Plus2026AutresRegions)))).Succeeded);
        Assert.True((await new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null))).Succeeded);
        var organisations = new[]
        {
            new Organisation { Name = "Habitat rémois A (test)", Kind = OrganisationKind.Bailleur, Siren = "900000011", DepartementCode = "51" },
            new Organisation { Name = "Foyer troyen B (test)", Kind = OrganisationKind.Bailleur, Siren = "900000022", DepartementCode = "10" },
            new Organisation { Name = "CU du Grand Reims (test)", Kind = OrganisationKind.Epci, RegionCode = "44", DepartementCode = "51", EpciSiren = ReimsEpci },
            new Organisation { Name = "Préfecture de l'Aube (test)", Kind = OrganisationKind.Reservataire, RegionCode = "44", DepartementCode = "10" },
            new Organisation { Name = "Guichet de Reims (test)", Kind = OrganisationKind.GuichetEnregistreur, RegionCode = "44", DepartementCode = "51" },
            new Organisation { Name = "DREAL Grand Est (test)", Kind = OrganisationKind.ServicesEtat, RegionCode = "44" },
        };
        db.Organisations.AddRange(organisations);
        db.PriorityAreas.Add(new PriorityAreaEntry
        {
            Code = QpvCode,
            Name = "Épinettes (test)",
            Kind = PriorityAreaKind.Qpv,
            CommuneCode = "51454",
            ValidFrom = new DateOnly(2024, 1, 1),
            Source = "test",
        });
        await db.SaveChangesAsync();
        (world.BailleurA, world.BailleurB, world.Epci, world.Reservataire, world.Guichet, world.StateRegion) =
            (organisations[0].Id, organisations[1].Id, organisations[2].Id, organisations[3].Id, organisations[4].Id, organisations[5].Id);

        await world.ImportAsync(world.BailleurA, BailleurALines);
        await world.ImportAsync(world.BailleurB, BailleurBLines);
        await using var check = world.Database.NewContext();
        world.Dwellings = await check.Dwellings.ToDictionaryAsync(d => d.RplsId, d => d.Id);
        return world;
    }

    public async Task ImportAsync(long organisationId, string[] lines, int millesime = 2025)
    {
        await using var db = Database.NewContext();
        var file = Make.TextFile(Header, lines);
        var run = await new ImportRpls(db, Make.Clock(), Database.BulkLoader).HandleAsync(new ImportRpls.Request(file, millesime, ForOrganisationId: organisationId));
        Assert.True(run.Succeeded, run.Failure + string.Join(" | ", run.Issues.Select(i => i.Message)));
    }

    public static CurrentUser User(long? organisationId, TerritoryScope scope, params string[] roles) =>
        new(42, "test", organisationId, "organisation de test", scope, roles.ToHashSet());

    public static CurrentUser Administrator => CurrentUser.CommandLine;

    public CurrentUser BailleurAUser => User(BailleurA, new(null, "51", null, null), Roles.Bailleur);

    public CurrentUser CaleolOfA => User(BailleurA, new(null, "51", null, null), Roles.MembreCaleol);

    public CurrentUser BailleurBUser => User(BailleurB, new(null, "10", null, null), Roles.Bailleur);

    public CurrentUser EpciUser => User(Epci, new("44", "51", ReimsEpci, null), Roles.ChargeMissionEpci);

    public CurrentUser ReservataireUser => User(Reservataire, new("44", "10", null, null), Roles.Reservataire);

    public CurrentUser GuichetUser => User(Guichet, new("44", "51", null, null), Roles.GuichetEnregistreur);

    public CurrentUser StateUser => User(StateRegion, new("44", null, null, null), Roles.ServicesEtat);

    public static CurrentUser Applicant => User(null, new("-", "-", "-", "-"), Roles.Demandeur);

    public static EquilibreDbHandlers Handlers(Equilibre.Features.Data.EquilibreDb db) => new(db);

    /// <summary>The stock handlers on one context, configured as the application registers them (no Parc:Seuils).</summary>
    public sealed class EquilibreDbHandlers(Equilibre.Features.Data.EquilibreDb db)
    {
        public ListDwellings Dwellings { get; } = new(db);
        public ListResidences Residences { get; } = new(db);
        public GetStockOverview Overview { get; } = new(db);
        public GetStockMap Map { get; } = new(db);

        public GetDwelling Dwelling(StockSettings? settings = null) =>
            new(db, Make.Clock(), new QpvRuleSettings(null, "ex-ZUS non assimilées (test)"), settings ?? StockSettings.Default);
    }
}
