using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Verification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "department_lists",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    department = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    refused = table.Column<int>(type: "INTEGER", nullable: false),
                    via = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    loaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    loaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_department_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    rule = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    subject_id = table.Column<long>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    assigned_to = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    first_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gone_in_run_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_findings_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "verification_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: false),
                    list_ids = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    skipped_rules = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    members = table.Column<int>(type: "INTEGER", nullable: false),
                    found = table.Column<int>(type: "INTEGER", nullable: false),
                    @new = table.Column<int>(name: "new", type: "INTEGER", nullable: false),
                    reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    gone = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verification_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "department_list_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    list_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    id_key = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_department_list_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_department_list_rows_department_lists_list_id",
                        column: x => x.list_id,
                        principalTable: "department_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "finding_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    finding_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    user = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    from = table.Column<int>(type: "INTEGER", nullable: true),
                    to = table.Column<int>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_finding_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_finding_events_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "finding_evidence",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    finding_id = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_finding_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_finding_evidence_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_department_list_rows_list_id_id_key",
                table: "department_list_rows",
                columns: new[] { "list_id", "id_key" });

            migrationBuilder.CreateIndex(
                name: "ix_department_lists_type_region_code_as_of",
                table: "department_lists",
                columns: new[] { "type", "region_code", "as_of" });

            migrationBuilder.CreateIndex(
                name: "ix_finding_events_finding_id",
                table: "finding_events",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_finding_evidence_finding_id",
                table: "finding_evidence",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_findings_household_id",
                table: "findings",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_findings_rule_subject_id",
                table: "findings",
                columns: new[] { "rule", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_findings_village_code_status",
                table: "findings",
                columns: new[] { "village_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_verification_runs_started_at",
                table: "verification_runs",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_list_rows");

            migrationBuilder.DropTable(
                name: "finding_events");

            migrationBuilder.DropTable(
                name: "finding_evidence");

            migrationBuilder.DropTable(
                name: "verification_runs");

            migrationBuilder.DropTable(
                name: "department_lists");

            migrationBuilder.DropTable(
                name: "findings");
        }
    }
}
