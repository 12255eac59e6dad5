using Fupin.Projects;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using static Fupin.Tests.Projects.ProjectTestData;

namespace Fupin.Tests.Projects;

/// <summary>
/// Progress reports on a 水利 project (220-day chain, 勘察设计 30 days first) on 2018-10-08. A deadline of
/// 2019-05-20 puts 勘察设计's latest start on 2018-10-12, 4 days away: inside the 7-day warning, so 预警
/// until work starts.
/// </summary>
public class ReportProgressTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<(int Percent, ScheduleStatus Status, long Version, int Reports, int Documents)> StateAsync(long id)
    {
        await using var db = _db.NewContext();
        var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == id);
        return (p.Percent, p.Status, p.Version, await db.ProgressReports.CountAsync(r => r.ProjectId == id), await db.ProjectDocuments.CountAsync(d => d.ProjectId == id));
    }

    [Fact]
    public async Task Report_StartsTheFirstMilestone_AtRiskBecomesOnTime_PercentWeightedByDuration()
    {
        var id = await CreateAsync(_db);
        var plan = await PlanAsync(_db, id, new DateOnly(2019, 5, 20));
        Assert.Equal(ScheduleStatus.AtRisk, plan.Value!.Status);

        var r = await ReportAsync(_db, id, 1, 30);

        Assert.True(r.IsOk);
        // 30% of a 30-day milestone in a 220-day chain: floor(900 / 220) = 4%.
        Assert.Equal((30, 4, ScheduleStatus.OnTime), (r.Value!.MilestonePercent, r.Value.ProjectPercent, r.Value.Status));
        var state = await StateAsync(id);
        Assert.Equal((4, ScheduleStatus.OnTime, 1), (state.Percent, state.Status, state.Reports));
    }

    [Fact]
    public async Task Report_FinishingMilestones_RaisesPercent_LateMilestoneStaysLate()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, new DateOnly(2019, 3, 31))).IsOk); // 勘察设计 due 2018-08-23 → 09-22

        var r1 = await ReportAsync(_db, id, 1, 50, new DateOnly(2018, 9, 1));
        Assert.Equal(ScheduleStatus.Late, r1.Value!.Status); // under way after its latest finish
        var r2 = await ReportAsync(_db, id, 1, 100, new DateOnly(2018, 10, 1));
        // 勘察设计 done (late); 立项 (2018-09-22→10-12) not started after its latest start: still 滞后. 30/220 = 13%.
        Assert.Equal((13, ScheduleStatus.Late), (r2.Value!.ProjectPercent, r2.Value.Status));
        var r3 = await ReportAsync(_db, id, 2, 80);
        // 立项 80% on 10-08, 16 of its 20 days gone: expected 80%, on pace. But 招标 must start by 10-12, 4 days
        // away and not started: 预警. (30×100 + 20×80) / 220 = 20%.
        Assert.Equal((20, ScheduleStatus.AtRisk), (r3.Value!.ProjectPercent, r3.Value.Status));

        await using var db = _db.NewContext();
        var view = (await new GetProjectSchedule(db, _db.Clock).HandleAsync(id, default)).Value!;
        var first = view.Milestones[0];
        Assert.Equal((ScheduleStatus.Done, true, new DateOnly(2018, 9, 1), new DateOnly(2018, 10, 1)), (first.Status, first.FinishedLate, first.StartedOn, first.FinishedOn));
        Assert.Equal((ScheduleStatus.OnTime, 80, 80), (view.Milestones[1].Status, view.Milestones[1].Percent, view.Milestones[1].ExpectedPercent));
    }

    [Fact]
    public async Task Report_LowerPercent_EarlierDate_FutureDate_Refused_AndLeaveNothing()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, new DateOnly(2019, 6, 30))).IsOk);
        Assert.True((await ReportAsync(_db, id, 1, 40, new DateOnly(2018, 10, 5))).IsOk);
        var before = await StateAsync(id);

        AssertInvalid(await ReportAsync(_db, id, 1, 30, Today, [new UploadedFile("现场.png", Png)]), "project.percent_decrease");
        AssertInvalid(await ReportAsync(_db, id, 1, 50, new DateOnly(2018, 10, 4)), "project.date_before_previous");
        AssertInvalid(await ReportAsync(_db, id, 1, 50, Today.AddDays(1)), "project.date_future");
        AssertInvalid(await ReportAsync(_db, id, 1, 101), "project.percent_invalid");
        AssertInvalid(await ReportAsync(_db, id, 9, 10), "project.milestone_unknown");

        Assert.Equal(before, await StateAsync(id));
    }

    [Fact]
    public async Task Report_WithPhoto_StoresIt_BadFileRefusesTheWholeReport()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, new DateOnly(2019, 6, 30))).IsOk);

        var bad = await ReportAsync(_db, id, 1, 10, photos: [new UploadedFile("现场.jpg", "not an image"u8.ToArray())]);
        AssertInvalid(bad, "document.type");
        Assert.Equal((0, 0), ((await StateAsync(id)).Reports, (await StateAsync(id)).Documents));

        var ok = await ReportAsync(_db, id, 1, 10, photos: [new UploadedFile("现场", Png)]);
        Assert.True(ok.IsOk);
        await using var db = _db.NewContext();
        var doc = await db.ProjectDocuments.SingleAsync();
        Assert.Equal((ok.Value!.ReportId, "现场.png", "image/png", Png.Length), (doc.ReportId!.Value, doc.FileName, doc.ContentType, doc.Size));
    }

    [Fact]
    public async Task Report_BeforeAnyPlan_Refused()
    {
        var id = await CreateAsync(_db);
        AssertInvalid(await ReportAsync(_db, id, 1, 10), "project.not_planned");
    }

    [Fact]
    public async Task Sniff_RecognisesByBytesNotName()
    {
        Assert.Equal("application/pdf", ProjectFiles.Sniff("%PDF-1.7\n"u8.ToArray())?.ContentType);
        Assert.Equal("image/jpeg", ProjectFiles.Sniff([0xFF, 0xD8, 0xFF, 0xE0])?.ContentType);
        Assert.Equal("image/png", ProjectFiles.Sniff(Png)?.ContentType);
        Assert.Null(ProjectFiles.Sniff("PK\u0003\u0004 not a zip"u8.ToArray()));
        Assert.Null(ProjectFiles.Sniff("<html>"u8.ToArray()));
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            zip.CreateEntry("word/document.xml");
        Assert.Equal(".docx", ProjectFiles.Sniff(ms.ToArray())?.Extensions[0]);
        await Task.CompletedTask;
    }
}
