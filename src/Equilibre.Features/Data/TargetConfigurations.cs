using Equilibre.Features.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Equilibre.Features.Data;

internal sealed class TargetBilanRecordConfiguration : IEntityTypeConfiguration<TargetBilanRecord>
{
    public void Configure(EntityTypeBuilder<TargetBilanRecord> b)
    {
        b.ToTable("TargetBilans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(10);
        b.Property(x => x.EpciSiren).HasMaxLength(9);
        b.Property(x => x.Versions).HasMaxLength(1000);
        b.Property(x => x.InputHash).HasMaxLength(64);
        b.Property(x => x.GeneratedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Kind, x.EpciSiren, x.Year });
        b.HasIndex(x => new { x.Kind, x.BailleurId, x.Year });
    }
}
