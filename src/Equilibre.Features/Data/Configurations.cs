using Equilibre.Features.Applications;
using Equilibre.Features.Cotation;
using Equilibre.Features.Eligibility;
using Equilibre.Features.Imports;
using Equilibre.Features.Organisations;
using Equilibre.Features.Reform;
using Equilibre.Features.Stock;
using Equilibre.Features.Territory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Equilibre.Features.Data;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(3);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class DepartementConfiguration : IEntityTypeConfiguration<Departement>
{
    public void Configure(EntityTypeBuilder<Departement> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(3);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.HasIndex(x => x.RegionCode);
    }
}

internal sealed class CommuneConfiguration : IEntityTypeConfiguration<Commune>
{
    public void Configure(EntityTypeBuilder<Commune> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(5);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.EptSiren).HasMaxLength(9);
        b.Property(x => x.PostalCodes).HasMaxLength(200);
        b.HasIndex(x => x.EpciSiren);
        b.HasIndex(x => x.EptSiren);
        b.HasIndex(x => x.DepartementCode);
    }
}

internal sealed class EpciConfiguration : IEntityTypeConfiguration<Epci>
{
    public void Configure(EntityTypeBuilder<Epci> b)
    {
        b.HasKey(x => x.Siren);
        b.Property(x => x.Siren).HasMaxLength(9);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasMaxLength(10);
        b.Property(x => x.MainDepartementCode).HasMaxLength(3);
        b.Property(x => x.DepartementCodes).HasMaxLength(40);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Ignore(x => x.DepartementCodeList);
        b.HasIndex(x => x.RegionCode);
        b.HasIndex(x => x.MainDepartementCode);
    }
}

internal sealed class Q1ThresholdEntryConfiguration : IEntityTypeConfiguration<Q1ThresholdEntry>
{
    public void Configure(EntityTypeBuilder<Q1ThresholdEntry> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.RegionName).HasMaxLength(100);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.DepartementName).HasMaxLength(100);
        b.Property(x => x.PublishedEpciName).HasMaxLength(200);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.MatchExplanation).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Year, x.DepartementCode, x.PublishedEpciName }).IsUnique();
        b.HasIndex(x => new { x.EpciSiren, x.Year });
    }
}

internal sealed class ResourceCeilingEntryConfiguration : IEntityTypeConfiguration<ResourceCeilingEntry>
{
    public void Configure(EntityTypeBuilder<ResourceCeilingEntry> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.StatusText).HasMaxLength(300);
        b.Property(x => x.Reference).HasMaxLength(500);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.EffectiveFrom, x.Financing, x.Zone, x.Category }).IsUnique();
    }
}

internal sealed class CommuneBoundaryConfiguration : IEntityTypeConfiguration<CommuneBoundary>
{
    public void Configure(EntityTypeBuilder<CommuneBoundary> b)
    {
        b.HasKey(x => x.CommuneCode);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.Failure).HasMaxLength(2000);
        b.Property(x => x.StartedBy).HasMaxLength(256);
        b.HasMany(x => x.Issues).WithOne().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.StartedAt);
    }
}

internal sealed class ImportIssueConfiguration : IEntityTypeConfiguration<ImportIssue>
{
    public void Configure(EntityTypeBuilder<ImportIssue> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Field).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(500);
        b.Property(x => x.Message).HasMaxLength(1000);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Siren).HasMaxLength(9);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Ignore(x => x.Scope);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReformInstrumentRecordConfiguration : IEntityTypeConfiguration<ReformInstrumentRecord>
{
    public void Configure(EntityTypeBuilder<ReformInstrumentRecord> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.Reference).HasMaxLength(500);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.EpciSiren, x.Instrument, x.RecordedAt });
    }
}

internal sealed class NationalReformRateConfiguration : IEntityTypeConfiguration<NationalReformRate>
{
    public void Configure(EntityTypeBuilder<NationalReformRate> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Percent).HasPrecision(5, 1);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Instrument, x.AsOf });
    }
}

internal sealed class PriorityAreaEntryConfiguration : IEntityTypeConfiguration<PriorityAreaEntry>
{
    public void Configure(EntityTypeBuilder<PriorityAreaEntry> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.Source).HasMaxLength(500);
        b.HasIndex(x => new { x.Code, x.CommuneCode, x.ValidFrom }).IsUnique();
        b.HasIndex(x => x.CommuneCode);
    }
}

