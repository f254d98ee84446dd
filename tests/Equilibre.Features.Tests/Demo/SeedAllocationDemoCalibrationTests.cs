using System.Diagnostics;
using Equilibre.Domain.Stock;
using Equilibre.Domain.Targets;
using Equilibre.Features.Demo;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Organisations;
using Equilibre.Features.Targets;
using Equilibre.Features.Territory;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Equilibre.Features.Tests.Demo;

/// <summary>
/// The demo's allocation replay is calibrated on the national figures (issue 6 item 9): T1 near the observed 15–20 %
/// (15.5 % in 2019, product.md; target 25 %, domain.md §5.1), about 40 % of offers refused. The replay's designators
/// choose as <see cref="DesignationHabits"/> says; if a change of the grids, the demands, the shortlist or the habits
/// moves the figures out of their band, this test says which and by how much. SQLite only: the replay is the same
/// handlers on both providers (the PostgreSQL path is covered by <see cref="SeedAllocationDemoTests"/>), and a second
/// run would double a test that already replays six months (≈ 35 s of CPU; 2–3 min on the shared, loaded machine).
/// </summary>
public sealed class SeedAllocationDemoCalibrationTests(ITestOutputHelper output)
{
    private const int Months = 6;

    [Fact]
    public async Task Replay_SixMonths_GivesT1NearTheNationalFigureAndFortyPercentRefusals()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.WithTerritoryAsync(Provider.Sqlite);
        await using (var reference = database.NewContext())
        {
            Assert.True((await new ImportQ1Thresholds(reference, Make.Clock()).HandleAsync(new(Make.ThresholdsFile(Make.GoodThresholds), null))).Succeeded);
            Assert.True((await new ImportResourceCeilings(reference, Make.Clock()).HandleAsync(new(Make.RealReferenceFiles().CeilingsFile, null))).Succeeded);
        }

        await using var services = TestServices.For(database);
        SeedAllocationDemo.Result result;
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync()).Succeeded);
            result = await scope.ServiceProvider.GetRequiredService<SeedAllocationDemo>().HandleAsync(Months);
        }

        // The targets as the dashboard computes them, over the replayed months, for each demo EPCI and for both.
        var today = FrenchTime.Today(Make.Clock());
        var period = TargetPeriod.Range(today.AddMonths(-Months), today);
        await using var db = database.NewContext();
        var dashboard = new GetTargetsDashboard(db, TargetsSettings.Default, new QpvRuleSettings(null, "test"), Make.Clock(), new LeaseFactsCache(Make.Clock()));
        async Task<IReadOnlyDictionary<string, IndicatorResult>> TargetsOf(string? epci) =>
            (await dashboard.HandleAsync(new GetTargetsDashboard.Request(TargetView.Epci, period, new TargetFilter(epci)), CurrentUser.CommandLine))
            .Total.Figures.ToDictionary(f => f.Current.Definition.Id, f => f.Current);
        var reims = await TargetsOf(DemoTerritory.GrandReimsSiren);
        var troyes = await TargetsOf(DemoTerritory.TroyesSiren);
        var both = await TargetsOf(null);
        static string Show(IndicatorResult r) => $"{r.Numerator}/{r.Denominator} = {r.RateText}";
        var report = $"{result} ; T1 Grand Reims {Show(reims["T1"])}, Troyes {Show(troyes["T1"])}, ensemble {Show(both["T1"])} ; "
            + $"T2 Grand Reims {Show(reims["T2"])}, Troyes {Show(troyes["T2"])} ; T3 Grand Reims {Show(reims["T3"])}, Troyes {Show(troyes["T3"])} ; {watch.Elapsed.TotalSeconds:0} s";
        output.WriteLine(report);

        // T1 — the leases outside QPV of six months on the test territory: ≈ 115 in the Grand Reims, ≈ 45 in Troyes.
        // Around a true rate of 17.5 % (the middle of the national 15–20 %), a sample of 45 has a standard deviation of
        // 5.7 points, and the 160 of both EPCIs one of 3 points: each EPCI must lie within 8–28 % (about ±2 σ of the
        // smaller sample), both together within 12–24 % (±2 σ). The replay is deterministic: leaving the band means the
        // calibration moved, not bad luck.
        Assert.True(troyes["T1"].Denominator >= 35 && reims["T1"].Denominator >= 90, report);
        Assert.True(troyes["T1"].Rate is >= 0.08m and <= 0.28m, "T1 Troyes hors de 8–28 % : " + report);
        Assert.True(reims["T1"].Rate is >= 0.08m and <= 0.28m, "T1 Grand Reims hors de 8–28 % : " + report);
        Assert.True(both["T1"].Rate is >= 0.12m and <= 0.24m, "T1 des deux EPCI hors de 12–24 % : " + report);

        // T2 (≥ 50 % of the leases in QPV to quartiles 2–4, domain.md §5.2) is computed on every EPCI; T3 is reported.
        Assert.True(reims["T2"].Denominator > 0 && troyes["T2"].Denominator > 0, report);

        // About 40 % of offers refused (SeedAllocationDemo.RefusalRate), and most vacancies end in a lease.
        Assert.True((double)result.Refusals / result.Offers is >= 0.30 and <= 0.50, "refus hors de 30–50 % des offres : " + report);
        // (A few leases are refused by the workflow itself — a demand that expired between designation and lease —, as
        // in real life: they are in result.Problems and not counted.)
        Assert.True(result.Leases > result.Vacancies / 2, report);
    }
}
