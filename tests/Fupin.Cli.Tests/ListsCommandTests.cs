using System.Text;
using System.Text.Json;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public class ListsCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-cli-lists-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task ListsImport_ThenCheck_PrintsTheFindingOnce_AndASecondCheckAddsNothing()
    {
        string head = "", id = "";
        await RegistryBuilder.AddHouseholdAsync(_db, h => (head, id) = (h.Members[0].Name, h.Members[0].IdNumber!.Value.ToString()));
        var payroll = Write("payroll.csv", $"财政供养人员名单\n姓名,身份证号码,工作单位\n{head},{id},县林业局\n");

        var (code, output, err) = await CliRunner.RunAsync(_db, "lists", "import", "payroll", payroll, "--as-of", "2018-09-30");
        Assert.True(code == 0, output + err);
        Assert.Contains("1 行，拒收 0 行", output, StringComparison.Ordinal);

        (code, output, err) = await CliRunner.RunAsync(_db, "check", "--region", RegistryBuilder.County, "--json");
        Assert.True(code == 1, output + err);
        using (var json = JsonDocument.Parse(output))
        {
            var v = json.RootElement.GetProperty("verification");
            Assert.Equal(1, v.GetProperty("new").GetInt32());
            var finding = Assert.Single(v.GetProperty("findings").EnumerateArray());
            Assert.Equal("list.payroll", finding.GetProperty("rule").GetString());
            Assert.Equal(head, finding.GetProperty("member").GetString());
            Assert.Contains("县林业局", finding.GetProperty("evidence").GetString(), StringComparison.Ordinal);
            Assert.Contains("list.uninsured", v.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()));
        }
        Assert.DoesNotContain(id, output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync(_db, "check", "--region", RegistryBuilder.County, "--rule", "list.payroll");
        Assert.Equal(1, code);
        Assert.Contains("新增 0", output, StringComparison.Ordinal);
        Assert.Contains("list.payroll", output, StringComparison.Ordinal);
        await using var ctx = _db.NewContext(Accounts.AccessScope.System);
        Assert.Equal(1, await ctx.Findings.CountAsync());
        Assert.Equal(2, await ctx.VerificationRuns.CountAsync());
    }

    [Fact]
    public async Task ListsImport_MissingColumn_ExitsOne_NamesTheColumn_AndStoresNothing()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var file = Write("deaths.csv", "姓名,身份证号码,注销日期\n张三,411321198001010012,2018-01-01\n");

        var (code, output, err) = await CliRunner.RunAsync(_db, "lists", "import", "deaths", file);

        Assert.Equal(1, code);
        Assert.Contains("注销原因", err, StringComparison.Ordinal);
        Assert.Empty(output);
        await using var ctx = _db.NewContext(Accounts.AccessScope.System);
        Assert.Equal(0, await ctx.DepartmentLists.CountAsync());
    }

    [Fact]
    public async Task ListsImport_UnknownType_ExitsTwo_AndListsTheTypes()
    {
        var file = Write("x.csv", "姓名,身份证号码\n");
        var (code, _, err) = await CliRunner.RunAsync(_db, "lists", "import", "cars", file);

        Assert.Equal(2, code);
        Assert.Contains("medical-insurance", err, StringComparison.Ordinal);
    }
}
