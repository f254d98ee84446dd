using Equilibre.Domain.Organisations;
using Equilibre.Domain.Reform;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Reform;

/// <summary>Reform tracking on the small Grand Est territory: Reims (51), Troyes (10), Saint-Dizier (52, spans 51).</summary>
public sealed class ReformTests
{
    private static async Task<TestDatabase> WithTerritoryAsync(Provider provider)
    {
        var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var db = database.NewContext();
        var run = await new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new ImportQ1Thresholds.Request(Make.ThresholdsFile(Make.GoodThresholds), null));
        Assert.True(run.Succeeded, run.Failure);
        return database;
    }

    private static CurrentUser Ddt(string departement) =>
        new(10, "Agent DDT", 1, $"DDT {departement}", new TerritoryScope("44", departement, null, null), new HashSet<string> { Roles.ServicesEtat });

    private static readonly CurrentUser Dreal = new(11, "Agent DREAL", 2, "DREAL Grand Est", new TerritoryScope("44", null, null, null), new HashSet<string> { Roles.ServicesEtat });

    private static InstrumentEntry Cil(string date, string reference = "arrêté préfectoral n° 2017-12") =>
        new(ReformInstrument.CilCreated, true, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), reference);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Record_DdtOfAnotherDepartement_IsForbiddenAndWritesNothing(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        await using var db = database.NewContext();

        var troyes = await new RecordInstrumentStatus(db, Make.Clock()).HandleAsync(new("200069250", [Cil("2017-03-01")], null), Ddt("51"));
        var saintDizier = await new RecordInstrumentStatus(db, Make.Clock()).HandleAsync(new("200068666", [Cil("2017-03-01")], null), Ddt("51"));

        Assert.Equal(RecordInstrumentStatus.Outcome.Forbidden, troyes.Outcome);
        Assert.Contains("relève de la DDT du département 10", troyes.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(RecordInstrumentStatus.Outcome.Forbidden, saintDizier.Outcome); // main département 52, though it has a commune in the Marne
        await using var check = database.NewContext();
        Assert.False(await check.ReformRecords.AnyAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Record_ThenCorrect_KeepsHistoryAndTheLatestStateCounts(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var clock = Make.Clock();
        await using (var db = database.NewContext())
        {
            var first = await new RecordInstrumentStatus(db, clock).HandleAsync(new("200067213", [Cil("2016-05-10"), new(ReformInstrument.CilMet, true, new DateOnly(2016, 11, 20), "compte rendu")], null), Ddt("51"));
            Assert.Equal((RecordInstrumentStatus.Outcome.Recorded, 2), (first.Outcome, first.Recorded));
        }

        clock.Advance(TimeSpan.FromDays(1));
        await using (var db = database.NewContext())
        {
            // the same entry again records nothing; a corrected date is a new record
            var same = await new RecordInstrumentStatus(db, clock).HandleAsync(new("200067213", [Cil("2016-05-10")], null), Dreal);
            Assert.Equal(0, same.Recorded);
            var corrected = await new RecordInstrumentStatus(db, clock).HandleAsync(new("200067213", [Cil("2016-06-01", "arrêté rectificatif")], "date corrigée"), Dreal);
            Assert.Equal(1, corrected.Recorded);
        }

        await using var check = database.NewContext();
        var status = await new GetEpciReformStatus(check).HandleAsync("200067213");
        Assert.Equal(3, status!.History.Count);
        Assert.Equal(new DateOnly(2016, 6, 1), status.Current.Single(c => c.Instrument == ReformInstrument.CilCreated).EffectiveDate);
        Assert.Equal("date corrigée", status.History[0].Note);

        var situation = await new GetReformSituation(check).HandleAsync(new(new DateOnly(2026, 6, 15), "44", null));
        var cil = situation.Region!.Situation.Rates.Single(r => r.Instrument == ReformInstrument.CilCreated);
        Assert.Equal((1, 3), (cil.InPlace, cil.SubjectToReform)); // Reims, Troyes, Saint-Dizier are in the 2026 list
        Assert.Equal(["200067213"], cil.EpcisInPlace);
        var marne = situation.DepartementsOfRegion.Single(d => d.Code == "51").Situation.Rates.Single(r => r.Instrument == ReformInstrument.CilCreated);
        Assert.Equal((1, 1), (marne.InPlace, marne.SubjectToReform)); // Saint-Dizier is counted in the Haute-Marne
        var before = await new GetReformSituation(check).HandleAsync(new(new DateOnly(2025, 5, 31), "44", null));
        Assert.Equal((1, 1), (before.Region!.Situation.Rates[0].InPlace, before.Region.Situation.Rates[0].SubjectToReform)); // 2025 list: Reims only
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Record_InvalidEntry_NamesTheRuleAndWritesNothing(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        await using var db = database.NewContext();

        var result = await new RecordInstrumentStatus(db, Make.Clock()).HandleAsync(new("200067213", [Cil("2027-01-01", "")], null), Dreal);

        Assert.Equal(RecordInstrumentStatus.Outcome.Invalid, result.Outcome);
        Assert.Equal(["date", "reference"], result.Errors.Select(e => e.Field));
        Assert.False(await db.ReformRecords.AnyAsync());
    }

    private const string Header = "siren_epci;nom_epci;instrument;en_place;date_acte;reference";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_FileWithOneBadLine_IsRefusedWhole(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var file = Make.TextFile(Header,
        [
            "200067213;CU du Grand Reims;cil_creee;oui;2016-05-10;arrêté 2016-05",
            "200069250;CA Troyes Champagne Métropole;cil_creee;oui;01/03/2017;arrêté 2017-03",
            "200069250;CA Troyes Champagne Métropole;cil_inventee;oui;2017-03-01;x",
            "999999999;Inconnu;cil_creee;oui;2017-03-01;x",
        ]);
        await using var db = database.NewContext();

        var run = await new ImportReformStatuses(db, Make.Clock()).HandleAsync(new(file), Dreal);

        Assert.False(run.Succeeded);
        Assert.Equal([(4, "instrument"), (5, "siren_epci")], run.Issues.Select(i => (i.Line, i.Field)));
        await using var check = database.NewContext();
        Assert.False(await check.ReformRecords.AnyAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_ExportedFile_RoundTripsAndIsIdempotent(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var file = Make.TextFile(Header,
        [
            "200067213;CU du Grand Reims;cil_creee;oui;2016-05-10;arrêté 2016-05",
            "200069250;CA Troyes Champagne Métropole;ppgd_adopte;oui;2019-10-01;\"délibération n° 2019-10; PPGD\"",
        ]);
        await using (var db = database.NewContext())
        {
            var first = await new ImportReformStatuses(db, Make.Clock()).HandleAsync(new(file), Dreal);
            Assert.True(first.Succeeded, first.Failure);
            Assert.Equal(2, first.Created);
        }

        byte[] csv;
        await using (var db = database.NewContext())
        {
            csv = await new ExportReformStatuses(db, new GetReformSituation(db)).CsvAsync(new(new DateOnly(2026, 6, 15), "44", null));
        }

        var exported = Path.Combine(Make.TempFolder(), "export.csv");
        await File.WriteAllBytesAsync(exported, csv);
        await using (var db = database.NewContext())
        {
            var again = await new ImportReformStatuses(db, Make.Clock()).HandleAsync(new(exported), Dreal);
            Assert.True(again.Succeeded, again.Failure);
            Assert.Equal((0, 3 * ReformInstruments.All.Count), (again.Created, again.Unchanged)); // 3 EPCI × 8 instruments
        }

        await using var check = database.NewContext();
        Assert.Equal(2, await check.ReformRecords.CountAsync());
        Assert.Equal("délibération n° 2019-10; PPGD", (await check.ReformRecords.SingleAsync(r => r.EpciSiren == "200069250")).Reference);
        var xlsx = await new ExportReformStatuses(check, new GetReformSituation(check)).XlsxAsync(new(new DateOnly(2026, 6, 15), "44", null));
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(xlsx, 0, 2)); // a zip package (Office Open XML)
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_LinesOutsideTheTerritory_AreRefusedOnlyWhenTheyChangeSomething(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        await using (var db = database.NewContext())
        {
            await new RecordInstrumentStatus(db, Make.Clock()).HandleAsync(new("200069250", [Cil("2017-03-01")], null), Dreal);
        }

        var unchanged = Make.TextFile(Header, ["200069250;CA Troyes Champagne Métropole;cil_creee;oui;2017-03-01;arrêté préfectoral n° 2017-12"]);
        var changed = Make.TextFile(Header, ["200069250;CA Troyes Champagne Métropole;cil_creee;oui;2017-04-01;arrêté rectificatif"]);
        await using var check = database.NewContext();

        var same = await new ImportReformStatuses(check, Make.Clock()).HandleAsync(new(unchanged), Ddt("51"));
        var other = await new ImportReformStatuses(check, Make.Clock()).HandleAsync(new(changed), Ddt("51"));

        Assert.True(same.Succeeded, same.Failure);
        Assert.Equal(1, same.Unchanged);
        Assert.False(other.Succeeded);
        Assert.Contains("relève de la DDT du département 10", Assert.Single(other.Issues).Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evolution_QuarterEnds_UseTheListOfEachYear(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        await using (var db = database.NewContext())
        {
            await new RecordInstrumentStatus(db, Make.Clock()).HandleAsync(new("200069250", [Cil("2025-09-15")], null), Dreal);
        }

        await using var check = database.NewContext();
        var points = await new GetReformEvolution(check).HandleAsync(new(new DateOnly(2026, 6, 15), "44", null));

        Assert.Equal(["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31", "2026-06-15"],
            points.Select(p => p.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))); // quarter ends, then the date itself
        Assert.Equal(1, points[0].Situation.Rates[0].SubjectToReform); // 2025: Reims only; Troyes not yet subject
        Assert.Equal(0, points[3].Situation.Rates[0].InPlace);          // Troyes's CIL is out of the 2025 denominator
        Assert.Equal((1, 3), (points[4].Situation.Rates[0].InPlace, points[4].Situation.Rates[0].SubjectToReform));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NationalRate_OnlyTheDhupOrAnAdministratorEntersIt(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        await using var db = database.NewContext();
        var dhup = new CurrentUser(12, "DHUP", 3, "DHUP", TerritoryScope.Nationwide, new HashSet<string> { Roles.ServicesEtat });
        var request = new RecordNationalRate.Request(ReformInstrument.CilCreated, new DateOnly(2026, 6, 15), 56m, "DHUP, bilan de mi-juin");

        var refused = await new RecordNationalRate(db, Make.Clock()).HandleAsync(request, Dreal);
        var accepted = await new RecordNationalRate(db, Make.Clock()).HandleAsync(request, dhup);

        Assert.Single(refused);
        Assert.Empty(accepted);
        var situation = await new GetReformSituation(db).HandleAsync(new(new DateOnly(2026, 7, 1), null, null));
        Assert.Equal(56m, situation.PublishedNational[ReformInstrument.CilCreated].Percent);
        var earlier = await new GetReformSituation(db).HandleAsync(new(new DateOnly(2026, 6, 14), null, null));
        Assert.False(earlier.PublishedNational.ContainsKey(ReformInstrument.CilCreated)); // published after that date
    }
}
