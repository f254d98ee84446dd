using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Data;
using Equilibre.Features.Demo;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Stock;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Equilibre.Features;

/// <summary>Registers the database and every use case, one line each (no scanning, no mediator).</summary>
public static class FeaturesRegistration
{
    public static IServiceCollection AddEquilibreFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(ReferenceFiles.From(configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(QpvSettings(configuration));
        services.AddSingleton(DemandSettings.From(configuration));
        services.AddSingleton(CotationSettings.From(configuration));
        services.AddSingleton(OccupancySettings.From(configuration));
        services.AddSingleton(StockSettings.From(configuration));
        services.AddSingleton(Allocation.AllocationSettings.From(configuration));
        services.AddSingleton(Targets.TargetsSettings.From(configuration));
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteEquilibreDb>(o => o.UseSqlite(settings.ConnectionString));
                services.AddScoped<EquilibreDb>(sp => sp.GetRequiredService<SqliteEquilibreDb>());
                services.AddSingleton<IBulkLoader, SqliteBulkLoader>();
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresEquilibreDb>(o => o.UseNpgsql(settings.ConnectionString));
                services.AddScoped<EquilibreDb>(sp => sp.GetRequiredService<PostgresEquilibreDb>());
                services.AddSingleton<IBulkLoader, PostgresBulkLoader>();
                break;
        }

        services.AddScoped<InitialiseDatabase>();
        services.AddScoped<ScoreDemands>();
        services.AddScoped<SeedCotationDemo>();
        services.AddScoped<ListCotationGrids>();
        services.AddScoped<GetCotationGrid>();
        services.AddScoped<CreateCotationDraft>();
        services.AddScoped<SaveCotationDraft>();
        services.AddScoped<PublishCotationGrid>();
        services.AddScoped<PreviewCotationGrid>();
        services.AddScoped<GetDemandCotation>();
        services.AddScoped<ImportTerritory>();
        services.AddScoped<ImportQ1Thresholds>();
        services.AddScoped<ImportResourceCeilings>();
        services.AddScoped<ImportCommuneBoundaries>();
        services.AddScoped<ImportReferenceData>();
        services.AddScoped<ListImportRuns>();
        services.AddScoped<ListEpcis>();
        services.AddScoped<GetEpci>();
        services.AddScoped<GetEpciBoundaries>();
        services.AddScoped<GetCommune>();
        services.AddScoped<ListTerritoryFilters>();
        services.AddScoped<ListResourceCeilings>();
        services.AddScoped<ImportPriorityAreas>();
        services.AddScoped<ImportRpls>();
        services.AddScoped<ListPriorityAreas>();
        services.AddScoped<ImportOccupancy>();
        services.AddScoped<GetResidenceOccupancy>();
        services.AddScoped<ListOccupancyReview>();
        services.AddScoped<ExportOccupancyReview>();
        services.AddScoped<ListResidences>();
        services.AddScoped<ListDwellings>();
        services.AddScoped<GetDwelling>();
        services.AddScoped<GetStockOverview>();
        services.AddScoped<GetStockMap>();
        services.AddScoped<Allocation.GetShortlist>();
        services.AddScoped<Allocation.DesignateCandidates>();
        services.AddScoped<ListOrganisations>();
        services.AddScoped<GetHomeOverview>();
        services.AddScoped<CreateOrganisation>();
        services.AddScoped<CreateUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<SeedDemo>();
        services.AddScoped<SeedReformDemo>();
        services.AddScoped<SeedDemandDemo>();
        services.AddScoped<SeedStockDemo>();
        services.AddScoped<DemandBulkWriter>();
        services.AddScoped<Demo.National.NationalDemands>();
        services.AddScoped<Demo.National.NationalStock>();
        services.AddScoped<Demo.National.GenerateNationalDataset>();
        services.AddScoped<GetReformSituation>();
        services.AddScoped<GetReformEvolution>();
        services.AddScoped<GetReformMap>();
        services.AddScoped<GetEpciReformStatus>();
        services.AddScoped<RecordInstrumentStatus>();
        services.AddScoped<RecordNationalRate>();
        services.AddScoped<ListNationalRates>();
        services.AddScoped<ImportReformStatuses>();
        services.AddScoped<ExportReformStatuses>();
        services.AddScoped<RegisterDemand>();
        services.AddScoped<ImportDemands>();
        services.AddScoped<ImportAttributions>();
        services.AddScoped<ExportDemands>();
        services.AddScoped<ModifyDemand>();
        services.AddScoped<RenewDemand>();
        services.AddScoped<RadiateDemand>();
        services.AddScoped<SendRadiationNotice>();
        services.AddScoped<UnradiateDemand>();
        services.AddScoped<RadiateForLease>();
        services.AddScoped<ListRenewalsDue>();
        services.AddScoped<RecordRenewalNotices>();
        services.AddScoped<RadiateExpiredDemands>();
        services.AddScoped<GetDemand>();
        services.AddScoped<SearchDemands>();
        services.AddScoped<RecomputeQ1Thresholds>();
        services.AddScoped<Allocation.ListConventions>();
        services.AddScoped<Allocation.SaveConvention>();
        services.AddScoped<Allocation.WithdrawFromFlux>();
        services.AddScoped<Allocation.ListFluxWithdrawals>();
        services.AddScoped<Allocation.EndFluxWithdrawal>();
        services.AddScoped<Allocation.DeclareVacancy>();
        services.AddScoped<Allocation.OrientVacancy>();
        services.AddScoped<Allocation.ExpireDesignations>();
        services.AddScoped<Allocation.GetFluxLedger>();
        services.AddScoped<Allocation.ListVacancies>();
        services.AddScoped<Allocation.GetVacancy>();
        services.AddScoped<SeedConventionsDemo>();
        services.AddScoped<SeedAllocationDemo>();
        services.AddSingleton(DemoOptions.From(configuration));
        services.AddScoped<Allocation.CreateCaleolSession>();
        services.AddScoped<Allocation.ScheduleVacancy>();
        services.AddScoped<Allocation.GetCaleolSession>();
        services.AddScoped<Allocation.ListCaleolSessions>();
        services.AddScoped<Allocation.RecordDecision>();
        services.AddScoped<Allocation.LiftCondition>();
        services.AddScoped<Allocation.LapseCondition>();
        services.AddScoped<Allocation.CloseCaleolSession>();
        services.AddScoped<Allocation.ExportCaleolMinutes>();
        services.AddScoped<Allocation.SendOffer>();
        services.AddScoped<Allocation.AnswerOffer>();
        services.AddScoped<Allocation.ExpireOffers>();
        services.AddScoped<Allocation.GetVacancyOffers>();
        services.AddScoped<Allocation.SignLease>();
        services.AddScoped<Allocation.ListLeases>();
        services.AddScoped<Targets.GetTargetsDashboard>();
        services.AddScoped<Targets.GetTargetLeases>();
        services.AddScoped<Targets.ExportCilBilan>();
        services.AddScoped<Targets.ExportFluxBilan>();
        services.AddSingleton<Public.KeyFiguresCache>();
        services.AddSingleton<Targets.LeaseFactsCache>();
        services.AddScoped<Public.GetKeyFigures>();
        return services;
    }

