using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Allocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AllocationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntityKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EntityId = table.Column<long>(type: "bigint", nullable: false),
                    VacancyId = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CaleolSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BailleurOrganisationId = table.Column<long>(type: "bigint", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Mode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VoteOpens = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VoteCloses = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Members = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Agenda = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaleolSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaleolSessions_Organisations_BailleurOrganisationId",
                        column: x => x.BailleurOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FluxWithdrawals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DwellingId = table.Column<long>(type: "bigint", nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FluxWithdrawals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FluxWithdrawals_Dwellings_DwellingId",
                        column: x => x.DwellingId,
                        principalTable: "Dwellings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReservationConventions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BailleurId = table.Column<long>(type: "bigint", nullable: false),
                    ReservataireOrganisationId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Communes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RatePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Volume = table.Column<int>(type: "integer", nullable: true),
                    StateAgentsRatePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Typologies = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GeographyCommitment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DesignationDelayDays = table.Column<int>(type: "integer", nullable: false),
                    Redesignations = table.Column<int>(type: "integer", nullable: false),
                    ReturnedCountsAsDelivered = table.Column<bool>(type: "boolean", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CarriedOver = table.Column<int>(type: "integer", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservationConventions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReservationConventions_Bailleurs_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "Bailleurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReservationConventions_Organisations_ReservataireOrganisati~",
                        column: x => x.ReservataireOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Vacancies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DwellingId = table.Column<long>(type: "bigint", nullable: false),
                    BailleurId = table.Column<long>(type: "bigint", nullable: false),
                    BailleurOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AvailableOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FluxYear = table.Column<int>(type: "integer", nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Rooms = table.Column<int>(type: "integer", nullable: false),
                    InQpv = table.Column<bool>(type: "boolean", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProposedConventionId = table.Column<long>(type: "bigint", nullable: true),
                    ProposalReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConventionId = table.Column<long>(type: "bigint", nullable: true),
                    ReservataireOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    OverrideMotive = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OrientedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DesignationDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Returned = table.Column<bool>(type: "boolean", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vacancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vacancies_Bailleurs_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "Bailleurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vacancies_Dwellings_DwellingId",
                        column: x => x.DwellingId,
                        principalTable: "Dwellings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Vacancies_ReservationConventions_ConventionId",
                        column: x => x.ConventionId,
                        principalTable: "ReservationConventions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Candidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VacancyId = table.Column<long>(type: "bigint", nullable: false),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    DesignatedByOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    DesignatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DesignatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    IsQ1 = table.Column<bool>(type: "boolean", nullable: true),
                    IsPriority = table.Column<bool>(type: "boolean", nullable: false),
                    IsDalo = table.Column<bool>(type: "boolean", nullable: false),
                    IsMutation = table.Column<bool>(type: "boolean", nullable: false),
                    DesignatedByPrefetUnderDalo = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Candidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Candidates_Demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "Demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Candidates_Vacancies_VacancyId",
                        column: x => x.VacancyId,
                        principalTable: "Vacancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DwellingId = table.Column<long>(type: "bigint", nullable: false),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    VacancyId = table.Column<long>(type: "bigint", nullable: true),
                    CandidateId = table.Column<long>(type: "bigint", nullable: true),
                    BailleurId = table.Column<long>(type: "bigint", nullable: false),
                    BailleurOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Flux = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReservataireOrganisationId = table.Column<long>(type: "bigint", nullable: true),
                    CaleolSessionId = table.Column<long>(type: "bigint", nullable: true),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    CommuneCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    DepartementCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Rooms = table.Column<int>(type: "integer", nullable: false),
                    Financing = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ConstructionYear = table.Column<int>(type: "integer", nullable: true),
                    Qpv = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    QpvExplanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AnnualResourcesPerUc = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    IsQ1 = table.Column<bool>(type: "boolean", nullable: true),
                    Q1Year = table.Column<int>(type: "integer", nullable: true),
                    Q1Threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Dalo = table.Column<bool>(type: "boolean", nullable: false),
                    PriorityCategory = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Mutation = table.Column<bool>(type: "boolean", nullable: false),
                    Relocation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Imported = table.Column<bool>(type: "boolean", nullable: false),
                    ImportKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leases_Bailleurs_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "Bailleurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leases_Demands_DemandId",
                        column: x => x.DemandId,
                        principalTable: "Demands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leases_Dwellings_DwellingId",
                        column: x => x.DwellingId,
                        principalTable: "Dwellings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leases_Vacancies_VacancyId",
                        column: x => x.VacancyId,
                        principalTable: "Vacancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaleolDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    CandidateId = table.Column<long>(type: "bigint", nullable: false),
                    VacancyId = table.Column<long>(type: "bigint", nullable: false),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    Motive = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConditionDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    MissingDocument = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedByUserId = table.Column<long>(type: "bigint", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaleolDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaleolDecisions_CaleolSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CaleolSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaleolDecisions_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VacancyId = table.Column<long>(type: "bigint", nullable: false),
                    CandidateId = table.Column<long>(type: "bigint", nullable: false),
                    DemandId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RefusalReasonCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Offers_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Offers_Vacancies_VacancyId",
                        column: x => x.VacancyId,
                        principalTable: "Vacancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationEvents_EntityKind_EntityId",
                table: "AllocationEvents",
                columns: new[] { "EntityKind", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationEvents_VacancyId",
                table: "AllocationEvents",
                column: "VacancyId");

            migrationBuilder.CreateIndex(
                name: "IX_CaleolDecisions_CandidateId",
                table: "CaleolDecisions",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_CaleolDecisions_DemandId",
                table: "CaleolDecisions",
                column: "DemandId");

            migrationBuilder.CreateIndex(
                name: "IX_CaleolDecisions_SessionId_CandidateId",
                table: "CaleolDecisions",
                columns: new[] { "SessionId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaleolDecisions_VacancyId",
                table: "CaleolDecisions",
                column: "VacancyId");

            migrationBuilder.CreateIndex(
                name: "IX_CaleolSessions_BailleurOrganisationId_Date",
                table: "CaleolSessions",
                columns: new[] { "BailleurOrganisationId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_DemandId",
                table: "Candidates",
                column: "DemandId");

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_VacancyId_DemandId",
                table: "Candidates",
                columns: new[] { "VacancyId", "DemandId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FluxWithdrawals_DwellingId_From",
                table: "FluxWithdrawals",
                columns: new[] { "DwellingId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Leases_ActivePerDemand",
                table: "Leases",
                column: "DemandId",
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Leases_ActivePerDwelling",
                table: "Leases",
                column: "DwellingId",
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Leases_BailleurId_SignedOn",
                table: "Leases",
                columns: new[] { "BailleurId", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Leases_ImportKey",
                table: "Leases",
                column: "ImportKey",
                unique: true,
                filter: "\"ImportKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Leases_ReservataireOrganisationId_SignedOn",
                table: "Leases",
                columns: new[] { "ReservataireOrganisationId", "SignedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Leases_SignedOn_EpciSiren",
                table: "Leases",
                columns: new[] { "SignedOn", "EpciSiren" });

            migrationBuilder.CreateIndex(
                name: "IX_Leases_VacancyId",
                table: "Leases",
                column: "VacancyId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_CandidateId",
                table: "Offers",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_DemandId",
                table: "Offers",
                column: "DemandId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_PendingPerVacancy",
                table: "Offers",
                column: "VacancyId",
                unique: true,
                filter: "\"State\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_State_Deadline",
                table: "Offers",
                columns: new[] { "State", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_ReservationConventions_BailleurId_DepartementCode",
                table: "ReservationConventions",
                columns: new[] { "BailleurId", "DepartementCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ReservationConventions_ReservataireOrganisationId",
                table: "ReservationConventions",
                column: "ReservataireOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_BailleurId_FluxYear",
                table: "Vacancies",
                columns: new[] { "BailleurId", "FluxYear" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_ConventionId_FluxYear",
                table: "Vacancies",
                columns: new[] { "ConventionId", "FluxYear" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_OpenPerDwelling",
                table: "Vacancies",
                column: "DwellingId",
                unique: true,
                filter: "\"State\" NOT IN ('Leased', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_ReservataireOrganisationId_State",
                table: "Vacancies",
                columns: new[] { "ReservataireOrganisationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_State_DesignationDeadline",
                table: "Vacancies",
                columns: new[] { "State", "DesignationDeadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationEvents");

            migrationBuilder.DropTable(
                name: "CaleolDecisions");

            migrationBuilder.DropTable(
                name: "FluxWithdrawals");

            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropTable(
                name: "Offers");

            migrationBuilder.DropTable(
                name: "CaleolSessions");

            migrationBuilder.DropTable(
                name: "Candidates");

            migrationBuilder.DropTable(
                name: "Vacancies");

            migrationBuilder.DropTable(
                name: "ReservationConventions");
        }
    }
}
