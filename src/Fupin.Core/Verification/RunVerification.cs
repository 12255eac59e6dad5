using System.Diagnostics;
using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <param name="Region">A county, township or village code (province and city codes work too).</param>
public sealed record RunVerificationRequest(string Region);

/// <summary>A list a run compared against.</summary>
public sealed record ListUsed(long Id, string Type, string Title, string Department, string RegionCode, DateOnly AsOf, int Rows, int Matched);

/// <summary>How many findings of a rule the run saw, and how many of those are new.</summary>
public sealed record RuleFindings(string Rule, string Title, Severity Severity, int Found, int New);

public sealed record VerificationReport(
    long RunId, string Region, string RegionName, int Households, int Members, IReadOnlyList<ListUsed> Lists,
    IReadOnlyList<ComparisonRule> Skipped, IReadOnlyList<RuleFindings> ByRule, int Found, int New, int Reopened, int Gone);

/// <summary>
/// Compares the households of a region with the latest department lists (per type, the latest
/// list of every region that covers the run's region or lies inside it) and stores the findings:
/// a finding already known (same rule, same member or household) keeps its identity, status and
/// history; one no longer found is marked gone by this run; one found again after it was gone is
/// reopened. Rules whose list is not loaded are skipped and their findings left as they were.
/// All in one transaction. The registry is read once into a <see cref="ComparisonRegistry"/> and
/// each list's rows stream through it.
/// </summary>
public sealed class RunVerification(AppDbContext db, TimeProvider clock)
{
    const int ChunkSize = 500;

