using Fupin.Common;
using Fupin.Data;
using Fupin.Monitoring;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record SeedDemoMonitoringResult(int Events, int Proposed, int Monitored, int Rejected, int Cleared, int StillProposed, int Measures, int Flagged);

/// <summary>
/// Relapse monitoring for the demo county, as if the county had started it in March 2018: risk events
/// (illness with medical bills, accidents), a first rule run as of 2018-03-20 whose proposals are
/// mostly included that month with assistance measures (some households with labour deliberately
/// without a development-type measure, so the 6-month flag shows on 2018-10-08), a few rejected or
/// cleared; then later events (illnesses, accidents, the July 2018 flood in one township) and a
/// second run as of the business date whose proposals are partly included and partly left 拟纳入.
/// Deterministic (fixed seed). Does nothing when the database already holds monitoring objects.
/// </summary>
public sealed class SeedDemoMonitoring(AppDbContext db, TimeProvider clock)
{
    public const int Seed = DemoCounty.DefaultSeed + 6;
    public const string User = "演示数据";
    public static readonly DateOnly FirstRun = new(2018, 3, 20);

    /// <summary>The township hit by the demo flood of 2018-07-19 (the county's 4th township by code).</summary>
    public const int FloodTownshipIndex = 3;

    static readonly string[] FloodTexts = ["暴雨洪水冲毁房屋，需重建", "洪水淹没农田和养殖棚，绝收", "山洪冲毁圈舍，牲畜损失"];
    static readonly MeasureKind[] Development = [MeasureKind.Industry, MeasureKind.Employment, MeasureKind.SkillsTraining, MeasureKind.MicroCredit, MeasureKind.PublicWelfareJob];
    static readonly MeasureKind[] SafetyNet = [MeasureKind.Dibao, MeasureKind.TemporaryAid];

