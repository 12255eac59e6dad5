using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommandBoard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "users",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "briefings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    period_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    figures_json = table.Column<string>(type: "TEXT", nullable: false),
                    late_items_json = table.Column<string>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_briefings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_headings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    group = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_headings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_stamps",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_stamps", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "region_maps",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    feature_count = table.Column<int>(type: "INTEGER", nullable: false),
                    geo_json = table.Column<string>(type: "TEXT", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_region_maps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    heading_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    indicator = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_tasks_campaign_headings_heading_id",
                        column: x => x.heading_id,
                        principalTable: "campaign_headings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_progress",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    task_id = table.Column<long>(type: "INTEGER", nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    achieved = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    reported_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_progress", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_progress_campaign_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "campaign_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_briefings_region_code_created_at",
                table: "briefings",
                columns: new[] { "region_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_headings_county_code_year_order",
                table: "campaign_headings",
                columns: new[] { "county_code", "year", "order" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_progress_task_id_month",
                table: "campaign_progress",
                columns: new[] { "task_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_campaign_tasks_county_code_heading_id_order",
                table: "campaign_tasks",
                columns: new[] { "county_code", "heading_id", "order" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_tasks_department",
                table: "campaign_tasks",
                column: "department");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_tasks_heading_id",
                table: "campaign_tasks",
                column: "heading_id");

            migrationBuilder.CreateIndex(
                name: "ix_region_maps_county_code_level",
                table: "region_maps",
                columns: new[] { "county_code", "level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefings");

            migrationBuilder.DropTable(
                name: "campaign_progress");

            migrationBuilder.DropTable(
                name: "data_stamps");

            migrationBuilder.DropTable(
                name: "region_maps");

            migrationBuilder.DropTable(
                name: "campaign_tasks");

            migrationBuilder.DropTable(
                name: "campaign_headings");

            migrationBuilder.DropColumn(
                name: "department",
                table: "users");
        }
    }
}
