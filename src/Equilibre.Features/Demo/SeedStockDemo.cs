using System.Globalization;
using System.Text;
using Equilibre.Domain;
using Equilibre.Domain.Stock;
using Equilibre.Features.Data;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Demo;

/// <summary>
/// Demo social stock of the two demo EPCIs, deterministic, owned by the demo bailleurs of their département and
/// calibrated on the published RPLS figures (product.md "Demo data"):
/// <list type="bullet">
/// <item>size: the département's social dwellings per inhabitant (RPLS 1 January 2023 over the Insee population)
/// times the EPCI's population, reduced to <see cref="Scale"/> (one fifth) so that the first start stays quick — the
/// screens say it is demo data;</item>
/// <item>spread over the EPCI's communes by population, weighted towards the towns (the social stock is urban);</item>
/// <item>share in QPV = the département's (Marne 29.0 %, Aube 30.4 %), in the real quartiers of Reims and Troyes
/// named in product.md, whose codes are synthetic (<see cref="QpvCode"/>) and recorded as demo in the QPV
/// referential;</item>
/// <item>national typology mix (1 room 7.4 %, 2: 20.2 %, 3: 37.0 %, 4: 27.8 %, 5+: 7.5 %), surfaces by typology;</item>
/// <item>vacancy 3.2 % of the dwellings offered for letting, mobility 8.9 % a year (the lease start dates), rent
/// 5.7–6.2 €/m² on average, by financing PLAI &lt; PLUS (pre-1977 HLM/O a little below) &lt; PLS &lt; PLI.</item>
/// </list>
/// Assumptions where no figure is published here (stated so they can be challenged): construction years 45 %
/// before 1977, 30 % 1977–1999, 25 % since 2000; financing by period (before 1977 HLM/O or PLR/PSR; 1977–1999 mostly
/// PLA ordinaire with some PLA très social, PLS and PLI; since 2000 60 % PLUS, 25 % PLAI, 12 % PLS, 3 % PLI), which
/// gives about 9 % PLAI, 83 % PLUS-like, 6 % PLS, 2 % PLI; DPE classes by period; 2.5 % of dwellings adapted for
/// handicap, more in recent buildings; rents revised by +1 % between the two millésimes.
/// <para>
/// Two millésimes (the year before the current one and the current one) so that the history shows: the second moves
/// 8.9 % of the tenants, redraws vacancy and adds one new résidence per EPCI. Written through the real path: an RPLS
/// "version loi" CSV per bailleur and millésime, imported by <see cref="ImportRpls"/> for the bailleur's own account
/// (<see cref="ImportRpls.Request.ForOrganisationId"/>) — the demo exercises the same parsing, keys, bailleur
/// linking, history and import report as a real bailleur's file, at a measured cost (11,435 dwellings and 22,758
/// states on the real territory: 20.6 s on SQLite on a saturated machine, docs/performance.md), instead of a second
/// writer that could drift from the import.
/// </para>
/// Idempotent: skipped when a demo bailleur already has dwellings.
/// </summary>
public sealed class SeedStockDemo(EquilibreDb db, TimeProvider clock, ImportRpls import)
{
    /// <summary>Share of the estimated real stock that the demo generates.</summary>
    public const double Scale = 0.2;

    /// <summary>What the QPV referential says of the demo quartiers (their codes are not the real ones).</summary>
    public const string QpvSource = "démonstration : nom réel (product.md), code synthétique";

    /// <summary>
    /// Published figures of a département: RPLS social dwellings at 1 January 2023 and share in QPV (product.md), and
    /// its Insee population municipale (≈, 2021) to turn them into dwellings per inhabitant.
    /// </summary>
    public sealed record DepartementFigures(string Code, int Dwellings, double QpvShare, int Population)
    {
        public double DwellingsPerInhabitant => (double)Dwellings / Population;
    }

    public sealed record EpciPlan(string Siren, DepartementFigures Departement, string CentreCommune, IReadOnlyList<string> Quartiers);

