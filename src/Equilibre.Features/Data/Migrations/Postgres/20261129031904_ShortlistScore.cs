using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ShortlistScore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes");

            migrationBuilder.AddColumn<double>(
                name: "Score",
                table: "DemandWishes",
                type: "double precision",
                nullable: true);

            // The stored scores copied on the wishes (DemandWish.Score), before the index is built.
            migrationBuilder.Sql("""
                UPDATE "DemandWishes" AS w SET "Score" = s."Score" FROM "DemandScores" AS s WHERE s."DemandId" = w."DemandId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes",
                columns: new[] { "CommuneCode", "Score", "DemandId" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "DemandWishes");

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes",
                columns: new[] { "CommuneCode", "DemandId" });
        }
    }
}
