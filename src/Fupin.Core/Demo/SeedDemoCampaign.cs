using Fupin.Board;
using Fupin.Campaign;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

/// <param name="Headings">Ledger headings (四场硬仗, 六大行动, 四项工程 and their names).</param>
/// <param name="Tasks">Task lines.</param>
/// <param name="Reports">Monthly progress reports.</param>
/// <param name="Red">Lines red on the business date (progress well behind the time elapsed).</param>
/// <param name="Briefings">Briefings issued.</param>
public sealed record SeedDemoCampaignResult(int Headings, int Tasks, int Reports, int Red, int Briefings);

/// <summary>
/// The demo county's 2018 campaign ledger: the default Henan headings, <see cref="Lines"/> task lines with their owner
/// departments, monthly reports from each line's first month to September 2018 at a pace chosen per line (so on
/// 2018-10-08 some lines are green, some amber, some red), and the county's briefing for September 2018 with the board's
/// figures as of the business date. Deterministic; does nothing when the county already has task lines.
/// </summary>
public sealed class SeedDemoCampaign(AppDbContext db, TimeProvider clock)
{
    public const string County = "411321";
    public const int Year = 2018;
    public const string Township = "411321304";

    /// <summary>A line of the demo ledger; <paramref name="Pace"/> × the elapsed share at each month's end is what it reports (capped at the target).</summary>
    public sealed record Line(string Heading, string Name, string Indicator, decimal Target, string Unit, string Department, decimal Pace,
        DateOnly? StartsOn = null, DateOnly? Deadline = null, string Region = County, string? Note = null, int LastMonth = 9);

    static DateOnly D(int m, int d) => new(Year, m, d);

    public static readonly IReadOnlyList<Line> Lines =
    [
        new("产业扶贫", "特色产业到户增收", "有产业发展条件的贫困户产业覆盖", 2150, "户", "县农业农村局", 1.12m),
        new("产业扶贫", "香菇、中药材产业扶贫基地建设", "新建产业扶贫基地", 12, "个", "县农业农村局", 0.9m, Deadline: D(11, 30)),
        new("就业创业扶贫", "贫困劳动力转移就业", "新增转移就业贫困劳动力", 3200, "人", "县人社局", 1.06m),
        new("就业创业扶贫", "扶贫就业车间建设", "建成并投产扶贫就业车间", 18, "个", "县人社局", 0.55m),
        new("就业创业扶贫", "贫困劳动力技能培训", "开展技能培训", 1500, "人次", "县人社局", 0.88m),
        new("生态扶贫", "选聘生态护林员", "选聘建档立卡贫困人口为生态护林员", 420, "人", "县林业局", 1.4m, Deadline: D(6, 30)),
        new("金融扶贫", "扶贫小额信贷", "向贫困户发放扶贫小额信贷", 8000, "万元", "县扶贫办", 0.7m),
        new("易地扶贫搬迁", "集中安置点建设", "安置点主体工程完工", 6, "个", "县发改委", 0.86m, Region: Township, Note: "含石门乡如意社区"),
        new("易地扶贫搬迁", "搬迁群众入住", "搬迁贫困人口入住", 1260, "人", "县发改委", 0.5m),
        new("危房改造", "四类重点对象危房改造", "危房改造竣工", 1850, "户", "县住建局", 1.1m),
        new("健康扶贫", "家庭医生签约服务", "贫困人口家庭医生签约", 26000, "人", "县卫健委", 1.2m),
        new("健康扶贫", "大病专项救治", "贫困患者大病专项救治", 1300, "人", "县卫健委", 0.86m),
        new("健康扶贫", "村卫生室标准化建设", "贫困村卫生室达标", 48, "个", "县卫健委", 0.85m, Deadline: D(9, 30)),
        new("教育扶贫", "贫困家庭学生资助", "资助建档立卡贫困家庭学生", 9800, "人次", "县教育局", 1.1m),
        new("教育扶贫", "控辍保学", "劝返辍学贫困家庭学生", 35, "人", "县教育局", 0.9m),
        new("扶贫扶志", "爱心公益超市建设", "贫困村建成爱心公益超市", 30, "个", "县扶贫办", 1.2m),
        new("扶贫扶志", "脱贫光荣户评选", "村级道德评议、评选表彰", 120, "场", "县扶贫办", 1.0m, Region: Township),
        new("社会保障兜底", "低保兜底", "符合条件的贫困人口纳入低保", 4200, "人", "县民政局", 1.05m),
        new("交通扶贫", "农村公路建设", "新改建农村公路", 180, "公里", "县交通运输局", 0.62m),
        new("交通扶贫", "行政村通客车", "具备条件的行政村通客车", 30, "个", "县交通运输局", 1.1m),
        new("水利扶贫", "农村饮水安全巩固提升", "饮水安全巩固提升受益人口", 12000, "人", "县水利局", 0.86m),
        new("电网升级和网络扶贫", "贫困村光纤宽带", "贫困村通光纤宽带", 68, "个", "县发改委", 1.1m),
        new("电网升级和网络扶贫", "农网改造升级", "改造配电台区", 120, "个", "县供电公司", 0.9m),
        new("人居环境整治", "农村户厕改造", "完成户厕改造", 5000, "户", "县农业农村局", 0.5m),
        new("人居环境整治", "村庄清洁行动", "完成清洁整治的行政村", 80, "个", "县住建局", 1.0m, LastMonth: 8),
    ];

