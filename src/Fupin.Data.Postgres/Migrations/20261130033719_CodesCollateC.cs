using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CodesCollateC : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "workshops",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshops",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "workshop_workers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshop_workers",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshop_months",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "willingness",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "willingness",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "visits",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "visits",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "province_code",
                table: "village_checklist_items",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "village_checklist_answers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "village_checklist_answers",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "verification_runs",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "user_regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "surveyed_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "surveyed_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "survey_answers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "snapshots",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "snapshots",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "settlement_sites",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "settlement_sites",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "satisfaction_surveys",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "sampled_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "sampled_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "risk_events",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "risk_events",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "from_village_code",
                table: "relocated_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "relocated_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "parent_code",
                table: "regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "region_maps",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "rectifications",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "rectifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "rectifications",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "projects",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "projects",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "projects",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "project_beneficiaries",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "project_beneficiaries",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "pairings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "monitoring_objects",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "rule_code",
                table: "monitoring_objects",
                type: "character varying(48)",
                maxLength: 48,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(48)",
                oldMaxLength: 48,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "monitoring_objects",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "members",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "linkage_payments",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_payments",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "linkage_parties",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_parties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "linkage_contracts",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_contracts",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "jobs",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "jobs",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "inspection_visits",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_visits",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "township_code",
                table: "inspection_targets",
                type: "character varying(9)",
                maxLength: 9,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(9)",
                oldMaxLength: 9);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "inspection_targets",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_targets",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_plans",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "inspection_photos",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "inspection_answers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "industry_plan_items",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industry_plan_items",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "industry_engagements",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industry_engagements",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industries",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "industries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "incomes",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_sources",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_payments",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_allocations",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "findings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "findings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "province_code",
                table: "exit_standards",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2);

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "exit_procedures",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "exit_procedures",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "evaluation_samples",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "department_lists",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "county_exit_plans",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "code_items",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "checklist_templates",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "checklist_questions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "campaign_tasks",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "campaign_tasks",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "campaign_headings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "business_entities",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "credit_code",
                table: "business_entities",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "business_entities",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "briefings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "workshops",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshops",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "workshop_workers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshop_workers",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "workshop_months",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "willingness",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "willingness",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "visits",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "visits",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "province_code",
                table: "village_checklist_items",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "village_checklist_answers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "village_checklist_answers",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "verification_runs",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "user_regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "surveyed_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "surveyed_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "survey_answers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "snapshots",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "snapshots",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "settlement_sites",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "settlement_sites",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "satisfaction_surveys",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "sampled_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "sampled_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "risk_events",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "risk_events",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "from_village_code",
                table: "relocated_households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "relocated_households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "parent_code",
                table: "regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "regions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "region_maps",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "rectifications",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "rectifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "rectifications",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "projects",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "projects",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "projects",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "project_beneficiaries",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "project_beneficiaries",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "pairings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "monitoring_objects",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "rule_code",
                table: "monitoring_objects",
                type: "character varying(48)",
                maxLength: 48,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(48)",
                oldMaxLength: 48,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "monitoring_objects",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "members",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "linkage_payments",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_payments",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "linkage_parties",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_parties",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "linkage_contracts",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "linkage_contracts",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "jobs",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "jobs",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "inspection_visits",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_visits",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "township_code",
                table: "inspection_targets",
                type: "character varying(9)",
                maxLength: 9,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(9)",
                oldMaxLength: 9,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "inspection_targets",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_targets",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "inspection_plans",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "inspection_photos",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "question_code",
                table: "inspection_answers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "industry_plan_items",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industry_plan_items",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "industry_engagements",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industry_engagements",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "industries",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "industries",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "incomes",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "households",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "households",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_sources",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_payments",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "fund_allocations",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "findings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "findings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "province_code",
                table: "exit_standards",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2)",
                oldMaxLength: 2,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "village_code",
                table: "exit_procedures",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "exit_procedures",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "evaluation_samples",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "department_lists",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "county_exit_plans",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "code_items",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "checklist_templates",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "checklist_questions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "campaign_tasks",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "campaign_tasks",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "campaign_headings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "business_entities",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "credit_code",
                table: "business_entities",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "county_code",
                table: "business_entities",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "region_code",
                table: "briefings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12,
                oldCollation: "C");
        }
    }
}
