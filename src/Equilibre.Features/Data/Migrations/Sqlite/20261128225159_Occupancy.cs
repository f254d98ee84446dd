using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Occupancy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Occupancies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DwellingId = table.Column<long>(type: "INTEGER", nullable: false),
                    SurveyYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    Adults = table.Column<int>(type: "INTEGER", nullable: false),
                    Children = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Dependants = table.Column<int>(type: "INTEGER", nullable: false),
                    IsYoungCouple = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasDisabledPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferenceIncome = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    ReceivesApl = table.Column<bool>(type: "INTEGER", nullable: false),
                    MovedInOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeaseSignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NeedsAdaptedDwelling = table.Column<bool>(type: "INTEGER", nullable: false),
                    Persons60Plus = table.Column<int>(type: "INTEGER", nullable: true),
                    Persons75Plus = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Occupancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Occupancies_Dwellings_DwellingId",
                        column: x => x.DwellingId,
                        principalTable: "Dwellings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Occupancies_DwellingId_SurveyYear",
                table: "Occupancies",
                columns: new[] { "DwellingId", "SurveyYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Occupancies_SurveyYear",
                table: "Occupancies",
                column: "SurveyYear");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Occupancies");
        }
    }
}
