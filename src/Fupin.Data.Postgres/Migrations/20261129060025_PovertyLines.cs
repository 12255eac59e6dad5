using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Fupin.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PovertyLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "poverty_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'100', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    year = table.Column<int>(type: "integer", nullable: false),
                    scope = table.Column<int>(type: "integer", nullable: false),
                    amount_yuan = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_poverty_lines", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "poverty_lines",
                columns: new[] { "id", "amount_yuan", "scope", "source", "year" },
                values: new object[,]
                {
                    { 1, 3000, 1, "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对", 2016 },
                    { 2, 3335, 1, "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对", 2017 },
                    { 3, 3535, 1, "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对", 2018 },
                    { 4, 3747, 1, "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对", 2019 },
                    { 5, 4000, 1, "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对", 2020 },
                    { 6, 2800, 2, "国家统计局农村贫困监测：2010年不变价2300元标准按农村居民消费价格指数折算的当年现价贫困线（《中国农村贫困监测报告》），见 docs/assessment.md", 2014 },
                    { 7, 2855, 2, "国家统计局农村贫困监测：2010年不变价2300元标准按农村居民消费价格指数折算的当年现价贫困线（《中国农村贫困监测报告》），见 docs/assessment.md", 2015 },
                    { 8, 2952, 2, "国家统计局农村贫困监测：2010年不变价2300元标准按农村居民消费价格指数折算的当年现价贫困线（《中国农村贫困监测报告》），见 docs/assessment.md", 2016 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_poverty_lines_scope_year",
                table: "poverty_lines",
                columns: new[] { "scope", "year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "poverty_lines");
        }
    }
}
