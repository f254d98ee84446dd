using Equilibre.Features.Allocation;
using Equilibre.Features.Applications;
using Equilibre.Features.Organisations;
using Equilibre.Features.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Equilibre.Features.Data;

internal sealed class ReservationConventionConfiguration : IEntityTypeConfiguration<ReservationConventionRecord>
{
    public void Configure(EntityTypeBuilder<ReservationConventionRecord> b)
    {
        b.ToTable("ReservationConventions");
        b.HasKey(x => x.Id);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.Communes).HasMaxLength(4000);
        b.Property(x => x.RatePercent).HasPrecision(5, 2);
        b.Property(x => x.StateAgentsRatePercent).HasPrecision(5, 2);
        b.Property(x => x.Typologies).HasMaxLength(200);
        b.Property(x => x.GeographyCommitment).HasMaxLength(500);
        b.Property(x => x.Reference).HasMaxLength(300);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ReservataireOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BailleurId, x.DepartementCode });
        b.HasIndex(x => x.ReservataireOrganisationId);
    }
}

internal sealed class FluxWithdrawalConfiguration : IEntityTypeConfiguration<FluxWithdrawal>
{
    public void Configure(EntityTypeBuilder<FluxWithdrawal> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.ReasonCode).HasMaxLength(40);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.By).HasMaxLength(256);
        b.HasOne<Dwelling>().WithMany().HasForeignKey(x => x.DwellingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.DwellingId, x.From });
    }
}

internal sealed class VacancyConfiguration : IEntityTypeConfiguration<Vacancy>
{
    public void Configure(EntityTypeBuilder<Vacancy> b)
    {
        b.ToTable("Vacancies");
        b.HasKey(x => x.Id);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.WithdrawnReason).HasMaxLength(40);
        b.Property(x => x.ProposalReason).HasMaxLength(2000);
        b.Property(x => x.OverrideMotive).HasMaxLength(1000);
        b.Property(x => x.ReturnReason).HasMaxLength(1000);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Dwelling>().WithMany().HasForeignKey(x => x.DwellingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReservationConventionRecord>().WithMany().HasForeignKey(x => x.ConventionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BailleurId, x.FluxYear });
        b.HasIndex(x => new { x.ReservataireOrganisationId, x.State });
        b.HasIndex(x => new { x.ConventionId, x.FluxYear });
        b.HasIndex(x => new { x.State, x.DesignationDeadline });

        // One open vacancy per dwelling: a second declaration while the first is in progress is refused by the database too.
        b.HasIndex(x => x.DwellingId).IsUnique().HasFilter("\"State\" NOT IN ('Leased', 'Withdrawn')").HasDatabaseName("IX_Vacancies_OpenPerDwelling");
    }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.DesignatedBy).HasMaxLength(256);
        b.Property(x => x.Score).HasPrecision(9, 2);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Vacancy>().WithMany().HasForeignKey(x => x.VacancyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.VacancyId, x.DemandId }).IsUnique();
        b.HasIndex(x => x.DemandId);
    }
}

internal sealed class CaleolSessionConfiguration : IEntityTypeConfiguration<CaleolSession>
{
    public void Configure(EntityTypeBuilder<CaleolSession> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Place).HasMaxLength(300);
        b.Property(x => x.Members).HasMaxLength(4000);
        b.Property(x => x.Agenda).HasMaxLength(4000);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.BailleurOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.BailleurOrganisationId, x.Date });
    }
}

