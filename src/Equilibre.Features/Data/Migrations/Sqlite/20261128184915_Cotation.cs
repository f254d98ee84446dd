using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CurrentCommuneCode",
                table: "Demands",
                type: "TEXT",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CurrentRent",
                table: "Demands",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentRooms",
                table: "Demands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Handicap",
                table: "Demands",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "HousingModels",
                table: "Demands",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MainTypology",
                table: "Demands",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reasons",
                table: "Demands",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "SingleParent",
                table: "Demands",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ValidatedCriteria",
                table: "Demands",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WorkCommunes",
                table: "Demands",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CotationGrids",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Territory = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CotationGrids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemandScores",
                columns: table => new
                {
                    DemandId = table.Column<long>(type: "INTEGER", nullable: false),
                    Territory = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Typology = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GridVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemandScores", x => x.DemandId);
                    table.ForeignKey(
                        name: "FK_DemandScores_Demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "Demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CotationGrids_Territory_Scope_Version",
                table: "CotationGrids",
                columns: new[] { "Territory", "Scope", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DemandScores_Territory_CommuneCode_Typology_Score",
                table: "DemandScores",
                columns: new[] { "Territory", "CommuneCode", "Typology", "Score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CotationGrids");

            migrationBuilder.DropTable(
                name: "DemandScores");

            migrationBuilder.DropColumn(
                name: "CurrentCommuneCode",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "CurrentRent",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "CurrentRooms",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "Handicap",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "HousingModels",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "MainTypology",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "Reasons",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "SingleParent",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "ValidatedCriteria",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "WorkCommunes",
                table: "Demands");
        }
    }
}
