using Equilibre.Domain.Applications;
using Equilibre.Domain.Organisations;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Organisations;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Equilibre.Features.Tests.Applications;

/// <summary>
/// A database with the test territory, the Q1 thresholds and the real ceilings, a guichet of the Grand Reims, a
/// bailleur of the Aube, and the handlers of the registry on one clock.
/// </summary>
public sealed class DemandFixture : IAsyncDisposable
{
    private DemandFixture(TestDatabase database, FakeTimeProvider clock, CurrentUser guichet, CurrentUser bailleurAube, CurrentUser epciReims)
    {
        Database = database;
        Clock = clock;
        Guichet = guichet;
        BailleurAube = bailleurAube;
        EpciReims = epciReims;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public CurrentUser Guichet { get; }
    public CurrentUser BailleurAube { get; }
    public CurrentUser EpciReims { get; }
    public DemandSettings Settings { get; init; } = DemandSettings.Default;

    public static async Task<DemandFixture> CreateAsync(Provider provider)
    {
        var database = await TestDatabase.WithTerritoryAsync(provider);
        var clock = Make.Clock();
        await using var db = database.NewContext();
        var thresholds = await new ImportQ1Thresholds(db, clock).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null));
        Assert.True(thresholds.Succeeded, thresholds.Failure);
        var ceilings = await new ImportResourceCeilings(db, clock).HandleAsync(new(Make.RealReferenceFiles().CeilingsFile, null));
        Assert.True(ceilings.Succeeded, ceilings.Failure);
        var guichet = await OrganisationAsync(db, "Guichet test Reims", OrganisationKind.GuichetEnregistreur, new TerritoryScope("44", "51", "200067213", null), Roles.GuichetEnregistreur);
        var bailleur = await OrganisationAsync(db, "Bailleur test Aube", OrganisationKind.Bailleur, new TerritoryScope("44", "10", null, null), Roles.Bailleur);
        var epci = await OrganisationAsync(db, "EPCI test Reims", OrganisationKind.Epci, new TerritoryScope("44", "51", "200067213", null), Roles.ChargeMissionEpci);
        return new DemandFixture(database, clock, guichet, bailleur, epci);
    }

    private static async Task<CurrentUser> OrganisationAsync(EquilibreDb db, string name, OrganisationKind kind, TerritoryScope scope, string role)
    {
        var organisation = new Organisation
        {
            Name = name,
            Kind = kind,
            RegionCode = scope.RegionCode,
            DepartementCode = scope.DepartementCode,
            EpciSiren = scope.EpciSiren,
            CommuneCode = scope.CommuneCode,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return new CurrentUser(organisation.Id * 10, "agent " + name, organisation.Id, name, scope, new HashSet<string> { role });
    }

    public RegisterDemand Register(EquilibreDb db) => new(db, Clock, Settings, Cotation);

    public ModifyDemand Modify(EquilibreDb db) => new(db, Clock, Settings, Cotation);

    public RenewDemand Renew(EquilibreDb db) => new(db, Clock, Settings, Cotation);

    public CotationSettings Cotation { get; set; } = CotationSettings.Default;

    public GetDemand Get(EquilibreDb db) => new(db, Clock, Settings);

    public ImportDemands Import(EquilibreDb db) => new(db, Clock, Settings, Database.BulkLoader, new ScoreDemands(db, Database.BulkLoader, Cotation, Clock));

    public ExportDemands Export(EquilibreDb db) => new(db, Clock);

    /// <summary>The command line's user: an administrator with a nationwide scope.</summary>
    public static CurrentUser Administrator { get; } =
        new(0, "ligne de commande", null, null, TerritoryScope.Nationwide, new HashSet<string> { Roles.Administrateur });

    /// <summary>Imports a file as the administrator.</summary>
    public async Task<Features.Imports.ImportRun> ImportAsync(string path, string? defaultCommune = null, string? defaultTypology = null)
    {
        await using var db = Database.NewContext();
        return await Import(db).HandleAsync(new ImportDemands.Request(path, defaultCommune, defaultTypology), Administrator);
    }

    /// <summary>
    /// The real SNE example (AGPL test data, never copied into the repository): in the team's <c>shared</c> folder —
    /// <c>EQUILIBRE_SHARED_DATA</c> when set (the folder holding <c>data/</c>), else a <c>shared</c> folder beside the
    /// clone, looked for from the test binaries upwards, else the workplace's <c>/work/shared</c>. Missing, the test
    /// fails: the import is checked on it.
    /// </summary>
    public static string SneExample()
    {
        const string inShared = "data/sne-interface/exemple-interfaceNuu-v02.00.xml";
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("EQUILIBRE_SHARED_DATA") is { Length: > 0 } configured)
        {
            candidates.Add(Path.Combine(configured, inShared));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", inShared));
        }

        candidates.Add(Path.Combine("/work/shared", inShared));
        if (candidates.FirstOrDefault(File.Exists) is { } found)
        {
            return found;
        }

        Assert.Fail($"exemple SNE introuvable : shared/{inShared} est attendu dans EQUILIBRE_SHARED_DATA, dans un dossier « shared » à côté du dépôt (en remontant depuis {AppContext.BaseDirectory}) ou dans /work/shared");
        return "";
    }

    /// <summary>Row counts of the registry's tables, to prove a refused import changed nothing.</summary>
    public async Task<(int Demands, int Wishes, int Events)> CountsAsync()
    {
        await using var db = Database.NewContext();
        return (await db.Demands.CountAsync(), await db.DemandWishes.CountAsync(), await db.DemandEvents.CountAsync());
    }

    /// <summary>Registers a demand and returns its number (asserting success).</summary>
    public async Task<string> RegisterAsync(DemandFile file)
    {
        await using var db = Database.NewContext();
        var result = await Register(db).HandleAsync(new(file, null), Guichet);
        Assert.True(result.Outcome == DemandOutcome.Done, string.Join(" ; ", result.Errors.Select(e => $"{e.Field} : {e.Message}")) + result.Message);
        return result.Numero!;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    /// <summary>
    /// A couple with two children under 14 wishing Reims then Tinqueux: 2.1 UC (domain.md §4.1), salaries of 1,800 and
    /// 900 € a month plus 140 € of family allowances, RFR N-2 of 30,000 €.
    /// </summary>
    public static DemandFile Couple(params string[] communes) => new()
    {
        Applicant = new Person
        {
            Civility = "1",
            LastName = "Martin",
            FirstName = "Paul",
            BirthDate = new DateOnly(1988, 3, 2),
            Nationality = "1",
            FamilySituation = "M",
            Email = "paul.martin@example.org",
            TaxIncome = new TaxIncome(2025, 21000, 2024, 20000),
            ResourcesReceived = [new MonthlyResource("SAL", 1800), new MonthlyResource("AF", 140)],
        },
        CoApplicants =
        [
            new Person
            {
                Civility = "2", LastName = "Martin", FirstName = "Julie", BirthDate = new DateOnly(1990, 7, 14), Nationality = "1", FamilySituation = "M", LinkToApplicant = "M",
                TaxIncome = new TaxIncome(2025, 10500, 2024, 10000),
                ResourcesReceived = [new MonthlyResource("SAL", 900)],
            },
        ],
        Dependants =
        [
            new Dependant("Martin", "Léa", new DateOnly(2016, 5, 1), "F", "E"),
            new Dependant("Martin", "Tom", new DateOnly(2019, 9, 9), "M", "E"),
        ],
        CurrentHousing = new CurrentHousing(["LP"], 850, 4, "A", "T2", 48, false),
        Reasons = ["13", "09"],
        Wishes = new HousingWishes(["T3", "T4"], "A", communes.Length > 0 ? communes : ["51454", "51573"], false),
    };
}
