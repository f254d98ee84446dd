using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DemandScoresWithoutShortlistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DemandScores_DemandScore",
                table: "DemandScores");

            migrationBuilder.DropIndex(
                name: "IX_DemandScores_Score",
                table: "DemandScores");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DemandScores_DemandScore",
                table: "DemandScores",
                columns: new[] { "DemandId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandScores_Score",
                table: "DemandScores",
                columns: new[] { "Score", "DemandId" });
        }
    }
}
