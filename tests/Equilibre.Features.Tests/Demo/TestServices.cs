using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features.Tests.Demo;

/// <summary>The real Identity stores on a test database, for handlers that create users.</summary>
public static class TestServices
{
    public static ServiceProvider For(TestDatabase database, int allocationMonths = 0)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => database.NewContext());
        services.AddIdentityCore<AppUser>(FrenchIdentityErrors.Apply).AddRoles<IdentityRole<long>>().AddEntityFrameworkStores<EquilibreDb>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        services.AddScoped<CreateUser>();
        services.AddSingleton<TimeProvider>(Make.Clock());
        services.AddScoped<SeedDemo>();
        services.AddScoped<SeedReformDemo>();
        services.AddScoped<SeedDemandDemo>();
        services.AddScoped<SeedCotationDemo>();
        services.AddScoped<SeedStockDemo>();
        services.AddScoped<SeedConventionsDemo>();
        services.AddScoped<Equilibre.Features.Stock.ImportRpls>();
        services.AddScoped<Equilibre.Features.Cotation.ScoreDemands>();
        services.AddSingleton(Equilibre.Features.Cotation.CotationSettings.Default);
        services.AddScoped<Equilibre.Features.Applications.DemandBulkWriter>();
        services.AddSingleton(database.BulkLoader);
        services.AddSingleton(Equilibre.Features.Applications.DemandSettings.Default);
        services.AddScoped<ImportTerritory>();
        services.AddScoped<ImportQ1Thresholds>();
        services.AddScoped<Equilibre.Features.Eligibility.ImportResourceCeilings>();
        services.AddScoped<ImportCommuneBoundaries>();
        services.AddScoped<Equilibre.Features.Imports.ImportReferenceData>();
        services.AddScoped<InitialiseDatabase>();
        services.AddScoped<Equilibre.Features.Applications.ImportDemands>();
        services.AddScoped<Equilibre.Features.Stock.ImportPriorityAreas>();
        services.AddScoped<Equilibre.Features.Allocation.ImportAttributions>();
        services.AddSingleton(new Equilibre.Domain.Stock.QpvRuleSettings(null, "test"));
        services.AddSingleton(Equilibre.Features.Targets.TargetsSettings.Default);
        services.AddScoped<Equilibre.Features.Demo.National.NationalDemands>();
        services.AddScoped<Equilibre.Features.Demo.National.NationalStock>();
        services.AddScoped<Equilibre.Features.Demo.National.GenerateNationalDataset>();
        services.AddSingleton(new DemoOptions(allocationMonths));
        services.AddSingleton(Equilibre.Features.Allocation.AllocationSettings.Default);
        services.AddSingleton(Equilibre.Features.Stock.StockSettings.Default);
        services.AddScoped<Equilibre.Features.Applications.RadiateForLease>();
        services.AddScoped<SeedAllocationDemo>();
        return services.BuildServiceProvider();
    }

    /// <summary>A database with the small test territory and the demo organisations and accounts.</summary>
    public static async Task<TestDatabase> WithDemoAsync(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            await new ImportTerritory(db, Make.Clock(), database.BulkLoader).HandleAsync(new ImportTerritory.Request(Make.TerritoryFolder(), 2026));
        }

        await using var services = For(database);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SeedDemo>().HandleAsync();
        Assert.True(result.Succeeded, result.Message);
        return database;
    }
}