    /// <summary>
    /// Until when ex-ZUS count as QPV for the targets (<c>Qpv:ExZusAssimileesJusquau</c>, yyyy-MM-dd): unconfirmed in law
    /// (domain.md §5.3), so it is configuration, and unset means "not assimilated" — said wherever it is used.
    /// </summary>
    private static Domain.Stock.QpvRuleSettings QpvSettings(IConfiguration configuration)
    {
        var text = configuration["Qpv:ExZusAssimileesJusquau"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, "assimilation des ex-ZUS non paramétrée (Qpv:ExZusAssimileesJusquau), règle non confirmée");
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var until)
            ? new(until, $"paramètre Qpv:ExZusAssimileesJusquau = {text} (règle non confirmée, domain.md §5.3)")
            : throw new InvalidOperationException($"Qpv:ExZusAssimileesJusquau « {text} » : date AAAA-MM-JJ attendue.");
    }

    /// <summary>
    /// The accounts and roles without the web's sign-in cookies: what a process that creates or reads accounts needs
    /// (the CLI's <c>utilisateur creer</c>, the benchmarks' signed-in pages). The web app registers the full Identity.
    /// </summary>
    public static IServiceCollection AddEquilibreAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(FrenchIdentityErrors.Apply)
            .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole<long>>()
            .AddEntityFrameworkStores<EquilibreDb>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        return services;
    }
}
