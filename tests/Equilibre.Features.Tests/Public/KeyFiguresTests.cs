using Equilibre.Domain.Applications;
using Equilibre.Domain.Privacy;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Public;
using Equilibre.Features.Stock;
using Equilibre.Features.Targets;
using Equilibre.Features.Tests.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Equilibre.Features.Tests.Public;

/// <summary>
/// The public key figures (issue 8, domain.md §11.3, §12 tension and délai d'attente, §5.1–5.2 T1/T2, §16.4 vacancy,
/// §10.3 the 11-household rule) on a worked world: the leases of <see cref="TargetsWorld"/> (12 in the Grand Reims in
/// 2026, each repeated five more times as historical leases of households outside the registry = 72; 4 in 2025; 1 in
/// Troyes), their demands radiated at signature, and:
/// <code>
/// demands (asOf 28/11/2026)                        Grand Reims   Troyes
/// active, registered 01/06/2025                    30 (12 mut.)  5
/// radiated 15/01/2026 (registered 01/02/2025)      2             —
/// expired 01/01/2025                               3             —
/// stock RPLS 2026: 10 dwellings in QPV (9 let, 1 vacant offered), 30 outside (27 let, 2 vacant offered, 1 empty not offered)
/// </code>
/// Grand Reims 2026: 30 active demands, 12 mutations (40 %), 72 leases, pressure 30 ÷ 72 = 0,4, median seniority 12 months
/// over the 12 housed demands, DALO or priority 18/72 = 25 %, T1 24/48 = 50 %, T2 12/18 with the numerator masked
/// (18 − 12 = 6 households would be derived), 40 dwellings, 25 % in QPV, vacancy 3 ÷ 39 = 7,7 %. Troyes: everything
/// about households is « moins de 11 ménages ». The clock is 28 November 2026.
/// </summary>
public sealed class KeyFiguresTests
{
    private sealed record World(TargetsWorld Targets, FakeTimeProvider Clock, KeyFiguresCache Cache)
    {
        public GetKeyFigures Handler(Features.Data.EquilibreDb db) => new(db, TargetsWorld.Settings, TargetsWorld.Qpv, Clock, Cache);
    }

    private static async Task<World> CreateAsync(Provider provider)
    {
        var targets = await TargetsWorld.CreateAsync(provider);
        await using var db = targets.Database.NewContext();

        // The demands of the leases were satisfied: radiated at signature (RADATT).
        foreach (var demand in await db.Demands.ToListAsync())
        {
            (demand.Status, demand.Radiation, demand.RadiatedOn) = (DemandStatus.Radiated, RadiationReason.Allocation, demand.RegisteredOn.AddYears(1));
        }

        // Five more historical leases of external households (no demand) for each 2026 lease of the Grand Reims.
        var originals = await db.Leases.AsNoTracking().Where(l => l.EpciSiren == TargetsWorld.Reims && l.SignedOn.Year == 2026).ToListAsync();
        Assert.Equal(12, originals.Count);
        for (var copy = 1; copy <= 5; copy++)
        {
            db.Leases.AddRange(originals.Select(l => Copy(l, copy)));
        }

        var number = 0;
        void Demands(int count, string epci, string departement, DateOnly registered, DateOnly expires, DateOnly? radiated = null, int mutations = 0)
        {
            for (var i = 0; i < count; i++)
            {
                number++;
                db.Demands.Add(new Demand
                {
                    Numero = $"051KF{number:D6}",
                    ApplicantName = "Ménage chiffres clés",
                    SearchName = "MENAGE CHIFFRES CLES",
                    Typologies = "T3",
                    PriorityCodes = "",
                    Content = "{}",
                    Status = radiated is null ? DemandStatus.Active : DemandStatus.Radiated,
                    Radiation = radiated is null ? null : RadiationReason.Renunciation,
                    RadiatedOn = radiated,
                    RegisteredOn = registered,
                    ExpiresOn = expires,
                    EpciSiren = epci,
                    DepartementCode = departement,
                    RegionCode = "44",
                    IsMutation = i < mutations,
                });
            }
        }

        Demands(30, TargetsWorld.Reims, "51", new(2025, 6, 1), new(2027, 6, 1), mutations: 12);
        Demands(2, TargetsWorld.Reims, "51", new(2025, 2, 1), new(2027, 2, 1), radiated: new(2026, 1, 15));
        Demands(3, TargetsWorld.Reims, "51", new(2024, 1, 1), new(2025, 1, 1));
        Demands(5, TargetsWorld.Troyes, "10", new(2025, 6, 1), new(2027, 6, 1));

        // RPLS 2026 in the Grand Reims.
        var inQpv = new Residence { AddressKey = "kf-qpv", CommuneCode = "51454", EpciSiren = TargetsWorld.Reims, DepartementCode = "51", RegionCode = "44", InQpv = true, Millesime = 2026 };
        var outside = new Residence { AddressKey = "kf-hors", CommuneCode = "51454", EpciSiren = TargetsWorld.Reims, DepartementCode = "51", RegionCode = "44", InQpv = false, Millesime = 2026 };
        db.Residences.AddRange(inQpv, outside);
        await db.SaveChangesAsync();
        var modes = Enumerable.Repeat((inQpv, OccupancyMode.Let), 9).Append((inQpv, OccupancyMode.VacantOffered))
            .Concat(Enumerable.Repeat((outside, OccupancyMode.Let), 27)).Concat(Enumerable.Repeat((outside, OccupancyMode.VacantOffered), 2))
            .Append((outside, OccupancyMode.EmptyNotOffered)).ToList();
        var dwellings = modes.Select((m, i) => new Dwelling { RplsId = $"KF{i:D8}", ResidenceId = m.Item1.Id, FirstMillesime = 2026 }).ToList();
        db.Dwellings.AddRange(dwellings);
        await db.SaveChangesAsync();
        db.DwellingStates.AddRange(dwellings.Select((d, i) => new DwellingState { DwellingId = d.Id, Millesime = 2026, Rooms = 3, FinancingCode = "13", OccupancyMode = modes[i].Item2 }));
        await db.SaveChangesAsync();
        var clock = Make.Clock();
        return new World(targets, clock, new KeyFiguresCache(clock));
    }

