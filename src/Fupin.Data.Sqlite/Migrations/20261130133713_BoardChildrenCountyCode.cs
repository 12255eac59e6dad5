using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BoardChildrenCountyCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "survey_answers",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "project_plans",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "progress_reports",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "planned_milestones",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "checklist_questions",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "campaign_progress",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            // Rows written before the column: each takes its parent's county (plans before their milestones).
            migrationBuilder.Sql("UPDATE project_plans SET county_code = (SELECT p.county_code FROM projects p WHERE p.id = project_plans.project_id)");
            migrationBuilder.Sql("UPDATE planned_milestones SET county_code = (SELECT p.county_code FROM project_plans p WHERE p.id = planned_milestones.plan_id)");
            migrationBuilder.Sql("UPDATE progress_reports SET county_code = (SELECT p.county_code FROM projects p WHERE p.id = progress_reports.project_id)");
            migrationBuilder.Sql("UPDATE checklist_questions SET county_code = (SELECT t.county_code FROM checklist_templates t WHERE t.id = checklist_questions.template_id)");
            migrationBuilder.Sql("UPDATE survey_answers SET county_code = (SELECT h.county_code FROM surveyed_households h WHERE h.id = survey_answers.surveyed_household_id)");
            migrationBuilder.Sql("UPDATE campaign_progress SET county_code = (SELECT t.county_code FROM campaign_tasks t WHERE t.id = campaign_progress.task_id)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "county_code",
                table: "survey_answers");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "project_plans");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "planned_milestones");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "checklist_questions");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "campaign_progress");
        }
    }
}
