using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record SeedDemoAssessmentResult(int ExitedVillages, int ChecklistVillages, int VillagesLacking, long SampleId, int Slots, int Surveyed);

/// <summary>
/// The demo county's exit-evaluation data, after the registry and the lists are seeded: the 摘帽 plan
/// (411321 → 2019-12-31), the poor villages already under 2% marked exited in 2016 or 2017 (in 2018 or 2019 when
/// the business date is the target date or later, the demo timeline having done those years' exits), the 2018 exit
/// checklist of every poor village (a handful lacking a standard clinic or broadband; their 2019 answers, pre-filled
/// from the plan, have the gaps closed), and a self-check (2018; 2019 at the target date)
/// sample (seed 20181008) with results for about 70% of it: a few wrong exits, two missed persons, about 95%
/// approval. Deterministic; does nothing when the plan is already there.
/// </summary>
public sealed class SeedDemoAssessment(AppDbContext db, TimeProvider clock)
{
    public const int SampleSeed = DemoCounty.DefaultSeed;
    public static readonly DateOnly TargetDate = DemoCounty.ExitTargetDate;

    static readonly string[] Surveyors = ["李建国", "王秀芝", "张志强", "刘红梅", "陈永刚", "杨丽"];
    static readonly string[] NonRegisteredHeads = ["王德山", "李春生", "张桂兰", "刘长江", "赵国庆", "孙玉芬", "周建华", "吴金锁", "郑秀英", "冯大海", "陈文明", "褚丰收"];

