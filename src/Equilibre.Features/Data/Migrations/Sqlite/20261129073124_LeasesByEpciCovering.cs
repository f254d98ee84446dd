using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeasesByEpciCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leases_SignedOn_EpciSiren",
                table: "Leases");

            migrationBuilder.CreateIndex(
                name: "IX_Leases_EpciSiren_SignedOn",
                table: "Leases",
                columns: new[] { "EpciSiren", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Leases_SignedOn",
                table: "Leases",
                column: "SignedOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leases_EpciSiren_SignedOn",
                table: "Leases");

            migrationBuilder.DropIndex(
                name: "IX_Leases_SignedOn",
                table: "Leases");

            migrationBuilder.CreateIndex(
                name: "IX_Leases_SignedOn_EpciSiren",
                table: "Leases",
                columns: new[] { "SignedOn", "EpciSiren" });
        }
    }
}
