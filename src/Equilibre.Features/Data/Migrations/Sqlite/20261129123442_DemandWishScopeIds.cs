using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DemandWishScopeIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_DepartementCode",
                table: "DemandWishes");

            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_EpciSiren",
                table: "DemandWishes");

            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_RegionCode",
                table: "DemandWishes");

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_DepartementCode",
                table: "DemandWishes",
                columns: new[] { "DepartementCode", "DemandId" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_EpciSiren",
                table: "DemandWishes",
                columns: new[] { "EpciSiren", "DemandId" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_RegionCode",
                table: "DemandWishes",
                columns: new[] { "RegionCode", "DemandId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_DepartementCode",
                table: "DemandWishes");

            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_EpciSiren",
                table: "DemandWishes");

            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_RegionCode",
                table: "DemandWishes");

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_DepartementCode",
                table: "DemandWishes",
                column: "DepartementCode");

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_EpciSiren",
                table: "DemandWishes",
                column: "EpciSiren");

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_RegionCode",
                table: "DemandWishes",
                column: "RegionCode");
        }
    }
}
