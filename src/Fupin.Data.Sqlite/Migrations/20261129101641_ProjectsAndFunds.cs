using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProjectsAndFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fund_sources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    document_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    allocated_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    responsible_person = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    responsible_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    budget_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    returned_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    plan_number = table.Column<int>(type: "INTEGER", nullable: false),
                    percent = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    allocated_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    disbursed_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    spent_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.ForeignKey(
                        name: "fk_projects_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_allocations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    source_id = table.Column<long>(type: "INTEGER", nullable: false),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    allocated_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    document_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    disbursed_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    spent_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_allocations", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_allocations_fund_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "fund_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fund_allocations_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seq = table.Column<int>(type: "INTEGER", nullable: false),
                    reported_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    percent = table.Column<int>(type: "INTEGER", nullable: false),
                    narrative = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_beneficiaries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    benefit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_beneficiaries", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_beneficiaries_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_beneficiaries_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_events_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    planned_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    shortfall_days = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_plans_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "settlement_sites",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    project_id = table.Column<long>(type: "INTEGER", nullable: true),
                    capacity_persons = table.Column<int>(type: "INTEGER", nullable: false),
                    houses_planned = table.Column<int>(type: "INTEGER", nullable: false),
                    houses_built = table.Column<int>(type: "INTEGER", nullable: false),
                    houses_handed_over = table.Column<int>(type: "INTEGER", nullable: false),
                    facilities = table.Column<string>(type: "TEXT", nullable: false),
                    follow_up_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    updated_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settlement_sites", x => x.id);
                    table.ForeignKey(
                        name: "fk_settlement_sites_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_settlement_sites_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workshops",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    project_id = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    company = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    contact = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    contact_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    products = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    opened_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    jobs_planned = table.Column<int>(type: "INTEGER", nullable: false),
                    workers_total = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshops", x => x.id);
                    table.ForeignKey(
                        name: "fk_workshops_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_workshops_regions_village_code",
                        column: x => x.village_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    allocation_id = table.Column<long>(type: "INTEGER", nullable: false),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    payee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    voucher_no = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_payments_fund_allocations_allocation_id",
                        column: x => x.allocation_id,
                        principalTable: "fund_allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    project_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    report_id = table.Column<long>(type: "INTEGER", nullable: true),
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
                    table.PrimaryKey("pk_project_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_documents_progress_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "progress_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_documents_project_events_event_id",
                        column: x => x.event_id,
                        principalTable: "project_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_documents_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planned_milestones",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    plan_id = table.Column<long>(type: "INTEGER", nullable: false),
                    seq = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    duration_days = table.Column<int>(type: "INTEGER", nullable: false),
                    latest_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    latest_finish = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_milestones", x => x.id);
                    table.ForeignKey(
                        name: "fk_planned_milestones_project_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "project_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "relocated_households",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from_village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    persons = table.Column<int>(type: "INTEGER", nullable: false),
                    moved_in_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    old_house_demolished = table.Column<bool>(type: "INTEGER", nullable: false),
                    stable_jobs = table.Column<int>(type: "INTEGER", nullable: false),
                    industry_support = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relocated_households", x => x.id);
                    table.ForeignKey(
                        name: "fk_relocated_households_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_relocated_households_settlement_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "settlement_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshop_months",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workshop_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    workers = table.Column<int>(type: "INTEGER", nullable: false),
                    poor_workers = table.Column<int>(type: "INTEGER", nullable: false),
                    wages_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    poor_wages_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    subsidy_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshop_months", x => x.id);
                    table.ForeignKey(
                        name: "fk_workshop_months_workshops_workshop_id",
                        column: x => x.workshop_id,
                        principalTable: "workshops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workshop_workers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    workshop_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    monthly_wage_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workshop_workers", x => x.id);
                    table.ForeignKey(
                        name: "fk_workshop_workers_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workshop_workers_workshops_workshop_id",
                        column: x => x.workshop_id,
                        principalTable: "workshops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fund_allocations_project_id",
                table: "fund_allocations",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_allocations_source_id",
                table: "fund_allocations",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_payments_allocation_id",
                table: "fund_payments",
                column: "allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_payments_county_code_paid_on",
                table: "fund_payments",
                columns: new[] { "county_code", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_payments_project_id_kind",
                table: "fund_payments",
                columns: new[] { "project_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_payments_source_id_kind",
                table: "fund_payments",
                columns: new[] { "source_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_sources_county_code_year_kind",
                table: "fund_sources",
                columns: new[] { "county_code", "year", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_planned_milestones_plan_id_seq",
                table: "planned_milestones",
                columns: new[] { "plan_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_project_id_seq_reported_on",
                table: "progress_reports",
                columns: new[] { "project_id", "seq", "reported_on" });

            migrationBuilder.CreateIndex(
                name: "ix_project_beneficiaries_household_id",
                table: "project_beneficiaries",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_beneficiaries_project_id_household_id",
                table: "project_beneficiaries",
                columns: new[] { "project_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_documents_event_id",
                table: "project_documents",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_documents_project_id",
                table: "project_documents",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_documents_report_id",
                table: "project_documents",
                column: "report_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_events_project_id",
                table: "project_events",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_plans_project_id_number",
                table: "project_plans",
                columns: new[] { "project_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_county_code_code",
                table: "projects",
                columns: new[] { "county_code", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_county_code_region_code_category",
                table: "projects",
                columns: new[] { "county_code", "region_code", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_county_code_stage_status",
                table: "projects",
                columns: new[] { "county_code", "stage", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_region_code",
                table: "projects",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_relocated_households_household_id",
                table: "relocated_households",
                column: "household_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_relocated_households_site_id",
                table: "relocated_households",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_sites_county_code_region_code",
                table: "settlement_sites",
                columns: new[] { "county_code", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_settlement_sites_project_id",
                table: "settlement_sites",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_settlement_sites_region_code",
                table: "settlement_sites",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_workshop_months_workshop_id_month",
                table: "workshop_months",
                columns: new[] { "workshop_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workshop_workers_household_id",
                table: "workshop_workers",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_workshop_workers_member_id",
                table: "workshop_workers",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_workshop_workers_workshop_id_member_id",
                table: "workshop_workers",
                columns: new[] { "workshop_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workshops_county_code_village_code",
                table: "workshops",
                columns: new[] { "county_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_workshops_project_id",
                table: "workshops",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_workshops_village_code",
                table: "workshops",
                column: "village_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fund_payments");

            migrationBuilder.DropTable(
                name: "planned_milestones");

            migrationBuilder.DropTable(
                name: "project_beneficiaries");

            migrationBuilder.DropTable(
                name: "project_documents");

            migrationBuilder.DropTable(
                name: "relocated_households");

            migrationBuilder.DropTable(
                name: "workshop_months");

            migrationBuilder.DropTable(
                name: "workshop_workers");

            migrationBuilder.DropTable(
                name: "fund_allocations");

            migrationBuilder.DropTable(
                name: "project_plans");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "project_events");

            migrationBuilder.DropTable(
                name: "settlement_sites");

            migrationBuilder.DropTable(
                name: "workshops");

            migrationBuilder.DropTable(
                name: "fund_sources");

            migrationBuilder.DropTable(
                name: "projects");
        }
    }
}
