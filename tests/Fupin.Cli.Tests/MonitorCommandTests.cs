using System.Text.Json;
using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests;

/// <summary>
/// `fupin monitor` on two exited households of 石门村 as of 2018-10-08: one at 4,000 yuan a head in 2017
/// (below 1.5 × 3,335 = 5,002.5, proposed) and one at 6,000 (not proposed).
/// </summary>
public class MonitorCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    Task<long> ExitedAsync(long perCapitaYuan, string head) => RegistryBuilder.AddHouseholdAsync(_db, h =>
    {
        h.Status = PovertyStatus.ExitedWithPolicy;
        h.ExitYear = 2017;
        h.Members[0].Name = head;
        h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 1, Wage = perCapitaYuan * 100 });
    });

    [Fact]
    public async Task Propose_Text_CountsPerRule_ThenListJson_MasksIds_RerunAddsNone()
    {
        await ExitedAsync(4000, "低收入");
        await ExitedAsync(6000, "高收入");

        var (code, output, err) = await CliRunner.RunAsync(_db, "monitor", "propose", "--region", RegistryBuilder.County);
        Assert.True(code == 0, output + err);
        Assert.Contains("防返贫监测筛查（截至2018-10-08，411321）：已脱贫户 2 户，新增拟纳入 1 户，已有在办对象而跳过 0 户", output);
        Assert.Matches(@"monitor\.income_below_1_5\s+1\s+人均纯收入低于1.5倍扶贫标准", output);

        var list = await CliRunner.RunAsync(_db, "monitor", "list", "--status", "proposed", "--json");
        Assert.Equal(0, list.ExitCode);
        using var json = JsonDocument.Parse(list.Out);
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
        var o = Assert.Single(json.RootElement.GetProperty("objects").EnumerateArray());
        Assert.Equal("低收入", o.GetProperty("head").GetString());
        Assert.Equal("proposed", o.GetProperty("status").GetString());
        Assert.Equal("脱贫不稳定户", o.GetProperty("type").GetString());
        Assert.Equal("2017年人均纯收入4,000元，低于当年扶贫标准3,335元的1.5倍（5,002.5元）", o.GetProperty("reason").GetString());
        var masked = o.GetProperty("idNumber").GetString()!;
        Assert.Matches("^411321\\*{8}[0-9]{3}[0-9X]$", masked);

        var again = await CliRunner.RunAsync(_db, "monitor", "propose", "--json");
        using var second = JsonDocument.Parse(again.Out);
        Assert.Equal((0, 1), (second.RootElement.GetProperty("proposed").GetInt32(), second.RootElement.GetProperty("alreadyOpen").GetInt32()));

        var text = await CliRunner.RunAsync(_db, "monitor", "list");
        Assert.Contains("监测对象 1 户（拟纳入 1，监测中 0，不予纳入 0，风险已消除 0）；预警 0 户", text.Out);
    }

    [Fact]
    public async Task BadStatusOrRegion_ExitTwo_WithMessage()
    {
        var status = await CliRunner.RunAsync(_db, "monitor", "list", "--status", "open");
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("--status “open”无效", status.Err);

        var region = await CliRunner.RunAsync(_db, "monitor", "propose", "--region", "41132");
        Assert.Equal(2, region.ExitCode);
        Assert.Contains("区划代码“41132”无效", region.Err);
    }
}
