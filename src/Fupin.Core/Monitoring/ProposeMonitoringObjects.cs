using System.Globalization;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <param name="Region">County, township or village code; null for the whole of the user's scope.</param>
/// <param name="SuddenHardshipFen">Spending of one event above which it makes a 突发严重困难户; null for the default ¥10,000.</param>
public sealed record ProposeMonitoringObjectsRequest(string? Region, string User, long? SuddenHardshipFen = null);

public sealed record RuleProposals(string Rule, string Title, int Proposed);

/// <param name="Households">Exited households looked at.</param>
/// <param name="AlreadyOpen">Households matched but skipped because they already have an open object.</param>
public sealed record MonitoringProposalReport(DateOnly AsOf, string? Region, int Households, int AlreadyOpen, IReadOnlyList<RuleProposals> ByRule, IReadOnlyList<long> NewIds)
{
    public int Proposed => NewIds.Count;
}

/// <summary>
/// Runs <see cref="MonitoringRules"/> as of the business date over the exited households of the
/// user's scope (the query filter) and the region, and writes a 拟纳入 object for each household a
/// rule matches, unless the household already has an open (拟纳入 or 监测中) object, or an object
/// of the same rule was rejected or cleared in the last 12 months (a new risk event still proposes it).
/// Events a proposal rests on are tied to it. One transaction; one change record notes the run.
/// </summary>
public sealed class ProposeMonitoringObjects(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<MonitoringProposalReport>> HandleAsync(ProposeMonitoringObjectsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        if (region is not null)
        {
            if (!(region.Length is 6 or 9 or 12 && region.All(char.IsAsciiDigit)))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码")]);
            if (!db.Scope.Overlaps(region) || !await db.Regions.AnyAsync(r => r.Code == region, ct))
                return Result.NotFound($"区域“{region}”不存在或不在您的管理范围内");
        }
        if (request.SuddenHardshipFen is < 0)
            return Result.Invalid([new FieldError(nameof(request.SuddenHardshipFen), "monitoring.amount_invalid", "突发严重困难户的支出金额不能为负数")]);
        var sudden = request.SuddenHardshipFen ?? MonitoringRules.DefaultSuddenHardshipFen;
        var today = clock.Today();
        var c = CultureInfo.InvariantCulture;

#pragma warning disable CA1310 // translated to SQL
        var households = db.Households.AsNoTracking()
            .Where(h => h.Status == PovertyStatus.ExitedWithPolicy || h.Status == PovertyStatus.ExitedWithoutPolicy);
        if (region is not null) households = households.Where(h => h.VillageCode.StartsWith(region));
#pragma warning restore CA1310

        var heads = await households.Select(h => new { h.Id, h.CountyCode, h.VillageCode, h.Status }).ToListAsync(ct);
        progress?.Report($"已脱贫户 {heads.Count} 户，正在读取成员、收入和风险事件……");
        var members = (await db.Members.AsNoTracking().Where(m => households.Any(h => h.Id == m.HouseholdId))
                .Select(m => new { m.HouseholdId, m.Name, m.Relation, m.BirthDate, m.LabourSkill, m.Health, m.Id }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId);
        var incomes = (await db.Incomes.AsNoTracking().Where(i => households.Any(h => h.Id == i.HouseholdId)).ToListAsync(ct))
            .GroupBy(i => i.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Year)!);
        var since = today.AddMonths(-MonitoringRules.RigidSpendingMonths);
        var events = (await db.RiskEvents.AsNoTracking()
                .Where(e => e.HouseholdId != null && e.MonitoringObjectId == null && e.OccurredOn > since && households.Any(h => h.Id == e.HouseholdId))
                .Select(e => new { HouseholdId = e.HouseholdId!.Value, e.Id, e.Risk, e.OccurredOn, e.SpendingFen }).ToListAsync(ct))
            .ToLookup(e => e.HouseholdId);
        var objects = await db.MonitoringObjects.AsNoTracking().IgnoreQueryFilters()
            .Where(o => o.HouseholdId != null && households.Any(h => h.Id == o.HouseholdId))
            .Select(o => new { HouseholdId = o.HouseholdId!.Value, o.Status, o.RuleCode, o.ClosedOn }).ToListAsync(ct);
        var open = objects.Where(o => MonitoringLabels.IsOpen(o.Status)).Select(o => o.HouseholdId).ToHashSet();
        var recentlyClosed = objects.Where(o => !MonitoringLabels.IsOpen(o.Status) && o.RuleCode is not null && o.RuleCode != MonitoringRules.RiskEvent
                && o.ClosedOn > today.AddMonths(-12))
            .ToLookup(o => o.HouseholdId, o => o.RuleCode!);
        var lines = await db.PovertyLines.AsNoTracking().Where(l => l.Scope == PovertyLineScope.ExitThreshold)
            .ToDictionaryAsync(l => l.Year, l => l.AmountYuan * 100L, ct);

        var now = clock.GetUtcNow();
        var user = MonitoringLog.Clip(request.User, 64);
        var counts = MonitoringRules.All.ToDictionary(r => r.Code, _ => 0, StringComparer.Ordinal);
        var alreadyOpen = 0;
        var created = new List<(MonitoringObject Object, IReadOnlyList<long> Events)>();
        foreach (var h in heads.OrderBy(h => h.VillageCode, StringComparer.Ordinal).ThenBy(h => h.Id))
        {
            var people = members[h.Id].ToList();
            var income = incomes.GetValueOrDefault(h.Id);
            var facts = new HouseholdFacts(h.Id, h.Status,
                [.. people.Select(m => new MemberFacts(m.BirthDate, m.LabourSkill, m.Health))],
                income is null ? null : new IncomeFacts(income.Year, income.NetIncome, income.HouseholdSize),
                [.. events[h.Id].Select(e => new EventFacts(e.Id, e.Risk, e.OccurredOn, e.SpendingFen))]);
            var skip = recentlyClosed[h.Id].ToHashSet(StringComparer.Ordinal);
            var match = MonitoringRules.Evaluate(facts, lines, today, sudden, skip);
            if (match is null) continue;
            if (open.Contains(h.Id))
            {
                alreadyOpen++;
                continue;
            }
            var head = people.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).FirstOrDefault() ?? people.OrderBy(m => m.Id).FirstOrDefault();
            var o = new MonitoringObject
            {
                CountyCode = h.CountyCode,
                VillageCode = h.VillageCode,
                HouseholdId = h.Id,
                HeadName = head?.Name ?? "",
                Persons = people.Count,
                Type = match.Type,
                Risks = [.. match.Risks],
                RuleCode = match.RuleCode,
                Reason = MonitoringLog.Clip(match.Reason, 1000),
                Status = MonitoringStatus.Proposed,
                ProposedOn = today,
                ProposedBy = user,
            };
            created.Add((o, match.EventIds));
            counts[match.RuleCode]++;
        }

        if (created.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.MonitoringObjects.AddRange(created.Select(x => x.Object));
            await db.SaveChangesAsync(ct);
            var links = created.SelectMany(x => x.Events.Select(e => (Event: e, Object: x.Object.Id))).ToList();
            foreach (var batch in links.Chunk(500))
            {
                var ids = batch.Select(b => b.Event).ToList();
                var tracked = await db.RiskEvents.Where(e => ids.Contains(e.Id)).ToListAsync(ct);
                var to = batch.ToDictionary(b => b.Event, b => b.Object);
                foreach (var e in tracked) e.MonitoringObjectId = to[e.Id];
            }
            db.Changes.Add(new ChangeRecord
            {
                CountyCode = ChangeRecord.CountyOf(region),
                At = now,
                User = user,
                Entity = MonitoringLog.Entity,
                EntityId = 0,
                Action = "按规则筛查",
                Field = "监测对象",
                NewValue = string.Join("，", counts.Where(k => k.Value > 0).Select(k => $"{k.Key}:{k.Value.ToString(c)}")),
                Reason = $"{region ?? "管辖范围"}按规则拟纳入监测对象 {created.Count.ToString(c)} 户（截至{today:yyyy-MM-dd}）",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        progress?.Report($"筛查完成：拟纳入 {created.Count} 户，已有在办监测对象而跳过 {alreadyOpen} 户");
        return new MonitoringProposalReport(today, region, heads.Count, alreadyOpen,
            [.. MonitoringRules.All.Select(r => new RuleProposals(r.Code, r.Title, counts[r.Code]))],
            [.. created.Select(x => x.Object.Id)]);
    }
}