    public async Task<SeedDemoAssessmentResult?> HandleAsync(CancellationToken ct)
    {
        var county = DemoCounty.CountyCode;
        if (await db.CountyExitPlans.AnyAsync(p => p.CountyCode == county, ct)) return null;
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var afterExits = today >= TargetDate;
        var sampleYear = afterExits ? TargetDate.Year : 2018;
        const string by = "演示数据";
        int exited = 0, lacking = 0, checklistVillages;

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.CountyExitPlans.Add(new CountyExitPlan { CountyCode = county, TargetDate = TargetDate, Note = "南召县计划2019年底实现贫困县退出（演示数据）", UpdatedBy = by, UpdatedAt = now });

            // Remaining poor persons per village (households 未脱贫 or 返贫).
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
            var poorPersons = await (from m in db.Members
                                     join h in db.Households on m.HouseholdId equals h.Id
                                     where h.VillageCode.StartsWith(county) && (h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed)
                                     group m by h.VillageCode into g
                                     select new { Village = g.Key, Persons = g.Count() }).ToDictionaryAsync(x => x.Village, x => x.Persons, ct);
            var villages = await db.Regions.Where(r => r.Level == RegionLevel.Village && r.IsPoorVillage && r.Code.StartsWith(county))
                .OrderBy(r => r.Code).ToListAsync(ct);
#pragma warning restore CA1310
            foreach (var v in villages)
            {
                if (v.RuralPopulation is not > 0) continue;
                var incidence = (decimal)poorPersons.GetValueOrDefault(v.Code) / v.RuralPopulation.Value;
                if (incidence >= 0.02m) continue;
                var even = int.Parse(v.Code.AsSpan(9), System.Globalization.CultureInfo.InvariantCulture) % 2 == 0;
                // On 2018-10-08 a village under 2% exited before; at the end of 2019 (the demo timeline has done the
                // 2018 and 2019 household exits) the villages now under 2% exited with them.
                v.ExitYear = afterExits ? (even ? 2018 : 2019) : (even ? 2016 : 2017);
                exited++;
            }

            // 2018 checklist: every item met, except every 12th poor village still waiting for a clinic or broadband.
            var items = VillageChecklistItem.Seed.Where(i => i.ProvinceCode == "41").ToList();
            for (var i = 0; i < villages.Count; i++)
            {
                var v = villages[i];
                var gap = v.ExitYear is null && i % 12 == 5 ? (lacking++ % 2 == 0 ? "clinic" : "broadband") : null;
                foreach (var item in items)
                {
                    var met = item.Key != gap;
                    db.VillageChecklistAnswers.Add(new VillageChecklistAnswer
                    {
                        CountyCode = county, VillageCode = v.Code, Year = 2018, ItemId = item.Id, Met = met,
                        Evidence = met ? null : item.Key == "clinic" ? "卫生室在建，计划2019年6月前验收" : "光纤未入村，已列入2019年宽带乡村工程",
                        RecordedBy = by, RecordedAt = now,
                    });
                    // The 2019 answers the plan expects (the gaps closed), so the county can be projected to its target date.
                    db.VillageChecklistAnswers.Add(new VillageChecklistAnswer
                    {
                        CountyCode = county, VillageCode = v.Code, Year = 2019, ItemId = item.Id, Met = true,
                        Evidence = met ? null : "计划2019年内建成（预填，待验收后确认）", RecordedBy = by, RecordedAt = now,
                    });
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            checklistVillages = villages.Count;
        }

        var drawn = await new DrawEvaluationSample(db, clock).HandleAsync(
            new DrawEvaluationSampleRequest(county, sampleYear, SampleSeed, new SampleParameters(),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"南召县{sampleYear}年脱贫退出自查抽样"), by), ct);
        if (!drawn.IsOk) throw new InvalidOperationException("演示抽样失败：" + drawn.Failure.Message + string.Join("；", drawn.Failure.Errors.Select(e => e.Message)));

        // Results for about 70% of the slots, entered as surveyors would (the same rules as RecordSampleResult).
        var rows = await db.SampledHouseholds.Where(h => h.SampleId == drawn.Value.Id).OrderBy(h => h.Id).ToListAsync(ct);
        var ids = rows.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).ToList();
        var persons = await db.Members.Where(m => ids.Contains(m.HouseholdId)).GroupBy(m => m.HouseholdId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var random = new Random(SampleSeed);
        var (surveyed, exitedSeen, wrongLeft, nonRegSeen) = (0, 0, 3, 0);
        foreach (var r in rows)
        {
            var surveyedNow = random.NextDouble() < 0.7;
            var size = r.HouseholdId is { } hid ? Math.Max(1, persons.GetValueOrDefault(hid)) : random.Next(2, 6);
            var approves = random.NextDouble() < 0.95;
            var dim = random.Next(4);
            if (!surveyedNow) continue;
            surveyed++;
            r.SurveyedOn = (afterExits ? new DateOnly(sampleYear, 11, 10) : new DateOnly(2018, 9, 10)).AddDays(surveyed % 25);
            r.Surveyor = Surveyors[surveyed % Surveyors.Length];
            r.Persons = size;
            if (r.Frame == SampleFrame.Exited)
            {
                exitedSeen++;
                // A few wrong exits: one person each in three households (an adult's chronic illness without cover, for instance).
                r.WrongExitPersons = wrongLeft > 0 && exitedSeen % 37 == 11 ? 1 : 0;
                if (r.WrongExitPersons == 1)
                {
                    wrongLeft--;
                    r.Note = "复核发现：家庭成员长期慢性病，医疗支出大，收入未稳定超过贫困线";
                }
            }
            if (r.Frame == SampleFrame.NonRegistered)
            {
                nonRegSeen++;
                r.HeadName = NonRegisteredHeads[nonRegSeen % NonRegisteredHeads.Length];
                // Two missed persons in one household.
                r.MissedPersons = nonRegSeen == 23 ? 2 : 0;
                if (nonRegSeen == 23)
                {
                    r.Persons = Math.Max(2, size);
                    r.Note = "老两口均无劳动能力，住房为C级危房，符合识别标准但未纳入建档立卡";
                    approves = false;
                }
            }
            r.Approves = approves;
            r.ApprovesPolicy = approves || dim != 0;
            r.ApprovesMeasures = approves || dim != 1;
            r.ApprovesExit = approves || dim != 2;
            r.ApprovesCadres = approves || dim != 3;
            r.Version = 1;
        }
        await db.SaveChangesAsync(ct);
        return new SeedDemoAssessmentResult(exited, checklistVillages, lacking, drawn.Value.Id, rows.Count, surveyed);
    }
}
