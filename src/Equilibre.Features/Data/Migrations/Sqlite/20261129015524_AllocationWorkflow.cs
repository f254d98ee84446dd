using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AllocationWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "DemandId",
                table: "Leases",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.CreateTable(
                name: "TargetBilans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    EpciSiren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    BailleurId = table.Column<long>(type: "INTEGER", nullable: true),
                    Versions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DefinitionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    InputHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Leases = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetBilans", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes",
                columns: new[] { "CommuneCode", "DemandId" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandScores_DemandScore",
                table: "DemandScores",
                columns: new[] { "DemandId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandScores_Score",
                table: "DemandScores",
                columns: new[] { "Score", "DemandId" });

            migrationBuilder.CreateIndex(
                name: "IX_TargetBilans_Kind_BailleurId_Year",
                table: "TargetBilans",
                columns: new[] { "Kind", "BailleurId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_TargetBilans_Kind_EpciSiren_Year",
                table: "TargetBilans",
                columns: new[] { "Kind", "EpciSiren", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TargetBilans");

            migrationBuilder.DropIndex(
                name: "IX_DemandWishes_Shortlist",
                table: "DemandWishes");

            migrationBuilder.DropIndex(
                name: "IX_DemandScores_DemandScore",
                table: "DemandScores");

            migrationBuilder.DropIndex(
                name: "IX_DemandScores_Score",
                table: "DemandScores");

            migrationBuilder.AlterColumn<long>(
                name: "DemandId",
                table: "Leases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
