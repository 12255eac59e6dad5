using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record DemoInspectionsResult(int Plans, int Visits, int Findings);

/// <summary>
/// The checklist templates and the 2018-10-08 inspection of 石门乡 (helper A): drawn by the county leader on
/// 2018-10-05 with a fixed seed, opened by 县督查组 on the day, visited through <see cref="RecordInspectionVisit"/>
/// with a handful of failed checks (a child out of school, an unsafe house, a household that does not know its
/// cadre, a workshop with fewer poor workers than reported, a relocated family without work) that become
/// rectification items; and a second plan, for another township on 2018-10-12, still sealed.
/// </summary>
public sealed class DemoInspections(AppDbContext db, TimeProvider clock)
{
    public const string PlanName = "2018年10月石门乡暗访";
    public const string Township = "411321304";
    public const int Seed = 20181005;
    public const string Inspector = "县督查组";
    public const string Leader = "县领导";
    static readonly DateOnly DrawnOn = new(2018, 10, 5);
    static readonly DateOnly PlannedOn = new(2018, 10, 8);
    static readonly DateOnly SecondPlannedOn = new(2018, 10, 12);

    public async Task<DemoInspectionsResult> SeedAsync(CancellationToken ct)
    {
        var county = DemoCounty.CountyCode;
        if (await db.InspectionPlans.IgnoreQueryFilters().AnyAsync(p => p.CountyCode == county && p.Name == PlanName, ct))
            return await CountsAsync(county, ct);
        if (clock.Today() < PlannedOn) return new DemoInspectionsResult(0, 0, 0);
        await DefaultInspectionTemplate.EnsureAsync(db, county, Inspector, ct);

        var leaderId = await db.Users.IgnoreQueryFilters().Where(u => u.UserName == "leader").Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        var inspectorId = await db.Users.IgnoreQueryFilters().Where(u => u.UserName == "inspector").Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        var drawn = await new DrawInspectionPlan(db, new FixedDay(DrawnOn)).HandleAsync(new DrawInspectionPlanRequest(county, [Township], PlannedOn, Seed,
            new InspectionSampleSize(PoorVillages: 3, OtherVillages: 1, NotExitedPerVillage: 2, ExitedPerVillage: 2, NonRegisteredPerVillage: 1,
                RelocatedPerTownship: 3, Workshops: 1, SettlementSites: 1), null, PlanName, Leader, leaderId, Role.CountyLeader), ct);
        if (!drawn.IsOk) throw new InvalidOperationException("演示暗访抽样失败：" + string.Join("；", drawn.Failure.Errors.Select(e => e.Message)));
        var opened = await new OpenInspectionPlan(db, clock).HandleAsync(new ChangeInspectionPlanRequest(drawn.Value.Id, Inspector, Role.Inspector), ct);
        if (!opened.IsOk) throw new InvalidOperationException("演示暗访启封失败：" + opened.Failure.Message);

        var plan = await db.InspectionPlans.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.Id == drawn.Value.Id, ct);
        var targets = await db.InspectionTargets.IgnoreQueryFilters().AsNoTracking().Where(t => t.PlanId == plan.Id)
            .OrderBy(t => t.Stratum).ThenBy(t => t.Slot).ToListAsync(ct);
        var questions = await db.ChecklistQuestions.IgnoreQueryFilters().AsNoTracking().Where(q => q.TemplateId == plan.TemplateId)
            .OrderBy(q => q.SortOrder).ToListAsync(ct);
        var poorWorkers = await db.WorkshopWorkers.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.StartedOn <= PlannedOn && (w.EndedOn == null || w.EndedOn > PlannedOn)).GroupBy(w => w.WorkshopId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        // The failed checks, by (stratum, slot): the question and what the inspector wrote.
        var failures = new Dictionary<(InspectionStratum, int), (string Code, string Note)>
        {
            [(InspectionStratum.NotExited, 1)] = ("H-SCHOOL", "14岁的孩子已外出打工，系统登记为在校生"),
            [(InspectionStratum.Exited, 1)] = ("H-HOUSE", "老房后墙开裂，一家人仍住在里面"),
            [(InspectionStratum.NotExited, 2)] = ("H-CADRE", "户主说不出帮扶责任人姓名，称今年没见过"),
            [(InspectionStratum.Workshop, 1)] = ("W-POOR", "现场在岗贫困务工人员比月报少"),
            [(InspectionStratum.Relocated, 1)] = ("H-RELOC-WORK", "夫妻二人都在家，无人务工"),
        };
        string[] names = ["王建国", "李秀兰", "张德福", "刘桂英"];
        var record = new RecordInspectionVisit(db, clock);
        var visits = 0;
        var skip = targets.Where(t => t.Stratum == InspectionStratum.NonRegistered).Skip(2).Select(t => t.Id).ToHashSet();
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            if (skip.Contains(t.Id)) continue; // not reached on the day
            var subject = InspectionSubjects.Of(t.Kind);
            failures.TryGetValue((t.Stratum, t.Slot), out var failure);
            var answers = new List<VisitAnswerInput>();
            foreach (var q in questions.Where(q => q.Subject == subject))
            {
                string value;
                string? note = null;
                if (failure.Code == q.Code)
                {
                    value = q.Answer == AnswerKind.Choice ? ChecklistTemplates.Split(q.FailValues)[0] : "否";
                    note = failure.Note;
                }
                else if (q.Code.StartsWith("H-RELOC", StringComparison.Ordinal))
                    value = t.Stratum == InspectionStratum.Relocated ? "是" : "不适用";
                else if (q.Answer == AnswerKind.Number)
                    value = (t.WorkshopId is { } w ? Math.Max(0, poorWorkers.GetValueOrDefault(w) - (failure.Code == "W-POOR" ? 2 : 0)) : 0)
                        .ToString(System.Globalization.CultureInfo.InvariantCulture);
                else if (q.Answer == AnswerKind.Choice)
                    value = i % 3 == 0 ? ChecklistTemplates.Split(q.Options)[1] : ChecklistTemplates.Split(q.Options)[0];
                else value = "是";
                answers.Add(new VisitAnswerInput(q.Code, value, note));
            }
            var head = t.Stratum == InspectionStratum.NonRegistered ? names[t.Slot % names.Length] : null;
            var key = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"demo-inspection-{plan.Id}-{t.Id}")).AsSpan(0, 16));
            var saved = await record.HandleAsync(new RecordInspectionVisitRequest(plan.Id, t.Id, key, answers, head, null, null,
                failure.Code is null ? null : "已向乡镇反馈，限期整改", [], Inspector, Role.Inspector), ct);
            if (!saved.IsOk) throw new InvalidOperationException("演示暗访检查表保存失败：" + string.Join("；", saved.Failure.Errors.Select(e => e.Message)));
            visits++;
        }

        // A second plan, drawn by the inspector for the next week: still sealed, so townships do not know of it.
        var other = await db.Regions.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Level == RegionLevel.Township && r.ParentCode == county && r.Code != Township)
            .OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            var second = await new DrawInspectionPlan(db, clock).HandleAsync(new DrawInspectionPlanRequest(county, [other], SecondPlannedOn, Seed + 7,
                null, null, null, Inspector, inspectorId, Role.Inspector), ct);
            if (!second.IsOk) throw new InvalidOperationException("演示暗访抽样失败：" + string.Join("；", second.Failure.Errors.Select(e => e.Message)));
        }
        _ = visits;
        return await CountsAsync(county, ct);
    }

    async Task<DemoInspectionsResult> CountsAsync(string county, CancellationToken ct)
    {
        var plans = await db.InspectionPlans.IgnoreQueryFilters().CountAsync(p => p.CountyCode == county, ct);
        var visits = await db.InspectionVisits.IgnoreQueryFilters().CountAsync(v => v.CountyCode == county, ct);
        var findings = await db.InspectionVisits.IgnoreQueryFilters().Where(v => v.CountyCode == county).SumAsync(v => (int?)v.FailedCount, ct) ?? 0;
        return new DemoInspectionsResult(plans, visits, findings);
    }

    /// <summary>A clock stopped on one day (09:00 in China).</summary>
    sealed class FixedDay(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
    }
}