internal sealed class DemandConfiguration : IEntityTypeConfiguration<Demand>
{
    public void Configure(EntityTypeBuilder<Demand> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Numero).HasMaxLength(18);
        b.Property(x => x.PendingNoticeSubCode).HasMaxLength(10);
        b.Property(x => x.RadiationSubCode).HasMaxLength(10);
        b.Property(x => x.GuichetCode).HasMaxLength(10);
        b.Property(x => x.ApplicantName).HasMaxLength(200);
        b.Property(x => x.SearchName).HasMaxLength(400);
        b.Property(x => x.FirstCommuneCode).HasMaxLength(5);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.Typologies).HasMaxLength(40);
        b.Property(x => x.ConsumptionUnits).HasPrecision(5, 2);
        b.Property(x => x.PriorityCodes).HasMaxLength(400);
        b.Property(x => x.MainTypology).HasMaxLength(10);
        b.Property(x => x.Reasons).HasMaxLength(100);
        b.Property(x => x.HousingModels).HasMaxLength(100);
        b.Property(x => x.CurrentCommuneCode).HasMaxLength(5);
        b.Property(x => x.WorkCommunes).HasMaxLength(100);
        b.Property(x => x.ValidatedCriteria).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.State);
        b.HasMany(x => x.Wishes).WithOne().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.GuichetOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.Numero).IsUnique();
        b.HasIndex(x => new { x.EpciSiren, x.Status });

        // Covers the Q1 recomputation (RecomputeQ1Thresholds): an index-only scan instead of reading every document.
        b.HasIndex(x => new { x.EpciSiren, x.RegisteredOn, x.ExpiresOn, x.RadiatedOn, x.AnnualResourcesPerUc }).HasDatabaseName("IX_Demands_Q1Stock");
        b.HasIndex(x => new { x.Status, x.ExpiresOn });
        b.HasIndex(x => x.RegisteredOn);
        b.HasIndex(x => x.GuichetOrganisationId);

        // The average wait of similar housed demands (GetDemandCotation): same EPCI, commune and typology, radiated
        // for attribution in the last twelve months.
        b.HasIndex(x => new { x.EpciSiren, x.FirstCommuneCode, x.MainTypology, x.Radiation, x.RadiatedOn }).HasDatabaseName("IX_Demands_Housed");
    }
}

internal sealed class DemandWishConfiguration : IEntityTypeConfiguration<DemandWish>
{
    public void Configure(EntityTypeBuilder<DemandWish> b)
    {
        b.HasKey(x => new { x.DemandId, x.Rank });
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);

        // The demands of a territory as a set of ids (DemandAccess.VisibleAsSet), read from the index alone: one range
        // instead of one heap row per wish (279,456 wishes of the largest EPCI: 0.15 s against 1.2 s).
        b.HasIndex(x => new { x.EpciSiren, x.DemandId }).HasDatabaseName("IX_DemandWishes_EpciSiren");
        b.HasIndex(x => new { x.DepartementCode, x.DemandId }).HasDatabaseName("IX_DemandWishes_DepartementCode");
        b.HasIndex(x => new { x.RegionCode, x.DemandId }).HasDatabaseName("IX_DemandWishes_RegionCode");

        // The shortlist of a vacancy (ShortlistEngine): the scored demands wishing a commune in rank order, read from the
        // index alone — a big city's first page costs the same as a village's. It also serves every lookup by commune,
        // so there is no index on the commune alone (one index less to maintain when the batch rewrites the scores).
        b.HasIndex(x => new { x.CommuneCode, x.Score, x.DemandId }).IsDescending(false, true, false).HasDatabaseName("IX_DemandWishes_Shortlist");
    }
}

internal sealed class DemandEventConfiguration : IEntityTypeConfiguration<DemandEvent>
{
    public void Configure(EntityTypeBuilder<DemandEvent> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Summary).HasMaxLength(1000);
        b.Property(x => x.Detail).HasMaxLength(4000);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.OrganisationName).HasMaxLength(200);
        b.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.DemandId, x.At });
    }
}

internal sealed class CotationGridConfiguration : IEntityTypeConfiguration<CotationGridRecord>
{
    public void Configure(EntityTypeBuilder<CotationGridRecord> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Territory).HasMaxLength(9);
        b.Property(x => x.Label).HasMaxLength(300);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.Territory, x.Scope, x.Version }).IsUnique();
    }
}

