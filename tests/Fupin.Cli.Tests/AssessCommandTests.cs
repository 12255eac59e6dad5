using System.Text.Json;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

/// <summary>
/// 石门村 (农业户籍人口 200): 王大山's household of 2 (未脱贫, 2018 income 3000.00 per person, D-grade house)
/// and 刘小花's household of 1 (已脱贫, income 4000.00, everything met). Poor persons 2 ÷ 200 = 1.00%.
/// </summary>
public class AssessCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _headId = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using (var ctx = _db.NewContext())
        {
            (await ctx.Regions.SingleAsync(r => r.Code == RegistryBuilder.Village)).RuralPopulation = 200;
            await ctx.SaveChangesAsync();
        }
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "王大山";
            _headId = h.Members[0].IdNumber!.Value.ToString();
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "王二妮"));
            h.HousingGrade = HousingGrade.D;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 2, Wage = 400_000, Production = 250_000, ProductionCost = 50_000 });
        });
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "刘小花";
            h.Status = PovertyStatus.ExitedWithPolicy;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 1, Wage = 400_000 });
        });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Assess_Text_PrintsIndicatorsAndFailingHouseholdByNameNeverIdNumber()
    {
        var (code, output, err) = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--region", RegistryBuilder.County);
        Assert.True(code == 0, err);
        Assert.Contains("南召县（411321）2018 年脱贫评估", output);
        Assert.Contains("贫困线 3535 元", output);
        Assert.Contains("评估 2 户 3 人；其中未脱贫和返贫 1 户 2 人", output);
        Assert.Contains("贫困发生率 1.00%（达标）", output);
        Assert.Contains("收入 1（0）", output);
        Assert.Contains("住房安全 1（0）", output);
        Assert.Contains("石门村", output);
        // (4000 + 2500 − 500) ÷ 2 = 3000.00 per person
        Assert.Contains("户主王大山 未脱贫 2人：收入不达标（纯收入 6000.00 元", output);
        Assert.Contains("人均 3000.00 元", output);
        Assert.Contains("住房安全不达标（住房为D级危房，未完成改造）", output);
        Assert.DoesNotContain("刘小花", output); // exited households are listed only with --all
        Assert.DoesNotContain(_headId, output);
        Assert.DoesNotContain(_headId[..14], output);
    }

    [Fact]
    public async Task Assess_Json_CarriesIncidenceAlkireFosterAndEachIndicator()
    {
        var (code, output, err) = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--region", RegistryBuilder.County, "--all", "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(2, total.GetProperty("poorPersons").GetInt32());
        Assert.Equal(0.01m, total.GetProperty("incidence").GetDecimal());
        Assert.True(total.GetProperty("belowThreshold").GetBoolean());
        // 王大山's 2 persons are deprived in 收入 and 住房 (2 of 6 ≥ 1/3): H = 2/3, A = 2/6, M0 = 4/18.
        var af = total.GetProperty("alkireFoster");
        Assert.Equal(2, af.GetProperty("poorPersons").GetInt32());
        Assert.Equal(2.0 / 9, af.GetProperty("m0").GetDouble(), 12);
        var households = json.RootElement.GetProperty("households").EnumerateArray().ToList();
        Assert.Equal(["王大山", "刘小花"], households.Select(h => h.GetProperty("head").GetString()));
        var states = households[0].GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("stateLabel").GetString()).ToList();
        Assert.Equal(["不达标", "未核实", "达标", "达标", "不达标", "达标"], states);
        Assert.Equal(300_000, households[0].GetProperty("perCapitaNetIncomeFen").GetInt64());
        Assert.DoesNotContain(_headId, output);
    }

    [Fact]
    public async Task Assess_YearWithoutLineOrUnknownRegion_ExitsTwoWithMessage()
    {
        var noLine = await CliRunner.RunAsync(_db, "assess", "--year", "2030", "--region", RegistryBuilder.County);
        Assert.Equal(2, noLine.ExitCode);
        Assert.Contains("没有2030年的贫困线", noLine.Err);

        var unknown = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--region", "999999");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("区域999999不存在", unknown.Err);
    }

    async Task PlanAsync()
    {
        await using var ctx = _db.NewContext();
        ctx.CountyExitPlans.Add(new Fupin.Assessment.CountyExitPlan { CountyCode = RegistryBuilder.County, TargetDate = new DateOnly(2019, 12, 31), UpdatedBy = "test" });
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task Assess_County_AddsReadinessWithCountdownVerdictAndVillageExitStatus()
    {
        await PlanAsync();
        var (code, output, err) = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--region", RegistryBuilder.County);
        Assert.True(code == 0, err);
        Assert.Contains("贫困发生率 1.00%（达标）", output); // the household section is unchanged
        Assert.Contains("摘帽准备情况（截至 2018-10-08）：距摘帽目标还有449天（不足500天）（目标日期 2019-12-31）", output);
        // No sample: the rates have no data; 2 ÷ 200 = 1.00% is only a lower bound.
        Assert.Contains("综合贫困发生率 1.00%  标准 <2.00%  无数据", output);
        Assert.Contains("脱贫人口错退率 —  标准 ≤2.00%  无数据", output);
        Assert.Contains("群众认可度 —  标准 ≥90.00%  无数据", output);
        // The one poor village has not exited: 0/1 = 0% of poor villages, below Henan's 90%.
        Assert.Contains("贫困村退出比例 0.00%  标准 ≥90.00%  未达标", output);
        Assert.Contains("结论：未达到贫困县退出标准：贫困村退出比例0.00%，低于90.00%。另有综合贫困发生率、脱贫人口错退率、贫困人口漏评率、群众认可度无数据", output);
        Assert.Contains("贫困村 1 个，已退出 0，可退出 0，未达到退出条件 1", output);
        Assert.Contains("411321304201 石门乡石门村  贫困发生率 1.00%  必查项 0/9  未达到退出条件：未填报：有一条通村公路实现硬化；", output);
    }

    [Fact]
    public async Task Assess_ProjectPlannedExitsAsOfTheTarget_ListsWhoStaysPoorAndWhy()
    {
        await PlanAsync();
        await using (var ctx = _db.NewContext())
            await ctx.Households.ExecuteUpdateAsync(h => h.SetProperty(x => x.PlannedExitYear, 2019));
        var (code, output, err) = await CliRunner.RunAsync(_db, "assess", "--year", "2019", "--region", RegistryBuilder.County, "--as-of", "2019-12-31", "--project-planned-exits");
        Assert.True(code == 0, err);
        Assert.Contains("摘帽准备情况（截至 2019-12-31，按计划退出预测）：今天是摘帽目标日", output);
        // 王大山 has no 2019 income: 2018's 3000.00 per person is tested against 2019's 3747 and fails; the D-grade house fails too.
        Assert.Contains("计划退出预测：0 户 0 人计为脱贫；1 户仍为贫困：", output);
        Assert.Contains("户主王大山 2人 计划2019年：2019年无收入记录，按2018年收入对照2019年贫困线3747元；收入不达标", output);
        Assert.Contains("住房安全不达标（住房为D级危房，未完成改造）", output);
    }

    [Fact]
    public async Task Assess_Json_CarriesReadinessAndVillages()
    {
        await PlanAsync();
        var (code, output, err) = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--region", RegistryBuilder.County, "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var readiness = json.RootElement.GetProperty("readiness");
        Assert.Equal(449, readiness.GetProperty("countdown").GetProperty("days").GetInt32());
        Assert.False(readiness.GetProperty("passes").GetBoolean());
        Assert.Equal(["incidence", "wrongExit", "missed", "approval", "villages"],
            readiness.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        var village = json.RootElement.GetProperty("villages").EnumerateArray().Single();
        Assert.Equal(("NotReady", 0.01m), (village.GetProperty("state").GetString(), village.GetProperty("incidence").GetDecimal()));
    }

    [Fact]
    public async Task Assess_AsOfOutsideTheYearOrMalformed_ExitsTwo()
    {
        var outside = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--as-of", "2019-01-01");
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("--as-of", outside.Err);
        var malformed = await CliRunner.RunAsync(_db, "assess", "--year", "2018", "--as-of", "2018-13-01");
        Assert.Equal(2, malformed.ExitCode);
    }
}
