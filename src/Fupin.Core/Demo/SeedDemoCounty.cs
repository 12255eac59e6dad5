using System.Diagnostics;
using System.Globalization;
using Fupin.Data;
using Fupin.Registry;

namespace Fupin.Demo;

public sealed record SeedDemoCountyResult(
    SeedDemoResult Registry, int SnapshotHouseholds, SeedDemoListsResult Lists, SeedDemoAssessmentResult? Assessment,
    SeedDemoExitsResult Exits, SeedDemoMonitoringResult Monitoring, SeedDemoProjectsResult Projects, SeedDemoIndustryResult Industry,
    SeedDemoSupervisionResult Supervision, SeedDemoCampaignResult Campaign, TimeSpan Elapsed)
{
    /// <summary>One Chinese line for the console and the log.</summary>
    public string Summary => string.Concat(
        Line($"已生成演示县：行政村 {Registry.Villages} 个（贫困村 {Registry.PoorVillages} 个），建档立卡户 {Registry.Households} 户 {Registry.Members} 人，"),
        Line($"收入记录 {Registry.IncomeRecords} 条，入户走访 {Registry.Visits} 次，已完成退出程序 {Registry.Exits} 个，并冻结 2017 年度快照；"),
        Line($"部门名单 {Lists.Lists} 份 {Lists.Rows} 行，比对发现疑点 {Lists.Run.Found} 条；"),
        Assessment is { } a ? Line($"已退出贫困村 {a.ExitedVillages} 个，抽样核查 {a.Slots} 户（已调查 {a.Surveyed} 户）；") : "",
        Line($"进行中的退出程序 {Exits.Started} 个；防返贫监测对象 {Monitoring.Monitored} 户（待确认 {Monitoring.StillProposed} 户）；"),
        Line($"项目库项目 {Projects.Projects} 个（正常 {Projects.OnTime}、预警 {Projects.AtRisk}、滞后 {Projects.Late}、已完成 {Projects.Done}），"),
        Line($"资金来源 {Projects.Sources} 笔 {Projects.SourceFen / 1_000_000} 万元，下达 {Projects.Allocations} 笔 {Projects.AllocatedFen / 1_000_000} 万元、拨付 {Projects.DisbursedFen / 1_000_000} 万元、支出 {Projects.SpentFen / 1_000_000} 万元；"),
        Line($"安置点 {Projects.Sites} 个（搬迁 {Projects.RelocatedHouseholds} 户，已入住 {Projects.MovedIn} 户），扶贫车间 {Projects.Workshops} 个（运营 {Projects.Operating} 个，在岗贫困劳动力 {Projects.PoorWorkers} 人）；"),
        Line($"特色产业 {Industry.Industries} 个，经营主体 {Industry.Entities} 个，利益联结合同 {Industry.Contracts} 份（联结 {Industry.Parties} 户/人，收益发放 {Industry.Payments} 笔 {Industry.PaidFen / 1_000_000} 万元），"),
        Line($"就业 {Industry.Jobs} 条（外出务工 {Industry.MigrantJobs}、公益岗位 {Industry.WelfarePosts}），自主发展产业 {Industry.Engagements} 户次，发展意愿 {Industry.Willingness} 条，结对帮扶 {Industry.Households} 户（帮扶责任人 {Industry.Cadres} 名）；"),
        Line($"暗访 {Supervision.Plans} 次（检查 {Supervision.Visits} 处，发现问题 {Supervision.Findings} 个），整改事项 {Supervision.Rectifications} 个（已销号 {Supervision.Closed}、逾期 {Supervision.Overdue}），满意度调查 {Supervision.Surveys} 次（调查 {Supervision.Surveyed} 户，认可 {Supervision.Approving} 户）；"),
        Line($"攻坚台账任务 {Campaign.Tasks} 项（月度进展 {Campaign.Reports} 条，红灯 {Campaign.Red} 项），工作简报 {Campaign.Briefings} 期；"),
        Line($"用时 {Elapsed.TotalSeconds:F1} 秒"));

    static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The whole demo county in an empty database, as it stood on the business date: the registry (carried
/// forward by the demo timeline), the 2017 snapshot, the department lists and their comparison, village
/// exits and the evaluation sample, exit procedures under way, relapse monitoring, the projects, funds, settlement
/// sites and workshops, and the industries, business entities, benefit linkage, jobs, willingness and pairing cadres — in that order, since each reads what the one before wrote. Used by the web start-up and `fupin seed demo`.
/// </summary>
public sealed class SeedDemoCounty(AppDbContext db, TimeProvider clock)
{
    public async Task<SeedDemoCountyResult> HandleAsync(int seed, IProgress<string>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var registry = await new SeedDemo(db).HandleAsync(new SeedDemoRequest(seed), progress, ct);
        var frozen = await new FreezeSnapshot(db, clock).HandleAsync(new FreezeSnapshotRequest(2017, DemoCounty.CountyCode), progress, ct);
        var lists = await new SeedDemoLists(db, clock).HandleAsync(seed, progress, ct);
        progress?.Report("正在生成贫困村退出和抽样核查演示数据……");
        var assessment = await new SeedDemoAssessment(db, clock).HandleAsync(ct);
        progress?.Report("正在生成退出程序演示数据……");
        var exits = await new SeedDemoExits(db, clock).HandleAsync(ct);
        progress?.Report("正在生成防返贫监测演示数据……");
        var monitoring = await new SeedDemoMonitoring(db, clock).HandleAsync(ct);
        progress?.Report("正在生成项目资金、安置点和扶贫车间演示数据……");
        var step = Stopwatch.StartNew();
        var projects = await new SeedDemoProjects(db, clock).HandleAsync(ct);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"项目资金演示数据写入完成，用时 {step.Elapsed.TotalSeconds:0.0} 秒"));
        progress?.Report("正在生成产业就业、利益联结和结对帮扶演示数据……");
        step.Restart();
        var industry = await new SeedDemoIndustry(db, clock).HandleAsync(ct);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"产业就业演示数据写入完成，用时 {step.Elapsed.TotalSeconds:0.0} 秒"));
        progress?.Report("正在生成督查整改和满意度调查演示数据……");
        step.Restart();
        var supervision = await new SeedDemoSupervision(db, clock).HandleAsync(ct);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"督查整改演示数据写入完成，用时 {step.Elapsed.TotalSeconds:0.0} 秒"));
        progress?.Report("正在生成攻坚台账和工作简报演示数据……");
        var campaign = await new SeedDemoCampaign(db, clock).HandleAsync(ct);
        return new SeedDemoCountyResult(registry, frozen.Households, lists, assessment, exits, monitoring, projects, industry, supervision, campaign, watch.Elapsed);
    }
}
