using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Fupin.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: true),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "code_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    label = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    from_year = table.Column<int>(type: "integer", nullable: false),
                    to_year = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_code_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    parent_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    is_poor_village = table.Column<bool>(type: "boolean", nullable: false),
                    rural_population = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attribute = table.Column<int>(type: "integer", nullable: false),
                    member_count = table.Column<int>(type: "integer", nullable: false),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attribute = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    standard = table.Column<int>(type: "integer", nullable: false),
                    identification_year = table.Column<int>(type: "integer", nullable: false),
                    planned_exit_year = table.Column<int>(type: "integer", nullable: true),
                    exit_year = table.Column<int>(type: "integer", nullable: true),
                    main_cause = table.Column<int>(type: "integer", nullable: false),
                    other_causes = table.Column<int[]>(type: "integer[]", nullable: false),
                    arable_land = table.Column<double>(type: "double precision", nullable: false),
                    irrigated_land = table.Column<double>(type: "double precision", nullable: false),
                    forest_land = table.Column<double>(type: "double precision", nullable: false),
                    returned_farmland = table.Column<double>(type: "double precision", nullable: false),
                    orchard_land = table.Column<double>(type: "double precision", nullable: false),
                    pasture_land = table.Column<double>(type: "double precision", nullable: false),
                    water_surface = table.Column<double>(type: "double precision", nullable: false),
                    road_type = table.Column<int>(type: "integer", nullable: false),
                    distance_to_road_km = table.Column<double>(type: "double precision", nullable: false),
                    housing_area = table.Column<double>(type: "double precision", nullable: false),
                    housing_grade = table.Column<int>(type: "integer", nullable: false),
                    safe_drinking_water = table.Column<bool>(type: "boolean", nullable: false),
                    has_power = table.Column<bool>(type: "boolean", nullable: false),
                    fuel = table.Column<int>(type: "integer", nullable: false),
                    has_sanitary_toilet = table.Column<bool>(type: "boolean", nullable: false),
                    in_cooperative = table.Column<bool>(type: "boolean", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    bank_name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    bank_account = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                    table.ForeignKey(
                        name: "fk_households_regions_village_code",
                        column: x => x.village_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incomes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    household_size = table.Column<int>(type: "integer", nullable: false),
                    wage = table.Column<long>(type: "bigint", nullable: false),
                    production = table.Column<long>(type: "bigint", nullable: false),
                    asset_dividend = table.Column<long>(type: "bigint", nullable: false),
                    other_property = table.Column<long>(type: "bigint", nullable: false),
                    family_planning = table.Column<long>(type: "bigint", nullable: false),
                    dibao_allowance = table.Column<long>(type: "bigint", nullable: false),
                    tekun_allowance = table.Column<long>(type: "bigint", nullable: false),
                    pension_income = table.Column<long>(type: "bigint", nullable: false),
                    eco_compensation = table.Column<long>(type: "bigint", nullable: false),
                    other_transfer = table.Column<long>(type: "bigint", nullable: false),
                    production_cost = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incomes", x => x.id);
                    table.ForeignKey(
                        name: "fk_incomes_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    number = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    id_number = table.Column<long>(type: "bigint", nullable: true),
                    relation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    gender = table.Column<int>(type: "integer", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    ethnicity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    political_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    education = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    student_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    health = table.Column<int>(type: "integer", nullable: false),
                    labour_skill = table.Column<int>(type: "integer", nullable: false),
                    migrant_work_place = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    migrant_work_months = table.Column<int>(type: "integer", nullable: true),
                    has_basic_medical = table.Column<bool>(type: "boolean", nullable: false),
                    has_critical_illness = table.Column<bool>(type: "boolean", nullable: false),
                    has_pension = table.Column<bool>(type: "boolean", nullable: false),
                    is_dibao = table.Column<bool>(type: "boolean", nullable: false),
                    is_tekun = table.Column<bool>(type: "boolean", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "code_items",
                columns: new[] { "id", "code", "from_year", "kind", "label", "to_year" },
                values: new object[,]
                {
                    { 1, "01", 2014, "Gender", "男", null },
                    { 2, "02", 2014, "Gender", "女", null },
                    { 3, "01", 2014, "HouseholdAttribute", "一般贫困户", null },
                    { 4, "04", 2014, "HouseholdAttribute", "低保贫困户", null },
                    { 5, "06", 2014, "HouseholdAttribute", "特困供养贫困户", null },
                    { 6, "00", 2014, "PovertyStatus", "未脱贫", null },
                    { 7, "01", 2014, "PovertyStatus", "已脱贫(享受政策)", null },
                    { 8, "03", 2014, "PovertyStatus", "返贫", null },
                    { 9, "04", 2014, "PovertyStatus", "已脱贫(不再享受政策)", null },
                    { 10, "01", 2014, "IdentificationStandard", "国家标准", null },
                    { 11, "02", 2014, "IdentificationStandard", "省定标准", null },
                    { 12, "03", 2014, "IdentificationStandard", "市定标准", null },
                    { 13, "01", 2014, "PovertyCause", "因病", null },
                    { 14, "02", 2014, "PovertyCause", "因残", null },
                    { 15, "03", 2014, "PovertyCause", "因学", null },
                    { 16, "04", 2014, "PovertyCause", "因灾", null },
                    { 17, "05", 2014, "PovertyCause", "缺土地", null },
                    { 18, "06", 2014, "PovertyCause", "缺水", null },
                    { 19, "07", 2014, "PovertyCause", "缺技术", null },
                    { 20, "08", 2014, "PovertyCause", "缺劳力", null },
                    { 21, "09", 2014, "PovertyCause", "缺资金", null },
                    { 22, "10", 2014, "PovertyCause", "交通条件落后", null },
                    { 23, "11", 2014, "PovertyCause", "自身发展动力不足", null },
                    { 24, "12", 2014, "PovertyCause", "因婚", null },
                    { 25, "13", 2014, "PovertyCause", "因丧", null },
                    { 26, "01", 2014, "LabourSkill", "普通劳动力", null },
                    { 27, "02", 2014, "LabourSkill", "技能劳动力", null },
                    { 28, "03", 2017, "LabourSkill", "弱劳动力或半劳动力", null },
                    { 29, "04", 2014, "LabourSkill", "丧失劳动力", null },
                    { 30, "05", 2014, "LabourSkill", "无劳动力", null },
                    { 31, "01", 2014, "HealthConditions", "健康", null },
                    { 32, "02", 2014, "HealthConditions", "长期慢性病", null },
                    { 33, "04", 2014, "HealthConditions", "患有大病", null },
                    { 34, "08", 2014, "HealthConditions", "残疾", null },
                    { 35, "01", 2014, "HousingGrade", "A级", null },
                    { 36, "02", 2014, "HousingGrade", "B级", null },
                    { 37, "03", 2014, "HousingGrade", "C级", null },
                    { 38, "04", 2014, "HousingGrade", "D级", null },
                    { 39, "01", 2014, "RoadType", "泥土路", null },
                    { 40, "02", 2014, "RoadType", "砂石路", null },
                    { 41, "03", 2014, "RoadType", "水泥路", null },
                    { 42, "04", 2014, "RoadType", "沥青路", null },
                    { 43, "01", 2014, "FuelType", "柴草", null },
                    { 44, "02", 2014, "FuelType", "干畜粪", null },
                    { 45, "03", 2014, "FuelType", "煤炭", null },
                    { 46, "04", 2014, "FuelType", "清洁能源", null },
                    { 47, "05", 2014, "FuelType", "其它", null },
                    { 48, "01", 2014, "Relation", "户主", null },
                    { 49, "02", 2014, "Relation", "配偶", null },
                    { 50, "03", 2014, "Relation", "之子", null },
                    { 51, "04", 2014, "Relation", "之女", null },
                    { 52, "05", 2014, "Relation", "之儿媳", null },
                    { 53, "06", 2014, "Relation", "之女婿", null },
                    { 54, "07", 2014, "Relation", "之孙子", null },
                    { 55, "08", 2014, "Relation", "之孙女", null },
                    { 56, "09", 2014, "Relation", "之外孙子", null },
                    { 57, "10", 2014, "Relation", "之外孙女", null },
                    { 58, "11", 2014, "Relation", "之父", null },
                    { 59, "12", 2014, "Relation", "之母", null },
                    { 60, "13", 2014, "Relation", "之岳父", null },
                    { 61, "14", 2014, "Relation", "之岳母", null },
                    { 62, "15", 2014, "Relation", "之公公", null },
                    { 63, "16", 2014, "Relation", "之婆婆", null },
                    { 64, "17", 2014, "Relation", "之祖父", null },
                    { 65, "18", 2014, "Relation", "之祖母", null },
                    { 66, "19", 2014, "Relation", "之外祖父", null },
                    { 67, "20", 2014, "Relation", "之外祖母", null },
                    { 68, "21", 2014, "Relation", "之兄弟姐妹", null },
                    { 69, "22", 2014, "Relation", "之曾孙子", null },
                    { 70, "23", 2014, "Relation", "之曾孙女", null },
                    { 71, "24", 2014, "Relation", "之侄儿", null },
                    { 72, "25", 2014, "Relation", "之侄女", null },
                    { 73, "26", 2014, "Relation", "之兄弟媳妇", null },
                    { 74, "27", 2014, "Relation", "之叔伯", null },
                    { 75, "28", 2014, "Relation", "其他", null },
                    { 76, "01", 2014, "Ethnicity", "汉族", null },
                    { 77, "02", 2014, "Ethnicity", "蒙古族", null },
                    { 78, "03", 2014, "Ethnicity", "回族", null },
                    { 79, "04", 2014, "Ethnicity", "藏族", null },
                    { 80, "05", 2014, "Ethnicity", "维吾尔族", null },
                    { 81, "06", 2014, "Ethnicity", "苗族", null },
                    { 82, "07", 2014, "Ethnicity", "彝族", null },
                    { 83, "08", 2014, "Ethnicity", "壮族", null },
                    { 84, "09", 2014, "Ethnicity", "布依族", null },
                    { 85, "10", 2014, "Ethnicity", "朝鲜族", null },
                    { 86, "11", 2014, "Ethnicity", "满族", null },
                    { 87, "12", 2014, "Ethnicity", "侗族", null },
                    { 88, "13", 2014, "Ethnicity", "瑶族", null },
                    { 89, "14", 2014, "Ethnicity", "白族", null },
                    { 90, "15", 2014, "Ethnicity", "土家族", null },
                    { 91, "16", 2014, "Ethnicity", "哈尼族", null },
                    { 92, "17", 2014, "Ethnicity", "哈萨克族", null },
                    { 93, "18", 2014, "Ethnicity", "傣族", null },
                    { 94, "19", 2014, "Ethnicity", "黎族", null },
                    { 95, "20", 2014, "Ethnicity", "傈僳族", null },
                    { 96, "21", 2014, "Ethnicity", "佤族", null },
                    { 97, "22", 2014, "Ethnicity", "畲族", null },
                    { 98, "23", 2014, "Ethnicity", "高山族", null },
                    { 99, "24", 2014, "Ethnicity", "拉祜族", null },
                    { 100, "25", 2014, "Ethnicity", "水族", null },
                    { 101, "26", 2014, "Ethnicity", "东乡族", null },
                    { 102, "27", 2014, "Ethnicity", "纳西族", null },
                    { 103, "28", 2014, "Ethnicity", "景颇族", null },
                    { 104, "29", 2014, "Ethnicity", "柯尔克孜族", null },
                    { 105, "30", 2014, "Ethnicity", "土族", null },
                    { 106, "31", 2014, "Ethnicity", "达斡尔族", null },
                    { 107, "32", 2014, "Ethnicity", "仫佬族", null },
                    { 108, "33", 2014, "Ethnicity", "羌族", null },
                    { 109, "34", 2014, "Ethnicity", "布朗族", null },
                    { 110, "35", 2014, "Ethnicity", "撒拉族", null },
                    { 111, "36", 2014, "Ethnicity", "毛南族", null },
                    { 112, "37", 2014, "Ethnicity", "仡佬族", null },
                    { 113, "38", 2014, "Ethnicity", "锡伯族", null },
                    { 114, "39", 2014, "Ethnicity", "阿昌族", null },
                    { 115, "40", 2014, "Ethnicity", "普米族", null },
                    { 116, "41", 2014, "Ethnicity", "塔吉克族", null },
                    { 117, "42", 2014, "Ethnicity", "怒族", null },
                    { 118, "43", 2014, "Ethnicity", "乌孜别克族", null },
                    { 119, "44", 2014, "Ethnicity", "俄罗斯族", null },
                    { 120, "45", 2014, "Ethnicity", "鄂温克族", null },
                    { 121, "46", 2014, "Ethnicity", "德昂族", null },
                    { 122, "47", 2014, "Ethnicity", "保安族", null },
                    { 123, "48", 2014, "Ethnicity", "裕固族", null },
                    { 124, "49", 2014, "Ethnicity", "京族", null },
                    { 125, "50", 2014, "Ethnicity", "塔塔尔族", null },
                    { 126, "51", 2014, "Ethnicity", "独龙族", null },
                    { 127, "52", 2014, "Ethnicity", "鄂伦春族", null },
                    { 128, "53", 2014, "Ethnicity", "赫哲族", null },
                    { 129, "54", 2014, "Ethnicity", "门巴族", null },
                    { 130, "55", 2014, "Ethnicity", "珞巴族", null },
                    { 131, "56", 2014, "Ethnicity", "基诺族", null },
                    { 132, "57", 2014, "Ethnicity", "其他", null },
                    { 133, "01", 2014, "Education", "文盲或半文盲", null },
                    { 134, "02", 2014, "Education", "小学", null },
                    { 135, "03", 2014, "Education", "初中", null },
                    { 136, "04", 2014, "Education", "高中", null },
                    { 137, "05", 2014, "Education", "大专及以上", 2016 },
                    { 138, "06", 2014, "Education", "学龄前儿童", 2016 },
                    { 139, "07", 2017, "Education", "大专", null },
                    { 140, "08", 2017, "Education", "本科及以上", null },
                    { 141, "01", 2014, "StudentStatus", "非在校生", 2016 },
                    { 142, "02", 2014, "StudentStatus", "七～九年级", 2016 },
                    { 143, "03", 2014, "StudentStatus", "高中一～三年级", 2016 },
                    { 144, "04", 2014, "StudentStatus", "高职一～三年级", 2016 },
                    { 145, "05", 2014, "StudentStatus", "大专及以上", 2016 },
                    { 146, "06", 2014, "StudentStatus", "学前教育", null },
                    { 147, "07", 2014, "StudentStatus", "小学", null },
                    { 148, "08", 2014, "StudentStatus", "中职一～三年级", null },
                    { 149, "09", 2017, "StudentStatus", "学龄前儿童", null },
                    { 150, "10", 2017, "StudentStatus", "七年级", null },
                    { 151, "11", 2017, "StudentStatus", "八年级", null },
                    { 152, "12", 2017, "StudentStatus", "九年级", null },
                    { 153, "13", 2017, "StudentStatus", "普通高中一～三年级", null },
                    { 154, "14", 2017, "StudentStatus", "高职高专一～三年级", null },
                    { 155, "15", 2017, "StudentStatus", "技师学院一～四年级", null },
                    { 156, "16", 2017, "StudentStatus", "本科一～五年级", null },
                    { 157, "17", 2017, "StudentStatus", "硕士研究生及以上", null },
                    { 158, "01", 2014, "PoliticalStatus", "中共党员", null },
                    { 159, "02", 2014, "PoliticalStatus", "中共预备党员", null },
                    { 160, "03", 2014, "PoliticalStatus", "共青团员", null },
                    { 161, "04", 2014, "PoliticalStatus", "群众", null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_changes_at",
                table: "changes",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_changes_household_id_at",
                table: "changes",
                columns: new[] { "household_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_code_items_kind_code_from_year",
                table: "code_items",
                columns: new[] { "kind", "code", "from_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_county_code_village_code_status",
                table: "households",
                columns: new[] { "county_code", "village_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_households_number",
                table: "households",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_village_code",
                table: "households",
                column: "village_code");

            migrationBuilder.CreateIndex(
                name: "ix_incomes_household_id_year",
                table: "incomes",
                columns: new[] { "household_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_household_id",
                table: "members",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_members_id_number",
                table: "members",
                column: "id_number");

            migrationBuilder.CreateIndex(
                name: "ix_members_name",
                table: "members",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_regions_parent_code",
                table: "regions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_year_county_code_village_code",
                table: "snapshots",
                columns: new[] { "year", "county_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_year_household_id",
                table: "snapshots",
                columns: new[] { "year", "household_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "changes");

            migrationBuilder.DropTable(
                name: "code_items");

            migrationBuilder.DropTable(
                name: "incomes");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "snapshots");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "regions");
        }
    }
}
