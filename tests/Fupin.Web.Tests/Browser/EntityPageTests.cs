using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Browser;

/// <summary>Issue #8: the business entity list, one entity and one of its linkage contracts on the demo county, on a desktop and on a phone.</summary>
[Trait("Category", "Browser")]
public class EntityPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A contract with at least one party and a payment: the demo's, or one made here when the demo has none yet.</summary>
    async Task<(long Entity, long Contract)> ContractWithPaymentsAsync()
    {
        await using var db = app.Db.NewContext();
        var paid = await db.LinkagePayments.AsNoTracking().OrderBy(p => p.Id).Select(p => (long?)p.ContractId).FirstOrDefaultAsync();
        if (paid is { } cid)
            return (await db.LinkageContracts.Where(c => c.Id == cid).Select(c => c.EntityId).SingleAsync(), cid);

        var household = await db.Households.AsNoTracking().Where(h => h.Status != Registry.PovertyStatus.ExitedWithoutPolicy).OrderBy(h => h.Id)
            .Select(h => new { h.Id, h.VillageCode }).FirstAsync();
        var entity = await new AddBusinessEntity(db, db.Clock).HandleAsync(new AddBusinessEntityRequest(new BusinessEntityInput
        {
            RegionCode = household.VillageCode[..9], Name = "浏览器测试艾草专业合作社", Kind = EntityKind.Cooperative, Level = "县级", Employees = 30, AreaMu = 500,
            AnnualOutputFen = 280_000_000,
        }, "browser", Role.CountyAdmin), default);
        var contract = await new AddLinkageContract(db, db.Clock).HandleAsync(new AddLinkageContractRequest(entity.Value!.Id, new LinkageContractInput
        {
            Number = "BROWSER-AC-01", Kind = LinkageKind.Equity, Model = "公司+合作社+基地+贫困户", StartOn = new DateOnly(2017, 3, 1), AgreedPerYearFen = 60_000,
        }, "browser", Role.CountyAdmin), default);
        var party = await new AddLinkageParty(db, db.Clock).HandleAsync(new AddLinkagePartyRequest
        {
            ContractId = contract.Value!.Id, HouseholdId = household.Id, User = "browser", Role = Role.CountyAdmin,
        }, default);
        Assert.True((await new RecordLinkagePayment(db, db.Clock).HandleAsync(new RecordLinkagePaymentRequest
        {
            PartyId = party.Value!.Id, AmountFen = 60_000, PaidOn = db.Clock.Today().AddDays(-7), User = "browser", Role = Role.CountyAdmin,
        }, default)).IsOk);
        return (entity.Value.Id, contract.Value.Id);
    }

    [Theory]
    [InlineData(1366, 900, "industry-entities-desktop")]
    [InlineData(390, 844, "industry-entities-phone")]
    public async Task EntityList_Entity_AndContract_Render_WithoutProblems(int width, int height, string screenshot)
    {
        var (entity, contract) = await ContractWithPaymentsAsync();
        var (page, problems) = await app.NewPageAsync(width, height);

        await page.GotoAsync($"{app.BaseUrl}/industry/entities");
        Assert.Contains("经营主体", await page.TextContentAsync("h1"));
        var rows = await page.Locator("table[data-entities] tbody tr").CountAsync();
        Assert.True(rows >= 1, $"entity rows: {rows}");
        Assert.Matches("[0-9]+", (await page.TextContentAsync("[data-total-entities]"))!);
        await BrowserApp.ScreenshotAsync(page, screenshot + "-list");

        await page.ClickAsync($"table[data-entities] tr[data-entity='{entity}'] th a");
        await page.WaitForURLAsync(u => u.EndsWith($"/industry/entities/{entity}", StringComparison.Ordinal));
        Assert.True(await page.IsVisibleAsync($"table[data-contracts] tr[data-contract='{contract}']"));
        await BrowserApp.ScreenshotAsync(page, screenshot + "-entity");

        await page.ClickAsync($"table[data-contracts] tr[data-contract='{contract}'] th a");
        await page.WaitForURLAsync(u => u.EndsWith($"/industry/contracts/{contract}", StringComparison.Ordinal));
        var parties = await page.Locator("table[data-party-table] tbody tr[data-party]").CountAsync();
        Assert.True(parties >= 1, $"party rows: {parties}");
        var payments = await page.Locator("table[data-payments] tbody tr[data-payment]").CountAsync();
        Assert.True(payments >= 1, $"payment rows: {payments}");
        Assert.True(await page.IsVisibleAsync("form[data-pay-run]"));
        await BrowserApp.ScreenshotAsync(page, screenshot + "-contract");
        // The demo's contracts bind hundreds of households; the first screen is what the reader sees first.
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, screenshot + "-contract-top.png") });
        await page.Locator("form[data-pay-run]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, screenshot + "-contract-forms.png") });
        Assert.Empty(problems);
    }
}