    public static readonly DepartementFigures Marne = new("51", 73_007, 0.290, 566_000);
    public static readonly DepartementFigures Aube = new("10", 32_061, 0.304, 310_000);

    /// <summary>
    /// The demo EPCIs and their quartiers (names of product.md). Every quartier is placed on the central commune: the
    /// demo does not claim which commune each quartier lies on (some of Troyes' spread over neighbouring communes).
    /// </summary>
    public static readonly IReadOnlyList<EpciPlan> Plans =
    [
        new(DemoTerritory.GrandReimsSiren, Marne, "51454",
            ["Croix Rouge", "Épinettes - Maladrerie - Chemin des Bouchers - Paul Petit", "Europe", "Orgeval", "Walbaum", "Wilson - Maison Blanche - Châtillons"]),
        new(DemoTerritory.TroyesSiren, Aube, "10387",
            ["Gare", "Bords de Seine", "Chantereigne Montvilliers Beau-Toqua", "Debussy", "Maugout", "Chartreux", "Jules Guesde", "Sénardes", "Point du Jour"]),
    ];

    /// <summary>National typology mix (rooms 1 to 5; 5 stands for 5 and more).</summary>
    public static readonly IReadOnlyList<double> TypologyMix = [0.074, 0.202, 0.370, 0.278, 0.075];

    /// <summary>Vacancy among the dwellings offered for letting, and the yearly mobility of tenants (RPLS, product.md).</summary>
    public const double Vacancy = 0.032;

    public const double Mobility = 0.089;

    private static readonly string[] Streets =
    [
        "RUE VICTOR HUGO", "AVENUE JEAN JAURES", "RUE DES TILLEULS", "ALLEE DES PEUPLIERS", "RUE PASTEUR", "BOULEVARD DE LA PAIX",
        "RUE DU MOULIN", "RUE ANATOLE FRANCE", "ALLEE DES VIGNES", "RUE DE LA REPUBLIQUE", "PLACE DES MARRONNIERS", "RUE JULES FERRY",
        "CHEMIN DES CRAYERES", "RUE DES ACACIAS", "AVENUE DU GENERAL LECLERC", "RUE LOUISE MICHEL",
    ];

    private static readonly string[] BuildingNames = ["LES TILLEULS", "LE BELVEDERE", "LES CHARMILLES", "LE PARC", "LES HORTENSIAS", "LES COTEAUX", "LE CLOS", "LES SAULES"];

    private const string Header = "IDENT_REP;IDENT_INT;DEPCOM;CODEPOSTAL;LIBCOM;NUMVOIE;TYPVOIE;NOMVOIE;NUMAPPT;ESC;ETAGE;IMMEU;QPV_CODE;TYPECONST;NBPIECE;SURFHAB;"
        + "CONSTRUCT;LOCAT;PATRIMOINE;ORIGINE;FINAN;CONV;CUS;DPEDATE;DPEENERGIE;DPESERRE;MODE;BAIL;LOYERPRINC;EPCI;DEP;REG;ADAPTE_HANDICAP";

    /// <summary>The synthetic code of a demo quartier: "DEMO-" and the département, never the shape of a real code.</summary>
    public static string QpvCode(string departement, int rank) => string.Create(CultureInfo.InvariantCulture, $"DEMO-QP{departement}-{rank + 1:00}");

    /// <summary>Number of dwellings created (0 when the demo stock exists or the demo bailleurs are missing).</summary>
    public async Task<int> HandleAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var sirens = DemoTerritory.BailleurSirens.ToList();
        if (await db.Bailleurs.Where(b => sirens.Contains(b.Siren))
            .AnyAsync(b => db.DwellingStates.Any(s => s.BailleurId == b.Id), ct))
        {
            return 0;
        }

        var bailleurs = await BailleursAsync(ct);
        if (bailleurs.Count < DemoTerritory.Bailleurs.Count)
        {
            return 0;
        }

