using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fupin.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checklist_templates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checklist_questions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    template_id = table.Column<long>(type: "bigint", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    section = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    subject = table.Column<int>(type: "integer", nullable: false),
                    answer = table.Column<int>(type: "integer", nullable: false),
                    options = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    fail_values = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    finding_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    required = table.Column<bool>(type: "boolean", nullable: false),
                    counts_for_approval = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_checklist_questions_checklist_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "checklist_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_plans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    township_codes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    parameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    template_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_by_user_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_plans_checklist_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "checklist_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "satisfaction_surveys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    template_id = table.Column<long>(type: "bigint", nullable: false),
                    seed = table.Column<int>(type: "integer", nullable: false),
                    parameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    drawn_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_satisfaction_surveys", x => x.id);
                    table.ForeignKey(
                        name: "fk_satisfaction_surveys_checklist_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "checklist_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_targets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    stratum = table.Column<int>(type: "integer", nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: true),
                    workshop_id = table.Column<long>(type: "bigint", nullable: true),
                    site_id = table.Column<long>(type: "bigint", nullable: true),
                    slot = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_targets_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_targets_inspection_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "inspection_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspection_targets_settlement_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "settlement_sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_targets_workshops_workshop_id",
                        column: x => x.workshop_id,
                        principalTable: "workshops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "surveyed_households",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    survey_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    slot = table.Column<int>(type: "integer", nullable: false),
                    surveyed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    surveyor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    approves = table.Column<bool>(type: "boolean", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_surveyed_households", x => x.id);
                    table.ForeignKey(
                        name: "fk_surveyed_households_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_surveyed_households_satisfaction_surveys_survey_id",
                        column: x => x.survey_id,
                        principalTable: "satisfaction_surveys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_visits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<long>(type: "bigint", nullable: false),
                    target_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    client_key = table.Column<Guid>(type: "uuid", nullable: false),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: false),
                    inspector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    head_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_visits_inspection_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "inspection_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspection_visits_inspection_targets_target_id",
                        column: x => x.target_id,
                        principalTable: "inspection_targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    surveyed_household_id = table.Column<long>(type: "bigint", nullable: false),
                    question_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_survey_answers_surveyed_households_surveyed_household_id",
                        column: x => x.surveyed_household_id,
                        principalTable: "surveyed_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    visit_id = table.Column<long>(type: "bigint", nullable: false),
                    question_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    failed = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_answers_inspection_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "inspection_visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_photos",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    visit_id = table.Column<long>(type: "bigint", nullable: false),
                    question_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_photos_inspection_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "inspection_visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    source_document = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    visit_id = table.Column<long>(type: "bigint", nullable: true),
                    question_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    finding_id = table.Column<long>(type: "bigint", nullable: true),
                    household_id = table.Column<long>(type: "bigint", nullable: true),
                    problem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    requirement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    responsible_unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    responsible_person = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    owner_user_id = table.Column<long>(type: "bigint", nullable: true),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    required_evidence = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    escalation = table.Column<int>(type: "integer", nullable: false),
                    escalated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    escalated_to = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    submitted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectifications_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rectifications_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rectifications_inspection_visits_visit_id",
                        column: x => x.visit_id,
                        principalTable: "inspection_visits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_rectifications_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rectification_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rectification_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_events_rectifications_rectification_id",
                        column: x => x.rectification_id,
                        principalTable: "rectifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectification_evidence",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rectification_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    uploaded_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectification_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectification_evidence_rectifications_rectification_id",
                        column: x => x.rectification_id,
                        principalTable: "rectifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checklist_questions_template_id_code",
                table: "checklist_questions",
                columns: new[] { "template_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checklist_templates_county_code_kind_name",
                table: "checklist_templates",
                columns: new[] { "county_code", "kind", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_answers_visit_id_question_code",
                table: "inspection_answers",
                columns: new[] { "visit_id", "question_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_photos_visit_id",
                table: "inspection_photos",
                column: "visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_plans_county_code_planned_on",
                table: "inspection_plans",
                columns: new[] { "county_code", "planned_on" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_plans_template_id",
                table: "inspection_plans",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_targets_county_code_region_code",
                table: "inspection_targets",
                columns: new[] { "county_code", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_targets_household_id",
                table: "inspection_targets",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_targets_plan_id_township_code_stratum_slot",
                table: "inspection_targets",
                columns: new[] { "plan_id", "township_code", "stratum", "slot" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_targets_site_id",
                table: "inspection_targets",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_targets_workshop_id",
                table: "inspection_targets",
                column: "workshop_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_visits_client_key",
                table: "inspection_visits",
                column: "client_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_visits_plan_id_target_id",
                table: "inspection_visits",
                columns: new[] { "plan_id", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_visits_target_id",
                table: "inspection_visits",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_events_rectification_id",
                table: "rectification_events",
                column: "rectification_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectification_evidence_rectification_id",
                table: "rectification_evidence",
                column: "rectification_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_county_code_number",
                table: "rectifications",
                columns: new[] { "county_code", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_county_code_region_code",
                table: "rectifications",
                columns: new[] { "county_code", "region_code" });

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_county_code_status_deadline",
                table: "rectifications",
                columns: new[] { "county_code", "status", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_finding_id",
                table: "rectifications",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_household_id",
                table: "rectifications",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_region_code",
                table: "rectifications",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_visit_id",
                table: "rectifications",
                column: "visit_id");

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_county_code_year",
                table: "satisfaction_surveys",
                columns: new[] { "county_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_surveys_template_id",
                table: "satisfaction_surveys",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_surveyed_household_id_question_code",
                table: "survey_answers",
                columns: new[] { "surveyed_household_id", "question_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_surveyed_households_household_id",
                table: "surveyed_households",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_surveyed_households_survey_id_household_id",
                table: "surveyed_households",
                columns: new[] { "survey_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_surveyed_households_survey_id_village_code",
                table: "surveyed_households",
                columns: new[] { "survey_id", "village_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checklist_questions");

            migrationBuilder.DropTable(
                name: "inspection_answers");

            migrationBuilder.DropTable(
                name: "inspection_photos");

            migrationBuilder.DropTable(
                name: "rectification_events");

            migrationBuilder.DropTable(
                name: "rectification_evidence");

            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropTable(
                name: "rectifications");

            migrationBuilder.DropTable(
                name: "surveyed_households");

            migrationBuilder.DropTable(
                name: "inspection_visits");

            migrationBuilder.DropTable(
                name: "satisfaction_surveys");

            migrationBuilder.DropTable(
                name: "inspection_targets");

            migrationBuilder.DropTable(
                name: "inspection_plans");

            migrationBuilder.DropTable(
                name: "checklist_templates");
        }
    }
}
