using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fupin.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IndustryAndEmployment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_pairings_users_user_id",
                table: "pairings");

            migrationBuilder.AlterColumn<long>(
                name: "user_id",
                table: "pairings",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "cadre_name",
                table: "pairings",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Pairings made before cadres without accounts existed name the cadre's account.
            migrationBuilder.Sql("UPDATE pairings SET cadre_name = (SELECT substr(display_name, 1, 40) FROM users WHERE users.id = pairings.user_id) WHERE user_id IS NOT NULL;");

            migrationBuilder.AddColumn<string>(
                name: "cadre_phone",
                table: "pairings",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cadre_unit",
                table: "pairings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "industries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    output_unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    employer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    post = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    months = table.Column<int>(type: "INTEGER", nullable: false),
                    monthly_income_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_jobs_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_jobs_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "willingness",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: false),
                    willing = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_willingness", x => x.id);
                    table.ForeignKey(
                        name: "fk_willingness_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_willingness_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "business_entities",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    industry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    legal_person = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    contact = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    contact_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    workshop_id = table.Column<long>(type: "INTEGER", nullable: true),
                    employees = table.Column<int>(type: "INTEGER", nullable: false),
                    area_mu = table.Column<double>(type: "REAL", nullable: false),
                    annual_output_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    founded_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_entities", x => x.id);
                    table.ForeignKey(
                        name: "fk_business_entities_industries_industry_id",
                        column: x => x.industry_id,
                        principalTable: "industries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_business_entities_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_business_entities_workshops_workshop_id",
                        column: x => x.workshop_id,
                        principalTable: "workshops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "industry_engagements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    industry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    persons = table.Column<int>(type: "INTEGER", nullable: false),
                    area_mu = table.Column<double>(type: "REAL", nullable: false),
                    output = table.Column<double>(type: "REAL", nullable: false),
                    income_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_engagements", x => x.id);
                    table.ForeignKey(
                        name: "fk_industry_engagements_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_industry_engagements_industries_industry_id",
                        column: x => x.industry_id,
                        principalTable: "industries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_plan_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    industry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    target = table.Column<double>(type: "REAL", nullable: true),
                    actual = table.Column<double>(type: "REAL", nullable: true),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_plan_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_industry_plan_items_industries_industry_id",
                        column: x => x.industry_id,
                        principalTable: "industries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "linkage_contracts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    entity_id = table.Column<long>(type: "INTEGER", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    industry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    start_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    agreed_per_year_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    terms = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_linkage_contracts", x => x.id);
                    table.ForeignKey(
                        name: "fk_linkage_contracts_business_entities_entity_id",
                        column: x => x.entity_id,
                        principalTable: "business_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_linkage_contracts_industries_industry_id",
                        column: x => x.industry_id,
                        principalTable: "industries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "linkage_parties",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contract_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: true),
                    agreed_per_year_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    shares_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    land_mu = table.Column<double>(type: "REAL", nullable: true),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_linkage_parties", x => x.id);
                    table.ForeignKey(
                        name: "fk_linkage_parties_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_linkage_parties_linkage_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "linkage_contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_linkage_parties_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "linkage_payments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contract_id = table.Column<long>(type: "INTEGER", nullable: false),
                    party_id = table.Column<long>(type: "INTEGER", nullable: false),
                    county_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_linkage_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_linkage_payments_linkage_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "linkage_contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_linkage_payments_linkage_parties_party_id",
                        column: x => x.party_id,
                        principalTable: "linkage_parties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_entities_county_code_name",
                table: "business_entities",
                columns: new[] { "county_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_business_entities_county_code_region_code_kind",
                table: "business_entities",
                columns: new[] { "county_code", "region_code", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_business_entities_industry_id",
                table: "business_entities",
                column: "industry_id");

            migrationBuilder.CreateIndex(
                name: "ix_business_entities_region_code",
                table: "business_entities",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_business_entities_workshop_id",
                table: "business_entities",
                column: "workshop_id");

            migrationBuilder.CreateIndex(
                name: "ix_industries_county_code_code",
                table: "industries",
                columns: new[] { "county_code", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industries_county_code_name",
                table: "industries",
                columns: new[] { "county_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industry_engagements_county_code_industry_id_year",
                table: "industry_engagements",
                columns: new[] { "county_code", "industry_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_engagements_county_code_village_code_year",
                table: "industry_engagements",
                columns: new[] { "county_code", "village_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_engagements_household_id_industry_id_year",
                table: "industry_engagements",
                columns: new[] { "household_id", "industry_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industry_engagements_industry_id",
                table: "industry_engagements",
                column: "industry_id");

            migrationBuilder.CreateIndex(
                name: "ix_industry_plan_items_county_code_industry_id_sort_order",
                table: "industry_plan_items",
                columns: new[] { "county_code", "industry_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_plan_items_industry_id",
                table: "industry_plan_items",
                column: "industry_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_county_code_village_code_year",
                table: "jobs",
                columns: new[] { "county_code", "village_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_household_id",
                table: "jobs",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_member_id_year",
                table: "jobs",
                columns: new[] { "member_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_linkage_contracts_county_code_industry_id",
                table: "linkage_contracts",
                columns: new[] { "county_code", "industry_id" });

            migrationBuilder.CreateIndex(
                name: "ix_linkage_contracts_county_code_number",
                table: "linkage_contracts",
                columns: new[] { "county_code", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_linkage_contracts_entity_id",
                table: "linkage_contracts",
                column: "entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_contracts_industry_id",
                table: "linkage_contracts",
                column: "industry_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_parties_contract_id_household_id_member_id",
                table: "linkage_parties",
                columns: new[] { "contract_id", "household_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_linkage_parties_county_code_village_code",
                table: "linkage_parties",
                columns: new[] { "county_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_linkage_parties_household_id",
                table: "linkage_parties",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_parties_member_id",
                table: "linkage_parties",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_linkage_payments_contract_id_year",
                table: "linkage_payments",
                columns: new[] { "contract_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_linkage_payments_household_id_year",
                table: "linkage_payments",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_linkage_payments_party_id",
                table: "linkage_payments",
                column: "party_id");

            migrationBuilder.CreateIndex(
                name: "ix_willingness_county_code_village_code",
                table: "willingness",
                columns: new[] { "county_code", "village_code" });

            migrationBuilder.CreateIndex(
                name: "ix_willingness_household_id",
                table: "willingness",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_willingness_member_id_recorded_on",
                table: "willingness",
                columns: new[] { "member_id", "recorded_on" });

            migrationBuilder.AddForeignKey(
                name: "fk_pairings_users_user_id",
                table: "pairings",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_pairings_users_user_id",
                table: "pairings");

            migrationBuilder.DropTable(
                name: "industry_engagements");

            migrationBuilder.DropTable(
                name: "industry_plan_items");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "linkage_payments");

            migrationBuilder.DropTable(
                name: "willingness");

            migrationBuilder.DropTable(
                name: "linkage_parties");

            migrationBuilder.DropTable(
                name: "linkage_contracts");

            migrationBuilder.DropTable(
                name: "business_entities");

            migrationBuilder.DropTable(
                name: "industries");

            migrationBuilder.DropColumn(
                name: "cadre_name",
                table: "pairings");

            migrationBuilder.DropColumn(
                name: "cadre_phone",
                table: "pairings");

            migrationBuilder.DropColumn(
                name: "cadre_unit",
                table: "pairings");

            migrationBuilder.AlterColumn<long>(
                name: "user_id",
                table: "pairings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "fk_pairings_users_user_id",
                table: "pairings",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
