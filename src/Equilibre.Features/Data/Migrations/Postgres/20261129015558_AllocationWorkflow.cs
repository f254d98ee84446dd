using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.CreateTable(
                name: "TargetBilans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    BailleurId = table.Column<long>(type: "bigint", nullable: true),
                    Versions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DefinitionsJson = table.Column<string>(type: "text", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    InputHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Leases = table.Column<int>(type: "integer", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GeneratedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
