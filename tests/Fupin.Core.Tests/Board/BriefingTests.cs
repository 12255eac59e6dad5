using Fupin.Board;
using Fupin.Campaign;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Board;

/// <summary>Briefings of county 411321 on 2018-10-08 with boards made by hand (the figures the cache would give).</summary>
public class BriefingTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    const string County = RegistryBuilder.County;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static BoardView Board(decimal poor, decimal? incidence) => new(County, "南召县", RegionLevel.County, new DateOnly(2018, 10, 8),
    [
        new BoardFigure("poor_households", "建档立卡与脱贫", "未脱贫户", poor, "户", null, null, []),
        new BoardFigure("poverty_incidence", "建档立卡与脱贫", "贫困发生率", incidence, "%", null, null, []),
    ], [], "1");

    async Task<long> IssueAsync(BoardView board, string title)
    {
        await using var db = _db.NewContext();
        var r = await new IssueBriefing(db, _db.Clock).HandleAsync(new IssueBriefingRequest(County, new DateOnly(2018, 9, 1), new DateOnly(2018, 9, 30), title, null, "admin"), board, default);
        Assert.True(r.IsOk, string.Join("；", r.Failure?.Errors.Select(e => e.Message) ?? []));
        return r.Value!.Id;
    }

    [Fact]
    public async Task Briefing_SecondOfRegion_ShowsChangesSinceThePreviousOne()
    {
        var first = await IssueAsync(Board(120, 2.5m), "8月简报");
        _db.Clock.Advance(TimeSpan.FromHours(1));
        var second = await IssueAsync(Board(95, null), "9月简报");

        await using var db = _db.NewContext();
        var one = (await new GetBriefing(db).HandleAsync(first, default)).Value!;
        Assert.Null(one.Previous);
        Assert.All(one.Figures, f => Assert.Null(f.Change));

        var two = (await new GetBriefing(db).HandleAsync(second, default)).Value!;
        Assert.Equal(first, two.Previous!.Id);
        var poor = two.Figures.Single(f => f.Key == "poor_households");
        Assert.Equal((95m, 120m, -25m), (poor.Value, poor.Previous, poor.Change));
        var incidence = two.Figures.Single(f => f.Key == "poverty_incidence");
        Assert.Equal((null, 2.5m, null), (incidence.Value, incidence.Previous, incidence.Change));
    }

    [Fact]
    public async Task Briefing_LateItems_RedLineWithItsDepartmentFrozenAtIssue()
    {
        long task;
        await using (var db = _db.NewContext())
        {
            var headings = await DefaultCampaignHeadings.EnsureAsync(db, County, 2018, "admin", default);
            task = (await new SaveCampaignTask(db).HandleAsync(new SaveCampaignTaskRequest
            {
                CountyCode = County, HeadingId = headings[0].Id, Name = "扶贫就业车间建设", Indicator = "建成车间", Target = 18, Unit = "个", Department = "县人社局",
                StartsOn = new DateOnly(2018, 1, 1), Deadline = new DateOnly(2018, 9, 30), User = "admin",
            }, default)).Value!.Id;
            await new ReportCampaignProgress(db, _db.Clock).HandleAsync(new ReportCampaignProgressRequest(task, County, new DateOnly(2018, 9, 1), 10, null, "admin", null,
                Fupin.Accounts.Role.CountyAdmin), default);
        }
        var id = await IssueAsync(Board(95, 2.1m), "9月简报");

        await using var read = _db.NewContext();
        var b = (await new GetBriefing(read).HandleAsync(id, default)).Value!;
        var item = Assert.Single(b.LateItems);
        // Deadline 2018-09-30 passed 8 days before 2018-10-08 with 10 of 18 done.
        Assert.Equal((LateItemKind.CampaignTask, "县人社局", new DateOnly(2018, 9, 30), 8, "/campaign/tasks/" + task), (item.Kind, item.Owner, item.Deadline, item.DaysLate, item.Link));

        // Frozen: the line done later does not change the briefing.
        await new ReportCampaignProgress(read, _db.Clock).HandleAsync(new ReportCampaignProgressRequest(task, County, new DateOnly(2018, 10, 1), 18, null, "admin", null,
            Fupin.Accounts.Role.CountyAdmin), default);
        Assert.Single((await new GetBriefing(read).HandleAsync(id, default)).Value!.LateItems);
        Assert.Empty((await new GetLateItems(read, _db.Clock).HandleAsync(County, default)).Value!.Items);

        var export = await new ExportBriefing(read).HandleAsync(id, "admin", default);
        using var stream = new MemoryStream(export.Value!.Content);
        Assert.Equal(["主要指标", "逾期事项"], MiniExcelLibs.MiniExcel.GetSheetNames(stream).ToArray());
        Assert.Equal(1, await read.Changes.CountAsync(c => c.Entity == "Briefing" && c.Action == Fupin.Accounts.AccountLog.Exported));
    }
}