        var last = FrenchTime.Today(clock).Year;
        var millesimes = new[] { last - 1, last };
        var folder = Directory.CreateTempSubdirectory("equilibre-demo-rpls-");
        try
        {
            var created = 0;
            foreach (var plan in Plans)
            {
                await QuartiersAsync(plan, ct);
                var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == plan.Siren && c.Population != null && c.ValidTo == null)
                    .OrderBy(c => c.Code).Select(c => new DemoCommune(c.Code, c.Name, c.PostalCodes, c.DepartementCode, c.RegionCode, c.Population!.Value)).ToListAsync(ct);
                if (communes.Count == 0)
                {
                    continue;
                }

                var owners = DemoTerritory.Bailleurs.Where(b => b.DepartementCode == plan.Departement.Code).Select(b => bailleurs[b.Name]).ToList();
                var stock = Generate(plan, communes, owners.Count, millesimes);
                progress?.Report(French.Format($"Parc de démonstration : {stock.Count} logements pour l'EPCI {plan.Siren}"));
                foreach (var millesime in millesimes)
                {
                    for (var o = 0; o < owners.Count; o++)
                    {
                        var file = Path.Combine(folder.FullName, string.Create(CultureInfo.InvariantCulture, $"rpls_demo_{plan.Siren}_{o}_{millesime}.csv"));
                        Write(file, plan, stock.Where(d => d.Residence.Owner == o), millesime, millesimes[0]);
                        var run = await import.HandleAsync(new ImportRpls.Request(file, millesime, "démonstration", ForOrganisationId: owners[o]), ct);
                        if (!run.Succeeded)
                        {
                            throw new InvalidOperationException($"parc de démonstration refusé par l'import RPLS : {run.Failure}");
                        }

                    }
                }

                created += stock.Count;
            }

            return created;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The demo bailleurs' organisation ids by name; a demo database seeded before they had a SIREN gets it now.</summary>
    private async Task<Dictionary<string, long>> BailleursAsync(CancellationToken ct)
    {
        var names = DemoTerritory.Bailleurs.Select(b => b.Name).ToList();
        var organisations = await db.Organisations.Where(o => o.IsDemo && names.Contains(o.Name)).ToListAsync(ct);
        foreach (var o in organisations.Where(o => o.Siren is null))
        {
            o.Siren = DemoTerritory.Bailleurs.First(b => b.Name == o.Name).Siren;
        }

        await db.SaveChangesAsync(ct);
        return organisations.ToDictionary(o => o.Name, o => o.Id);
    }