    public async Task<Result<VerificationReport>> HandleAsync(RunVerificationRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var region = request.Region.Trim();
        if (region.Length is not (2 or 4 or 6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码")]);
        var regionName = db.Scope.Covers(region)
            ? await db.Regions.AsNoTracking().Where(r => r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(ct)
            : null;
        if (regionName is null) return Result.NotFound($"区域{region}不存在或不在您的管理范围内");

        var watch = Stopwatch.StartNew();
        var lists = LatestLists(await db.DepartmentLists.AsNoTracking().ToListAsync(ct), region);

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var rows = db.Households.AsNoTracking().Where(h => h.VillageCode.StartsWith(region))
            .SelectMany(h => h.Members, (h, m) => new
            {
                HouseholdId = h.Id, h.CountyCode, h.VillageCode, h.HousingGrade,
                MemberId = m.Id, m.IdNumber, m.Name, m.BirthDate, m.Health, m.IsDibao, m.IsTekun,
            })
            .OrderBy(x => x.HouseholdId).ThenBy(x => x.MemberId);
        var householdCount = await db.Households.AsNoTracking().CountAsync(h => h.VillageCode.StartsWith(region), ct);
        var memberCount = await db.Households.AsNoTracking().Where(h => h.VillageCode.StartsWith(region)).SelectMany(h => h.Members).CountAsync(ct);
#pragma warning restore CA1310
        // Slack for members added between the count and the read.
        var registry = new ComparisonRegistry(memberCount + memberCount / 100 + 64, householdCount);
        var households = new List<(long Id, string County, string Village, HousingGrade Grade)>(householdCount);
        var memberIds = new List<long>();
        var members = 0;
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (households.Count == 0 || households[^1].Id != r.HouseholdId)
            {
                registry.AddHousehold(r.HousingGrade is HousingGrade.C or HousingGrade.D);
                households.Add((r.HouseholdId, r.CountyCode, r.VillageCode, r.HousingGrade));
            }
            members++;
            if (r.IdNumber is not { } id) continue;
            var flags = (r.IsDibao ? PersonFlags.Dibao : 0) | (r.IsTekun ? PersonFlags.Tekun : 0)
                | ((r.Health & HealthConditions.Disabled) != 0 ? PersonFlags.Disabled : 0);
            if (registry.AddPerson(id.Key, ComparisonRegistry.NameCode(r.Name), households.Count - 1, flags, r.BirthDate) >= 0)
                memberIds.Add(r.MemberId);
        }
        progress?.Report($"已读入建档立卡信息：{households.Count} 户 {members} 人");

        var scans = new List<(ListScan Scan, DateOnly AsOf)>();
        var used = new List<ListUsed>();
        foreach (var group in lists.GroupBy(l => l.Type))
        {
            var scan = new ListScan(registry, group.Key);
            var type = ListTypes.Find(group.Key)!;
            foreach (var list in group)
            {
                var before = scan.Matched;
                var listRows = db.DepartmentListRows.AsNoTracking().Where(x => x.ListId == list.Id)
                    .Select(x => new { x.Id, x.IdKey, x.Name, x.Kind, x.Status });
                await foreach (var x in listRows.AsAsyncEnumerable().WithCancellation(ct))
                {
                    var person = registry.Find(x.IdKey);
                    if (person >= 0) scan.Hit(person, ComparisonRegistry.NameCode(x.Name), x.Kind, x.Status, x.Id);
                }
                used.Add(new ListUsed(list.Id, list.Type, type.Title, list.Department, list.RegionCode, list.AsOf, list.Rows, (int)(scan.Matched - before)));
                progress?.Report($"已比对 {list.Department}《{type.Title}》（截至{list.AsOf:yyyy-MM-dd}）{list.Rows} 行");
            }
            scans.Add((scan, group.Max(l => l.AsOf)));
        }
        var outcome = Comparison.Evaluate(registry, scans);

        var evidence = await EvidenceRowsAsync(outcome.Hits.Where(h => h.RowRef >= 0).Select(h => h.RowRef).Distinct().ToList(), ct);
        var listsById = lists.ToDictionary(l => l.Id);
        var asOfByType = scans.ToDictionary(s => s.Scan.Type, s => s.AsOf, StringComparer.Ordinal);
        var found = outcome.Hits.Select(h =>
        {
            var rule = ComparisonRules.Get(h.Rule);
            var household = rule.Subject == Subject.Household ? households[h.Subject] : households[registry.HouseholdOf(h.Subject)];
            long? memberId = rule.Subject == Subject.Person ? memberIds[h.Subject] : null;
            var text = h.RowRef >= 0 && evidence.TryGetValue(h.RowRef, out var row)
                ? Describe(rule, row, listsById[row.ListId])
                : DescribeAbsence(rule, lists, asOfByType, household.Grade, registry, h.Subject);
            return new Found(rule, memberId ?? household.Id, household.Id, memberId, household.County, household.Village, text);
        }).ToList();

        var result = await StoreAsync(region, regionName, lists, outcome, found, households.Count, members, used, ct);
        progress?.Report($"比对完成：疑点 {result.Found} 条，新增 {result.New} 条，再次发现 {result.Reopened} 条，已消除 {result.Gone} 条（{watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} 秒）");
        return result;
    }

    sealed record Found(ComparisonRule Rule, long SubjectId, long HouseholdId, long? MemberId, string County, string Village, string Evidence);

    /// <summary>Per type, the latest list (by as-of date, then load) of each region that covers <paramref name="region"/> or lies inside it.</summary>
    internal static List<DepartmentList> LatestLists(IEnumerable<DepartmentList> all, string region) =>
        [.. all.Where(l => region.StartsWith(l.RegionCode, StringComparison.Ordinal) || l.RegionCode.StartsWith(region, StringComparison.Ordinal))
            .GroupBy(l => (l.Type, l.RegionCode))
            .Select(g => g.OrderByDescending(l => l.AsOf).ThenByDescending(l => l.Id).First())
            .OrderBy(l => ListTypes.IndexOf(l.Type)).ThenBy(l => l.RegionCode, StringComparer.Ordinal)];

    async Task<Dictionary<long, DepartmentListRow>> EvidenceRowsAsync(List<long> ids, CancellationToken ct)
    {
        var rows = new Dictionary<long, DepartmentListRow>();
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            foreach (var r in await db.DepartmentListRows.AsNoTracking().Where(x => chunk.Contains(x.Id)).ToListAsync(ct)) rows[r.Id] = r;
        }
        return rows;
    }

    static string Source(DepartmentList list) =>
        $"{list.Department}《{ListTypes.Find(list.Type)!.Title}》（截至{list.AsOf:yyyy-MM-dd}）";

    static string Describe(ComparisonRule rule, DepartmentListRow row, DepartmentList list)
    {
        var type = ListTypes.Find(list.Type)!;
        var values = type.Columns.Select(c => (c.Header, Value: c.Slot switch
        {
            ListSlot.Kind => row.Kind,
            ListSlot.Status => row.Status,
            ListSlot.Date => row.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => row.Detail,
        })).Where(v => v.Value is not null).Select(v => $"{v.Header}：{v.Value}");
        var head = rule.Id == ComparisonRuleId.NameMismatch ? $"名单中的姓名为“{row.Name}”；" : "";
        return Clip($"{head}{Source(list)}第{row.Row}行：{string.Join("，", values)}");
    }

    static string DescribeAbsence(ComparisonRule rule, List<DepartmentList> lists, Dictionary<string, DateOnly> asOf, HousingGrade grade, ComparisonRegistry registry, int subject)
    {
        var type = rule.Lists[0];
        var sources = string.Join("、", lists.Where(l => l.Type == type).Select(Source));
        return rule.Id switch
        {
            ComparisonRuleId.NotEnrolled => string.Create(CultureInfo.InvariantCulture,
                $"{sources}中没有此人；截至{asOf[type]:yyyy-MM-dd}年满{Member.Age(DateOnly.FromDayNumber(registry.BirthDayNumberOf(subject)), asOf[type])}周岁"),
            ComparisonRuleId.UnsafeHousing => $"建档危房级别为{CodeCatalog.LabelOf(grade)}，{sources}中没有改造竣工记录",
            _ => $"{sources}中没有此人",
        };
    }

    static string Clip(string s) => s.Length <= 1000 ? s : s[..1000];

    async Task<VerificationReport> StoreAsync(
        string region, string regionName, List<DepartmentList> lists, Comparison.Outcome outcome, List<Found> found,
        int householdCount, int members, List<ListUsed> used, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = db.Audit.User;
        var evaluated = outcome.Evaluated.Select(id => ComparisonRules.Get(id).Code).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = new VerificationRun
        {
            RegionCode = region,
            StartedBy = user,
            StartedAt = now,
            FinishedAt = now,
            ListIds = string.Join(",", lists.Select(l => l.Id.ToString(CultureInfo.InvariantCulture))),
            SkippedRules = outcome.Skipped.Count == 0 ? null : string.Join(",", outcome.Skipped.Select(id => ComparisonRules.Get(id).Code)),
            Members = members,
        };
        db.VerificationRuns.Add(run);
        await db.SaveChangesAsync(ct);

        // The findings this run may confirm or close: those of the region, and any of the subjects
        // found now that were filed elsewhere (a household moved in from another village).
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var known = await db.Findings.IgnoreQueryFilters().Where(f => evaluated.Contains(f.Rule) && f.VillageCode.StartsWith(region)).ToListAsync(ct);
#pragma warning restore CA1310
        var byKey = known.ToDictionary(f => (f.Rule, f.SubjectId));
        foreach (var chunk in found.Where(f => !byKey.ContainsKey((f.Rule.Code, f.SubjectId))).Select(f => f.SubjectId).Distinct().Chunk(ChunkSize))
        {
            foreach (var f in await db.Findings.IgnoreQueryFilters().Where(f => chunk.Contains(f.SubjectId)).ToListAsync(ct))
                byKey.TryAdd((f.Rule, f.SubjectId), f);
        }

        int added = 0, reopened = 0, gone = 0;
        var seen = new HashSet<long>();
        var events = new List<(Finding Finding, string Action)>();
        foreach (var f in found)
        {
            if (byKey.TryGetValue((f.Rule.Code, f.SubjectId), out var finding))
            {
                seen.Add(finding.Id);
                finding.LastSeenRunId = run.Id;
                finding.HouseholdId = f.HouseholdId;
                finding.MemberId = f.MemberId;
                if (finding.VillageCode != f.Village)
                {
                    finding.VillageCode = f.Village;
                    finding.CountyCode = f.County;
                    finding.AssignedTo = f.Village;
                }
                if (finding.Evidence != f.Evidence) finding.Evidence = f.Evidence;
                if (finding.GoneInRunId is not null)
                {
                    finding.GoneInRunId = null;
                    finding.UpdatedAt = now;
                    events.Add((finding, "再次发现"));
                    reopened++;
                }
                continue;
            }
            finding = new Finding
            {
                Rule = f.Rule.Code,
                SubjectId = f.SubjectId,
                HouseholdId = f.HouseholdId,
                MemberId = f.MemberId,
                CountyCode = f.County,
                VillageCode = f.Village,
                AssignedTo = f.Village,
                Evidence = f.Evidence,
                Status = FindingStatus.Open,
                FirstRunId = run.Id,
                LastSeenRunId = run.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Findings.Add(finding);
            events.Add((finding, "发现"));
            added++;
        }
        foreach (var finding in known.Where(f => f.GoneInRunId is null && !seen.Contains(f.Id)))
        {
            finding.GoneInRunId = run.Id;
            finding.UpdatedAt = now;
            events.Add((finding, "已消除"));
            gone++;
        }
        await db.SaveChangesAsync(ct);
        db.FindingEvents.AddRange(events.Select(e => new FindingEvent
        {
            FindingId = e.Finding.Id,
            At = now,
            User = user,
            Action = e.Action,
            Note = string.Create(CultureInfo.InvariantCulture, $"第{run.Id}次比对"),
        }));

        run.Found = found.Count;
        run.New = added;
        run.Reopened = reopened;
        run.Gone = gone;
        run.FinishedAt = clock.GetUtcNow();
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = ChangeRecord.CountyOf(region),
            At = now,
            User = user,
            Entity = nameof(VerificationRun),
            EntityId = run.Id,
            Action = "新增",
            NewValue = string.Create(CultureInfo.InvariantCulture,
                $"{regionName}（{region}）比对 {used.Count} 份名单：疑点 {found.Count} 条，新增 {added}，再次发现 {reopened}，已消除 {gone}"),
            Reason = "排查核对",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var newKeys = events.Where(e => e.Action == "发现").Select(e => e.Finding.Rule).ToList();
        var byRule = ComparisonRules.All.Where(r => outcome.Evaluated.Contains(r.Id))
            .Select(r => new RuleFindings(r.Code, r.Title, r.Severity, found.Count(f => f.Rule == r), newKeys.Count(k => k == r.Code)))
            .ToList();
        return new VerificationReport(run.Id, region, regionName, householdCount, members, used,
            [.. outcome.Skipped.Select(ComparisonRules.Get)], byRule, found.Count, added, reopened, gone);
    }
}
