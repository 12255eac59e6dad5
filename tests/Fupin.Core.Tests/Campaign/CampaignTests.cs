using Fupin.Accounts;
using Fupin.Campaign;
using Fupin.Common;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Campaign;

/// <summary>County 411321 with 石门乡's village; today is 2018-10-08 (the fake clock) unless a test moves it.</summary>
public class CampaignTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    const string County = RegistryBuilder.County;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    // Full-year line 2018-01-01..2018-12-31 (364 days); on 2018-10-08 (280 days in) expected = 100 × 280/364 = 76.92.
    [Theory]
    [InlineData(80, CampaignLight.Green)]
    [InlineData(76.92, CampaignLight.Green)]
    [InlineData(62, CampaignLight.Amber)]
    [InlineData(61.54, CampaignLight.Amber)]
    [InlineData(61.5, CampaignLight.Red)]
    [InlineData(0, CampaignLight.Red)]
    public void Status_FullYearLineOnBusinessDate_ColourFromProgressAgainstTimeElapsed(decimal achieved, CampaignLight expected)
    {
        var j = CampaignStatus.Judge(100, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), achieved, new DateOnly(2018, 10, 8));
        Assert.Equal(76.92m, j.Expected);
        Assert.Equal(expected, j.Light);
    }

    [Fact]
    public void Status_PastDeadlineNotDone_IsRedEvenAboveEightyPercent()
    {
        // Deadline 2018-09-30 passed on 2018-10-08: expected is the whole target; 95 of 100 is not done.
        var j = CampaignStatus.Judge(100, new DateOnly(2018, 1, 1), new DateOnly(2018, 9, 30), 95, new DateOnly(2018, 10, 8));
        Assert.Equal((CampaignLight.Red, 100m, true, false), (j.Light, j.Expected, j.PastDeadline, j.Done));
        var done = CampaignStatus.Judge(100, new DateOnly(2018, 1, 1), new DateOnly(2018, 9, 30), 100, new DateOnly(2018, 10, 8));
        Assert.Equal(CampaignLight.Green, done.Light);
    }

    [Fact]
    public void Status_BeforeStart_NothingExpectedIsGreen()
    {
        var j = CampaignStatus.Judge(50, new DateOnly(2018, 11, 1), new DateOnly(2018, 12, 31), null, new DateOnly(2018, 10, 8));
        Assert.Equal((CampaignLight.Green, 0m), (j.Light, j.Expected));
    }

    async Task<long> UserAsync(string name, Role role, string? department)
    {
        await using var db = _db.NewContext();
        var u = new User { UserName = name, DisplayName = name, Role = role, PasswordHash = "x", SecurityStamp = "s", Department = department,
            Regions = [new UserRegion { RegionCode = County }] };
        db.Users.Add(u);
        await db.SaveChangesAsync();
        return u.Id;
    }

    async Task<(long Heading, long Task)> LineAsync(string department = "县卫健委")
    {
        await using var db = _db.NewContext();
        var headings = await DefaultCampaignHeadings.EnsureAsync(db, County, 2018, "admin", default);
        var saved = await new SaveCampaignTask(db).HandleAsync(new SaveCampaignTaskRequest
        {
            CountyCode = County, HeadingId = headings.Single(h => h.Name == "健康扶贫").Id, Name = "家庭医生签约", Indicator = "贫困人口签约", Target = 100, Unit = "人",
            Department = department, StartsOn = new DateOnly(2018, 1, 1), Deadline = new DateOnly(2018, 12, 31), User = "admin",
        }, default);
        Assert.True(saved.IsOk, string.Join("；", saved.Failure?.Errors.Select(e => e.Message) ?? []));
        return (saved.Value!.HeadingId, saved.Value.Id);
    }

    async Task<Result<CampaignProgressSaved>> ReportAsync(long task, long? user, Role role, decimal achieved, int month = 9, string name = "dept")
    {
        await using var db = _db.NewContext();
        return await new ReportCampaignProgress(db, _db.Clock).HandleAsync(
            new ReportCampaignProgressRequest(task, County, new DateOnly(2018, month, 1), achieved, null, name, user, role), default);
    }

    [Fact]
    public async Task Report_DepartmentOnOwnLineOnly_CountyOfficeOnAny()
    {
        var (_, task) = await LineAsync("县卫健委");
        var own = await UserAsync("wjw", Role.Department, "县卫健委");
        var other = await UserAsync("rsj", Role.Department, "县人社局");
        var none = await UserAsync("nodept", Role.Department, null);

        var refused = await ReportAsync(task, other, Role.Department, 50);
        Assert.Equal(CampaignRules.NotOwnLineCode, Assert.Single(refused.Failure!.Errors).Code);
        Assert.Equal(CampaignRules.NotOwnLineCode, Assert.Single((await ReportAsync(task, none, Role.Department, 50)).Failure!.Errors).Code);
        Assert.Equal(CampaignRules.NotOwnLineCode, Assert.Single((await ReportAsync(task, null, Role.TownshipOfficer, 50)).Failure!.Errors).Code);

        var ok = await ReportAsync(task, own, Role.Department, 80);
        Assert.True(ok.IsOk);
        Assert.Equal(CampaignLight.Green, ok.Value!.Status.Light);
        Assert.True((await ReportAsync(task, null, Role.CountyAdmin, 81, month: 8, name: "admin")).IsOk);

        await using var db = _db.NewContext();
        Assert.Equal(2, await db.CampaignProgress.CountAsync(p => p.TaskId == task));
    }

    [Fact]
    public async Task Report_SameMonthTwice_ReplacesTheFirstAndLogsTheOldFigure()
    {
        var (_, task) = await LineAsync();
        var first = await ReportAsync(task, null, Role.CountyAdmin, 40, name: "admin");
        var second = await ReportAsync(task, null, Role.CountyAdmin, 70, name: "admin");
        Assert.False(first.Value!.Replaced);
        Assert.True(second.Value!.Replaced);
        Assert.Equal(first.Value.Id, second.Value.Id);
        // 70 of an expected 76.92 is ≥ 80% of it: amber.
        Assert.Equal(CampaignLight.Amber, second.Value.Status.Light);

        await using var db = _db.NewContext();
        var reports = await db.CampaignProgress.Where(p => p.TaskId == task).ToListAsync();
        Assert.Equal(70m, Assert.Single(reports).Achieved);
        var log = await db.Changes.Where(c => c.Entity == CampaignRules.ProgressEntity && c.Action == "修改").SingleAsync();
        Assert.Equal(("40人（admin）", "70人"), (log.OldValue, log.NewValue));
    }

    [Fact]
    public async Task Report_MonthAfterBusinessMonthOrNegative_Refused()
    {
        var (_, task) = await LineAsync();
        Assert.Equal("campaign.month_future", Assert.Single((await ReportAsync(task, null, Role.CountyAdmin, 10, month: 11)).Failure!.Errors).Code);
        Assert.Equal("campaign.achieved_invalid", Assert.Single((await ReportAsync(task, null, Role.CountyAdmin, -1)).Failure!.Errors).Code);
        Assert.True((await ReportAsync(task, null, Role.CountyAdmin, 10, month: 10)).IsOk);
    }

    [Fact]
    public async Task Headings_RenamedAndReordered_LedgerShowsTheNewNames()
    {
        var (heading, task) = await LineAsync();
        await using (var db = _db.NewContext())
        {
            var rows = await SaveCampaignHeadings.ListAsync(db, County, 2018, default);
            var input = rows.Select(r => new CampaignHeadingInput(r.Id, r.Group, r.Id == heading ? "健康扶贫（医疗保障）" : r.Name)).Reverse().ToList();
            input.Insert(0, new CampaignHeadingInput(null, "四项工程", "光伏扶贫"));
            var saved = await new SaveCampaignHeadings(db).HandleAsync(new SaveCampaignHeadingsRequest(County, 2018, input, "admin"), default);
            Assert.True(saved.IsOk);
            Assert.Equal(15, saved.Value!.Count);
        }
        await using var read = _db.NewContext();
        var ledger = (await new SearchCampaign(read, _db.Clock).HandleAsync(new SearchCampaignRequest { CountyCode = County }, default)).Value!;
        var line = Assert.Single(ledger.Rows);
        Assert.Equal((task, "健康扶贫（医疗保障）", "六大行动"), (line.Id, line.HeadingName, line.Group));
        Assert.Equal("光伏扶贫", ledger.Headings[0].Name);
        Assert.Equal(1, await read.Changes.CountAsync(c => c.Entity == CampaignRules.HeadingEntity && c.Action == "修改" && c.NewValue == "六大行动·健康扶贫（医疗保障）"));
    }

    [Fact]
    public async Task Headings_RemovingOneInUse_RefusedAndNothingChanged()
    {
        var (heading, _) = await LineAsync();
        await using var db = _db.NewContext();
        var rows = await SaveCampaignHeadings.ListAsync(db, County, 2018, default);
        // Remove the heading in use and an unused one, rename a third: all refused together.
        var input = rows.Where(r => r.Id != heading && r.Name != "金融扶贫").Select(r => new CampaignHeadingInput(r.Id, r.Group, r.Name == "生态扶贫" ? "生态补偿扶贫" : r.Name)).ToList();
        var result = await new SaveCampaignHeadings(db).HandleAsync(new SaveCampaignHeadingsRequest(County, 2018, input, "admin"), default);
        Assert.Equal(CampaignRules.HeadingInUseCode, Assert.Single(result.Failure!.Errors).Code);
        await using var read = _db.NewContext();
        Assert.Equal(14, await read.CampaignHeadings.CountAsync());
        Assert.True(await read.CampaignHeadings.AnyAsync(h => h.Name == "生态扶贫"));

        var unused = rows.Where(r => r.Name != "金融扶贫").Select(r => new CampaignHeadingInput(r.Id, r.Group, r.Name)).ToList();
        Assert.True((await new SaveCampaignHeadings(read).HandleAsync(new SaveCampaignHeadingsRequest(County, 2018, unused, "admin"), default)).IsOk);
        Assert.False(await read.CampaignHeadings.AnyAsync(h => h.Name == "金融扶贫"));
    }

    [Fact]
    public async Task Task_TargetMustBePositiveAndRegionInCounty()
    {
        var (heading, _) = await LineAsync();
        await using var db = _db.NewContext();
        var result = await new SaveCampaignTask(db).HandleAsync(new SaveCampaignTaskRequest
        {
            CountyCode = County, HeadingId = heading, Name = "x", Indicator = "y", Target = 0, Unit = "个", Department = "县水利局",
            RegionCode = "411322", StartsOn = new DateOnly(2018, 1, 1), Deadline = new DateOnly(2017, 12, 31), User = "admin",
        }, default);
        Assert.Equal(["campaign.target_invalid", "campaign.region_invalid", "campaign.deadline_before_start"], result.Failure!.Errors.Select(e => e.Code).ToArray());
    }
}