    private static Lease Copy(Lease l, int copy) => new()
    {
        DwellingId = l.DwellingId,
        DemandId = null,
        BailleurId = l.BailleurId,
        BailleurOrganisationId = l.BailleurOrganisationId,
        SignedOn = l.SignedOn,
        StartsOn = l.StartsOn,
        EndedOn = new DateOnly(2026, 11, 1).AddDays(copy),
        Flux = l.Flux,
        ReservataireOrganisationId = l.ReservataireOrganisationId,
        EpciSiren = l.EpciSiren,
        CommuneCode = l.CommuneCode,
        DepartementCode = l.DepartementCode,
        RegionCode = l.RegionCode,
        Rooms = l.Rooms,
        Financing = l.Financing,
        ConstructionYear = l.ConstructionYear,
        Qpv = l.Qpv,
        AnnualResourcesPerUc = l.AnnualResourcesPerUc,
        Dalo = l.Dalo,
        PriorityCategory = l.PriorityCategory,
        Mutation = l.Mutation,
        Relocation = l.Relocation,
        Imported = true,
        SignedBy = "test",
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GrandReims2026_WorkedWorld_GivesEachFigureWithItsDateSourceAndMasking(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var database = world.Targets.Database;
        await using var db = database.NewContext();

        var response = await world.Handler(db).HandleAsync(new(Epci: TargetsWorld.Reims));

        Assert.Equal(GetKeyFigures.Refusal.None, response.Refusal);
        var r = response.Figures!;
        Assert.Equal((KeyFiguresScope.Epci, TargetsWorld.Reims, 2026, new DateOnly(2026, 11, 28)), (r.Scope, r.Code, r.Year, r.DemandsAsOf));
        Assert.Contains("Grand Reims", r.Name, StringComparison.Ordinal);
        // (code, value, display) — domain.md §12 (tension, délai d'attente), §5.1, §5.2, §16.4
        (string Code, decimal? Value, string Display)[] expected =
        [
            ("demandes-actives", 30, "30"),
            ("demandes-mutation", 12, "12 (40,0 %)"),
            ("baux-signes", 72, "72"),
            ("pression", 0.4m, "0,4 demande(s) pour une attribution"),
            ("anciennete-mediane", 12, "12 mois"),
            ("part-prioritaires", 25.0m, "25 %"),
            ("T1", 50.0m, "50 %"),
            ("T2", null, HouseholdDisclosure.MaskedLabel),
            ("logements", 40, "40"),
            ("part-qpv", 25.0m, "25,0 %"),
            ("taux-vacance", 7.7m, "7,7 %"),
        ];
        Assert.Equal(expected.Select(e => e.Code), r.Figures.Select(f => f.Code));
        foreach (var e in expected)
        {
            Assert.Equal(e, (r[e.Code].Code, r[e.Code].Value, r[e.Code].Display));
        }

        // T1 and T2 are the engine's: numerator and denominator beside the rate, 6 leases without QPV status excluded.
        Assert.Equal((24, 48), (r["T1"].Numerator!.Value, r["T1"].Denominator!.Value));
        Assert.Contains("T1 v1", r["T1"].Explanation, StringComparison.Ordinal);
        Assert.Contains("6 bail(s) exclu(s)", r["T1"].Explanation, StringComparison.Ordinal);
        Assert.Contains("seuil 25 %", r["T1"].Explanation, StringComparison.Ordinal);
        // T2: 12 of 18 — showing 12 would reveal the 6 others by subtraction (secondary masking): no numerator, no rate.
        Assert.Equal(18, r["T2"].Denominator!.Value);
        Assert.True(r["T2"].Numerator!.Masked);
        Assert.True(r["T2"].Masked);
        Assert.Contains("secret statistique", r["T2"].Explanation, StringComparison.Ordinal);
        Assert.Equal((30, 72), (r["pression"].Numerator!.Value, r["pression"].Denominator!.Value));
        Assert.Equal(12, r["anciennete-mediane"].Denominator!.Value);

        // Each figure is dated and sourced.
        Assert.Equal("au 28/11/2026", r["demandes-actives"].Date);
        Assert.Equal("du 01/01/2026 au 28/11/2026", r["baux-signes"].Date);
        Assert.Equal("au 1er janvier 2026", r["logements"].Date);
        Assert.All(r.Figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Source)));
        Assert.Contains("RPLS, millésime 2026", r["taux-vacance"].Source, StringComparison.Ordinal);
        Assert.Contains(r.Notes, n => n.Contains("provisoires", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Scopes_FranceRegionDepartementEpci_CountTheirOwnAndMaskSmallGroups(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var database = world.Targets.Database;
        await using var db = database.NewContext();
        var handler = world.Handler(db);

        var france = (await handler.HandleAsync(new())).Figures!;
        var region = (await handler.HandleAsync(new(Region: "44"))).Figures!;
        var troyes = (await handler.HandleAsync(new(Epci: TargetsWorld.Troyes))).Figures!;
        var aube = (await handler.HandleAsync(new(Departement: "10"))).Figures!;
        var reims2025 = (await handler.HandleAsync(new(Year: 2025, Epci: TargetsWorld.Reims))).Figures!;

        // France and the Grand Est: 30 + 5 active demands, 72 + 1 leases.
        Assert.Equal(("France", 35m, 73m), (france.Name, france["demandes-actives"].Value, france["baux-signes"].Value));
        Assert.Equal((35m, 73m), (region["demandes-actives"].Value, region["baux-signes"].Value));

        // The national T1 and T2 are the targets dashboard's figures for the whole country (same engine, same facts).
        var dashboard = await new GetTargetsDashboard(db, TargetsWorld.Settings, TargetsWorld.Qpv, world.Clock, new LeaseFactsCache(world.Clock))
            .HandleAsync(new(TargetView.Epci, TargetPeriod.Year(2026), TargetFilter.None), TargetsWorld.Administrator);
        var t1 = dashboard.Total.Figures.Single(f => f.Current.Definition.Id == "T1").Current;
        var t2 = dashboard.Total.Figures.Single(f => f.Current.Definition.Id == "T2").Current;
        Assert.Equal((t1.Numerator, t1.Denominator), (france["T1"].Numerator!.Value, france["T1"].Denominator!.Value));
        Assert.Equal(Math.Round(100m * t1.Rate!.Value, 1, MidpointRounding.AwayFromZero), france["T1"].Value);
        Assert.Equal((12, 18), (t2.Numerator, t2.Denominator)); // shown as 18 with the numerator masked, as in the Grand Reims
        Assert.Equal((null, 18), (france["T2"].Numerator!.Value, france["T2"].Denominator!.Value));

        // Troyes and the Aube: 5 demands, 1 lease — « moins de 11 ménages », not 0; nothing derived from them.
        foreach (var small in new[] { troyes, aube })
        {
            foreach (var code in new[] { "demandes-actives", "demandes-mutation", "baux-signes", "pression", "anciennete-mediane", "part-prioritaires", "T1", "T2" })
            {
                Assert.True(small[code].Value is null && small[code].Display is HouseholdDisclosure.MaskedLabel or "sans objet", $"{code} : {small[code].Display}");
            }

            Assert.True(small["demandes-actives"].Masked);
            Assert.Contains("secret statistique", small["demandes-actives"].Explanation, StringComparison.Ordinal);
        }

        Assert.Equal(0m, troyes["logements"].Value); // dwellings are not households: 0 is a figure

        // 2025 in the Grand Reims, on 31 December: the 30 active and the 2 radiated in January 2026; 4 leases masked.
        Assert.Equal(new DateOnly(2025, 12, 31), reims2025.DemandsAsOf);
        Assert.Equal(32m, reims2025["demandes-actives"].Value);
        Assert.True(reims2025["baux-signes"].Masked);
        Assert.Equal("du 01/01/2025 au 31/12/2025", reims2025["baux-signes"].Date);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cache_ServesTheSameVersion_RecomputesAfterALeaseOrTheLifetime(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var database = world.Targets.Database;
        await using var db = database.NewContext();
        var handler = world.Handler(db);

        var first = await handler.HandleAsync(new());
        var second = await handler.HandleAsync(new());
        Assert.Equal((false, true), (first.FromCache, second.FromCache));
        Assert.Same(first.Figures, second.Figures);

        // A new lease changes the data version: recomputed at once.
        var lease = await db.Leases.AsNoTracking().FirstAsync(l => l.EpciSiren == TargetsWorld.Reims && l.SignedOn.Year == 2026);
        db.Leases.Add(Copy(lease, 9));
        await db.SaveChangesAsync();
        var third = await handler.HandleAsync(new());
        Assert.False(third.FromCache);
        Assert.Equal(74m, third.Figures!["baux-signes"].Value);
        Assert.NotEqual(first.Figures!.DataVersion, third.Figures.DataVersion);

        // Same version, but older than the lifetime: recomputed.
        Assert.True((await handler.HandleAsync(new())).FromCache);
        world.Clock.Advance(KeyFiguresCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False((await handler.HandleAsync(new())).FromCache);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refusals_UnknownTerritoryOrBadRequest_SayWhyInFrench(Provider provider)
    {
        var world = await CreateAsync(provider);
        await using var database = world.Targets.Database;
        await using var db = database.NewContext();
        var handler = world.Handler(db);

        // (request, refusal, words of the reason)
        (GetKeyFigures.Request Request, GetKeyFigures.Refusal Refusal, string Reason)[] cases =
        [
            (new(Epci: "123456789"), GetKeyFigures.Refusal.UnknownTerritory, "aucun EPCI de SIREN « 123456789 »"),
            (new(Departement: "99"), GetKeyFigures.Refusal.UnknownTerritory, "aucun département de code « 99 »"),
            (new(Region: "00"), GetKeyFigures.Refusal.UnknownTerritory, "aucune région de code « 00 »"),
            (new(Region: "44", Epci: TargetsWorld.Reims), GetKeyFigures.Refusal.Invalid, "un seul territoire à la fois : region et epci"),
            (new(Year: 2027), GetKeyFigures.Refusal.Invalid, "année 2027 invalide"),
            (new(Year: 1999), GetKeyFigures.Refusal.Invalid, "année 1999 invalide"),
        ];
        foreach (var c in cases)
        {
            var response = await handler.HandleAsync(c.Request);
            Assert.Equal(c.Refusal, response.Refusal);
            Assert.Null(response.Figures);
            Assert.Contains(c.Reason, response.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new[] { 12, 1 }, 12)]
    [InlineData(new[] { 3, 1, 5, 1, 9, 1 }, 5)]
    [InlineData(new[] { 3, 2, 5, 2 }, 3)] // even total: the lower middle (nearest rank)
    [InlineData(new[] { 20, 1, 4, 10 }, 4)]
    public void MedianMonths_Distribution_IsTheNearestRankMiddle(int[] pairs, int expected)
    {
        var distribution = pairs.Chunk(2).Select(p => (p[0], p[1])).ToList();

        Assert.Equal(expected, GetKeyFigures.MedianMonths(distribution));
    }
}
