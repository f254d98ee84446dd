using ClosedXML.Excel;
using Equilibre.Domain.Targets;
using Equilibre.Features.Documents;
using Equilibre.Features.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Equilibre.Features.Tests.Targets;

/// <summary>
/// The targets features (issue 7) on the worked leases of <see cref="TargetsWorld"/>: dashboard figures (domain.md
/// §5.1 T1, §5.2 T2, §5.4 T3, §5.5 CIA), exclusions, previous-period comparison, year-end projection, scope, drill-down,
/// the CIL bilan read back from its PDF and XLSX, its regeneration "as of" a recorded edition, and the flux bilan (§9).
/// The clock is 28 November 2026.
/// </summary>
public sealed class TargetsTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static GetTargetsDashboard Dashboard(Features.Data.EquilibreDb db, TargetsSettings? settings = null) =>
        new(db, settings ?? TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock(), new LeaseFactsCache(Make.Clock()));

    private static GetTargetsDashboard.Request Year2026(TargetView view = TargetView.Epci, string? epci = TargetsWorld.Reims, IReadOnlyList<GroupDimension>? dimensions = null) =>
        new(view, TargetPeriod.Year(2026), new TargetFilter(epci), dimensions);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_WorkedLeases_GivesEachIndicatorWithExclusionsComparisonAndProjection(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();

        var result = await Dashboard(db).HandleAsync(Year2026(), world.EpciUser);

        var total = result.Total.Figures.ToDictionary(f => f.Current.Definition.Id, f => f);
        // (indicator, numerator, denominator, rate, met, excluded) — domain.md §5.1, §5.2, §5.4, §5.5
        (string Id, int Num, int Den, string Rate, bool Met, int Excluded)[] expected =
        [
            ("T1", 4, 8, "50 %", true, 1),
            ("T2", 2, 3, "66,7 %", true, 1),
            ("T3", 2, 10, "20 %", false, 2),
            ("CIA_MUTATIONS", 1, 12, "8,3 %", false, 0),
        ];
        foreach (var e in expected)
        {
            var c = total[e.Id].Current;
            Assert.Equal((e.Id, e.Num, e.Den, e.Rate, (bool?)e.Met, e.Excluded), (e.Id, c.Numerator, c.Denominator, c.RateText, c.Met, c.Excluded));
        }

        Assert.Contains(total["T1"].Current.Details, d => d.Code == "reloges-anru" && d.Count == 1);
        Assert.Contains(total["T1"].Current.Details, d => d.Code == "ressources-inconnues-au-denominateur" && d.Count == 1);
        Assert.Contains(total["T1"].Current.Exclusions, e => e.Code == "sans-statut-qpv" && e.Count == 1);
        Assert.Contains(total["T3"].Current.Exclusions, e => e.Code == "contingent-prefet" && e.Count == 1);
        Assert.Contains(total["T3"].Current.Exclusions, e => e.Code == "reservataire-inconnu" && e.Count == 1);
        Assert.Equal(0.20m, total["CIA_MUTATIONS"].Current.Threshold);
        Assert.Contains("règle non confirmée", total["CIA_MUTATIONS"].Current.ThresholdSource, StringComparison.Ordinal);
        Assert.Equal("T1 v1", total["T1"].Current.RuleVersion);
        Assert.NotNull(total["T1"].Current.QpvRule);

        // Data quality beside the figures: 12 leases, 1 with unknown resources, 1 unknown réservataire, 1 without QPV status.
        Assert.Equal((12, 1, 1, 1), (result.Total.Quality.Leases, result.Total.Quality.UnknownResources, result.Total.Quality.UnknownReservataire, result.Total.Quality.UnknownQpv));

        // 2025: T1 = 1/4 = 25 % → +25 points.
        Assert.Equal(TargetPeriod.Year(2025), result.PreviousPeriod);
        Assert.Equal((1, 4), (total["T1"].Previous!.Numerator, total["T1"].Previous!.Denominator));
        Assert.Equal(25.0m, total["T1"].DeltaPoints);

        // Projection at 28/11/2026 (day 332 of 365): T3 projected denominator 10 × 365 ÷ 332 = 11.0; ⌈0.25 × 10.99⌉ − 2 = 1 still
        // needed, more than the 0.99 leases left at this pace; T1 already above its threshold.
        var t3 = result.Projections.Single(p => p.IndicatorId == "T3").Value;
        Assert.Equal((2, 10), (t3.Numerator, t3.Denominator));
        Assert.Equal((new DateOnly(2026, 11, 28), 11.0m, 1), (t3.AsOf, t3.ProjectedDenominator, t3.StillNeeded));
        Assert.True(t3.ShareOfRemainingNeeded > 1m);
        Assert.Equal(0, result.Projections.Single(p => p.IndicatorId == "T1").Value.StillNeeded);

        // One group per EPCI of the scope: the EPCI user sees the Grand Reims only (not the Troyes lease).
        var line = Assert.Single(result.Lines);
        Assert.Equal([TargetsWorld.Reims], line.Key.Values);
        Assert.StartsWith("EPCI CU du Grand Reims (200067213)", line.Label, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Contains("règle non confirmée", StringComparison.Ordinal));

        // The JSON of the API and of `equilibre objectifs --format json`, and the CSV of the dashboard, carry the same figures.
        var json = System.Text.Json.JsonSerializer.Serialize(TargetsDocument.Tableau(result), Web);
        Assert.Contains("\"id\":\"T1\",\"version\":1,\"regleVersion\":\"T1 v1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"numerateur\":4,\"denominateur\":8", json, StringComparison.Ordinal);
        var csv = System.Text.Encoding.UTF8.GetString(TargetTables.Csv(result));
        Assert.Contains(";T3;T3 v1;", csv, StringComparison.Ordinal);
        Assert.Contains(";2;10;20.0;25.0;non;2;", csv, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_Bailleur_SeesOnlyItsOwnLeases(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();

        var bailleur = await Dashboard(db).HandleAsync(Year2026(TargetView.Bailleur, epci: null), world.BailleurAUser);
        var guichet = await Dashboard(db).HandleAsync(Year2026(TargetView.Bailleur, epci: null), world.GuichetUser);
        var admin = await Dashboard(db).HandleAsync(Year2026(TargetView.Epci, epci: null), TargetsWorld.Administrator);

        // A's 2026 leases: 1, 2, 3, 7, 8, 9, 10, 12. T1 outside QPV: 1, 2, 3, 7, 8 → 3 / 5.
        Assert.Equal(8, bailleur.Total.Quality.Leases);
        Assert.Equal([world.BailleurA.ToString(System.Globalization.CultureInfo.InvariantCulture)], bailleur.Lines.Select(l => l.Key.Values[0]!));
        var t1 = bailleur.Total.Figures.Single(f => f.Current.Definition.Id == "T1").Current;
        Assert.Equal((3, 5), (t1.Numerator, t1.Denominator));
        Assert.DoesNotContain(bailleur.Total.Figures, f => f.Current.Definition.Id == "CIA_MUTATIONS"); // CIA only for one chosen EPCI
        Assert.False(guichet.SeesAnything);
        Assert.Equal(0, guichet.Total.Quality.Leases);
        Assert.Equal([TargetsWorld.Reims, TargetsWorld.Troyes], admin.Lines.Select(l => l.Key.Values[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(13, admin.Total.Quality.Leases);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Leases_DrillDown_ReturnsExactlyTheLeasesCounted(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var handler = new GetTargetLeases(db, TargetsWorld.Settings, TargetsWorld.Qpv, new LeaseFactsCache(Make.Clock()));
        var period = TargetPeriod.Year(2026);
        var filter = new TargetFilter(TargetsWorld.Reims);
        var bailleurA = world.BailleurA.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // (indicator, part, dimensions, values, lease numbers of TargetsWorld)
        (string Id, LeasePart Part, GroupDimension[] Dims, string?[] Values, int[] Expected)[] cases =
        [
            ("T1", LeasePart.Numerator, [], [], [1, 3, 6, 8]),
            ("T1", LeasePart.Denominator, [], [], [1, 2, 3, 4, 5, 6, 7, 8]),
            ("T1", LeasePart.Excluded, [], [], [12]),
            ("T2", LeasePart.Numerator, [], [], [9, 11]),
            ("T3", LeasePart.Excluded, [], [], [4, 7]),
            ("T3", LeasePart.Numerator, [GroupDimension.Bailleur], [bailleurA], [1, 3]),
            ("T3", LeasePart.Denominator, [GroupDimension.Reservataire], [GroupKey.OwnFlux], [1, 5, 8, 11, 12]),
            ("CIA_MUTATIONS", LeasePart.Numerator, [], [], [8]),
        ];
        foreach (var c in cases)
        {
            var result = await handler.HandleAsync(new(period, filter, c.Id, c.Part, c.Dims, c.Values), world.EpciUser);
            Assert.Null(result.Error);
            Assert.Equal(c.Expected.Select(n => world.Leases[n]).Order(), result.AllIds.Order());
            Assert.Equal(c.Expected.Length, result.Total);
            Assert.Equal(c.Expected.Length, result.Leases.Count);
        }

        var own = await handler.HandleAsync(new(period, filter, "T1", LeasePart.Numerator, [], []), world.BailleurAUser);
        Assert.Equal(new[] { 1, 3, 8 }.Select(n => world.Leases[n]).Order(), own.AllIds.Order()); // 6 is B's
        var unknown = await handler.HandleAsync(new(period, filter, "T9", LeasePart.Numerator, [], []), world.EpciUser);
        Assert.Contains("T9", unknown.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CilBilan_PdfAndXlsx_ReadBackWithTheDashboardFigures(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var export = new ExportCilBilan(db, TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock());
        var request = new ExportCilBilan.Request(TargetsWorld.Reims, 2026);
        var dashboard = await Dashboard(db).HandleAsync(Year2026(), world.EpciUser);

        var pdf = await export.PdfAsync(request, world.EpciUser);
        var xlsx = await export.XlsxAsync(request, world.EpciUser);

        Assert.Null(pdf.Error);
        var text = PdfText.All(pdf.Content!);
        Assert.Contains("Bilan annuel des attributions 2026", text, StringComparison.Ordinal);
        foreach (var f in dashboard.Total.Figures)
        {
            var c = f.Current;
            Assert.Contains($"{c.RuleVersion} — {c.Definition.Label}", text.Replace('\n', ' '), StringComparison.Ordinal);
            Assert.Contains(c.RateText, text, StringComparison.Ordinal);
        }

        Assert.Contains("Annexe A — Méthode et définitions", text, StringComparison.Ordinal);
        Assert.Contains("Annexe B — Qualité des données", text, StringComparison.Ordinal);
        Assert.Contains("Bailleur A (test)", text, StringComparison.Ordinal);

        Assert.Null(xlsx.Error);
        using var workbook = new XLWorkbook(new MemoryStream(xlsx.Content!));
        var sheet = workbook.Worksheet("Synthèse");
        var rows = sheet.RowsUsed().Skip(1).ToDictionary(r => r.Cell(2).GetString(), r => r);
        foreach (var f in dashboard.Total.Figures)
        {
            var row = rows[f.Current.Definition.Id];
            Assert.Equal((f.Current.Numerator, f.Current.Denominator), ((int)row.Cell(5).GetDouble(), (int)row.Cell(6).GetDouble()));
            Assert.Equal((double)TargetTables.Pct(f.Current.Rate)!.Value, row.Cell(7).GetDouble(), 3);
        }

        Assert.True(workbook.TryGetWorksheet("Par bailleur", out _));
        Assert.Equal(2, await db.TargetBilans.CountAsync()); // each edition recorded
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CilBilan_EditedAgainAsOfItsRecord_IsIdenticalAfterTheSettingsChanged(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var original = await new ExportCilBilan(db, TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock()).ComputeAsync(new(TargetsWorld.Reims, 2026), world.EpciUser);
        var id = original.Bilan!.Record.Id;

        // The CIL adapts T1 to 40 % and the CIA mutation objective to 30 %; a threshold of 2026 is corrected to 8,000.
        var changed = TargetsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Objectifs:Cia:200067213:CIA_MUTATIONS"] = "30",
            ["Objectifs:Seuils:200067213:T1"] = "40",
        }).Build());
        await db.Q1Thresholds.Where(t => t.EpciSiren == TargetsWorld.Reims && t.Year == 2026).ExecuteUpdateAsync(s => s.SetProperty(t => t.AmountPerUcPerYear, 8000m));
        var export = new ExportCilBilan(db, changed, TargetsWorld.Qpv, Make.Clock());
        var today = await export.ComputeAsync(new(TargetsWorld.Reims, 2026, Record: false), world.EpciUser);
        var again = await export.ComputeAsync(new(TargetsWorld.Reims, 2026, AsOfRecordId: id), world.EpciUser);

        static string Figures(ExportCilBilan.Bilan b) => string.Join("\n",
            b.Sections.SelectMany(s => s.Report.Groups).Prepend(b.Total.Groups[0]).SelectMany(g => g.Indicators).Select(i => $"{i.Summary} {i.ThresholdSource}"));
        Assert.NotEqual(Figures(original.Bilan), Figures(today.Bilan!)); // today's settings do change the figures…
        Assert.Equal(Figures(original.Bilan), Figures(again.Bilan!)); // …but not the bilan edited as of its record
        Assert.False(again.Bilan!.InputChanged);
        Assert.Contains(again.Bilan.Notes, n => n.Contains("même empreinte", StringComparison.Ordinal));
        Assert.Equal(0.40m, today.Bilan!.Total.Groups[0]["T1"]!.Threshold);
        Assert.Equal(1, await db.TargetBilans.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bilans_OutsideTheirAudience_AreRefused(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var cil = new ExportCilBilan(db, TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock());
        var flux = new ExportFluxBilan(db, TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock());

        var bailleur = await cil.PdfAsync(new(TargetsWorld.Reims, 2026), world.BailleurAUser);
        var guichet = await flux.XlsxAsync(new(world.BailleurA, 2026), world.GuichetUser);
        var unknownEpci = await cil.PdfAsync(new("999999999", 2026), TargetsWorld.Administrator);

        Assert.True(bailleur.Forbidden);
        Assert.Contains("réservé à l'EPCI", bailleur.Error, StringComparison.Ordinal);
        Assert.True(guichet.Forbidden);
        Assert.False(unknownEpci.Forbidden);
        Assert.Contains("999999999", unknownEpci.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.TargetBilans.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FluxBilan_CountsTheLeasesPerReservataireWithT3(Provider provider)
    {
        var world = await TargetsWorld.CreateAsync(provider);
        await using var database = world.Database;
        await using var db = database.NewContext();
        var flux = new ExportFluxBilan(db, TargetsWorld.Settings, TargetsWorld.Qpv, Make.Clock());

        var (bilan, _) = await flux.ComputeAsync(new(world.BailleurA, 2026), world.BailleurAUser);
        var xlsx = await flux.XlsxAsync(new(world.BailleurA, 2026), world.BailleurAUser);
        var pdf = await flux.PdfAsync(new(world.BailleurA, 2026), world.BailleurAUser);
        var reservataireOnly = await flux.ComputeAsync(new(world.BailleurA, 2026), world.ReservataireUser);

        // A in 2026: réservataire R: 2, 3, 9, 10 (hors QPV 2, QPV 2); own flux: 1, 8, 12; unknown: 7. All T3 PLUS 1949-1974 in Reims.
        Assert.Equal(8, bilan!.Lines.Sum(l => l.Leases));
        var r = bilan.Lines.Where(l => l.Reservataire.StartsWith("Action Logement", StringComparison.Ordinal)).ToList();
        Assert.Equal([("QPV", 2, 0), ("hors QPV", 2, 1)], r.Select(l => (l.Qpv, l.Leases, l.DaloOrPriority)).OrderBy(x => x.Qpv, StringComparer.Ordinal));
        Assert.All(bilan.Lines, l => Assert.Equal(("T3", "PLUS", "1949-1974"), (l.Typology, l.Financing, l.ConstructionPeriod)));
        var t3 = bilan.T3.Groups.Single(g => g.Key.Values[0] == GroupKey.OwnFlux)["T3"]!;
        Assert.Equal((1, 3), (t3.Numerator, t3.Denominator)); // 1 priority; 8 and 12 not

        using var workbook = new XLWorkbook(new MemoryStream(xlsx.Content!));
        Assert.Equal(8, (int)workbook.Worksheet("Attribués").Column(7).CellsUsed().Skip(1).Sum(c => c.GetDouble()));
        Assert.Contains("R441-5-1", PdfText.All(pdf.Content!), StringComparison.Ordinal);
        Assert.Equal(4, reservataireOnly.Bilan!.Lines.Sum(l => l.Leases)); // a réservataire sees the lines of its flux only
    }

    [Fact]
    public void Settings_FromConfiguration_ReadsCiaAdaptedRatesAndThresholdYear()
    {
        var settings = TargetsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Objectifs:AnneeSeuil"] = "precedente-avant:07-01",
            ["Objectifs:Cia:200067213:CIA_DALO"] = "12.5",
            ["Objectifs:Seuils:200067213:T2"] = "45",
        }).Build());

        Assert.Equal(2025, settings.Q1Year.YearFor(new DateOnly(2026, 6, 30)));
        Assert.Equal(2026, settings.Q1Year.YearFor(new DateOnly(2026, 7, 1)));
        var reims = settings.Definitions(TargetsWorld.Reims).ToDictionary(d => d.Id);
        Assert.Equal((0.125m, 0.45m, 0.25m), (reims["CIA_DALO"].Threshold, reims["T2"].Threshold, reims["T1"].Threshold));
        var all = settings.Definitions(null);
        Assert.DoesNotContain(all, d => d.Id == "CIA_DALO");
        Assert.Equal(0.45m, Assert.Single(all.Single(d => d.Id == "T2").LocalThresholds).Rate);
        var bad = Assert.Throws<InvalidOperationException>(() => TargetsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Objectifs:Cia:200067213:CIA_INCONNU"] = "10",
        }).Build()));
        Assert.Contains("CIA_INCONNU", bad.Message, StringComparison.Ordinal);
    }
}
