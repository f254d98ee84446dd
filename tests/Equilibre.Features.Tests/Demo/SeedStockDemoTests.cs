using Equilibre.Domain.Stock;
using Equilibre.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>
/// The demo stock is calibrated on the RPLS figures of product.md "Demo data" (domain.md §16 for the fields, §5.3 for
/// the QPV referential): worked on the small test territory (Reims + Tinqueux, Troyes + Saint-André-les-Vergers).
/// </summary>
public sealed class SeedStockDemoTests
{
    /// <summary>EPCI, share of its demo stock in QPV (the département's, product.md), tolerance in points.</summary>
    public static TheoryData<string, double> QpvShares => new()
    {
        { DemoTerritory.GrandReimsSiren, 0.290 },   // Marne 29.0 %
        { DemoTerritory.TroyesSiren, 0.304 },       // Aube 30.4 %
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_StockOfEachEpci_MatchesThePublishedFigures(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        await using var db = database.NewContext();
        var last = Make.Clock().GetUtcNow().Year;
        Assert.Equal([last - 1, last], await db.DwellingStates.Select(s => s.Millesime).Distinct().OrderBy(m => m).ToListAsync());

        var states = await db.DwellingStates.Where(s => s.Millesime == last)
            .Join(db.Dwellings, s => s.DwellingId, d => d.Id, (s, d) => new { s, d.ResidenceId, d.FirstMillesime })
            .Join(db.Residences, x => x.ResidenceId, r => r.Id, (x, r) => new
            {
                r.EpciSiren,
                r.QpvCode,
                x.s.Rooms,
                x.s.HabitableSurface,
                x.s.MonthlyRent,
                x.s.Financing,
                x.s.OccupancyMode,
                x.s.LeaseStart,
                x.s.AdaptedForHandicap,
                x.FirstMillesime,
            }).ToListAsync();

        foreach (var (siren, qpvShare) in QpvShares.Select(r => ((string)r[0], (double)r[1])))
        {
            var epci = states.Where(s => s.EpciSiren == siren).ToList();
            Assert.True(epci.Count > 1000, $"{siren} : {epci.Count} logements");

            // National typology mix within 2 points: 1 room 7.4 %, 2: 20.2 %, 3: 37.0 %, 4: 27.8 %, 5+: 7.5 %.
            for (var rooms = 1; rooms <= 5; rooms++)
            {
                var share = epci.Count(s => Math.Min(s.Rooms, 5) == rooms) / (double)epci.Count;
                Within($"{siren} T{rooms}", share, SeedStockDemo.TypologyMix[rooms - 1] - 0.02, SeedStockDemo.TypologyMix[rooms - 1] + 0.02);
            }

            // Share in QPV of the département, within one point (the résidence delivered last year is outside).
            Within($"{siren} QPV", epci.Count(s => s.QpvCode != null) / (double)epci.Count, qpvShare - 0.01, qpvShare + 0.01);

            // Vacancy 3.2 % of the dwellings offered for letting (let or vacant), within 1 point.
            var offered = epci.Count(s => s.OccupancyMode is OccupancyMode.Let or OccupancyMode.VacantOffered);
            Within($"{siren} vacance", epci.Count(s => s.OccupancyMode == OccupancyMode.VacantOffered) / (double)offered, 0.022, 0.042);

            // Mobility 8.9 %: share of the let dwellings whose lease started during the year before, within 1.5 points;
            // as in the RPLS, among dwellings offered for at least a year (not the résidence delivered last year).
            var let = epci.Where(s => s.OccupancyMode == OccupancyMode.Let && s.FirstMillesime < last).ToList();
            Within($"{siren} mobilité", let.Count(s => s.LeaseStart?.Year == last - 1) / (double)let.Count, 0.074, 0.104);

            // Mean rent per m² in 5.7–6.2 €/m², ordered by financing.
            Assert.InRange(epci.Sum(s => s.MonthlyRent!.Value) / epci.Sum(s => s.HabitableSurface!.Value), 5.7m, 6.2m);
            var byFamily = epci.GroupBy(s => s.Financing!.Value)
                .ToDictionary(g => g.Key, g => g.Sum(s => s.MonthlyRent!.Value) / g.Sum(s => s.HabitableSurface!.Value));
            Assert.True(byFamily[FinancingFamily.Plai] < byFamily[FinancingFamily.Plus] && byFamily[FinancingFamily.Plus] < byFamily[FinancingFamily.Pls]
                && byFamily[FinancingFamily.Pls] < byFamily[FinancingFamily.Pli], string.Join(", ", byFamily.Select(f => $"{f.Key} {f.Value:0.00}")));

            // Surfaces grow with the typology; some dwellings are adapted for handicap.
            var surfaces = Enumerable.Range(1, 5).Select(n => epci.Where(s => s.Rooms == n).Average(s => s.HabitableSurface!.Value)).ToList();
            Assert.Equal(surfaces.Order(), surfaces);
            Within($"{siren} adaptés", epci.Count(s => s.AdaptedForHandicap == true) / (double)epci.Count, 0.01, 0.06);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_EveryDwelling_BelongsToADemoBailleurOfItsDepartement_InRealQuartierNames(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        await using var db = database.NewContext();

        var owners = await db.DwellingStates
            .Join(db.Bailleurs, s => s.BailleurId, b => b.Id, (s, b) => new { s.DwellingId, b.OrganisationId })
            .Join(db.Dwellings, x => x.DwellingId, d => d.Id, (x, d) => new { x.OrganisationId, d.ResidenceId })
            .Join(db.Residences, x => x.ResidenceId, r => r.Id, (x, r) => new { x.OrganisationId, r.DepartementCode })
            .Distinct().ToListAsync();
        var demoBailleurs = await db.Organisations.Where(o => o.IsDemo && o.Kind == Domain.Organisations.OrganisationKind.Bailleur)
            .ToDictionaryAsync(o => o.Id, o => o.DepartementCode);
        Assert.Equal(await db.DwellingStates.CountAsync(), await db.DwellingStates.CountAsync(s => s.BailleurId != null));
        Assert.All(owners, o => Assert.Equal(o.DepartementCode, demoBailleurs[o.OrganisationId!.Value]));

        // Synthetic SIRENs: nine digits that fail the Luhn key of every real SIREN.
        Assert.All(DemoTerritory.BailleurSirens, s => Assert.False(Luhn(s), s));
        Assert.Equal(DemoTerritory.BailleurSirens.Order(), (await db.Organisations.Where(o => o.IsDemo && o.Siren != null && o.Kind == Domain.Organisations.OrganisationKind.Bailleur)
            .Select(o => o.Siren!).ToListAsync()).Order());

        // The real quartier names of product.md, with synthetic codes marked as demo; every QPV dwelling is in one.
        var quartiers = await db.PriorityAreas.ToListAsync();
        Assert.Contains(quartiers, q => q.Name == "Croix Rouge" && q.CommuneCode == "51454");
        Assert.Contains(quartiers, q => q.Name == "Chantereigne Montvilliers Beau-Toqua" && q.CommuneCode == "10387");
        Assert.Equal(SeedStockDemo.Plans.Sum(p => p.Quartiers.Count), quartiers.Count);
        Assert.All(quartiers, q => Assert.Equal((SeedStockDemo.QpvSource, true), (q.Source, q.Code.StartsWith("DEMO-", StringComparison.Ordinal))));
        var codes = quartiers.Select(q => q.Code).ToHashSet();
        Assert.All(await db.Residences.Where(r => r.QpvCode != null).Select(r => r.QpvCode!).Distinct().ToListAsync(), c => Assert.Contains(c, codes));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seed_Twice_AddsNoDwelling(Provider provider)
    {
        await using var database = await TestServices.WithDemoAsync(provider);
        int dwellings, states, areas;
        await using (var db = database.NewContext())
        {
            (dwellings, states, areas) = (await db.Dwellings.CountAsync(), await db.DwellingStates.CountAsync(), await db.PriorityAreas.CountAsync());
        }

        await using var services = TestServices.For(database);
        await using var scope = services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync();

        Assert.Equal(0, again.DwellingsCreated);
        await using var check = database.NewContext();
        Assert.Equal((dwellings, states, areas), (await check.Dwellings.CountAsync(), await check.DwellingStates.CountAsync(), await check.PriorityAreas.CountAsync()));
        Assert.True(dwellings > 5000, $"{dwellings} logements");
    }

    private static void Within(string what, double actual, double low, double high) =>
        Assert.True(actual >= low && actual <= high, $"{what} : {actual:P2} hors de [{low:P1} ; {high:P1}]");

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[^(i + 1)] - '0';
            sum += i % 2 == 1 ? (d * 2) - (d * 2 > 9 ? 9 : 0) : d;
        }

        return sum % 10 == 0;
    }
}
