using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Numero = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LastRenewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RenewalNoticeSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PendingNoticeReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PendingNoticeSentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PendingNoticeSubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Radiation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RadiatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RadiationSubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    GuichetOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    GuichetCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ApplicantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FirstCommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Typologies = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Persons = table.Column<int>(type: "integer", nullable: false),
                    CategoryRank = table.Column<int>(type: "integer", nullable: false),
                    ConsumptionUnits = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    MonthlyResources = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AnnualResourcesPerUc = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ReferenceIncome = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    IsQ1 = table.Column<bool>(type: "boolean", nullable: true),
                    Q1Year = table.Column<int>(type: "integer", nullable: true),
                    Q1Threshold = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    IsMutation = table.Column<bool>(type: "boolean", nullable: false),
                    Dalo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PriorityCodes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    HasPriority = table.Column<bool>(type: "boolean", nullable: false),
                    FactsComputedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false)
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
