using System.Net;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Households;

public class HouseholdPageTests(FupinApp app) : IClassFixture<FupinApp>
{
    async Task<(long Id, ResidentId HeadId)> AddWithIncomeAsync()
    {
        ResidentId headId = default;
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "刘桂兰", h =>
        {
            headId = h.Members[0].IdNumber!.Value;
            h.Phone = "13812345678";
            h.BankAccount = "6228480123456789012";
            h.Members[0].Phone = "13987654321";
            h.Members[0].Health = HealthConditions.Chronic | HealthConditions.Disabled;
            h.Incomes.Add(new IncomeRecord
            {
                CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 3,
                Wage = 600_000, Production = 300_000, AssetDividend = 50_000, DibaoAllowance = 120_000, ProductionCost = 70_000,
            });
        }, extraMembers: 2);
        return (id, headId);
    }

    [Fact]
    public async Task HouseholdPage_RendersChineseSections_AndMasksPersonalData()
    {
        var (id, headId) = await AddWithIncomeAsync();
        using var client = app.Client();

        var html = await client.GetStringAsync($"/households/{id}");

        foreach (var text in new[] { "基本情况", "家庭成员（3 人）", "收入情况（元）", "生产生活条件", "变更记录", "刘桂兰", "石门乡", "因病", "长期慢性病、残疾", "业务日期 2018-10-08" })
            Assert.Contains(text, html);
        Assert.Contains(headId.Masked, html);
        Assert.DoesNotContain(headId.ToString(), html);
        Assert.Contains("138****5678", html);
        Assert.DoesNotContain("13812345678", html);
        Assert.DoesNotContain("13987654321", html);
        Assert.DoesNotContain("6228480123456789012", html);
    }

    [Fact]
    public async Task HouseholdPage_Income_ShowsEveryPartAndPerCapitaNetIncomeInYuan()
    {
        var (id, _) = await AddWithIncomeAsync();
        using var client = app.Client();

        var html = await client.GetStringAsync($"/households/{id}");
        var details = await app.HouseholdAsync(id);

        // (6000 + 3000 + 500 + 1200 − 700) ÷ 3
        var income = Assert.Single(details.Incomes);
        Assert.Equal((10_000m, 3_333.33m, 500m, 1_200m), (income.NetIncome, income.PerCapitaNetIncome, income.Property, income.Transfer));
        Assert.Contains("人均纯收入", html);
        Assert.Contains("3,333.33", html);
        Assert.Contains("10,000.00", html);
        Assert.Contains("2017 年", html);
    }

    [Fact]
    public async Task HouseholdApi_MasksIdNumbersPhonesAndBankAccount()
    {
        var (id, headId) = await AddWithIncomeAsync();
        using var client = app.Client();

        var json = await client.GetStringAsync($"/api/households/{id}");

        Assert.Contains(headId.Masked, json);
        Assert.DoesNotContain(headId.ToString(), json);
        Assert.DoesNotContain("13812345678", json);
        Assert.DoesNotContain("6228480123456789012", json);
        Assert.Contains("\"bankAccountMasked\":\"622************9012\"", json);
    }

    [Fact]
    public async Task HouseholdPage_UnknownId_Returns404Page()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/households/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HomePage_ShowsTheCountysHeadlineNumbersFromTheDatabase()
    {
        await Seed.HouseholdAsync(app.Db, "411321304204", "孙一", h => (h.Status, h.ExitYear) = (PovertyStatus.ExitedWithoutPolicy, 2017), extraMembers: 1);
        await Seed.HouseholdAsync(app.Db, "411321304204", "孙二", h => h.Status = PovertyStatus.Relapsed, extraMembers: 2);
        int households, poor, exited, persons, poorPersons, villages, poorVillages;
        await using (var db = app.Db.NewContext())
        {
            households = await db.Households.CountAsync();
            poor = await db.Households.CountAsync(h => h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed);
            exited = households - poor;
            persons = await db.Members.CountAsync();
            poorPersons = await db.Members.CountAsync(m => m.Household!.Status == PovertyStatus.NotExited || m.Household.Status == PovertyStatus.Relapsed);
            villages = await db.Regions.CountAsync(r => r.Level == RegionLevel.Village);
            poorVillages = await db.Regions.CountAsync(r => r.Level == RegionLevel.Village && r.IsPoorVillage);
        }
        Assert.True(exited > 0 && poor > 0);
        using var client = app.Client();

        var html = await client.GetStringAsync("/");

        Assert.Contains("南召县 建档立卡概况", html);
        Assert.Contains($"{villages}<small>个</small>", html);
        Assert.Contains($"其中贫困村 {poorVillages} 个", html);
        Assert.Contains($"{households}<small>户</small>", html);
        Assert.Contains($"{persons} 人", html);
        Assert.Contains($"{poor}<small>户</small>", html);
        Assert.Contains($"{poorPersons} 人", html);
        Assert.Contains($"{exited}<small>户</small>", html);
        Assert.Contains("石门乡", html);
        Assert.Contains("href=\"/regions/411321304\"", html);
        Assert.Contains("href=\"/households?region=411321\"", html);
    }
}
