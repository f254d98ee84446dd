using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DemandsVacuumedDaily : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "Demands")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "Demands")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01);
        }
    }
}
