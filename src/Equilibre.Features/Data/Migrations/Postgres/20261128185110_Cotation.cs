using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
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
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CurrentRent",
                table: "Demands",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentRooms",
                table: "Demands",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Handicap",
                table: "Demands",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "HousingModels",
                table: "Demands",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MainTypology",
                table: "Demands",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reasons",
                table: "Demands",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "SingleParent",
                table: "Demands",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ValidatedCriteria",
                table: "Demands",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WorkCommunes",
                table: "Demands",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CotationGrids",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Territory = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CotationGrids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DemandScores",
                columns: table => new
                {
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Territory = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Typology = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Scope = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    GridVersion = table.Column<int>(type: "integer", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "date", nullable: false)
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