    public async Task<SeedDemoMonitoringResult> HandleAsync(CancellationToken ct)
    {
        if (await db.MonitoringObjects.IgnoreQueryFilters().AnyAsync(ct)) return new SeedDemoMonitoringResult(0, 0, 0, 0, 0, 0, 0, 0);
        var r = new Random(Seed);
        var today = clock.Today();
        var exited = await db.Households.AsNoTracking().IgnoreQueryFilters()
            .Where(h => h.CountyCode == DemoCounty.CountyCode && (h.Status == PovertyStatus.ExitedWithPolicy || h.Status == PovertyStatus.ExitedWithoutPolicy))
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode, h.CountyCode }).ToListAsync(ct);
        if (exited.Count == 0) return new SeedDemoMonitoringResult(0, 0, 0, 0, 0, 0, 0, 0);
        var reportedAt = clock.GetUtcNow();

        RiskEvent Event(int index, RiskType risk, DateOnly on, string text, long? spendingYuan)
        {
            var h = exited[index];
            return new RiskEvent
            {
                CountyCode = h.CountyCode, VillageCode = h.VillageCode, HouseholdId = h.Id, Risk = risk, OccurredOn = on, Description = text,
                SpendingFen = spendingYuan * 100, ReportedBy = User, ReportedAt = reportedAt,
            };
        }
        string[] illnesses = ["脑梗住院治疗", "肺癌放化疗", "尿毒症透析", "股骨头坏死手术", "心脏搭桥手术", "白血病化疗", "重症肺炎住院"];
        string[] accidents = ["务工时从脚手架坠落受伤", "交通事故致腿部骨折", "农用车侧翻受伤", "火灾烧毁厨房和存粮"];

        // Before the first run: winter illnesses and accidents.
        var early = new List<RiskEvent>();
        for (var i = 0; i < 14; i++)
            early.Add(Event(r.Next(exited.Count), RiskType.Illness, new DateOnly(2017, 11, 1).AddDays(r.Next(130)), r.Pick(illnesses) + "，医保报销后自付", r.Inclusive(6, 60) * 1000L));
        for (var i = 0; i < 4; i++)
            early.Add(Event(r.Next(exited.Count), RiskType.Accident, new DateOnly(2017, 12, 1).AddDays(r.Next(100)), r.Pick(accidents), r.Inclusive(3, 25) * 1000L));
        db.RiskEvents.AddRange(early);
        await db.SaveChangesAsync(ct);

        var first = await new ProposeMonitoringObjects(db, new FixedDay(FirstRun)).HandleAsync(new ProposeMonitoringObjectsRequest(DemoCounty.CountyCode, User), null, ct);
        if (!first.IsOk) throw new InvalidOperationException(first.Failure.Message);
        var firstIds = first.Value.NewIds.ToHashSet();
        db.ChangeTracker.Clear();

        // Most of the first proposals included in March; measures; some cleared since, a few rejected.
        var objects = await db.MonitoringObjects.IgnoreQueryFilters().Where(o => firstIds.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        var measures = new List<MonitoringMeasure>();
        int rejected = 0, cleared = 0;
        foreach (var o in objects)
        {
            o.ProposedOn = FirstRun;
            var roll = r.NextDouble();
            if (roll < 0.05)
            {
                o.Status = MonitoringStatus.Rejected;
                o.ClosedOn = FirstRun.AddDays(r.Inclusive(5, 12));
                o.ClosedNote = "经村民主评议和乡镇核实，该户家庭成员务工收入稳定，实际收入高于监测范围，不予纳入";
                o.ClosedBy = User;
                rejected++;
                continue;
            }
            o.Status = MonitoringStatus.Monitored;
            o.IncludedOn = FirstRun.AddDays(r.Inclusive(5, 12));
            var included = o.IncludedOn.Value;
            // 开发式 measure for most; the rest only safety-net or nothing, which the flag catches if they have labour.
            if (r.Chance(0.8))
            {
                var kind = r.Pick(Development);
                measures.Add(Measure(o, kind, included.AddDays(r.Inclusive(7, 150))));
            }
            if (o.Risks.Contains(RiskType.Illness) || r.Chance(0.3))
                measures.Add(Measure(o, o.Risks.Contains(RiskType.Illness) ? MeasureKind.MedicalAid : r.Pick(SafetyNet), included.AddDays(r.Inclusive(3, 60))));
            if (r.Chance(0.12))
            {
                o.Status = MonitoringStatus.Cleared;
                o.ClosedOn = new DateOnly(2018, 8, 1).AddDays(r.Next(60));
                o.ClosedNote = "帮扶措施落实后家庭收入稳定，人均纯收入超过扶贫标准1.5倍，刚性支出问题已解决，经村评议、乡镇审核标注风险消除";
                o.ClosedBy = User;
                cleared++;
            }
        }
        measures = [.. measures.Where(m => m.StartedOn <= today)];
        db.MonitoringMeasures.AddRange(measures);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // After the first run: more illnesses and accidents, and the flood of 2018-07-19 in one township.
        var townships = exited.Select(h => h.VillageCode[..9]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var floodTownship = townships[Math.Min(FloodTownshipIndex, townships.Count - 1)];
        var flooded = Enumerable.Range(0, exited.Count).Where(i => exited[i].VillageCode.StartsWith(floodTownship, StringComparison.Ordinal)).ToList();
        var late = new List<RiskEvent>();
        for (var i = 0; i < 16; i++)
            late.Add(Event(r.Next(exited.Count), RiskType.Illness, new DateOnly(2018, 4, 1).AddDays(r.Next(185)), r.Pick(illnesses) + "，医保报销后自付", r.Inclusive(5, 50) * 1000L));
        for (var i = 0; i < 6; i++)
            late.Add(Event(r.Next(exited.Count), RiskType.Accident, new DateOnly(2018, 7, 15).AddDays(r.Next(80)), r.Pick(accidents), r.Inclusive(4, 30) * 1000L));
        for (var i = 0; i < Math.Min(12, flooded.Count); i++)
        {
            late.Add(Event(flooded[r.Next(flooded.Count)], RiskType.DisasterFlood, new DateOnly(2018, 7, 19),
                r.Pick(FloodTexts), r.Inclusive(4, 45) * 1000L));
        }
        var reported = late.Where(e => e.OccurredOn <= today).ToList();
        var openByHousehold = await db.MonitoringObjects.IgnoreQueryFilters()
            .Where(o => o.HouseholdId != null && (o.Status == MonitoringStatus.Proposed || o.Status == MonitoringStatus.Monitored))
            .ToDictionaryAsync(o => o.HouseholdId!.Value, o => o.Id, ct);
        foreach (var e in reported)
            if (openByHousehold.TryGetValue(e.HouseholdId!.Value, out var open)) e.MonitoringObjectId = open;
        db.RiskEvents.AddRange(reported);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var second = await new ProposeMonitoringObjects(db, clock).HandleAsync(new ProposeMonitoringObjectsRequest(DemoCounty.CountyCode, User), null, ct);
        if (!second.IsOk) throw new InvalidOperationException(second.Failure.Message);
        db.ChangeTracker.Clear();

        // Of the second run, the sudden hardships (the flood) are included at once; the rest wait for the village review.
        var newer = await db.MonitoringObjects.IgnoreQueryFilters().Where(o => second.Value.NewIds.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        var monitoredLater = 0;
        foreach (var o in newer.Where(o => o.Type == MonitoringType.SuddenHardship || r.Chance(0.3)))
        {
            o.Status = MonitoringStatus.Monitored;
            o.IncludedOn = today;
            db.MonitoringMeasures.Add(Measure(o, MeasureKind.TemporaryAid, today));
            monitoredLater++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var flagged = await MonitoringFlags.FlaggedAsync(db, db.MonitoringObjects.IgnoreQueryFilters(), today, ct);
        var monitored = await db.MonitoringObjects.IgnoreQueryFilters().CountAsync(o => o.Status == MonitoringStatus.Monitored, ct);
        var stillProposed = await db.MonitoringObjects.IgnoreQueryFilters().CountAsync(o => o.Status == MonitoringStatus.Proposed, ct);
        var measureCount = await db.MonitoringMeasures.CountAsync(ct);
        return new SeedDemoMonitoringResult(early.Count + reported.Count, first.Value.Proposed + second.Value.Proposed, monitored, rejected, cleared,
            stillProposed, measureCount, flagged.Count);

        MonitoringMeasure Measure(MonitoringObject o, MeasureKind kind, DateOnly on) => new()
        {
            MonitoringObjectId = o.Id, Kind = kind, StartedOn = on, RecordedBy = User, RecordedAt = reportedAt,
            Description = kind switch
            {
                MeasureKind.Industry => "发放产业奖补，发展林下养鸡",
                MeasureKind.Employment => "推荐到县产业集聚区企业务工",
                MeasureKind.SkillsTraining => "参加电焊工技能培训",
                MeasureKind.MicroCredit => "发放扶贫小额信贷5万元发展养殖",
                MeasureKind.PublicWelfareJob => "安排村保洁公益岗位",
                MeasureKind.Dibao => "纳入农村低保",
                MeasureKind.MedicalAid => "落实大病保险和医疗救助",
                MeasureKind.TemporaryAid => "发放临时救助金",
                _ => "落实兜底保障",
            },
        };
    }

    /// <summary>A clock stopped on one business day (10:00 in China), for the first run in March.</summary>
    sealed class FixedDay(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
    }
}
