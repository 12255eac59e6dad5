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
        Assert.Contains("住房安全不达标（住房为D级危房）", output);
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
}
