using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Equilibre.Features.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CotationIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DemandScores_Demands_DemandId",
                table: "DemandScores");

            migrationBuilder.CreateIndex(
                name: "IX_Demands_Housed",
                table: "Demands",
                columns: new[] { "EpciSiren", "FirstCommuneCode", "MainTypology", "Radiation", "RadiatedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Demands_Housed",
                table: "Demands");

            migrationBuilder.AddForeignKey(
                name: "FK_DemandScores_Demands_DemandId",
                table: "DemandScores",
                column: "DemandId",
                principalTable: "Demands",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