internal sealed class DemandScoreConfiguration : IEntityTypeConfiguration<DemandScore>
{
    public void Configure(EntityTypeBuilder<DemandScore> b)
    {
        b.HasKey(x => x.DemandId);
        b.Property(x => x.DemandId).ValueGeneratedNever();
        b.Property(x => x.Territory).HasMaxLength(9);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.Typology).HasMaxLength(10);

        // No foreign key to Demands: the national batch rewrites millions of rows by COPY, and a per-row key check
        // would double its cost; demands are never deleted (a radiation removes the score, DemandScoring).

        // A position is one count over this index: same territory (and commune, typology), higher score.
        b.HasIndex(x => new { x.Territory, x.CommuneCode, x.Typology, x.Score });

        // No index for the shortlist: it ranks by the copy of the score on the wishes (ADR 0011). The two it had here cost
        // the national batch ≈ 2 s each to rebuild (docs/performance.md, "Cotation").
    }
}

internal sealed class BailleurConfiguration : IEntityTypeConfiguration<Bailleur>
{
    public void Configure(EntityTypeBuilder<Bailleur> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Siren).HasMaxLength(9);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.Siren).IsUnique();
    }
}

internal sealed class ResidenceConfiguration : IEntityTypeConfiguration<Residence>
{
    public void Configure(EntityTypeBuilder<Residence> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.AddressKey).HasMaxLength(500);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.CommuneName).HasMaxLength(100);
        b.Property(x => x.PostalCode).HasMaxLength(5);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.StreetNumber).HasMaxLength(10);
        b.Property(x => x.RepetitionIndex).HasMaxLength(10);
        b.Property(x => x.StreetType).HasMaxLength(40);
        b.Property(x => x.StreetName).HasMaxLength(200);
        b.Property(x => x.BuildingName).HasMaxLength(100);
        b.Property(x => x.Locality).HasMaxLength(100);
        b.Property(x => x.IrisCode).HasMaxLength(9);
        b.Property(x => x.QpvCode).HasMaxLength(20);
        b.HasIndex(x => x.AddressKey).IsUnique();
        b.HasIndex(x => x.CommuneCode);
        b.HasIndex(x => x.EpciSiren);
    }
}

internal sealed class DwellingConfiguration : IEntityTypeConfiguration<Dwelling>
{
    public void Configure(EntityTypeBuilder<Dwelling> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.RplsId).HasMaxLength(40);
        b.Property(x => x.Staircase).HasMaxLength(20);
        b.Property(x => x.Floor).HasMaxLength(10);
        b.Property(x => x.ApartmentNumber).HasMaxLength(20);
        b.HasOne<Residence>().WithMany().HasForeignKey(x => x.ResidenceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.RplsId).IsUnique();
        b.HasIndex(x => x.ResidenceId);
    }
}

internal sealed class DwellingStateConfiguration : IEntityTypeConfiguration<DwellingState>
{
    public void Configure(EntityTypeBuilder<DwellingState> b)
    {
        b.HasKey(x => new { x.DwellingId, x.Millesime });
        b.Property(x => x.LandlordReference).HasMaxLength(40);
        b.Property(x => x.HabitableSurface).HasPrecision(7, 2);
        b.Property(x => x.FinancingCode).HasMaxLength(4);
        b.Property(x => x.OtherFinancing).HasMaxLength(100);
        b.Property(x => x.CusCeiling).HasMaxLength(10);
        b.Property(x => x.ConventionNumber).HasMaxLength(40);
        b.Property(x => x.MonthlyRent).HasPrecision(9, 2);
        b.Property(x => x.EstimatedCharges).HasPrecision(9, 2);
        b.Property(x => x.DpeEnergyClass).HasMaxLength(1);
        b.Property(x => x.DpeGhgClass).HasMaxLength(1);
        b.Property(x => x.Accessibility).HasMaxLength(100);
        b.HasOne<Dwelling>().WithMany().HasForeignKey(x => x.DwellingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Millesime, x.BailleurId });
    }
}

internal sealed class OccupancyConfiguration : IEntityTypeConfiguration<Occupancy>
{
    public void Configure(EntityTypeBuilder<Occupancy> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ReferenceIncome).HasPrecision(12, 2);
        b.HasOne<Dwelling>().WithMany().HasForeignKey(x => x.DwellingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.DwellingId, x.SurveyYear }).IsUnique();
        b.HasIndex(x => x.SurveyYear);
    }
}
