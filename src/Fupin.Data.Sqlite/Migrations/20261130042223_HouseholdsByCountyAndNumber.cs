using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HouseholdsByCountyAndNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_households_county_code_number",
                table: "households",
                columns: new[] { "county_code", "number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_households_county_code_number",
                table: "households");
        }
    }
}
