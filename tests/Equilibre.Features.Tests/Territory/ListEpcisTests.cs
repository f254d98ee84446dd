using Equilibre.Features.Territory;

namespace Equilibre.Features.Tests.Territory;

public sealed class ListEpcisTests
{
    private static async Task<TestDatabase> WithThresholdsAsync(Provider provider)
    {
        var database = await TestDatabase.WithTerritoryAsync(provider);
        await using var db = database.NewContext();
        await new ImportQ1Thresholds(db, Make.Clock()).HandleAsync(new ImportQ1Thresholds.Request(Make.ThresholdsFile(Make.GoodThresholds), null));
        return database;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_FilteredByDepartementAndReformYear_KeepsEpciWithAMemberThereAndAThreshold(Provider provider)
    {
        await using var database = await WithThresholdsAsync(provider);
        await using var db = database.NewContext();
        var list = new ListEpcis(db);

        var marne = await list.HandleAsync(new ListEpcis.Request(null, "51", null, null));
        var marne2026 = await list.HandleAsync(new ListEpcis.Request("44", "51", 2026, null));
        var reform2025 = await list.HandleAsync(new ListEpcis.Request("44", null, 2025, null));
        var search = await list.HandleAsync(new ListEpcis.Request(null, null, null, "troyes champagne"));

        Assert.Equal(["CA du Grand Saint-Dizier Der et Vallées", "CU du Grand Reims"], marne.Items.Select(e => e.Name));
        Assert.Equal([10272m, 10154m], marne2026.Items.Select(e => e.Threshold));
        Assert.Equal("200067213", Assert.Single(reform2025.Items).Siren);
        Assert.Equal("200069250", Assert.Single(search.Items).Siren);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GetEpci_ThresholdsByYear_SayWhetherTheEpciIsSubjectToTheReform(Provider provider)
    {
        await using var database = await WithThresholdsAsync(provider);
        await using var db = database.NewContext();

        var troyes = await new GetEpci(db).HandleAsync("200069250");

        Assert.NotNull(troyes);
        Assert.Equal(["10387", "10333"], troyes.Communes.Select(c => c.Code));
        Assert.Collection(troyes.Thresholds,
            y2025 => Assert.Equal((2025, false, (decimal?)null), (y2025.Year, y2025.SubjectToReform, y2025.AmountPerUcPerYear)),
            y2026 => Assert.Equal((2026, true, (decimal?)8123m), (y2026.Year, y2026.SubjectToReform, y2026.AmountPerUcPerYear)));
        Assert.Null(await new GetEpci(db).HandleAsync("000000000"));
    }
}
