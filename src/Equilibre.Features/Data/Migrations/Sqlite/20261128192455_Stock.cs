using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Stock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Bailleurs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Siren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bailleurs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bailleurs_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Residences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AddressKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    CommuneName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    DepartementCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    EpciSiren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    StreetNumber = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    RepetitionIndex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    StreetType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StreetName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BuildingName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Locality = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IrisCode = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    QpvCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    InQpv = table.Column<bool>(type: "INTEGER", nullable: true),
                    ExZus = table.Column<bool>(type: "INTEGER", nullable: true),
                    Qva = table.Column<bool>(type: "INTEGER", nullable: true),
                    Millesime = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Residences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Dwellings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RplsId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IdentifierKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResidenceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Staircase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Floor = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ApartmentNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FirstMillesime = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dwellings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dwellings_Residences_ResidenceId",
                        column: x => x.ResidenceId,
                        principalTable: "Residences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DwellingStates",
                columns: table => new
                {
                    DwellingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Millesime = table.Column<int>(type: "INTEGER", nullable: false),
                    BailleurId = table.Column<long>(type: "INTEGER", nullable: true),
                    LandlordReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConstructionType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Rooms = table.Column<int>(type: "INTEGER", nullable: false),
                    HabitableSurface = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    ConstructionYear = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstLettingYear = table.Column<int>(type: "INTEGER", nullable: true),
                    StockEntryYear = table.Column<int>(type: "INTEGER", nullable: true),
                    EntryMode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FinancingCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Financing = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OtherFinancing = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CusCeiling = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    AplConvention = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConventionNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ConventionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MonthlyRent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    EstimatedCharges = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    OccupancyMode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LeaseStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DpeDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DpeEnergyClass = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    DpeGhgClass = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    Accessibility = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AdaptedForHandicap = table.Column<bool>(type: "INTEGER", nullable: true),
                    ContentHash = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DwellingStates", x => new { x.DwellingId, x.Millesime });
                    table.ForeignKey(
                        name: "FK_DwellingStates_Bailleurs_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "Bailleurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DwellingStates_Dwellings_DwellingId",
                        column: x => x.DwellingId,
                        principalTable: "Dwellings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bailleurs_OrganisationId",
                table: "Bailleurs",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Bailleurs_Siren",
                table: "Bailleurs",
                column: "Siren",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dwellings_ResidenceId",
                table: "Dwellings",
                column: "ResidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_Dwellings_RplsId",
                table: "Dwellings",
                column: "RplsId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DwellingStates_BailleurId",
                table: "DwellingStates",
                column: "BailleurId");

            migrationBuilder.CreateIndex(
                name: "IX_DwellingStates_Millesime_BailleurId",
                table: "DwellingStates",
                columns: new[] { "Millesime", "BailleurId" });

            migrationBuilder.CreateIndex(
                name: "IX_Residences_AddressKey",
                table: "Residences",
                column: "AddressKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residences_CommuneCode",
                table: "Residences",
                column: "CommuneCode");

            migrationBuilder.CreateIndex(
                name: "IX_Residences_EpciSiren",
                table: "Residences",
                column: "EpciSiren");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DwellingStates");

            migrationBuilder.DropTable(
                name: "Bailleurs");

            migrationBuilder.DropTable(
                name: "Dwellings");

            migrationBuilder.DropTable(
                name: "Residences");
        }
    }
}
