using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExitAndMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "exit_year",
                table: "regions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "out_of_school_reason",
                table: "members",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "housing_renovated_on",
                table: "households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "county_exit_plans",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    target_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_exit_plans", x => x.county_code);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_samples",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    seed = table.Column<int>(type: "INTEGER", nullable: false),
                    parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    drawn_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    drawn_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_samples", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exit_procedures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    notice_days = table.Column<int>(type: "INTEGER", nullable: false),
                    test_passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    test_summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    override_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    override_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    override_at = table.Column<long>(type: "INTEGER", nullable: true),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_procedures", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_procedures_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exit_standards",
                columns: table => new
                {
                    province_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    village_incidence_max = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    county_incidence_max = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    wrong_exit_max = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    missed_max = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    approval_min = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    exited_poor_villages_min = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: true),
                    notice_days = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_standards", x => x.province_code);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_objects",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: true),
                    head_name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    head_id_number = table.Column<long>(type: "INTEGER", nullable: true),
                    persons = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    risks = table.Column<string>(type: "TEXT", nullable: false),
                    rule_code = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    proposed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    proposed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    included_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_objects", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_objects_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_monitoring_objects_regions_village_code",
                        column: x => x.village_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "village_checklist_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    province_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    order = table.Column<int>(type: "INTEGER", nullable: false),
                    required = table.Column<bool>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_checklist_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    visited_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    visitor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    food_secure = table.Column<bool>(type: "INTEGER", nullable: false),
                    clothing_secure = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_visits_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sampled_households",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sample_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    frame = table.Column<int>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: true),
                    slot = table.Column<int>(type: "INTEGER", nullable: false),
                    surveyed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    surveyor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    head_name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    persons = table.Column<int>(type: "INTEGER", nullable: true),
                    wrong_exit_persons = table.Column<int>(type: "INTEGER", nullable: true),
                    missed_persons = table.Column<int>(type: "INTEGER", nullable: true),
                    approves = table.Column<bool>(type: "INTEGER", nullable: true),
                    approves_policy = table.Column<bool>(type: "INTEGER", nullable: true),
                    approves_measures = table.Column<bool>(type: "INTEGER", nullable: true),
                    approves_exit = table.Column<bool>(type: "INTEGER", nullable: true),
                    approves_cadres = table.Column<bool>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sampled_households", x => x.id);
                    table.ForeignKey(
                        name: "fk_sampled_households_evaluation_samples_sample_id",
                        column: x => x.sample_id,
                        principalTable: "evaluation_samples",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sampled_households_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_procedure_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    procedure_id = table.Column<long>(type: "INTEGER", nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_procedure_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_procedure_steps_exit_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "exit_procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_measures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    monitoring_object_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_measures_monitoring_objects_monitoring_object_id",
                        column: x => x.monitoring_object_id,
                        principalTable: "monitoring_objects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: true),
                    monitoring_object_id = table.Column<long>(type: "INTEGER", nullable: true),
                    risk = table.Column<int>(type: "INTEGER", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    spending_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    reported_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_events_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_risk_events_monitoring_objects_monitoring_object_id",
                        column: x => x.monitoring_object_id,
                        principalTable: "monitoring_objects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "village_checklist_answers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    met = table.Column<bool>(type: "INTEGER", nullable: false),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_checklist_answers", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_checklist_answers_village_checklist_items_item_id",
                        column: x => x.item_id,
                        principalTable: "village_checklist_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "exit_standards",
                columns: new[] { "province_code", "approval_min", "county_incidence_max", "exited_poor_villages_min", "missed_max", "notice_days", "source", "village_incidence_max", "wrong_exit_max" },
                values: new object[,]
                {
                    { "15", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "41", 0.90m, 0.02m, 0.90m, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；河南：贫困村退出比例不低于90%（见 shared/data/national-layout.md §4）", 0.02m, 0.02m },
                    { "45", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "50", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "51", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "52", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "53", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "54", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "61", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "62", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "63", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "64", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m },
                    { "65", 0.90m, 0.03m, null, 0.02m, 7, "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》；西部地区贫困发生率标准3%", 0.03m, 0.02m }
                });

            migrationBuilder.InsertData(
                table: "village_checklist_items",
                columns: new[] { "id", "active", "key", "label", "note", "order", "province_code", "required" },
                values: new object[,]
                {
                    { 1, true, "road", "有一条通村公路实现硬化", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 1, "41", true },
                    { 2, true, "bus", "具备条件的村通客运班车", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 2, "41", true },
                    { 3, true, "water", "农村饮用水符合安全卫生评价指标", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 3, "41", true },
                    { 4, true, "power", "基本满足生产生活用电需求", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 4, "41", true },
                    { 5, true, "tv", "广播电视户户通", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 5, "41", true },
                    { 6, true, "culture", "有综合性文化服务中心", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 6, "41", true },
                    { 7, true, "clinic", "有标准化卫生室", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 7, "41", true },
                    { 8, true, "doctor", "有合格乡村医生或执业（助理）医师", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 8, "41", true },
                    { 9, true, "broadband", "基本实现通宽带", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）", 9, "41", true },
                    { 10, true, "industry", "产业发展", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）；参考项，未找到量化标准", 10, "41", false },
                    { 11, true, "collective", "村集体经济收入", "河南省贫困村退出标准（见 shared/data/national-layout.md §4）；参考项，金额标准未找到，由县里设定", 11, "41", false }
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_samples_county_code_year",
                table: "evaluation_samples",
                columns: new[] { "county_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedure_steps_procedure_id_step",
                table: "exit_procedure_steps",
                columns: new[] { "procedure_id", "step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_county_code_village_code_status",
                table: "exit_procedures",
                columns: new[] { "county_code", "village_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_household_id_year",
                table: "exit_procedures",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_measures_monitoring_object_id",
                table: "monitoring_measures",
                column: "monitoring_object_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_objects_county_code_village_code_status",
                table: "monitoring_objects",
                columns: new[] { "county_code", "village_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_objects_household_id",
                table: "monitoring_objects",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_objects_village_code",
                table: "monitoring_objects",
                column: "village_code");

            migrationBuilder.CreateIndex(
                name: "ix_risk_events_household_id_occurred_on",
                table: "risk_events",
                columns: new[] { "household_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_events_monitoring_object_id",
                table: "risk_events",
                column: "monitoring_object_id");

            migrationBuilder.CreateIndex(
                name: "ix_sampled_households_household_id",
                table: "sampled_households",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_sampled_households_sample_id_village_code_frame_slot",
                table: "sampled_households",
                columns: new[] { "sample_id", "village_code", "frame", "slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_village_checklist_answers_item_id",
                table: "village_checklist_answers",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_village_checklist_answers_village_code_year_item_id",
                table: "village_checklist_answers",
                columns: new[] { "village_code", "year", "item_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_village_checklist_items_province_code_key",
                table: "village_checklist_items",
                columns: new[] { "province_code", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_visits_household_id_visited_on",
                table: "visits",
                columns: new[] { "household_id", "visited_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "county_exit_plans");

            migrationBuilder.DropTable(
                name: "exit_procedure_steps");

            migrationBuilder.DropTable(
                name: "exit_standards");

            migrationBuilder.DropTable(
                name: "monitoring_measures");

            migrationBuilder.DropTable(
                name: "risk_events");

            migrationBuilder.DropTable(
                name: "sampled_households");

            migrationBuilder.DropTable(
                name: "village_checklist_answers");

            migrationBuilder.DropTable(
                name: "visits");

            migrationBuilder.DropTable(
                name: "exit_procedures");

            migrationBuilder.DropTable(
                name: "monitoring_objects");

            migrationBuilder.DropTable(
                name: "evaluation_samples");

            migrationBuilder.DropTable(
                name: "village_checklist_items");

            migrationBuilder.DropColumn(
                name: "exit_year",
                table: "regions");

            migrationBuilder.DropColumn(
                name: "out_of_school_reason",
                table: "members");

            migrationBuilder.DropColumn(
                name: "housing_renovated_on",
                table: "households");
        }
    }
}