    /// <summary>The demo quartiers in the QPV referential, valid since the 2015 list (a simplification of the demo).</summary>
    private async Task QuartiersAsync(EpciPlan plan, CancellationToken ct)
    {
        if (!await db.Communes.AnyAsync(c => c.Code == plan.CentreCommune, ct))
        {
            return;
        }

        var from = new DateOnly(2015, 1, 1);
        for (var i = 0; i < plan.Quartiers.Count; i++)
        {
            var code = QpvCode(plan.Departement.Code, i);
            if (!await db.PriorityAreas.AnyAsync(a => a.Code == code && a.CommuneCode == plan.CentreCommune && a.ValidFrom == from, ct))
            {
                db.PriorityAreas.Add(new PriorityAreaEntry
                {
                    Code = code,
                    Name = plan.Quartiers[i],
                    Kind = PriorityAreaKind.Qpv,
                    CommuneCode = plan.CentreCommune,
                    ValidFrom = from,
                    Source = QpvSource,
                });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed record DemoCommune(string Code, string Name, string PostalCodes, string Departement, string Region, int Population);

    private sealed record DemoResidence(DemoCommune Commune, int Number, string Street, string? Building, string? QpvCode, int Owner, bool Individual,
        int Built, string Finan, FinancingFamily Family, double RentPerM2, char Dpe, int Entry);

    /// <summary>A dwelling and its facts at each millésime (index 0 and 1).</summary>
    private sealed record DemoDwelling(DemoResidence Residence, string Id, int Apartment, string? Staircase, int Floor, int Rooms, decimal Surface, bool Adapted,
        OccupancyMode[] Mode, DateOnly?[] Lease, decimal[] Rent);

    /// <summary>The stock of an EPCI: résidences filled commune by commune, the central commune first with its QPV résidences.</summary>
    private static List<DemoDwelling> Generate(EpciPlan plan, List<DemoCommune> communes, int owners, int[] millesimes)
    {
        var random = new Random(int.Parse(plan.Siren[^6..], CultureInfo.InvariantCulture) + 7);
        var population = communes.Sum(c => (double)c.Population);
        var total = (int)Math.Round(population * plan.Departement.DwellingsPerInhabitant * Scale);
        var allocation = Allocate(total, communes.Select(c => c.Population * Math.Clamp(c.Population / 20_000.0, 0.05, 1.0)).ToList());
        var centre = communes.FindIndex(c => c.Code == plan.CentreCommune);
        var inQpv = centre < 0 ? 0 : Math.Min(allocation[centre], (int)Math.Round(total * plan.Departement.QpvShare));
        var order = Enumerable.Range(0, communes.Count).OrderBy(i => i == centre ? 0 : 1).ThenBy(i => i).ToList();
        var dwellings = new List<DemoDwelling>(total + 100);
        var address = 0;
        foreach (var c in order)
        {
            var commune = communes[c];
            var remaining = allocation[c];
            var qpvLeft = c == centre ? inQpv : 0;
            while (remaining > 0)
            {
                var qpv = qpvLeft > 0;
                var urban = commune.Population >= 10_000;
                var size = qpv ? random.Next(40, 121) : urban ? random.Next(10, 61) : random.Next(1, 13);
                size = Math.Min(size, qpv ? qpvLeft : remaining);
                var quartier = qpv ? address % plan.Quartiers.Count : -1;
                var residence = Residence(random, commune, ++address, quartier < 0 ? null : QpvCode(plan.Departement.Code, quartier), random.Next(owners), size <= 4 && !urban, qpv, null);
                AddDwellings(random, plan, residence, size, dwellings, millesimes);
                remaining -= size;
                qpvLeft -= qpv ? size : 0;
            }
        }

        // One résidence delivered during the year before the last millésime: new in the history (about 1 % of the stock).
        if (centre >= 0)
        {
            var built = Residence(random, communes[centre], ++address, null, random.Next(owners), individual: false, qpv: false, built: millesimes[1] - 1);
            AddDwellings(random, plan, built, Math.Max(4, total / 100), dwellings, millesimes);
        }

        return dwellings;
    }

    /// <summary>Largest remainder: integer shares of <paramref name="total"/> proportional to the weights.</summary>
    private static int[] Allocate(int total, List<double> weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToList();
        var shares = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take(total - shares.Sum()))
        {
            shares[i]++;
        }

        return shares;
    }

    private static DemoResidence Residence(Random random, DemoCommune commune, int address, string? qpvCode, int owner, bool individual, bool qpv, int? built)
    {
        // QPV résidences are mostly the large estates of the 1960s and 1970s.
        var year = built ?? (qpv && random.NextDouble() < 0.8 ? random.Next(1958, 1977) : random.NextDouble() switch
        {
            < 0.45 => random.Next(1950, 1977),
            < 0.75 => random.Next(1977, 2000),
            _ => random.Next(2000, 2024),
        });
        var (finan, family) = Financing(random, year);
        var rent = family switch
        {
            FinancingFamily.Plai => 5.0,
            FinancingFamily.Pls => 7.6,
            FinancingFamily.Pli => 9.0,
            _ => finan is "51" or "52" ? 5.6 : 6.1,
        } * (0.95 + (random.NextDouble() * 0.1));
        var dpe = year switch
        {
            < 1977 => Pick(random, "CDDDDEEEFG"),
            < 2000 => Pick(random, "CCCDDDDEEF"),
            _ => Pick(random, "ABBBCCCCDD"),
        };
        var entry = year >= 2005 && random.NextDouble() < 0.4 ? 4 : random.NextDouble() switch { < 0.9 => 1, < 0.96 => 2, _ => 3 };
        return new DemoResidence(commune, address % 180 + 1, Streets[address / 180 % Streets.Length] + (address >= 180 * Streets.Length ? " " + (address / 180 / Streets.Length) : ""),
            individual ? null : BuildingNames[address % BuildingNames.Length], qpvCode, owner, individual, year, finan, family, rent, dpe, entry);
    }

    private static (string Finan, FinancingFamily Family) Financing(Random random, int year)
    {
        var x = random.NextDouble();
        var code = year switch
        {
            < 1977 => x < 0.9 ? "52" : "51",
            < 2000 => x < 0.75 ? "12" : x < 0.85 ? "11" : x < 0.95 ? "14" : "16",
            _ => x < 0.60 ? "13" : x < 0.85 ? "10" : x < 0.97 ? "14" : "16",
        };
        return (code, RplsFinancingTable.Default.Map(code).Family!.Value);
    }

    private static readonly decimal[] MeanSurface = [31m, 47m, 66m, 79m, 94m];

    private static void AddDwellings(Random random, EpciPlan plan, DemoResidence residence, int size, List<DemoDwelling> dwellings, int[] millesimes)
    {
        // Buildings of 3 to 10 storeys, 2 to 6 dwellings a landing, one staircase per such stack.
        var perFloor = residence.Individual ? 1 : random.Next(2, 7);
        var floors = residence.Individual ? 1 : random.Next(3, 11);
        var firstLetting = Math.Min(residence.Built + 1, millesimes[1] - 1);
        for (var i = 0; i < size; i++)
        {
            // Typology by a low-discrepancy sequence (golden ratio) over the EPCI's dwellings rather than by chance: the
            // shares of a few thousand dwellings then match the national mix to a fraction of a point.
            var rooms = 1 + Draw((0.5 + (dwellings.Count * 0.6180339887498949)) % 1.0, TypologyMix);
            var surface = Math.Round(MeanSurface[rooms - 1] * (decimal)(0.88 + (random.NextDouble() * 0.24)), 1);
            var floor = residence.Individual ? 0 : i / perFloor % floors;
            var staircase = residence.Individual ? null : ((char)('A' + (i / (perFloor * floors) % 26))).ToString();
            var adapted = random.NextDouble() < (residence.Built >= 2007 ? 0.08 : floor == 0 ? 0.04 : 0.012);
            var mode = new OccupancyMode[2];
            var lease = new DateOnly?[2];
            var rent = new decimal[2];
            for (var m = 0; m < 2; m++)
            {
                var year = millesimes[m];
                mode[m] = Occupancy(random);
                rent[m] = Math.Round(surface * (decimal)residence.RentPerM2 * (m == 0 ? 1m : 1.01m), 2);
                if (mode[m] != OccupancyMode.Let)
                {
                    continue;
                }

                // Mobility 8.9 %: the lettings of the year between the millésimes are the dwellings not let at the first
                // one (vacant, empty, association) and let now, plus the let ones whose tenant moved out.
                var keep = m == 1 && lease[0] is not null && random.NextDouble() >= MoveOut;
                lease[m] = keep ? lease[0] : LeaseStart(random, year, firstLetting, moved: m == 1);
            }

            dwellings.Add(new DemoDwelling(residence, string.Create(CultureInfo.InvariantCulture, $"DEMO{plan.Siren[^3..]}{dwellings.Count + 1:000000}"),
                i + 1, staircase, floor, rooms, surface, adapted, mode, lease, rent));
        }
    }

    /// <summary>Share of the stock not let at 1 January: 1 % empty (works, sale), 1 % let to associations, the vacant ones.</summary>
    private const double NotLet = 0.02 + (Vacancy * 0.98);

    /// <summary>Yearly move-out of a let dwelling such that the lettings of a year are <see cref="Mobility"/> of the stock.</summary>
    private const double MoveOut = (Mobility - NotLet) / (1 - NotLet);

    private static OccupancyMode Occupancy(Random random) => random.NextDouble() switch
    {
        < 0.01 => OccupancyMode.EmptyNotOffered,
        < 0.02 => OccupancyMode.ManagedByAssociation,
        < NotLet => OccupancyMode.VacantOffered,
        _ => OccupancyMode.Let,
    };

    /// <summary>
    /// Start of the lease in force at 1 January of <paramref name="millesime"/>: in the year before with probability
    /// <see cref="Mobility"/> (or surely when the tenant just moved in), else a geometric number of years earlier, never
    /// before the first letting.
    /// </summary>
    private static DateOnly LeaseStart(Random random, int millesime, int firstLetting, bool moved)
    {
        var years = 0;
        while (!moved && random.NextDouble() >= Mobility && years < 60)
        {
            years++;
        }

        var year = Math.Max(firstLetting, millesime - 1 - years);
        return new DateOnly(year, random.Next(1, 13), 1);
    }

    private static int Draw(double uniform, IReadOnlyList<double> shares)
    {
        var x = uniform * shares.Sum();
        for (var i = 0; i < shares.Count; i++)
        {
            x -= shares[i];
            if (x < 0)
            {
                return i;
            }
        }

        return shares.Count - 1;
    }

    private static char Pick(Random random, string letters) => letters[random.Next(letters.Length)];

    /// <summary>The "version loi" file of one bailleur at one millésime (lines without SIRET: the importing bailleur's).</summary>
    private static void Write(string path, EpciPlan plan, IEnumerable<DemoDwelling> dwellings, int millesime, int first)
    {
        var m = millesime == first ? 0 : 1;
        var fr = French.Culture;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(Header);
        writer.Write('\n');
        foreach (var d in dwellings)
        {
            var r = d.Residence;
            if (r.Built >= millesime)
            {
                continue;
            }

            var letting = Math.Min(r.Built + 1, millesime - 1);
            var family = r.Family switch { FinancingFamily.Plai => "PLAI", FinancingFamily.Pls => "PLS", FinancingFamily.Pli => "PLI", _ => "PLUS" };
            var dpeYear = Math.Max(2013, millesime - 1 - (d.Apartment % 10));
            var ghg = (char)Math.Clamp(r.Dpe + (d.Apartment % 3) - 1, 'A', 'G');
            string[] values =
            [
                d.Id,
                string.Create(CultureInfo.InvariantCulture, $"R{r.Number:000}-{d.Apartment:000}"),
                r.Commune.Code,
                r.Commune.PostalCodes.Length >= 5 ? r.Commune.PostalCodes[..5] : "",
                r.Commune.Name,
                r.Number.ToString(CultureInfo.InvariantCulture),
                "",
                r.Street,
                r.Individual ? "" : d.Apartment.ToString("000", CultureInfo.InvariantCulture),
                d.Staircase ?? "",
                d.Floor.ToString("00", CultureInfo.InvariantCulture),
                r.Building ?? "",
                r.QpvCode ?? "",
                r.Individual ? "I" : "C",
                d.Rooms.ToString(CultureInfo.InvariantCulture),
                d.Surface.ToString("0.0", fr),
                r.Built.ToString(CultureInfo.InvariantCulture),
                letting.ToString(CultureInfo.InvariantCulture),
                letting.ToString(CultureInfo.InvariantCulture),
                r.Entry.ToString(CultureInfo.InvariantCulture),
                r.Finan,
                r.Family == FinancingFamily.Pli ? "2" : "1",
                r.Family == FinancingFamily.Pli ? "" : family,
                string.Create(CultureInfo.InvariantCulture, $"{1 + (d.Apartment % 12):00}/{dpeYear}"),
                r.Dpe.ToString(),
                ghg.ToString(),
                ((int)d.Mode[m]).ToString(CultureInfo.InvariantCulture),
                d.Lease[m] is { } lease ? lease.ToString("MM/yyyy", CultureInfo.InvariantCulture) : "",
                d.Rent[m].ToString("0.00", fr),
                plan.Siren,
                r.Commune.Departement,
                r.Commune.Region,
                d.Adapted ? "oui" : "non",
            ];
            writer.Write(string.Join(';', values));
            writer.Write('\n');
        }
    }
}
