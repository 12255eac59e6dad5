using System.Text;
using System.Text.Json;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public class ImportCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-cli-import-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    static string Id(int day, int seq) => ResidentId.Create(RegistryBuilder.County, new DateOnly(1975, 3, 1).AddDays(day), seq).ToString();

    string File(params string[] ids)
    {
        var sb = new StringBuilder("乡(镇),行政村,户编号,姓名,证件号码,与户主关系,贫困户属性,脱贫状态,主要致贫原因,文化程度,劳动技能,健康状况\n");
        sb.Append(CultureInfoLine("石门乡,石门村,41132130409001,张三,", ids[0], ",户主,一般贫困户,未脱贫,因病,小学,普通劳动力,健康"));
        sb.Append(CultureInfoLine("石门乡,石门村,41132130409002,李四,", ids[1], ",户主,低保贫困户,未脱贫,缺资金,初中,弱劳动力或半劳动力,长期慢性病"));
        var path = Path.Combine(_dir, "cli.csv");
        System.IO.File.WriteAllText(path, sb.ToString(), new UTF8Encoding(true));
        return path;
    }

    static string CultureInfoLine(string a, string id, string b) => a + id + b + "\n";

    [Fact]
    public async Task ImportHouseholds_BadRow_Json_ExitOneWithRowColumnRuleAndNothingWritten()
    {
        var path = File(Id(1, 11), "41132119750302001");
        var (code, output, err) = await CliRunner.RunAsync(_db, "import", "households", path, "--json");

        Assert.True(code == 1, err);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("written").GetBoolean());
        var problem = json.RootElement.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(3, problem.GetProperty("row").GetInt32());
        Assert.Equal("证件号码", problem.GetProperty("column").GetString());
        Assert.Equal("id.wrong_length", problem.GetProperty("rule").GetString());
        await using var ctx = _db.NewContext();
        Assert.Equal(0, await ctx.Households.CountAsync());
    }

    [Fact]
    public async Task ImportHouseholds_DryRunThenImportThenExportAndReimport_ZeroChanges()
    {
        var path = File(Id(1, 11), Id(2, 13));
        var dry = await CliRunner.RunAsync(_db, "import", "households", path, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Out + dry.Err);
        Assert.Contains("新增 2 户", dry.Out);
        await using (var ctx = _db.NewContext()) Assert.Equal(0, await ctx.Households.CountAsync());

        var real = await CliRunner.RunAsync(_db, "import", "households", path);
        Assert.True(real.ExitCode == 0, real.Out + real.Err);
        Assert.Contains("已导入", real.Out);

        foreach (var (name, layout) in new[] { ("out.xlsx", "national"), ("out.csv", "template") })
        {
            var outPath = Path.Combine(_dir, name);
            var export = await CliRunner.RunAsync(_db, "export", "households", "--region", RegistryBuilder.County, "--out", outPath, "--layout", layout);
            Assert.True(export.ExitCode == 0, export.Err);
            Assert.Contains("已导出 2 户 2 人", export.Out);
            await using (var ctx = _db.NewContext())
            {
                var logged = await ctx.Changes.Where(c => c.Action == "导出").OrderByDescending(c => c.Id).FirstAsync();
                Assert.Contains(name, logged.Reason);
                Assert.Equal("明文", logged.Field);
                Assert.StartsWith("cli:", logged.User);
            }

            var again = await CliRunner.RunAsync(_db, "import", "households", outPath, "--json");
            Assert.True(again.ExitCode == 0, again.Out);
            using var json = JsonDocument.Parse(again.Out);
            Assert.Equal((0, 0, 2), (json.RootElement.GetProperty("added").GetInt32(), json.RootElement.GetProperty("changed").GetInt32(), json.RootElement.GetProperty("unchanged").GetInt32()));
        }
    }

    [Fact]
    public async Task ImportTemplate_WritesXlsx()
    {
        var path = Path.Combine(_dir, "模板.xlsx");
        var (code, output, _) = await CliRunner.RunAsync(null, "import", "template", "--out", path);
        Assert.Equal(0, code);
        Assert.Contains("已生成导入模板", output);
        Assert.True(new FileInfo(path).Length > 1000);
    }
}
