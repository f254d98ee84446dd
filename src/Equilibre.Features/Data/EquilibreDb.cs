using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Stock;
using Equilibre.Features.Territory;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Equilibre.Features.Data;

/// <summary>
/// The one database of Equilibre. Abstract: <see cref="SqliteEquilibreDb"/> (embedded default) and
/// <see cref="PostgresEquilibreDb"/> (production) each own their migrations (docs/adr/0003).
/// </summary>
public abstract class EquilibreDb(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole<long>, long>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Departement> Departements => Set<Departement>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Epci> Epcis => Set<Epci>();
    public DbSet<Q1ThresholdEntry> Q1Thresholds => Set<Q1ThresholdEntry>();
    public DbSet<ResourceCeilingEntry> ResourceCeilings => Set<ResourceCeilingEntry>();
    public DbSet<CommuneBoundary> CommuneBoundaries => Set<CommuneBoundary>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportIssue> ImportIssues => Set<ImportIssue>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ReformInstrumentRecord> ReformRecords => Set<ReformInstrumentRecord>();
    public DbSet<NationalReformRate> NationalReformRates => Set<NationalReformRate>();
    public DbSet<PriorityAreaEntry> PriorityAreas => Set<PriorityAreaEntry>();
    public DbSet<Bailleur> Bailleurs => Set<Bailleur>();
    public DbSet<Residence> Residences => Set<Residence>();
    public DbSet<Dwelling> Dwellings => Set<Dwelling>();
    public DbSet<DwellingState> DwellingStates => Set<DwellingState>();
    public DbSet<Occupancy> Occupancies => Set<Occupancy>();
    public DbSet<Demand> Demands => Set<Demand>();
    public DbSet<DemandWish> DemandWishes => Set<DemandWish>();
    public DbSet<DemandEvent> DemandEvents => Set<DemandEvent>();
    public DbSet<CotationGridRecord> CotationGrids => Set<CotationGridRecord>();
    public DbSet<DemandScore> DemandScores => Set<DemandScore>();
    public DbSet<ReservationConventionRecord> ReservationConventions => Set<ReservationConventionRecord>();
    public DbSet<FluxWithdrawal> FluxWithdrawals => Set<FluxWithdrawal>();
    public DbSet<Vacancy> Vacancies => Set<Vacancy>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<CaleolSession> CaleolSessions => Set<CaleolSession>();
    public DbSet<CaleolDecisionRecord> CaleolDecisions => Set<CaleolDecisionRecord>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<AllocationEvent> AllocationEvents => Set<AllocationEvent>();
    public DbSet<Targets.TargetBilanRecord> TargetBilans => Set<Targets.TargetBilanRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EquilibreDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

/// <summary>SQLite flavour: migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteEquilibreDb(DbContextOptions<SqliteEquilibreDb> options) : EquilibreDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset text; store UTC ticks so that sorting by date translates.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL flavour: migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresEquilibreDb(DbContextOptions<PostgresEquilibreDb> options) : EquilibreDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The demands are vacuumed once 1 % of them changed (a day of a national registry), not 20 % (PostgreSQL's default:
        // weeks): the visibility map stays current, and the index-only scans of the night (Q1 thresholds) and of the
        // lists do not visit the heap for every demand written since (docs/performance.md, "The night with the demands in
        // memory").
        builder.Entity<Demand>().HasStorageParameter("autovacuum_vacuum_scale_factor", 0.01);
    }
}
