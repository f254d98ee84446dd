using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DemandQ1StockIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Demands_Q1Stock",
                table: "Demands",
                columns: new[] { "EpciSiren", "RegisteredOn", "ExpiresOn", "RadiatedOn", "AnnualResourcesPerUc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Demands_Q1Stock",
                table: "Demands");
        }
    }
}
