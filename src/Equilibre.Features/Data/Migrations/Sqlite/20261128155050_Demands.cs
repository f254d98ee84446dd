using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Demands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Demands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Numero = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastRenewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RenewalNoticeSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PendingNoticeReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PendingNoticeSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PendingNoticeSubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Radiation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RadiatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RadiationSubCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    GuichetOrganisationId = table.Column<long>(type: "INTEGER", nullable: true),
                    GuichetCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FirstCommuneCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    EpciSiren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    DepartementCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    Typologies = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Persons = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryRank = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsumptionUnits = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    MonthlyResources = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    AnnualResourcesPerUc = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ReferenceIncome = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    IsQ1 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Q1Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Q1Threshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    IsMutation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Dalo = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PriorityCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    HasPriority = table.Column<bool>(type: "INTEGER", nullable: false),
                    FactsComputedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Demands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Demands_Organisations_GuichetOrganisationId",
                        column: x => x.GuichetOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DemandEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DemandId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UserId = table.Column<long>(type: "INTEGER", nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemandEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DemandEvents_Demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "Demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DemandWishes",
                columns: table => new
                {
                    DemandId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    EpciSiren = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    DepartementCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DemandWishes", x => new { x.DemandId, x.Rank });
                    table.ForeignKey(
                        name: "FK_DemandWishes_Demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "Demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DemandEvents_DemandId_At",
                table: "DemandEvents",
                columns: new[] { "DemandId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Demands_EpciSiren_Status",
                table: "Demands",
                columns: new[] { "EpciSiren", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Demands_GuichetOrganisationId",
                table: "Demands",
                column: "GuichetOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Demands_Numero",
                table: "Demands",
                column: "Numero",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Demands_RegisteredOn",
                table: "Demands",
                column: "RegisteredOn");

            migrationBuilder.CreateIndex(
                name: "IX_Demands_Status_ExpiresOn",
                table: "Demands",
                columns: new[] { "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DemandWishes_CommuneCode",
                table: "DemandWishes",
                column: "CommuneCode");

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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DemandEvents");

            migrationBuilder.DropTable(
                name: "DemandWishes");

            migrationBuilder.DropTable(
                name: "Demands");
        }
    }
}
