using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangesCountyCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_changes_household_id_at",
                table: "changes");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "changes",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            foreach (var sql in ChangesCountyBackfill.Statements) migrationBuilder.Sql(sql);

            migrationBuilder.CreateIndex(
                name: "ix_changes_county_code_household_id_at",
                table: "changes",
                columns: new[] { "county_code", "household_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_changes_county_code_household_id_at",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "changes");

            migrationBuilder.CreateIndex(
                name: "ix_changes_household_id_at",
                table: "changes",
                columns: new[] { "household_id", "at" });
        }
    }
}
