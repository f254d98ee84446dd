using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;

namespace Equilibre.Features.Tests.Territory;

public sealed class ImportQ1ThresholdsTests
{
    private static async Task<TestDatabase> WithTerritoryAsync(Provider provider)
    {
        var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var db = database.NewContext();
        return database;
    }

    private static Task<Equilibre.Features.Imports.ImportRun> ImportAsync(TestDatabase database, string file)
    {
        var db = database.NewContext();
        return new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new ImportQ1Thresholds.Request(file, null));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_KnownNames_MatchesEveryRowToItsEpci(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);

        var run = await ImportAsync(database, Make.ThresholdsFile(Make.GoodThresholds));

        Assert.True(run.Succeeded, run.Failure);
        Assert.Equal(5, run.Created);
        Assert.Empty(run.Issues);
        await using var db = database.NewContext();
        var saintDizier = await db.Q1Thresholds.Where(t => t.PublishedEpciName.StartsWith("CA du Grand Saint-Dizier")).ToListAsync();
        Assert.Equal(2, saintDizier.Count); // listed in the Marne and in the Haute-Marne
        Assert.All(saintDizier, t => Assert.Equal("200068666", t.EpciSiren));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_UnknownEpciName_IsReportedAndKept(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);

        var run = await ImportAsync(database, Make.ThresholdsFile([.. Make.GoodThresholds, "2026,Grand Est,57,Moselle,Thionville Fensch Agglomération,10620"]));

        Assert.True(run.Succeeded, run.Failure);
        var issue = Assert.Single(run.Issues);
        Assert.False(issue.IsRejection);
        Assert.Equal(7, issue.Line); // header is line 1
        Assert.Contains("Thionville Fensch Agglomération", issue.Message, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var kept = await db.Q1Thresholds.SingleAsync(t => t.PublishedEpciName == "Thionville Fensch Agglomération");
        Assert.Null(kept.EpciSiren);
        Assert.Equal(10620m, kept.AmountPerUcPerYear);
        var report = await db.ImportIssues.SingleAsync();
        Assert.Equal(issue.Message, report.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MalformedLine_RefusesTheWholeFileAndKeepsThePreviousValues(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        Assert.True((await ImportAsync(database, Make.ThresholdsFile(Make.GoodThresholds))).Succeeded);

        var run = await ImportAsync(database, Make.ThresholdsFile(
            "2026,Grand Est,51,Marne,CU du Grand Reims,99999",
            "2026,Grand Est,10,Aube,CA Troyes Champagne Métropole,huit mille",
            "2027,Grand Est,51,Marne,CU du Grand Reims,10300"));

        Assert.False(run.Succeeded);
        var rejection = Assert.Single(run.Issues, i => i.IsRejection);
        Assert.Equal(3, rejection.Line);
        Assert.Equal("seuil_q1_eur_par_uc_an", rejection.Field);
        Assert.Contains("refusé en entier", run.Failure, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(10154m, (await db.Q1Thresholds.SingleAsync(t => t.EpciSiren == "200067213" && t.Year == 2026)).AmountPerUcPerYear);
        Assert.False(await db.Q1Thresholds.AnyAsync(t => t.Year == 2027));
        Assert.Equal(2, await db.ImportRuns.CountAsync(r => r.Kind == ImportQ1Thresholds.Kind)); // the refused run is recorded with its reasons
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_MissingColumn_RefusesAndNamesTheColumn(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var file = Make.TextFile("annee_application,region,departement_code,departement,epci", ["2026,Grand Est,51,Marne,CU du Grand Reims"]);

        var run = await ImportAsync(database, file);

        Assert.False(run.Succeeded);
        Assert.Contains("seuil_q1_eur_par_uc_an", run.Failure, StringComparison.Ordinal);
        Assert.StartsWith("ligne 1 (en-tête)", run.Failure, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SameFileTwice_ChangesNothing(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var file = Make.ThresholdsFile(Make.GoodThresholds);
        await ImportAsync(database, file);

        var second = await ImportAsync(database, file);

        Assert.Equal((0, 0, 0, 5), (second.Created, second.Updated, second.Removed, second.Unchanged));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_SemicolonAndWindows1252_AreAccepted(Provider provider)
    {
        await using var database = await WithTerritoryAsync(provider);
        var file = Make.TextFile("annee_application;region;departement_code;departement;epci;seuil_q1_eur_par_uc_an",
            ["2026;Grand Est;10;Aube;CA Troyes Champagne Métropole;8123"], System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252));

        var run = await ImportAsync(database, file);

        Assert.True(run.Succeeded, run.Failure);
        Assert.Empty(run.Issues);
        await using var db = database.NewContext();
        Assert.Equal("200069250", (await db.Q1Thresholds.SingleAsync()).EpciSiren);
    }
}
