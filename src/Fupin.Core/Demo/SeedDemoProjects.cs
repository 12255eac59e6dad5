using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

/// <param name="Projects">Projects in the pool on the business date.</param>
/// <param name="PoorWorkers">Registry members working at a workshop on the business date.</param>
public sealed record SeedDemoProjectsResult(
    int Projects, int OnTime, int AtRisk, int Late, int Done, int Sources, long SourceFen, long AllocatedFen, long DisbursedFen, long SpentFen,
    int Allocations, int Payments, int Sites, int RelocatedHouseholds, int MovedIn, int Workshops, int Operating, int PoorWorkers, int Beneficiaries)
{
    public static SeedDemoProjectsResult Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The demo county's projects and funds (<see cref="DemoProjects"/>): the 2017 projects, the 2018 pool and the 2019 pool
/// with their approval path, reverse-scheduled plans and progress reports; the fund sources of each year with their
/// allocations, disbursements and expenditures; the 如意社区 settlement in 石门乡 (under construction, somewhat behind)
/// and two smaller sites with their relocated households; the employment workshops with their poor workers and monthly
/// reports; the beneficiary households of the industry, workshop and relocation projects.
/// Each project's whole history (through 2019) is drawn first from seeded randoms — its pace searched so that on
/// 2018-10-08 it stands where the catalogue wants it — and only what is dated on or before the business date is
/// written, so a later business date shows the later state. Does nothing when the county already has projects.
/// </summary>
public sealed class SeedDemoProjects(AppDbContext db, TimeProvider clock)
{
    public const int Seed = DemoCounty.DefaultSeed + 7;
    const string County = DemoCounty.CountyCode;
    const string Admin = "admin";
    const string TownshipAccount = "township";
    const string User = "演示数据";
    const long Wan = 1_000_000;

    /// <summary>The date the catalogue's targets (on time, at risk, late, done) are met on.</summary>
    static readonly DateOnly Reference = DemoCounty.BusinessDate;
    static readonly DateOnly RuyiPhaseOneHandover = new(2018, 7, 5);
    const int RuyiHouses = 206;
    const int RuyiPhaseOneHouses = 56;

    public async Task<SeedDemoProjectsResult> HandleAsync(CancellationToken ct)
    {
        if (await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.CountyCode == County, ct)) return SeedDemoProjectsResult.Empty;
        var today = clock.Today();
        var townships = DemoProjects.Townships;
        var regions = await db.Regions.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Level == RegionLevel.Township || r.Level == RegionLevel.Village)
            .Select(r => new { r.Code, r.Name, r.Level, r.ParentCode, r.IsPoorVillage }).ToListAsync(ct);
        var names = regions.Where(r => r.Code.Length == 9 ? townships.Contains(r.Code) : r.ParentCode is not null && townships.Contains(r.ParentCode))
            .ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var villages = regions.Where(r => r.Level == RegionLevel.Village && r.ParentCode is not null && townships.Contains(r.ParentCode))
            .OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new DemoVillage(r.Code, r.ParentCode!, r.IsPoorVillage)).ToList();
        if (villages.Count == 0 || townships.Any(t => !names.ContainsKey(t))) return SeedDemoProjectsResult.Empty;
        var households = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => h.CountyCode == County).OrderBy(h => h.Id)
            .Select(h => new DemoHousehold(h.Id, h.VillageCode, h.HousingGrade, h.HousingArea, h.Members.Count)).ToListAsync(ct);
        var labour = await db.Members.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.CountyCode == County && (m.LabourSkill == LabourSkill.Ordinary || m.LabourSkill == LabourSkill.Skilled) && m.MigrantWorkPlace == null)
            .OrderBy(m => m.Id).Select(m => new DemoWorker(m.Id, m.HouseholdId, m.BirthDate, m.Health)).ToListAsync(ct);

        var world = new DemoWorld(names, villages, households, labour);
        var plots = DrawProjects(world);
        var funds = DrawFunds(plots);
        var sites = DrawSites(world, plots);
        var shops = DrawWorkshops(world, plots, sites);
        var beneficiaries = DrawBeneficiaries(world, plots, sites, shops);
        return await WriteAsync(today, plots, funds, sites, shops, beneficiaries, ct);
    }

    // ------------------------------------------------------------------ the world the demo draws on

    sealed record DemoVillage(string Code, string Township, bool Poor);

    sealed record DemoHousehold(long Id, string VillageCode, HousingGrade Grade, double Area, int Persons);

    sealed record DemoWorker(long Id, long HouseholdId, DateOnly BirthDate, HealthConditions Health);

    sealed class DemoWorld
    {
        readonly Dictionary<string, int> _nextPoor = new(StringComparer.Ordinal);

        public DemoWorld(Dictionary<string, string> names, List<DemoVillage> villages, List<DemoHousehold> households, List<DemoWorker> labour)
        {
            Names = names;
            Villages = villages;
            Households = households;
            Labour = labour;
            HouseholdById = households.ToDictionary(h => h.Id);
            SiteVillage = (villages.FirstOrDefault(v => v.Township == DemoProjects.Shimen && v.Poor)
                ?? villages.First(v => v.Township == DemoProjects.Shimen)).Code;
        }

        public Dictionary<string, string> Names { get; }
        public List<DemoVillage> Villages { get; }
        public List<DemoHousehold> Households { get; }
        public List<DemoWorker> Labour { get; }
        public Dictionary<long, DemoHousehold> HouseholdById { get; }

        /// <summary>The 如意社区 village: the first poor village of 石门乡 (the first village if none is poor).</summary>
        public string SiteVillage { get; }

        /// <summary>The township's poor villages in turn (all its villages when it has no poor one), the site village last in 石门乡.</summary>
        public string NextVillage(string township)
        {
            var list = Villages.Where(v => v.Township == township && v.Poor && v.Code != SiteVillage).Select(v => v.Code).ToList();
            if (list.Count == 0) list = [.. Villages.Where(v => v.Township == township).Select(v => v.Code)];
            var i = _nextPoor.GetValueOrDefault(township);
            _nextPoor[township] = i + 1;
            return list[i % list.Count];
        }

        public string Name(string code) => Names.GetValueOrDefault(code) ?? code;
    }

    // ------------------------------------------------------------------ projects

    sealed record DemoEvent(ProjectAction Action, ProjectStage Stage, DateOnly On, string By, string? Note, string? Reference);

    sealed record DemoPlan(int Number, DateOnly PlannedOn, DateOnly Deadline, ReverseSchedule Schedule, string? Reason, string By);

    sealed record DemoReport(int Seq, DateOnly On, int Percent);

    sealed record DemoRun(DateOnly[] Start, DateOnly[] Finish, List<DemoReport> Reports);

    sealed class DemoPlot
    {
        public required DemoProjectSpec Spec { get; init; }
        public required string Code { get; init; }
        public required string RegionCode { get; init; }
        public required string Township { get; init; }
        public required string Name { get; init; }
        public required string Content { get; init; }
        public required long BudgetFen { get; init; }
        public required string Unit { get; init; }
        public required string Person { get; init; }
        public required string Phone { get; init; }
        public required string Applicant { get; init; }
        public required string Reviewer { get; init; }
        public required List<MilestoneSpec> Chain { get; set; }
        public List<DemoEvent> Events { get; } = [];
        public List<DemoPlan> Plans { get; } = [];
        public DemoRun Run { get; set; } = null!;
        public DateOnly AppliedOn => Events[0].On;
        public DateOnly PooledOn => Events.First(e => e.Action == ProjectAction.Advanced && e.Stage == ProjectStage.Pooled).On;
        public Project? Entity { get; set; }

        public int SeqOf(string milestone) => Chain.Select((m, i) => (m, i)).First(x => x.m.Name == milestone).i + 1;

        /// <summary>The longest milestone (主体完工, 实施): its finish is when the second tranche of money comes.</summary>
        public int MainSeq => Chain.Select((m, i) => (m, i)).MaxBy(x => x.m.DurationDays).i + 1;

        public DemoPlan? PlanOn(DateOnly asOf) => Plans.LastOrDefault(p => p.PlannedOn <= asOf);

        public IReadOnlyList<MilestoneState>? StatesOn(DateOnly asOf) => PlanOn(asOf) is { } plan
            ? ProjectSchedule.JudgeAll(plan.Schedule.Milestones, Reports(asOf), asOf)
            : null;

        public List<ProgressReport> Reports(DateOnly asOf) =>
            [.. Run.Reports.Where(r => r.On <= asOf).Select(r => new ProgressReport { CountyCode = "", Seq = r.Seq, ReportedOn = r.On, Percent = r.Percent, Narrative = "", By = "" })];

        public ScheduleStatus StatusOn(DateOnly asOf) => StatesOn(asOf) is { } s ? ProjectSchedule.Overall(s) : ScheduleStatus.NotPlanned;

        /// <summary>Share of the work done on a date, 0–1, milestone percents weighted by duration.</summary>
        public double DoneShare(DateOnly asOf) => StatesOn(asOf) is { } s ? ProjectSchedule.OverallPercent(s) / 100.0 : 0;
    }

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "罗", "郑", "宋"];
    static readonly string[] Given = ["建国", "志强", "国庆", "红军", "卫东", "海燕", "丽娟", "明", "伟", "军", "晓东", "春梅", "玉兰", "新华", "振华", "永刚", "文斌", "国华", "德胜", "金山", "书贤", "保安"];

    static string PersonName(Random r) => r.Pick(Surnames) + r.Pick(Given);

    static string Phone(Random r) => "139" + r.Digits(8);

    static string UnitFor(ProjectCategory c, string townshipName) => c switch
    {
        ProjectCategory.Transport => "县交通运输局",
        ProjectCategory.Water => "县水利局",
        ProjectCategory.Power => "国网南召县供电公司",
        ProjectCategory.Network => "县工业和信息化局",
        ProjectCategory.Education => "县教育局",
        ProjectCategory.Health => "县卫生和计划生育委员会",
        ProjectCategory.Finance => "县扶贫开发办公室",
        ProjectCategory.Other => "县人力资源和社会保障局",
        ProjectCategory.Industry => "县农业局",
        _ => townshipName + "人民政府",
    };

    static DateOnly Between(Random r, DateOnly from, int days) => from.AddDays(r.Next(days + 1));

    /// <summary>
    /// Paces to try, nearest to the wanted standing first; for a project behind, also one milestone stalled (a failed
    /// tender, a design change), since a steady slow pace mostly shows as 预警 until a latest finish passes.
    /// </summary>
    static List<(double Pace, int StallSeq, double Stall)> Candidates(DemoTarget target, int milestones)
    {
        double[] paces = target switch
        {
            DemoTarget.Done => [0.8, 0.7, 0.9, 0.6, 1.0, 0.5],
            DemoTarget.OnTime => [0.92, 0.85, 0.97, 0.8, 0.75, 1.0, 0.7, 0.6],
            DemoTarget.AtRisk => [1.08, 1.12, 1.04, 1.16, 1.2, 1.0, 1.25, 1.3, 0.97],
            _ => [1.35, 1.45, 1.25, 1.6, 1.8, 2.0],
        };
        var list = paces.Select(p => (p, 0, 1.0)).ToList();
        if (target == DemoTarget.AtRisk) list.AddRange(Enumerable.Range(1, milestones).Select(k => (1.0, k, 2.0)));
        if (target == DemoTarget.Late) list.AddRange(Enumerable.Range(1, milestones).SelectMany(k => new[] { (1.1, k, 3.0), (1.1, k, 5.0) }));
        return list;
    }

    static List<MilestoneSpec> Chain(ProjectCategory category, double factor) =>
        [.. MilestoneTemplates.For(category).Select(m => new MilestoneSpec(m.Name, Math.Max(1, (int)Math.Round(m.DurationDays * factor))))];

    static ScheduleStatus StatusOf(DemoTarget t) => t switch
    {
        DemoTarget.Done => ScheduleStatus.Done,
        DemoTarget.OnTime => ScheduleStatus.OnTime,
        DemoTarget.AtRisk => ScheduleStatus.AtRisk,
        DemoTarget.Late => ScheduleStatus.Late,
        _ => ScheduleStatus.NotPlanned,
    };

    static List<DemoPlot> DrawProjects(DemoWorld world)
    {
        var specs = DemoProjects.All;
        var r = new Random(Seed);

        // The 2018 projects without a fixed standing: a sixth late, a fifth at risk, some done, the rest on time.
        var auto = specs.Where(s => s.Year == 2018 && s.Target == DemoTarget.Auto).ToList();
        var targets = new List<DemoTarget>();
        targets.AddRange(Enumerable.Repeat(DemoTarget.Late, (int)Math.Round(auto.Count / 6.0)));
        targets.AddRange(Enumerable.Repeat(DemoTarget.AtRisk, (int)Math.Round(auto.Count / 5.0) - 1));
        targets.AddRange(Enumerable.Repeat(DemoTarget.Done, (int)Math.Round(auto.Count * 0.15)));
        targets.AddRange(Enumerable.Repeat(DemoTarget.OnTime, auto.Count - targets.Count));
        var shuffled = targets.OrderBy(_ => r.Next()).ToList();
        var wanted = new Dictionary<int, DemoTarget>();
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i].Year == 2018 && specs[i].Target == DemoTarget.Auto) wanted[i] = shuffled[wanted.Count];
        }

        var seq = new Dictionary<string, int>(StringComparer.Ordinal);
        var plots = new List<DemoPlot>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var pr = new Random(unchecked((Seed * 7919) + i));
            var key = string.Create(CultureInfo.InvariantCulture, $"{spec.Year}-{spec.Abbr}");
            seq[key] = seq.GetValueOrDefault(key) + 1;
            var code = string.Create(CultureInfo.InvariantCulture, $"NZ{spec.Year}-{spec.Abbr}-{seq[key]:000}");
            var atSite = spec.Key == DemoProjects.RuyiKey || (spec.Key is { } k && DemoProjects.Workshops.Any(w => w.Key == k && w.AtSite));
            var village = atSite ? world.SiteVillage : world.NextVillage(spec.Township);
            var region = spec.InVillage ? village : spec.Township;
            var n = pr.Inclusive(3, 8);
            string Fill(string text) => text.Replace("{t}", world.Name(spec.Township), StringComparison.Ordinal)
                .Replace("{v}", world.Name(village), StringComparison.Ordinal)
                .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var target = wanted.TryGetValue(i, out var w) ? w : spec.Target;
            var factor = spec.DurationFactor ?? (spec.Key == DemoProjects.RuyiKey ? 1.0 : target == DemoTarget.Done ? pr.Between(0.72, 0.85) : pr.Between(0.85, 1.1));
            var reviewer = spec.Township == DemoProjects.Shimen ? TownshipAccount : PersonName(pr);
            var plot = new DemoPlot
            {
                Spec = spec, Code = code, RegionCode = region, Township = spec.Township, Name = Fill(spec.Name), Content = Fill(spec.Content),
                BudgetFen = (long)Math.Round(spec.BudgetWan * pr.Between(0.8, 1.2)) * Wan,
                Unit = UnitFor(spec.Category, world.Name(spec.Township)), Person = PersonName(pr), Phone = Phone(pr),
                Applicant = PersonName(pr), Reviewer = reviewer, Chain = Chain(spec.Category, factor),
            };

            // ---- the approval path ----
            var applied = spec.AppliedOn ?? spec.Year switch
            {
                2017 => Between(pr, new DateOnly(2016, 10, 10), 100),
                2018 when target == DemoTarget.Done => Between(pr, new DateOnly(2017, 10, 16), 40),
                2018 => Between(pr, new DateOnly(2018, 1, 15), 105),
                _ => Between(pr, new DateOnly(2018, 10, 15), 60),
            };
            var d = applied;
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.Applied, d, plot.Applicant, "村两委会议研究，村民代表会议通过后申报", null));
            if (spec.Returned > 0)
            {
                var returned = d.AddDays(pr.Inclusive(8, 14));
                plot.Events.Add(new(ProjectAction.Returned, ProjectStage.TownshipReviewed, returned, plot.Reviewer,
                    spec.Returned == 1 ? "建设规模与村级规划不符，缺少贫困户受益明细，请补充后重新申报" : "预算测算依据不足，缺少设计图纸和群众意见表，请完善后重新申报", null));
                d = spec.Returned == 1 ? returned.AddDays(pr.Inclusive(7, 15)) : Between(pr, new DateOnly(2018, 10, 22), 10);
                plot.Events.Add(new(ProjectAction.Resubmitted, ProjectStage.Applied, d, plot.Applicant, "已按乡镇审核意见补充材料，重新申报", null));
            }
            d = d.AddDays(pr.Inclusive(5, 12));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.TownshipReviewed, d, plot.Reviewer, "乡镇党委会审核通过", null));
            d = d.AddDays(pr.Inclusive(7, 20));
            var batch = Between(pr, new DateOnly(2018, 11, 26), 25);
            if (spec.Year == 2019 && d < batch) d = batch; // the county settles next year's pool in one meeting at the end of the year
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.CountyApproved, d, Admin, "县脱贫攻坚领导小组审定",
                string.Create(CultureInfo.InvariantCulture, $"召脱贫组〔{d.Year}〕{pr.Inclusive(3, 60)}号")));
            d = d.AddDays(pr.Inclusive(2, 5));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.Publicized, d, Admin, "在县政府网站和村务公开栏公示10天，无异议", null));
            d = d.AddDays(pr.Inclusive(10, 13));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.Pooled, d, Admin, "纳入县级脱贫攻坚项目库",
                string.Create(CultureInfo.InvariantCulture, $"召扶贫办〔{d.Year}〕{pr.Inclusive(5, 90)}号")));

            // ---- the plan and the run: durations, pace and draw searched until the project stands on 2018-10-08 where it should ----
            var plannedOn = d;
            var slack = pr.Inclusive(10, 40);
            var pace = spec.Year == 2018 ? 1.0 : pr.Between(0.8, 1.2);
            var simSeed = unchecked((Seed * 104729) + i);
            var found = false;
            for (var attempt = 0; attempt < 5 && !found; attempt++)
            {
                // Longer chains for a project that would otherwise be finished too soon, shorter for one that should be.
                var f = target == DemoTarget.Done ? factor * (1 - (0.08 * attempt)) : factor * (1 + (0.3 * attempt));
                var chain = Chain(spec.Category, f);
                var deadline = plannedOn.AddDays(chain.Sum(m => m.DurationDays) + slack);
                plot.Chain = chain;
                plot.Plans.Clear();
                plot.Plans.Add(new DemoPlan(1, plannedOn, deadline, ProjectSchedule.Plan(chain, deadline, plannedOn), "入库后按完工期限倒排工期", Admin));
                if (spec.Replan is { } on)
                    plot.Plans.Add(new DemoPlan(2, on, deadline.AddDays(spec.ReplanDays), ProjectSchedule.Plan(chain, deadline.AddDays(spec.ReplanDays), on), spec.ReplanReason, Admin));
                foreach (var (p, stallSeq, stall) in target == DemoTarget.Auto ? [(pace, 0, 1.0)] : Candidates(target, chain.Count))
                {
                    plot.Run = Simulate(chain, plannedOn, p, simSeed + (attempt * 7_777_777), stallSeq, stall);
                    if (spec.Replan is { } replanned)
                    {
                        // The second plan's shortfall counts from the first milestone not finished when it was made.
                        var finished = Enumerable.Range(1, chain.Count).Where(x => plot.Run.Finish[x - 1] <= replanned).ToHashSet();
                        var moved = deadline.AddDays(spec.ReplanDays);
                        plot.Plans[1] = plot.Plans[1] with { Schedule = ProjectSchedule.Plan(chain, moved, replanned, finished) };
                    }
                    if (target == DemoTarget.Auto || plot.StatusOn(Reference) == StatusOf(target))
                    {
                        found = true;
                        break;
                    }
                }
            }

            // ---- implementation, acceptance, hand-over ----
            var run2 = plot.Run;
            var handedOver = run2.Finish[^1].AddDays(pr.Inclusive(5, 25));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.Implementing, run2.Start[0], plot.Reviewer, "项目开始实施", null));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.Accepted, run2.Finish[plot.SeqOf("验收") - 1], Admin, "县级验收合格", null));
            plot.Events.Add(new(ProjectAction.Advanced, ProjectStage.HandedOver, handedOver, Admin,
                spec.InVillage ? "资产移交村集体，明确管护责任" : "资产移交乡镇和受益村，落实管护制度", null));
            plots.Add(plot);
        }
        return plots;
    }

    /// <summary>
    /// One run of a project's milestones at a pace (1 = the planned durations): each starts when the one before it
    /// finishes (or a day or two later), a report on its first day, every one to two weeks, and on the day it finishes.
    /// </summary>
    static DemoRun Simulate(List<MilestoneSpec> chain, DateOnly plannedOn, double pace, int seed, int stallSeq, double stall)
    {
        var r = new Random(seed);
        var start = new DateOnly[chain.Count];
        var finish = new DateOnly[chain.Count];
        var reports = new List<DemoReport>();
        var day = plannedOn.AddDays(r.Inclusive(1, 6));
        for (var i = 0; i < chain.Count; i++)
        {
            var duration = Math.Max(1, (int)Math.Round(chain[i].DurationDays * pace * r.Between(0.85, 1.15) * (i + 1 == stallSeq ? stall : 1)));
            start[i] = day;
            finish[i] = day.AddDays(duration);
            var last = Math.Clamp(100 / duration, 1, 10);
            reports.Add(new DemoReport(i + 1, day, last));
            for (var t = day.AddDays(r.Inclusive(7, 15)); t < finish[i]; t = t.AddDays(r.Inclusive(7, 15)))
            {
                var percent = Math.Clamp((int)(100.0 * (t.DayNumber - day.DayNumber) / duration) + r.Inclusive(-3, 3), last, 99);
                reports.Add(new DemoReport(i + 1, t, percent));
                last = percent;
            }
            reports.Add(new DemoReport(i + 1, finish[i], 100));
            day = finish[i].AddDays(r.Inclusive(0, 2));
        }
        return new DemoRun(start, finish, reports);
    }

    static string Narrative(ProjectCategory category, string milestone, int percent) => percent >= 100
        ? milestone switch
        {
            "验收" => "县级验收组现场验收，工程质量合格",
            "招标" or "采购招标" => "公开招标完成，已签订施工合同",
            "入住" => "搬迁群众全部入住，举行入住仪式",
            "投产" => "车间正式投产，吸纳贫困劳动力就业",
            "收益分配" => "首期收益已分配到贫困户",
            _ => milestone + "已完成",
        }
        : percent < 15
            ? milestone + "开始，" + (category is ProjectCategory.Relocation or ProjectCategory.Workshop ? "施工队伍和机械已进场" : "已落实责任人")
            : string.Create(CultureInfo.InvariantCulture, $"{milestone}完成约{percent}%，按计划推进");

    // ------------------------------------------------------------------ funds

    sealed record DemoSource(int Year, FundKind Kind, string Name, string DocumentNo, DateOnly ReceivedOn)
    {
        public long AmountFen { get; set; }
        public FundSource? Entity { get; set; }
    }

    sealed record DemoAllocation(DemoPlot Plot, DemoSource Source, long AmountFen, DateOnly On, string DocumentNo)
    {
        public List<DemoPayment> Payments { get; } = [];
        public FundAllocation? Entity { get; set; }
    }

    sealed record DemoPayment(PaymentKind Kind, long AmountFen, DateOnly On, string Payee)
    {
        public string VoucherNo { get; set; } = "";
    }

    sealed record DemoFunds(List<DemoSource> Sources, List<DemoAllocation> Allocations);

    static List<DemoSource> SourcesOf(int year)
    {
        string N(string what) => string.Create(CultureInfo.InvariantCulture, $"{year}年{what}");
        string Doc(string prefix, int no) => string.Create(CultureInfo.InvariantCulture, $"{prefix}〔{year}〕{no}号");
        DateOnly On(int month, int day) => new(year, month, day);
        var list = new List<DemoSource>
        {
            new(year, FundKind.CentralSpecial, N("中央财政专项扶贫资金（第一批）"), Doc("豫财农", 4 + (year % 3)), On(1, 18)),
            new(year, FundKind.CentralSpecial, N("中央财政专项扶贫资金（第二批）"), Doc("豫财农", 70 + (year % 9)), On(6, 8)),
            new(year, FundKind.ProvincialSpecial, N("省级财政专项扶贫资金（第一批）"), Doc("豫财农", 12 + (year % 5)), On(2, 9)),
            new(year, FundKind.ProvincialSpecial, N("省级财政专项扶贫资金（第二批）"), Doc("豫财农", 101 + (year % 7)), On(7, 16)),
            new(year, FundKind.CitySpecial, N("市级财政专项扶贫资金"), Doc("宛财农", 15 + (year % 4)), On(3, 12)),
            new(year, FundKind.CountySpecial, N("县级财政专项扶贫资金"), Doc("召财农", 3 + (year % 3)), On(2, 26)),
            new(year, FundKind.IntegratedAgricultural, N("统筹整合财政涉农资金"), Doc("召政", 9 + (year % 4)), On(3, 16)),
            new(year, FundKind.IntegratedAgricultural, N("统筹整合财政涉农资金（调整追加）"), Doc("召政", 41 + (year % 6)), On(8, 30)),
            new(year, FundKind.Social, N("社会帮扶资金（定点帮扶、企业捐赠）"), Doc("召扶贫办", 21 + (year % 5)), On(4, 20)),
            new(year, FundKind.Finance, N("金融扶贫资金（小额信贷贴息、风险补偿金）"), Doc("召金融办", 6 + (year % 3)), On(3, 5)),
        };
        if (year == 2018) list.Add(new(year, FundKind.CentralSpecial, N("中央财政专项扶贫资金（第三批）"), Doc("豫财农", 132), On(9, 25)));
        return list;
    }

    static IReadOnlyList<(FundKind Kind, double Weight)> KindsFor(ProjectCategory c) => c switch
    {
        ProjectCategory.Transport or ProjectCategory.Water or ProjectCategory.Power or ProjectCategory.Network or ProjectCategory.LivingEnvironment =>
            [(FundKind.IntegratedAgricultural, 0.72), (FundKind.CountySpecial, 0.1), (FundKind.CentralSpecial, 0.12), (FundKind.ProvincialSpecial, 0.06)],
        ProjectCategory.Industry => [(FundKind.CentralSpecial, 0.4), (FundKind.ProvincialSpecial, 0.2), (FundKind.IntegratedAgricultural, 0.25), (FundKind.Social, 0.1), (FundKind.CitySpecial, 0.05)],
        ProjectCategory.Workshop => [(FundKind.CentralSpecial, 0.3), (FundKind.ProvincialSpecial, 0.2), (FundKind.IntegratedAgricultural, 0.15), (FundKind.Social, 0.2), (FundKind.CitySpecial, 0.15)],
        ProjectCategory.Relocation => [(FundKind.IntegratedAgricultural, 0.6), (FundKind.CentralSpecial, 0.2), (FundKind.ProvincialSpecial, 0.1), (FundKind.CountySpecial, 0.1)],
        ProjectCategory.Education or ProjectCategory.Health => [(FundKind.IntegratedAgricultural, 0.4), (FundKind.CountySpecial, 0.3), (FundKind.CitySpecial, 0.3)],
        ProjectCategory.Finance => [(FundKind.Finance, 1.0)],
        _ => [(FundKind.CountySpecial, 0.5), (FundKind.Social, 0.5)],
    };

    static long RoundYuan(double fen, long step = 10_000) => (long)Math.Round(fen / step) * step;

    static DemoFunds DrawFunds(List<DemoPlot> plots)
    {
        var r = new Random(Seed + 11);
        var sources = Years.SelectMany(SourcesOf).ToList();
        var allocations = new List<DemoAllocation>();
        foreach (var plot in plots)
        {
            var c = plot.Spec.Category;
            var cover = c is ProjectCategory.Finance or ProjectCategory.Other or ProjectCategory.Education ? 1.0 : r.Between(0.85, 1.0);
            var funding = RoundYuan(plot.BudgetFen * cover, Wan / 100);
            var split = r.Chance(0.5);
            var first = split ? RoundYuan(funding * r.Between(0.6, 0.75), Wan / 100) : funding;
            var kinds = KindsFor(c);
            var firstOn = plot.PooledOn.AddDays(r.Inclusive(5, 25));
            var secondOn = plot.Run.Finish[plot.MainSeq - 1].AddDays(r.Inclusive(5, 20));
            var big = first >= 1000 * Wan && kinds.Count > 1;
            var k1 = r.Weighted(kinds);
            var k2 = r.Weighted(kinds);
            if (big)
            {
                var part = RoundYuan(first * r.Between(0.55, 0.7), Wan / 100);
                Allocate(plot, k1, part, firstOn);
                Allocate(plot, k2 == k1 ? kinds[0].Kind == k1 ? kinds[1].Kind : kinds[0].Kind : k2, first - part, firstOn.AddDays(r.Inclusive(0, 10)));
            }
            else
            {
                Allocate(plot, k1, first, firstOn);
            }
            if (split) Allocate(plot, r.Weighted(kinds), funding - first, secondOn);
        }

        // A source's amount is what the county finally gives out of it plus a little never allocated (结余); a later
        // batch nothing was drawn from was never asked for, but every kind keeps one source a year.
        sources.RemoveAll(s => !allocations.Any(a => a.Source == s) && sources.Any(o => o != s && o.Year == s.Year && o.Kind == s.Kind && o.ReceivedOn < s.ReceivedOn));
        foreach (var s in sources)
        {
            var given = allocations.Where(a => a.Source == s).Sum(a => a.AmountFen);
            var share = s.Year switch { 2017 => r.Between(0.995, 1.0), 2018 => r.Between(0.975, 0.995), _ => r.Between(0.93, 0.98) };
            s.AmountFen = given == 0 ? r.Inclusive(80, 300) * Wan : (long)Math.Ceiling(given / share / Wan) * Wan;
        }

        // Payments: 预付 35% when work starts, then in step with the work done (进度款 mid-way through a long milestone), 97% after acceptance, the 3% 质保金 a year on.
        foreach (var a in allocations)
        {
            var plot = a.Plot;
            var checkpoints = new List<(DateOnly On, double Share)> { (plot.Run.Start[0], 0.35) };
            var total = plot.Chain.Sum(m => m.DurationDays);
            var cumulative = 0.0;
            for (var i = 0; i < plot.Chain.Count; i++)
            {
                var days = plot.Run.Finish[i].DayNumber - plot.Run.Start[i].DayNumber;
                if (days >= 60) checkpoints.Add((plot.Run.Start[i].AddDays(days / 2), 0.35 + (0.6 * (cumulative + (plot.Chain[i].DurationDays / 2.0)) / total)));
                cumulative += plot.Chain[i].DurationDays;
                checkpoints.Add((plot.Run.Finish[i], 0.35 + (0.6 * cumulative / total)));
            }
            var accepted = plot.Run.Finish[plot.SeqOf("验收") - 1];
            checkpoints.Add((accepted, 0.97));
            checkpoints.Add((plot.Run.Finish[^1].AddDays(365), 1.0));
            var paid = 0L;
            var payee = plot.Spec.Category switch
            {
                ProjectCategory.Finance => "南召县农村信用合作联社",
                ProjectCategory.Other or ProjectCategory.Education => "贫困户（一卡通）",
                _ => r.Pick(Contractors),
            };
            foreach (var (on, share) in checkpoints.OrderBy(x => x.On))
            {
                var due = Math.Min(a.AmountFen, RoundYuan(a.AmountFen * Math.Max(share, 0)));
                if (share >= 1.0) due = a.AmountFen;
                if (due <= paid) continue;
                var date = (on < a.On ? a.On : on).AddDays(r.Inclusive(3, 15));
                a.Payments.Add(new DemoPayment(PaymentKind.Disbursement, due - paid, date, plot.Unit));
                a.Payments.Add(new DemoPayment(PaymentKind.Expenditure, due - paid, date.AddDays(r.Inclusive(5, 30)), payee));
                paid = due;
            }
        }
        var n = 0;
        foreach (var p in allocations.SelectMany(a => a.Payments).OrderBy(p => p.On).ThenBy(p => p.Kind))
            p.VoucherNo = string.Create(CultureInfo.InvariantCulture, $"召财{p.On.Year}-{++n:00000}");
        return new DemoFunds(sources, allocations);

        void Allocate(DemoPlot plot, FundKind kind, long amount, DateOnly on)
        {
            if (amount <= 0) return;
            var year = plot.Spec.Year;
            var ofKind = sources.Where(s => s.Year == year && s.Kind == kind).OrderBy(s => s.ReceivedOn).ToList();
            var source = ofKind.LastOrDefault(s => s.ReceivedOn <= on);
            if (source is null)
            {
                source = ofKind[0];
                on = source.ReceivedOn.AddDays(r.Inclusive(3, 12));
            }
            allocations.Add(new DemoAllocation(plot, source, amount, on,
                string.Create(CultureInfo.InvariantCulture, $"召财扶〔{on.Year}〕{r.Inclusive(10, 180)}号")));
        }
    }

    static readonly int[] Years = [2017, 2018, 2019];

    static readonly string[] Contractors =
    [
        "南召县鑫源建筑工程有限公司", "南阳市宛通路桥工程有限公司", "南召县伏牛水利工程有限公司", "河南省宏达建设工程有限公司",
        "南召县恒基建筑安装有限公司", "南阳市鸿运市政工程有限公司",
    ];

    // ------------------------------------------------------------------ relocation

    sealed record DemoMove(DemoHousehold Household, DateOnly? MovedIn, DateOnly? Demolished, int StableJobs, string? Support);

    sealed record DemoSite(string Name, SettlementKind Kind, string RegionCode, DemoPlot? Plot, int Capacity, int Houses, List<DemoMove> Moves, string? Note)
    {
        public Func<DateOnly, (int Built, int HandedOver, List<SiteFacility> Facilities)> State { get; init; } = _ => (0, 0, []);
        public SettlementSite? Entity { get; set; }
    }

    static readonly string[] Supports = ["艾草种植 带资入企 年分红1000元", "香菇大棚承包经营", "光伏收益分红", "土地流转到艾草产业园", "发展林下养鸡 产业奖补"];

    static List<DemoSite> DrawSites(DemoWorld world, List<DemoPlot> plots)
    {
        var r = new Random(Seed + 23);
        var used = new HashSet<long>();
        var sites = new List<DemoSite>();

        List<DemoHousehold> Pick(Func<DemoHousehold, bool> where, int count, bool preferShimenVillage = false) =>
            [.. world.Households.Where(h => !used.Contains(h.Id) && where(h))
                .Select(h => (h, score: (h.Grade >= HousingGrade.C ? 0 : h.Grade == HousingGrade.B ? 30 : 60)
                    + (h.Area / Math.Max(1, h.Persons)) + (r.NextDouble() * 25) - (preferShimenVillage && h.VillageCode == world.SiteVillage ? 40 : 0)))
                .OrderBy(x => x.score).Take(count).Select(x => x.h)];

        // Planned capacity: the nominal figure, or the families' persons with a tenth to spare.
        static int Capacity(int nominal, List<DemoMove> moves) => Math.Max(nominal, (int)Math.Ceiling(moves.Sum(m => m.Household.Persons) * 1.1 / 10) * 10);

        DemoMove Move(DemoHousehold h, DateOnly? movedIn)
        {
            used.Add(h.Id);
            var jobs = r.NextDouble() switch { < 0.48 => 1, < 0.6 => 2, _ => 0 };
            var support = r.Chance(0.6) ? r.Pick(Supports) : null;
            var demolished = movedIn?.AddDays(r.Inclusive(60, 240));
            return new DemoMove(h, movedIn, r.Chance(0.9) ? demolished : null, jobs, support);
        }

        // 如意社区: 一期 56 houses handed over in July 2018 and families moving in; 二期 under construction.
        var ruyi = plots.Single(p => p.Spec.Key == DemoProjects.RuyiKey);
        var moveSeq = ruyi.SeqOf("入住") - 1;
        var chosen = Pick(h => h.VillageCode.StartsWith(DemoProjects.Shimen, StringComparison.Ordinal), 188, preferShimenVillage: true);
        var moves = new List<DemoMove>();
        for (var i = 0; i < chosen.Count; i++)
        {
            DateOnly? on = i < 44 ? Between(r, new DateOnly(2018, 7, 10), 80)
                : r.Chance(0.95) ? Between(r, ruyi.Run.Start[moveSeq], ruyi.Run.Finish[moveSeq].DayNumber - ruyi.Run.Start[moveSeq].DayNumber)
                : null;
            moves.Add(Move(chosen[i], on));
        }
        var mainSeq = ruyi.SeqOf("主体完工");
        var acceptedOn = ruyi.Run.Finish[ruyi.SeqOf("验收") - 1];
        var supportingDone = ruyi.Run.Finish[ruyi.SeqOf("配套完工") - 1];
        sites.Add(new DemoSite("如意社区", SettlementKind.Concentrated, world.SiteVillage, ruyi, Capacity(760, moves), RuyiHouses, moves,
            "就近在如意社区扶贫就业车间（艾草加工）务工；艾草产业园带资入企分红；社区保洁、护林公益岗位；艾草种植土地流转")
        {
            State = day =>
            {
                var handed = day >= acceptedOn ? RuyiHouses : day >= RuyiPhaseOneHandover ? RuyiPhaseOneHouses : 0;
                var main = ruyi.StatesOn(day) is { } s ? s[mainSeq - 1].Progress.Percent : 0;
                var built = Math.Max(handed, day >= RuyiPhaseOneHandover ? RuyiPhaseOneHouses + (int)Math.Round((RuyiHouses - RuyiPhaseOneHouses) * main / 100.0) : (int)Math.Round(RuyiPhaseOneHouses * main / 100.0));
                var facilities = new List<SiteFacility>();
                if (day >= RuyiPhaseOneHandover) facilities.AddRange([SiteFacility.CommunityCenter, SiteFacility.Clinic]);
                if (day >= supportingDone) facilities.AddRange([SiteFacility.Kindergarten, SiteFacility.CulturalVenue]);
                return (Math.Min(built, RuyiHouses), handed, facilities);
            },
        });

        // 乔端镇幸福家园 (2017): finished, everyone moved in around the new year.
        var qiao = plots.Single(p => p.Spec.Key == DemoProjects.QiaoduanSiteKey);
        var qiaoMoveSeq = qiao.SeqOf("入住") - 1;
        var qiaoMoves = Pick(h => h.VillageCode.StartsWith(DemoProjects.Qiaoduan, StringComparison.Ordinal), 54)
            .Select(h => Move(h, Between(r, qiao.Run.Start[qiaoMoveSeq], qiao.Run.Finish[qiaoMoveSeq].DayNumber - qiao.Run.Start[qiaoMoveSeq].DayNumber))).ToList();
        var qiaoDone = qiao.Run.Finish[qiao.SeqOf("验收") - 1];
        sites.Add(new DemoSite("幸福家园", SettlementKind.Concentrated, qiao.RegionCode, qiao, Capacity(200, qiaoMoves), 60, qiaoMoves, "镇区中药材加工扶贫车间务工；光伏收益分红")
        {
            State = day => day >= qiaoDone
                ? (60, 60, [SiteFacility.CommunityCenter, SiteFacility.Clinic, SiteFacility.CulturalVenue])
                : (qiao.StatesOn(day) is { } s ? (int)Math.Round(60 * s[qiao.SeqOf("主体完工") - 1].Progress.Percent / 100.0) : 0, 0, []),
        });

        // 城郊乡分散安置: families who bought homes near the county seat with the relocation subsidy.
        string[] near = [DemoProjects.Chengjiao, DemoProjects.Xiaodian, DemoProjects.Liushan, DemoProjects.Yunyang];
        var dispersed = Pick(h => near.Contains(h.VillageCode[..9]), 24).Select(h => Move(h, Between(r, new DateOnly(2017, 5, 1), 480))).ToList();
        sites.Add(new DemoSite("城郊乡分散安置点", SettlementKind.Dispersed, DemoProjects.Chengjiao, null, Capacity(80, dispersed), 24, dispersed, "进城购房分散安置，就近务工")
        {
            State = day => (24, dispersed.Count(m => m.MovedIn <= day), [SiteFacility.CommunityCenter]),
        });
        return sites;
    }

    // ------------------------------------------------------------------ workshops

    sealed record DemoJob(DemoWorker Worker, string VillageCode, DateOnly Start, DateOnly? End, long WageFen);

    sealed record DemoShop(DemoWorkshopSpec Spec, DemoPlot Plot, string Name, string Contact, string Phone, DateOnly OpenedOn, List<DemoJob> Jobs, long OtherWageFen)
    {
        public Workshop? Entity { get; set; }

        public int OthersIn(DateOnly month) => month < new DateOnly(OpenedOn.Year, OpenedOn.Month, 1) ? 0
            : (int)Math.Round(Spec.OtherWorkers * Math.Min(1.0, (((month.Year - OpenedOn.Year) * 12) + month.Month - OpenedOn.Month + 1) / 3.0));
    }

    static List<DemoShop> DrawWorkshops(DemoWorld world, List<DemoPlot> plots, List<DemoSite> sites)
    {
        var r = new Random(Seed + 37);
        var taken = new HashSet<long>();
        var ruyiFirst = sites[0].Moves.Where(m => m.MovedIn is { } d && d <= new DateOnly(2018, 9, 30)).Select(m => m.Household.Id).ToHashSet();
        var shops = new List<DemoShop>();
        foreach (var spec in DemoProjects.Workshops)
        {
            var plot = plots.Single(p => p.Spec.Key == spec.Key);
            var village = plot.RegionCode;
            var opened = plot.Run.Start[plot.SeqOf("投产") - 1];
            bool Fits(DemoWorker m)
            {
                var age = Member.Age(m.BirthDate, opened);
                return age is >= 18 and <= 58 && !m.Health.HasFlag(HealthConditions.Serious) && !m.Health.HasFlag(HealthConditions.Disabled) && !taken.Contains(m.Id);
            }
            int Rank(DemoWorker m)
            {
                var h = world.HouseholdById[m.HouseholdId];
                return spec.AtSite && ruyiFirst.Contains(h.Id) ? 0 : h.VillageCode == village ? 1 : h.VillageCode.StartsWith(spec.Township, StringComparison.Ordinal) ? 2 : 9;
            }
            var pool = world.Labour.Where(m => world.HouseholdById.ContainsKey(m.HouseholdId) && Fits(m))
                .Select(m => (m, rank: Rank(m), tie: r.NextDouble())).Where(x => x.rank < 9).OrderBy(x => x.rank).ThenBy(x => x.tie).Select(x => x.m).ToList();
            var jobs = new List<DemoJob>();
            var wanted = spec.PoorWorkers + (int)Math.Round(spec.PoorWorkers * 0.25);
            for (var i = 0; i < Math.Min(wanted, pool.Count); i++)
            {
                var m = pool[i];
                taken.Add(m.Id);
                var start = i < spec.PoorWorkers ? Between(r, opened, 45) : opened.AddDays(r.Inclusive(120, 420));
                DateOnly? end = i < spec.PoorWorkers && r.Chance(0.2) ? start.AddDays(r.Inclusive(60, 300)) : null;
                var wage = r.Inclusive(spec.WageFromYuan / 50, spec.WageToYuan / 50) * 50 * 100L;
                jobs.Add(new DemoJob(m, world.HouseholdById[m.HouseholdId].VillageCode, start, end, wage));
            }
            var name = spec.Name.Replace("{v}", world.Name(village), StringComparison.Ordinal);
            shops.Add(new DemoShop(spec, plot, name, PersonName(r), Phone(r), opened, jobs, r.Inclusive(40, 56) * 50 * 100L));
        }
        return shops;
    }

    // ------------------------------------------------------------------ beneficiaries

    sealed record DemoBenefit(DemoPlot Plot, DemoHousehold Household, BenefitKind Kind, string Text, long? AmountFen);

    static List<DemoBenefit> DrawBeneficiaries(DemoWorld world, List<DemoPlot> plots, List<DemoSite> sites, List<DemoShop> shops)
    {
        var r = new Random(Seed + 41);
        var list = new List<DemoBenefit>();
        foreach (var shop in shops)
        {
            foreach (var g in shop.Jobs.GroupBy(j => j.Worker.HouseholdId))
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"车间务工 {g.Count()}人");
                list.Add(new DemoBenefit(shop.Plot, world.HouseholdById[g.Key], BenefitKind.Employment, text, g.Sum(j => j.WageFen) * 12));
            }
        }
        foreach (var site in sites.Where(s => s.Plot is not null))
        {
            foreach (var m in site.Moves)
                list.Add(new DemoBenefit(site.Plot!, m.Household, BenefitKind.Resettlement,
                    string.Create(CultureInfo.InvariantCulture, $"易地扶贫搬迁集中安置 {m.Household.Persons}人"), null));
        }
        foreach (var plot in plots.Where(p => p.Spec.Category == ProjectCategory.Industry))
        {
            var park = plot.Spec.Key == DemoProjects.ParkKey || plot.Name.Contains("艾草产业园", StringComparison.Ordinal);
            var from = park ? world.Households : [.. world.Households.Where(h => h.VillageCode.StartsWith(plot.Township, StringComparison.Ordinal))];
            var count = park ? r.Inclusive(150, 200) : r.Inclusive(30, 60);
            var picked = from.Select(h => (h, k: r.NextDouble())).OrderBy(x => x.k).Take(count).Select(x => x.h).ToList();
            foreach (var h in picked)
            {
                var (kind, text, yuan) = plot.Name switch
                {
                    _ when park => r.Chance(0.75) ? (BenefitKind.Dividend, "带资入企（艾草产业园）年分红1000元", 1000) : (BenefitKind.Production, "艾草种植 订单收购 2亩", 1600),
                    var n when n.Contains("香菇", StringComparison.Ordinal) || n.Contains("食用菌", StringComparison.Ordinal) =>
                        r.Chance(0.5) ? (BenefitKind.Production, "承包香菇大棚1座", 3000) : (BenefitKind.Dividend, "入股分红 年800元", 800),
                    var n when n.Contains("辛夷", StringComparison.Ordinal) => (BenefitKind.Dividend, "土地入股 年分红800元", 800),
                    var n when n.Contains("柞蚕", StringComparison.Ordinal) => (BenefitKind.Production, "发放蚕种 技术培训", 2000),
                    var n when n.Contains("光伏", StringComparison.Ordinal) => (BenefitKind.Dividend, "光伏收益分红 每年1000元", 1000),
                    var n when n.Contains("艾草", StringComparison.Ordinal) => (BenefitKind.Production, "艾草种植 订单收购", 1500),
                    _ => (BenefitKind.Production, "土地流转和基地务工", 2500),
                };
                list.Add(new DemoBenefit(plot, h, kind, text, yuan * 100L));
            }
        }
        return [.. list.DistinctBy(b => (b.Plot, b.Household.Id))];
    }

    // ------------------------------------------------------------------ writing what exists on the business date

    static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);

    async Task<SeedDemoProjectsResult> WriteAsync(
        DateOnly today, List<DemoPlot> plots, DemoFunds funds, List<DemoSite> sites, List<DemoShop> shops, List<DemoBenefit> benefits, CancellationToken ct)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.Audit.Suppressed = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // Projects and sources first: everything else points at them.
            var existing = plots.Where(p => p.AppliedOn <= today).ToList();
            var allocations = funds.Allocations.Where(a => a.On <= today && a.Plot.AppliedOn <= today && a.Source.ReceivedOn <= today).ToList();
            var byPlot = allocations.GroupBy(a => a.Plot).ToDictionary(g => g.Key, g => (
                Allocated: g.Sum(a => a.AmountFen),
                Disbursed: g.Sum(a => a.Payments.Where(x => x.On <= today && x.Kind == PaymentKind.Disbursement).Sum(x => x.AmountFen)),
                Spent: g.Sum(a => a.Payments.Where(x => x.On <= today && x.Kind == PaymentKind.Expenditure).Sum(x => x.AmountFen))));
            foreach (var p in existing)
            {
                var money = byPlot.GetValueOrDefault(p);
                var events = p.Events.Where(e => e.On <= today).ToList();
                var stage = events.Where(e => e.Action == ProjectAction.Advanced).Max(e => e.Stage);
                var lastReturn = events.LastOrDefault(e => e.Action is ProjectAction.Returned or ProjectAction.Resubmitted);
                var plan = p.PlanOn(today);
                var states = p.StatesOn(today);
                p.Entity = new Project
                {
                    CountyCode = County, RegionCode = p.RegionCode, Code = p.Code, Name = p.Name, Category = p.Spec.Category, Year = p.Spec.Year,
                    Content = p.Content, ResponsibleUnit = p.Unit, ResponsiblePerson = p.Person, ResponsiblePhone = p.Phone, BudgetFen = p.BudgetFen,
                    Stage = stage, ReturnedReason = lastReturn?.Action == ProjectAction.Returned ? lastReturn.Note : null,
                    Deadline = plan?.Deadline, PlanNumber = plan?.Number ?? 0,
                    Percent = states is null ? 0 : ProjectSchedule.OverallPercent(states),
                    Status = states is null ? ScheduleStatus.NotPlanned : ProjectSchedule.Overall(states),
                    AllocatedFen = money.Allocated, DisbursedFen = money.Disbursed, SpentFen = money.Spent,
                    CreatedBy = p.Applicant, CreatedAt = At(p.AppliedOn),
                };
            }
            db.Projects.AddRange(existing.Select(p => p.Entity!));
            var sources = funds.Sources.Where(s => s.ReceivedOn <= today).ToList();
            foreach (var s in sources)
            {
                s.Entity = new FundSource
                {
                    CountyCode = County, Year = s.Year, Kind = s.Kind, Name = s.Name, DocumentNo = s.DocumentNo, ReceivedOn = s.ReceivedOn,
                    AmountFen = s.AmountFen, AllocatedFen = allocations.Where(a => a.Source == s).Sum(a => a.AmountFen),
                    CreatedBy = Admin, CreatedAt = At(s.ReceivedOn),
                };
            }
            db.FundSources.AddRange(sources.Select(s => s.Entity!));
            await db.SaveChangesAsync(ct);

            // Events, plans, reports; allocations; sites and workshops; beneficiaries.
            foreach (var p in existing)
            {
                var (id, county) = (p.Entity!.Id, p.Entity.CountyCode);
                db.ProjectEvents.AddRange(p.Events.Where(e => e.On <= today).Select(e => new ProjectEvent
                {
                    ProjectId = id, Action = e.Action, Stage = e.Stage, On = e.On, Reference = e.Reference, Note = e.Note, By = e.By, At = At(e.On),
                }));
                db.ProjectPlans.AddRange(p.Plans.Where(x => x.PlannedOn <= today).Select(x => new ProjectPlan
                {
                    ProjectId = id, CountyCode = county, Number = x.Number, Deadline = x.Deadline, PlannedOn = x.PlannedOn, ShortfallDays = x.Schedule.ShortfallDays,
                    Reason = x.Reason, By = x.By, At = At(x.PlannedOn),
                    Milestones = [.. x.Schedule.Milestones.Select(m => new PlannedMilestone
                    {
                        CountyCode = county, Seq = m.Seq, Name = m.Name, DurationDays = m.DurationDays, LatestStart = m.LatestStart, LatestFinish = m.LatestFinish,
                    })],
                }));
                var reporter = p.Reviewer;
                db.ProgressReports.AddRange(p.Run.Reports.Where(x => x.On <= today).Select(x => new ProgressReport
                {
                    ProjectId = id, CountyCode = county, Seq = x.Seq, ReportedOn = x.On, Percent = x.Percent, Narrative = Narrative(p.Spec.Category, p.Chain[x.Seq - 1].Name, x.Percent),
                    By = reporter, At = At(x.On),
                }));
            }

            foreach (var a in allocations)
            {
                var live = a.Payments.Where(x => x.On <= today).ToList();
                a.Entity = new FundAllocation
                {
                    CountyCode = County, SourceId = a.Source.Entity!.Id, ProjectId = a.Plot.Entity!.Id, AmountFen = a.AmountFen, AllocatedOn = a.On,
                    DocumentNo = a.DocumentNo, By = Admin, At = At(a.On),
                    DisbursedFen = live.Where(x => x.Kind == PaymentKind.Disbursement).Sum(x => x.AmountFen),
                    SpentFen = live.Where(x => x.Kind == PaymentKind.Expenditure).Sum(x => x.AmountFen),
                };
            }
            db.FundAllocations.AddRange(allocations.Select(a => a.Entity!));

            var liveSites = sites.Where(s => s.Plot is null ? s.Moves.Any(m => m.MovedIn <= today) : s.Plot.Entity is not null && s.Plot.PooledOn <= today).ToList();
            foreach (var s in liveSites)
            {
                var (built, handed, facilities) = s.State(today);
                var lastReport = s.Plot?.Run.Reports.Where(x => x.On <= today).Select(x => (DateOnly?)x.On).Max();
                s.Entity = new SettlementSite
                {
                    CountyCode = County, RegionCode = s.RegionCode, Name = s.Name, Kind = s.Kind, ProjectId = s.Plot?.Entity?.Id,
                    CapacityPersons = s.Capacity, HousesPlanned = s.Houses, HousesBuilt = built, HousesHandedOver = handed, Facilities = facilities,
                    FollowUpNote = s.Note, UpdatedOn = lastReport ?? s.Moves.Where(m => m.MovedIn <= today).Max(m => m.MovedIn), UpdatedBy = TownshipAccount,
                };
            }
            db.SettlementSites.AddRange(liveSites.Select(s => s.Entity!));

            var liveShops = shops.Where(w => w.Plot.Entity is not null && w.Plot.PooledOn <= today).ToList();
            foreach (var w in liveShops)
            {
                var open = w.OpenedOn <= today;
                var working = w.Jobs.Count(j => j.Start <= today && (j.End is null || j.End > today));
                var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
                w.Entity = new Workshop
                {
                    CountyCode = County, VillageCode = w.Plot.RegionCode, Name = w.Name, ProjectId = w.Plot.Entity!.Id,
                    Status = open ? WorkshopStatus.Operating : WorkshopStatus.Building, Company = w.Spec.Company, Contact = w.Contact, ContactPhone = w.Phone,
                    Products = w.Spec.Products, OpenedOn = open ? w.OpenedOn : null, JobsPlanned = w.Spec.JobsPlanned,
                    WorkersTotal = open ? working + w.OthersIn(lastMonth) : 0,
                };
            }
            db.Workshops.AddRange(liveShops.Select(w => w.Entity!));

            var liveBenefits = benefits.Where(b => b.Plot.Entity is not null && b.Plot.PooledOn <= today).ToList();
            db.ProjectBeneficiaries.AddRange(liveBenefits.Select(b => new ProjectBeneficiary
            {
                ProjectId = b.Plot.Entity!.Id, CountyCode = County, VillageCode = b.Household.VillageCode, HouseholdId = b.Household.Id, Kind = b.Kind,
                Benefit = b.Text, AmountFen = b.AmountFen, AddedBy = b.Plot.Reviewer, AddedAt = At(b.Plot.PooledOn),
            }));
            await db.SaveChangesAsync(ct);

            // Payments, relocated households, workers and monthly reports.
            var payments = allocations.SelectMany(a => a.Payments.Where(x => x.On <= today).Select(x => new FundPayment
            {
                CountyCode = County, AllocationId = a.Entity!.Id, ProjectId = a.Entity.ProjectId, SourceId = a.Entity.SourceId, Kind = x.Kind,
                AmountFen = x.AmountFen, PaidOn = x.On, Payee = x.Payee, VoucherNo = x.VoucherNo, By = Admin, At = At(x.On),
            })).ToList();
            db.FundPayments.AddRange(payments);

            var relocated = new List<RelocatedHousehold>();
            foreach (var s in liveSites)
            {
                var addedOn = s.Plot?.PooledOn ?? s.Moves.Min(m => m.MovedIn)!.Value;
                foreach (var m in s.Moves.Where(m => s.Plot is not null || m.MovedIn <= today))
                {
                    var moved = m.MovedIn <= today;
                    relocated.Add(new RelocatedHousehold
                    {
                        SiteId = s.Entity!.Id, CountyCode = County, HouseholdId = m.Household.Id, FromVillageCode = m.Household.VillageCode,
                        Persons = m.Household.Persons, MovedInOn = moved ? m.MovedIn : null, OldHouseDemolished = m.Demolished <= today,
                        StableJobs = moved ? m.StableJobs : 0, IndustrySupport = moved ? m.Support : null,
                        AddedBy = TownshipAccount, AddedAt = At(addedOn),
                    });
                }
            }
            db.RelocatedHouseholds.AddRange(relocated);

            var workers = new List<WorkshopWorker>();
            var months = new List<WorkshopMonth>();
            foreach (var w in liveShops.Where(w => w.OpenedOn <= today))
            {
                foreach (var j in w.Jobs.Where(j => j.Start <= today))
                {
                    workers.Add(new WorkshopWorker
                    {
                        WorkshopId = w.Entity!.Id, CountyCode = County, VillageCode = j.VillageCode,
                        HouseholdId = j.Worker.HouseholdId, MemberId = j.Worker.Id, StartedOn = j.Start, EndedOn = j.End <= today ? j.End : null,
                        MonthlyWageFen = j.WageFen, AddedBy = TownshipAccount, AddedAt = At(j.Start),
                    });
                }
                var thisMonth = new DateOnly(today.Year, today.Month, 1);
                for (var m = new DateOnly(w.OpenedOn.Year, w.OpenedOn.Month, 1); m < thisMonth; m = m.AddMonths(1))
                {
                    var end = m.AddMonths(1).AddDays(-1);
                    var days = end.Day;
                    var active = w.Jobs.Where(j => j.Start <= end && (j.End is null || j.End >= m)).ToList();
                    var poorWages = active.Sum(j =>
                    {
                        var from = j.Start > m ? j.Start : m;
                        var to = j.End is { } e && e < end ? e : end;
                        return RoundYuan(j.WageFen * (to.DayNumber - from.DayNumber + 1) / (double)days, 100);
                    });
                    var others = w.OthersIn(m);
                    var opening = m.Year == w.OpenedOn.Year && m.Month == w.OpenedOn.Month;
                    var subsidy = (m.Month % 3 == 0 ? active.Count * 3 * 200 * 100L : 0) + (opening ? 50_000 * 100L : 0);
                    months.Add(new WorkshopMonth
                    {
                        WorkshopId = w.Entity!.Id, CountyCode = County, Month = m, Workers = active.Count + others, PoorWorkers = active.Count,
                        WagesFen = poorWages + (others * w.OtherWageFen), PoorWagesFen = poorWages, SubsidyFen = subsidy,
                        Note = subsidy > 0 ? (opening ? "车间建设以奖代补5万元" : "") + (m.Month % 3 == 0 ? "季度岗位补贴每人每月200元" : "") : null,
                        By = TownshipAccount, At = At(end.AddDays(5) < today ? end.AddDays(5) : today),
                    });
                }
            }
            db.WorkshopWorkers.AddRange(workers);
            db.WorkshopMonths.AddRange(months);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);

            var entities = existing.Select(p => p.Entity!).ToList();
            return new SeedDemoProjectsResult(
                entities.Count, entities.Count(p => p.Status == ScheduleStatus.OnTime), entities.Count(p => p.Status == ScheduleStatus.AtRisk),
                entities.Count(p => p.Status == ScheduleStatus.Late), entities.Count(p => p.Status == ScheduleStatus.Done),
                sources.Count, sources.Sum(s => s.AmountFen), allocations.Sum(a => a.AmountFen),
                payments.Where(x => x.Kind == PaymentKind.Disbursement).Sum(x => x.AmountFen), payments.Where(x => x.Kind == PaymentKind.Expenditure).Sum(x => x.AmountFen),
                allocations.Count, payments.Count, liveSites.Count, relocated.Count, relocated.Count(x => x.MovedInOn is not null),
                liveShops.Count, liveShops.Count(w => w.OpenedOn <= today), workers.Count(x => x.EndedOn is null), liveBenefits.Count);
        }
        finally
        {
            db.Audit.Suppressed = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}
