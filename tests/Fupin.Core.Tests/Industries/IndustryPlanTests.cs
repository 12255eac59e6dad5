using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industries;

/// <summary>The county's code table of local industries and the plan lines of an industry.</summary>
public class IndustryPlanTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<LocalIndustryRow>> AddAsync(string? code, string? name, Role role = Role.CountyAdmin, string? unit = null)
    {
        await using var db = _db.NewContext();
        return await new AddLocalIndustry(db).HandleAsync(new AddLocalIndustryRequest { CountyCode = RegistryBuilder.County, Code = code, Name = name, OutputUnit = unit, User = "t", Role = role }, default);
    }

    static string[] Codes<T>(Result<T> r) => [.. r.Failure!.Errors.Select(e => e.Code)];

    [Fact]
    public async Task AddIndustry_DuplicateCodeInAnyCase_DuplicateName_BadCode_OrNotCountyOffice_IsRefused_AndLeavesOneRow()
    {
        var ok = await AddAsync(" ac ", "艾草", unit: "斤");
        Assert.Equal(new LocalIndustryRow(ok.Value!.Id, RegistryBuilder.County, "AC", "艾草", "斤", 1, true), ok.Value);
        Assert.Equal([IndustryPlanRules.CodeTaken], Codes(await AddAsync("AC", "艾草2")));
        Assert.Equal([IndustryPlanRules.CodeTaken], Codes(await AddAsync("Ac", "艾叶")));
        Assert.Equal([IndustryPlanRules.NameTaken], Codes(await AddAsync("AC2", "艾草")));
        Assert.Equal([IndustryPlanRules.CodeTaken, IndustryPlanRules.NameTaken], Codes(await AddAsync("AC", "艾草")));
        Assert.Equal([IndustryPlanRules.CodeInvalid], Codes(await AddAsync("A-C", "艾绒")));
        Assert.Equal([IndustryPlanRules.CodeInvalid], Codes(await AddAsync("ABCDEFGHIJKLMNOPQ", "艾绒")));
        Assert.Equal([IndustryPlanRules.CodeInvalid], Codes(await AddAsync("艾", "艾绒")));
        Assert.Equal(["industry.name_required"], Codes(await AddAsync("AR", " ")));
        Assert.Equal([IndustryRoles.NotAllowedCode], Codes(await AddAsync("AR", "艾绒", Role.TownshipOfficer)));

        var second = await AddAsync("SJ", "食用菌");
        Assert.Equal(2, second.Value!.SortOrder);
        await using var db = _db.NewContext();
        Assert.Equal(["AC", "SJ"], await db.Industries.OrderBy(i => i.Id).Select(i => i.Code).ToListAsync());
    }

    [Fact]
    public async Task UpdateIndustry_RenameToATakenName_IsRefused_RetireAndReactivate_AreLogged()
    {
        var ac = (await AddAsync("AC", "艾草")).Value!;
        await AddAsync("SJ", "食用菌");
        await using var db = _db.NewContext();
        var update = new UpdateLocalIndustry(db);
        var taken = await update.HandleAsync(new UpdateLocalIndustryRequest { Id = ac.Id, Name = "食用菌", User = "t", Role = Role.CountyAdmin }, default);
        Assert.Equal([IndustryPlanRules.NameTaken], Codes(taken));
        var retired = await update.HandleAsync(new UpdateLocalIndustryRequest { Id = ac.Id, Name = "艾草产业", OutputUnit = "公斤", IsActive = false, User = "t", Role = Role.CountyAdmin }, default);
        Assert.Equal(new LocalIndustryRow(ac.Id, RegistryBuilder.County, "AC", "艾草产业", "公斤", 1, false), retired.Value);

        await using var read = _db.NewContext();
        var active = (await new ListLocalIndustries(read).HandleAsync(new ListLocalIndustriesRequest(RegistryBuilder.County, IncludeRetired: false), default)).Value!;
        Assert.Equal(["SJ"], active.Select(i => i.Code));
        var all = (await new ListLocalIndustries(read).HandleAsync(new ListLocalIndustriesRequest(RegistryBuilder.County), default)).Value!;
        Assert.Equal(["SJ", "AC"], all.Select(i => i.Code));
        Assert.Equal(["名称", "产量单位", "状态"], await read.Changes.Where(c => c.Entity == nameof(LocalIndustry) && c.Action == "修改").OrderBy(c => c.Id).Select(c => c.Field).ToListAsync());
    }

    async Task<Result<IndustryPlanLine>> SaveAsync(long industry, string name, double? target, double? actual, PlanItemKind kind = PlanItemKind.Base,
        string? region = null, long? id = null, long? version = null, Role role = Role.CountyAdmin, DateOnly? deadline = null)
    {
        await using var db = _db.NewContext();
        return await new SaveIndustryPlanItem(db, _db.Clock).HandleAsync(new SaveIndustryPlanItemRequest
        {
            Id = id, IndustryId = id is null ? industry : 0, Version = version, Kind = kind, Name = name, RegionCode = region, Unit = "亩", Target = target, Actual = actual,
            Deadline = deadline, User = "t", Role = role,
        }, default);
    }

    [Fact]
    public async Task PlanLine_PercentReached_IsActualOverTarget_RoundedHalfAwayFromZero_NullWithoutTarget()
    {
        var ac = (await AddAsync("AC", "艾草")).Value!.Id;
        Assert.Equal(33.3m, (await SaveAsync(ac, "云阳镇艾草基地", 10_000, 3_333, region: RegistryBuilder.Township)).Value!.Percent);
        Assert.Equal(66.7m, (await SaveAsync(ac, "石门乡基地", 3, 2)).Value!.Percent);
        // 0.1 ÷ 8 = 1.25% → 1.3 (half away from zero, not to even).
        Assert.Equal(1.3m, (await SaveAsync(ac, "试验田", 8, 0.1)).Value!.Percent);
        Assert.Equal(125.0m, (await SaveAsync(ac, "超额基地", 800, 1000)).Value!.Percent);
        Assert.Null((await SaveAsync(ac, "奖补：每亩200元", null, 500, PlanItemKind.Incentive)).Value!.Percent);
        Assert.Null((await SaveAsync(ac, "目标为零", 0, 5, PlanItemKind.Target)).Value!.Percent);

        await using var db = _db.NewContext();
        var details = (await new GetIndustry(db, _db.Clock).HandleAsync(new GetIndustryRequest(ac), default)).Value!;
        Assert.Equal(["发展目标", "集中种植基地", "加工园区", "奖补政策"], details.Plan.Select(g => g.Label));
        var bases = details.Plan.Single(g => g.Kind == PlanItemKind.Base).Lines;
        Assert.Equal(["云阳镇艾草基地", "石门乡基地", "试验田", "超额基地"], bases.Select(l => l.Name));
        Assert.Equal([1, 2, 3, 4], bases.Select(l => l.SortOrder));
        Assert.Equal("石门乡", bases[0].PlaceName);
    }

    [Fact]
    public async Task PlanLine_NegativeTarget_RegionOutsideCounty_StaleVersion_OrNotCountyOffice_IsRefused_AndChangesNothing()
    {
        var ac = (await AddAsync("AC", "艾草")).Value!.Id;
        var line = (await SaveAsync(ac, "基地", 100, 10, deadline: new DateOnly(2018, 9, 30))).Value!;
        Assert.True(line.Overdue);
        Assert.Equal(["industry.plan_amount_invalid", "industry.plan_amount_invalid"], Codes(await SaveAsync(ac, "基地", -1, -0.5)));
        Assert.Equal(["industry.region_invalid"], Codes(await SaveAsync(ac, "外县基地", 1, 1, region: "411322100")));
        Assert.Equal(["industry.plan_name_required"], Codes(await SaveAsync(ac, "", 1, 1)));
        Assert.Equal([IndustryRoles.NotAllowedCode], Codes(await SaveAsync(ac, "基地", 1, 1, role: Role.VillageCadre)));

        var updated = (await SaveAsync(ac, "基地（扩大）", 120, 60, id: line.Id, version: line.Version)).Value!;
        Assert.Equal((50.0m, line.Version + 1), (updated.Percent, updated.Version));
        var stale = await SaveAsync(ac, "基地（旧）", 1, 1, id: line.Id, version: line.Version);
        Assert.Equal(FailureKind.Conflict, stale.Failure!.Kind);

        await using (var db = _db.NewContext())
        {
            var stored = await db.IndustryPlanItems.SingleAsync();
            Assert.Equal(("基地（扩大）", 120.0, 60.0), (stored.Name, stored.Target!.Value, stored.Actual!.Value));
            Assert.Equal(FailureKind.Conflict, (await new RemoveIndustryPlanItem(db).HandleAsync(new RemoveIndustryPlanItemRequest(line.Id, line.Version, "t", Role.CountyAdmin), default)).Failure!.Kind);
            Assert.True((await new RemoveIndustryPlanItem(db).HandleAsync(new RemoveIndustryPlanItemRequest(line.Id, updated.Version, "t", Role.CountyAdmin), default)).IsOk);
        }
        await using var check = _db.NewContext();
        Assert.Equal(0, await check.IndustryPlanItems.CountAsync());
        Assert.Equal(["新增", "修改", "删除"], await check.Changes.Where(c => c.Entity == nameof(IndustryPlanItem)).OrderBy(c => c.Id).Select(c => c.Action).ToListAsync());
    }
}