    public async Task<SeedDemoCampaignResult> HandleAsync(CancellationToken ct)
    {
        if (await db.CampaignTasks.AnyAsync(t => t.CountyCode == County, ct)) return await CountAsync(ct);
        var headings = await DefaultCampaignHeadings.EnsureAsync(db, County, Year, "demo", ct);
        var byName = headings.ToDictionary(h => h.Name, h => h.Id, StringComparer.Ordinal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tasks = new List<(CampaignTask Task, Line Line)>();
        var order = new Dictionary<long, int>();
        foreach (var line in Lines)
        {
            var headingId = byName[line.Heading];
            order[headingId] = order.GetValueOrDefault(headingId) + 10;
            tasks.Add((new CampaignTask
            {
                CountyCode = County, HeadingId = headingId, Name = line.Name, Indicator = line.Indicator, Target = line.Target, Unit = line.Unit,
                Department = line.Department, RegionCode = line.Region, StartsOn = line.StartsOn ?? D(1, 1), Deadline = line.Deadline ?? D(12, 31),
                Order = order[headingId], Note = line.Note,
            }, line));
        }
        db.CampaignTasks.AddRange(tasks.Select(t => t.Task));
        await db.SaveChangesAsync(ct);
        var reports = new List<CampaignProgress>();
        foreach (var (task, line) in tasks)
        {
            for (var month = CampaignStatus.MonthOf(task.StartsOn); month.Month <= line.LastMonth && month.Year == Year; month = month.AddMonths(1))
            {
                var end = month.AddMonths(1).AddDays(-1);
                var share = CampaignStatus.ElapsedShare(task.StartsOn, task.Deadline, end);
                var achieved = Math.Min(task.Target, Math.Floor(task.Target * share * line.Pace));
                reports.Add(new CampaignProgress
                {
                    TaskId = task.Id, CountyCode = task.CountyCode, Month = month, Achieved = achieved, ReportedBy = "demo",
                    ReportedAt = new DateTimeOffset(end.AddDays(3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime(), // PostgreSQL keeps timestamptz in UTC only
                });
            }
        }
        db.CampaignProgress.AddRange(reports);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var board = await new GetBoard(db, clock).HandleAsync(new GetBoardRequest(County), ct);
        if (board is not null && !await db.Briefings.AnyAsync(b => b.RegionCode == County, ct))
        {
            var issued = await new IssueBriefing(db, clock).HandleAsync(new IssueBriefingRequest(County, D(9, 1), D(9, 30), null,
                "9月份，全县围绕“四场硬仗”“六大行动”“四项工程”推进脱贫攻坚，产业、就业、危房改造、健康扶贫等任务按序时进度推进；扶贫就业车间建设、搬迁群众入住、农村户厕改造等任务滞后，请责任单位倒排工期、加快进度。",
                "demo"), board, ct);
            if (!issued.IsOk) throw new InvalidOperationException("演示简报生成失败：" + issued.Failure.Message);
        }
        return await CountAsync(ct);
    }

    async Task<SeedDemoCampaignResult> CountAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var headings = await db.CampaignHeadings.CountAsync(h => h.CountyCode == County && h.Year == Year, ct);
        var tasks = db.CampaignTasks.Where(t => t.CountyCode == County);
        var rows = await SearchCampaign.RowsAsync(db, County, tasks, today, ct);
        var reports = await db.CampaignProgress.CountAsync(p => tasks.Any(t => t.Id == p.TaskId), ct);
        var briefings = await db.Briefings.CountAsync(b => b.RegionCode == County, ct);
        return new SeedDemoCampaignResult(headings, rows.Count, reports, rows.Count(r => r.Light == CampaignLight.Red), briefings);
    }
}
