using System.Text.Json;
using Fupin.Demo;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public class CheckCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static List<JsonElement> Problems(JsonDocument json) => [.. json.RootElement.GetProperty("problems").EnumerateArray()];

    static (string Household, string Village, string Member, string Rule, string Severity) Key(JsonElement p) =>
        (Text(p, "household"), Text(p, "village"), Text(p, "member"), Text(p, "rule"), Text(p, "severity"));

    static string Text(JsonElement p, string name) => p.GetProperty(name).GetString() ?? "";

    [Fact]
    public async Task Check_PlantedProblems_JsonNamesEachWithHouseholdVillageMemberAndRule_ExitOne()
    {
        string twoHeads = "", first = "", duplicate = "", migrant = "";
        ResidentId? taken = null;
        await RegistryBuilder.AddHouseholdAsync(_db, h => { twoHeads = h.Number; h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation) = ("二号户主", "户主"))); });
        await RegistryBuilder.AddHouseholdAsync(_db, h => { first = h.Number; taken = h.Members[0].IdNumber; });
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            duplicate = h.Number;
            h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.IdNumber, m.Gender, m.BirthDate) = ("重号", taken, taken!.Value.Gender, taken.Value.BirthDate)));
        });
        await RegistryBuilder.AddHouseholdAsync(_db, h => { migrant = h.Number; h.Members[0].MigrantWorkPlace = "浙江省义乌市"; h.Members[0].Name = "务工人"; });
        await RegistryBuilder.AddHouseholdAsync(_db);

        var (code, output, err) = await CliRunner.RunAsync(_db, "check", "--region", RegistryBuilder.County, "--json");

        Assert.True(code == 1, output + err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetProperty("households").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(
            new[]
            {
                (twoHeads, "石门村", "二号户主", "head.several", "error"),
                (duplicate, "石门村", "重号", "id.duplicate", "error"),
                (migrant, "石门村", "务工人", "migrant.together", "error"),
            }.Order(),
            Problems(json).Select(Key).Order());
        var dup = Problems(json).Single(p => p.GetProperty("rule").GetString() == "id.duplicate");
        Assert.Contains($"户{first}", dup.GetProperty("message").GetString());
        Assert.DoesNotContain(taken!.Value.ToString(), output);
        Assert.Contains("已检查 5/5 户", err);

        var byRule = json.RootElement.GetProperty("byRule").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["id.duplicate"] = 1, ["head.several"] = 1, ["migrant.together"] = 1 }, byRule);
        var village = Assert.Single(json.RootElement.GetProperty("byVillage").EnumerateArray());
        Assert.Equal((RegistryBuilder.Village, 3), (village.GetProperty("villageCode").GetString(), village.GetProperty("errors").GetInt32()));
    }

    [Fact]
    public async Task Check_Text_RuleFilter_ListsThatRuleOnly_SummaryKeepsAll_ExitFollowsTheListedRule()
    {
        await RegistryBuilder.AddHouseholdAsync(_db, h => h.Members[0].MigrantWorkMonths = 6);
        await RegistryBuilder.AddHouseholdAsync(_db, h => h.Phone = "0377-123");

        var all = await CliRunner.RunAsync(_db, "check", "--region", RegistryBuilder.Township);
        Assert.Equal(1, all.ExitCode);
        Assert.Contains("石门乡（411321304）数据质量检查：2 户 2 人；错误 1 条，提示 1 条", all.Out);
        Assert.Contains("有务工所在地没务工时间或有务工时间没务工所在地", all.Out);
        Assert.Contains("联系电话不是11位", all.Out);
        Assert.DoesNotContain("0377-123", all.Out);

        var phones = await CliRunner.RunAsync(_db, "check", "--region", RegistryBuilder.Township, "--rule", "phone.length");
        Assert.Equal(0, phones.ExitCode);
        Assert.Contains("以下只列出规则 phone.length 的 1 条", phones.Out);
        Assert.Contains("migrant.together", phones.Out); // in the summary
        Assert.DoesNotContain("提示 migrant.together", phones.Out);
        Assert.DoesNotContain("错误 migrant.together", phones.Out);

        var unknown = await CliRunner.RunAsync(_db, "check", "--rule", "no.such");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("没有代码为“no.such”的检查规则", unknown.Err);
        Assert.Equal(2, (await CliRunner.RunAsync(_db, "check", "--region", "999999")).ExitCode);
    }

    /// <summary>
    /// The demo county has no errors; an ID number given to a household in another township (other
    /// page, 17,659 households in pages of 1,000) and a migrant without months are then found.
    /// </summary>
    [Fact]
    public async Task Check_DemoCounty_NoErrors_ThenPlantedDuplicateAcrossPagesIsFound()
    {
        await using (var ctx = _db.NewContext()) await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, default);

        var clean = await CliRunner.RunAsync(_db, "check", "--region", DemoCounty.CountyCode, "--json");
        Assert.True(clean.ExitCode == 0, clean.Err);
        using (var json = JsonDocument.Parse(clean.Out))
        {
            Assert.Equal(17_659, json.RootElement.GetProperty("households").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        }

        Member source, target, migrant;
        await using (var ctx = _db.NewContext())
        {
            var firstId = await ctx.Households.MinAsync(h => h.Id);
            var lastId = await ctx.Households.MaxAsync(h => h.Id);
            source = await ctx.Members.Where(m => m.HouseholdId == firstId && m.IdNumber != null).OrderBy(m => m.Id).FirstAsync();
            target = await ctx.Members.Include(m => m.Household).Where(m => m.HouseholdId == lastId).OrderBy(m => m.Id).FirstAsync();
            migrant = await ctx.Members.Include(m => m.Household).Where(m => m.MigrantWorkPlace != null).OrderBy(m => m.Id).FirstAsync();
            Assert.NotEqual(source.HouseholdId, target.HouseholdId);
            Assert.NotEqual(target.Household!.VillageCode[..9], (await ctx.Households.FindAsync(firstId))!.VillageCode[..9]);
            (target.IdNumber, target.Gender, target.BirthDate) = (source.IdNumber, source.Gender, source.BirthDate);
            migrant.MigrantWorkMonths = null;
            await ctx.SaveChangesAsync();
        }

        var found = await CliRunner.RunAsync(_db, "check", "--region", DemoCounty.CountyCode, "--json");
        Assert.True(found.ExitCode == 1, found.Err);
        using var result = JsonDocument.Parse(found.Out);
        var errors = Problems(result).Where(p => p.GetProperty("severity").GetString() == "error").ToList();
        Assert.Equal(
            new[] { (target.Household!.Number, target.Name, "id.duplicate"), (migrant.Household!.Number, migrant.Name, "migrant.together") }.Order(),
            errors.Select(p => (Text(p, "household"), Text(p, "member"), Text(p, "rule"))).Order());
    }
}