internal sealed class CaleolDecisionConfiguration : IEntityTypeConfiguration<CaleolDecisionRecord>
{
    public void Configure(EntityTypeBuilder<CaleolDecisionRecord> b)
    {
        b.ToTable("CaleolDecisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Motive).HasMaxLength(2000);
        b.Property(x => x.MissingDocument).HasMaxLength(300);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<CaleolSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.SessionId, x.CandidateId }).IsUnique();
        b.HasIndex(x => x.VacancyId);
        b.HasIndex(x => x.DemandId);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.RefusalReasonCode).HasMaxLength(40);
        b.Property(x => x.AnsweredBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Vacancy>().WithMany().HasForeignKey(x => x.VacancyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Candidate>().WithMany().HasForeignKey(x => x.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.DemandId);
        b.HasIndex(x => new { x.State, x.Deadline });

        // One pending offer per vacancy at a time: the next rank is offered only once the previous answer is in.
        b.HasIndex(x => x.VacancyId).IsUnique().HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_Offers_PendingPerVacancy");
    }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.CommuneCode).HasMaxLength(5);
        b.Property(x => x.DepartementCode).HasMaxLength(3);
        b.Property(x => x.RegionCode).HasMaxLength(3);
        b.Property(x => x.QpvExplanation).HasMaxLength(1000);
        b.Property(x => x.AnnualResourcesPerUc).HasPrecision(12, 2);
        b.Property(x => x.Q1Threshold).HasPrecision(12, 2);
        b.Property(x => x.PriorityCategory).HasMaxLength(20);
        b.Property(x => x.ImportKey).HasMaxLength(100);
        b.Property(x => x.SignedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasOne<Dwelling>().WithMany().HasForeignKey(x => x.DwellingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Vacancy>().WithMany().HasForeignKey(x => x.VacancyId).OnDelete(DeleteBehavior.Restrict);

        // Integrity (issue 6 §7): one active lease per dwelling and per household, enforced by the database so that of
        // two concurrent signatures exactly one commits, on both providers.
        b.HasIndex(x => x.DwellingId).IsUnique().HasFilter("\"EndedOn\" IS NULL").HasDatabaseName("IX_Leases_ActivePerDwelling");
        b.HasIndex(x => x.DemandId).IsUnique().HasFilter("\"EndedOn\" IS NULL").HasDatabaseName("IX_Leases_ActivePerDemand");
        b.HasIndex(x => x.ImportKey).IsUnique().HasFilter("\"ImportKey\" IS NOT NULL");

        // The targets' scans (issue 7): an EPCI's leases of a period read from the index alone on PostgreSQL — it carries
        // the columns of LeaseFacts.Row and of the territory scope, because the leases of a big EPCI lie on every page of
        // the table (docs/performance.md, "Scale 1.0"); a national period by date; a bailleur's, a réservataire's.
        b.HasIndex(x => new { x.EpciSiren, x.SignedOn }).IncludeProperties(x => new
        {
            x.Id,
            x.CommuneCode,
            x.DepartementCode,
            x.RegionCode,
            x.BailleurId,
            x.BailleurOrganisationId,
            x.Flux,
            x.ReservataireOrganisationId,
            x.Rooms,
            x.Financing,
            x.ConstructionYear,
            x.Qpv,
            x.AnnualResourcesPerUc,
            x.IsQ1,
            x.Relocation,
            x.Dalo,
            x.PriorityCategory,
            x.Mutation,
            x.CaleolSessionId,
        });
        b.HasIndex(x => x.SignedOn);
        b.HasIndex(x => new { x.BailleurId, x.SignedOn });
        b.HasIndex(x => new { x.ReservataireOrganisationId, x.SignedOn });
    }
}

internal sealed class AllocationEventConfiguration : IEntityTypeConfiguration<AllocationEvent>
{
    public void Configure(EntityTypeBuilder<AllocationEvent> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.EntityKind).HasMaxLength(20);
        b.Property(x => x.By).HasMaxLength(256);
        b.Property(x => x.OrganisationName).HasMaxLength(300);
        b.Property(x => x.Summary).HasMaxLength(1000);
        b.Property(x => x.Detail).HasMaxLength(4000);
        b.HasIndex(x => new { x.EntityKind, x.EntityId });
        b.HasIndex(x => x.VacancyId);
    }
}
