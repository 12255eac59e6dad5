using Fupin.Common;
using Fupin.Data;
using Fupin.Demo;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fupin.Tests.Demo;

/// <summary>The demo's projects, funds, settlement sites and workshops (<see cref="SeedDemoProjects"/>) on the registry of the demo county.</summary>
public class DemoProjectsTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<SeedDemoProjectsResult> SeedAsync(DateOnly businessDate)
    {
        _db.Clock.SetUtcNow(new DateTimeOffset(businessDate.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
        await using (var ctx = _db.NewContext())
            await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SeedDemoProjectsResult result;
        await using (var ctx = _db.NewContext())
            result = await new SeedDemoProjects(ctx, _db.Clock).HandleAsync(CancellationToken.None);
        output.WriteLine($"{businessDate}: {result} in {watch.ElapsedMilliseconds} ms");
        return result;
    }

    [Fact]
    public async Task SeedDemoProjects_On20181008_KeepsEveryInvariantWithARealisticMix_AndASecondCallAddsNothing()
    {
        var today = DemoCounty.BusinessDate;
        var result = await SeedAsync(today);
        await using var db = _db.NewContext();
        await AssertInvariantsAsync(db, today);

        // The mix as ProjectSchedule judges it today: 2017 done; the 2018 pool mostly on time, some at risk, some late.
        var projects = await db.Projects.AsNoTracking().ToListAsync();
        Assert.Equal(result.Projects, projects.Count);
        Assert.All(projects.Where(p => p.Year == 2017), p => Assert.Equal((ScheduleStatus.Done, ProjectStage.HandedOver), (p.Status, p.Stage)));
        var pool2018 = projects.Where(p => p.Year == 2018).ToList();
        var late = pool2018.Count(p => p.Status == ScheduleStatus.Late);
        var atRisk = pool2018.Count(p => p.Status == ScheduleStatus.AtRisk);
        var fine = pool2018.Count(p => p.Status is ScheduleStatus.OnTime or ScheduleStatus.Done);
        output.WriteLine($"2018: {pool2018.Count} projects, on time or done {fine}, at risk {atRisk}, late {late}");
        Assert.InRange(late, 4, pool2018.Count / 4);
        Assert.InRange(atRisk, 5, pool2018.Count / 3);
        Assert.True(fine > pool2018.Count / 2, "most 2018 projects are on time or done");
        Assert.Contains(pool2018, p => p.Status == ScheduleStatus.OnTime);
        Assert.Contains(pool2018, p => p.Status == ScheduleStatus.Done);
        // The 2019 pool is only being applied for: nothing planned, two projects waiting after a return, none yet after October.
        var pool2019 = projects.Where(p => p.Year == 2019).ToList();
        Assert.NotEmpty(pool2019);
        Assert.All(pool2019, p => Assert.True(p.Stage < ProjectStage.Pooled && p.Status == ScheduleStatus.NotPlanned));
        Assert.Equal(2, pool2019.Count(p => p.ReturnedReason is not null));
        Assert.Equal(2, await db.ProjectEvents.Where(e => e.Action == ProjectAction.Resubmitted).Select(e => e.ProjectId).Distinct().CountAsync());
        Assert.Contains(projects, p => p.PlanNumber == 2);

        // Funds: every kind in 2017 and 2018, nothing of 2019 yet; 2018 about 85–95% allocated, 60–75% of it disbursed, spent a little less.
        var sources = await db.FundSources.AsNoTracking().ToListAsync();
        foreach (var year in new[] { 2017, 2018 })
            Assert.Equal(Enum.GetValues<FundKind>().Order(), sources.Where(s => s.Year == year).Select(s => s.Kind).Distinct().Order());
        Assert.DoesNotContain(sources, s => s.Year == 2019);
        var s2018 = sources.Where(s => s.Year == 2018).ToList();
        var amount = s2018.Sum(s => s.AmountFen);
        var allocated = s2018.Sum(s => s.AllocatedFen);
        var ids2018 = s2018.Select(s => s.Id).ToList();
        var alloc2018 = await db.FundAllocations.Where(a => ids2018.Contains(a.SourceId)).ToListAsync();
        var disbursed = alloc2018.Sum(a => a.DisbursedFen);
        var spent = alloc2018.Sum(a => a.SpentFen);
        output.WriteLine($"2018 money: {amount / 1_000_000} 万元, allocated {(double)allocated / amount:P1}, disbursed {(double)disbursed / allocated:P1}, spent {(double)spent / allocated:P1}");
        Assert.InRange(amount, 20_000_000_000L, 40_000_000_000L); // 2亿 – 4亿 元
        Assert.InRange((double)allocated / amount, 0.85, 0.95);
        Assert.InRange((double)disbursed / allocated, 0.6, 0.75);
        Assert.InRange(spent, disbursed * 8 / 10, disbursed - 1);
        var integrated = s2018.Where(s => s.Kind == FundKind.IntegratedAgricultural).Sum(s => s.AmountFen);
        Assert.All(s2018.GroupBy(s => s.Kind).Where(g => g.Key != FundKind.IntegratedAgricultural), g => Assert.True(g.Sum(s => s.AmountFen) < integrated));
        var s2017 = sources.Where(s => s.Year == 2017).ToList();
        Assert.True(s2017.Sum(s => s.AllocatedFen) >= s2017.Sum(s => s.AmountFen) * 0.99);

        // 如意社区: under construction and somewhat behind, houses built and handed over in part, some families in.
        var site = await db.SettlementSites.AsNoTracking().SingleAsync(s => s.Name == "如意社区");
        Assert.StartsWith("411321304", site.RegionCode, StringComparison.Ordinal);
        Assert.Equal(SettlementKind.Concentrated, site.Kind);
        var ruyi = projects.Single(p => p.Id == site.ProjectId);
        Assert.Equal((ProjectCategory.Relocation, "石门乡如意社区易地扶贫搬迁安置点建设项目"), (ruyi.Category, ruyi.Name));
        Assert.Contains(ruyi.Status, new[] { ScheduleStatus.AtRisk, ScheduleStatus.Late });
        Assert.Equal(ProjectStage.Implementing, ruyi.Stage);
        Assert.InRange(site.HousesPlanned, 190, 220);
        Assert.True(site.HousesHandedOver > 0 && site.HousesHandedOver < site.HousesBuilt && site.HousesBuilt < site.HousesPlanned);
        Assert.Contains(SiteFacility.CommunityCenter, site.Facilities);
        Assert.Contains(SiteFacility.Clinic, site.Facilities);
        var moved = await db.RelocatedHouseholds.AsNoTracking().Where(x => x.SiteId == site.Id).ToListAsync();
        Assert.InRange(moved.Count, 150, site.HousesPlanned);
        var movedIn = moved.Where(x => x.MovedInOn is not null).ToList();
        Assert.InRange(movedIn.Count, 10, site.HousesHandedOver);
        Assert.Contains(moved, x => x.MovedInOn is null);
        var ids = moved.Select(x => x.HouseholdId).ToList();
        var real = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.VillageCode, Persons = h.Members.Count }).ToDictionaryAsync(h => h.Id);
        Assert.Equal(moved.Count, real.Count);
        Assert.All(moved, x => Assert.Equal((real[x.HouseholdId].VillageCode, real[x.HouseholdId].Persons), (x.FromVillageCode, x.Persons)));
        Assert.True(moved.Count(x => x.FromVillageCode.StartsWith("411321304", StringComparison.Ordinal)) == moved.Count, "the 如意社区 families come from 石门乡");
        Assert.Contains(movedIn, x => x.StableJobs > 0);
        Assert.Contains(movedIn, x => x.IndustrySupport is not null);
        var working = (await db.WorkshopWorkers.Where(w => w.EndedOn == null).Select(w => w.HouseholdId).ToListAsync()).ToHashSet();
        Assert.Contains(movedIn, x => x.StableJobs == 0 && x.IndustrySupport is null && !working.Contains(x.HouseholdId));
        Assert.Contains(movedIn, x => working.Contains(x.HouseholdId));
        Assert.Equal(3, result.Sites);
        Assert.Single(await db.SettlementSites.Where(s => s.Kind == SettlementKind.Dispersed).ToListAsync());

        // Workshops: most open, two or three building with their project running, several in 石门乡.
        var shops = await db.Workshops.AsNoTracking().ToListAsync();
        Assert.InRange(shops.Count, 10, 15);
        Assert.True(shops.Count(w => w.VillageCode.StartsWith("411321304", StringComparison.Ordinal)) >= 3);
        var building = shops.Where(w => w.Status == WorkshopStatus.Building).ToList();
        Assert.InRange(building.Count, 2, 3);
        Assert.All(building, w => Assert.NotEqual(ScheduleStatus.Done, projects.Single(p => p.Id == w.ProjectId).Status));
        Assert.All(shops.Where(w => w.Status == WorkshopStatus.Operating), w =>
        {
            Assert.Equal(ProjectCategory.Workshop, projects.Single(p => p.Id == w.ProjectId).Category);
            Assert.True(w.WorkersTotal > 0 && w.OpenedOn <= today);
        });
        Assert.True(result.PoorWorkers >= 150, $"poor workers {result.PoorWorkers}");
        Assert.NotEmpty(await db.WorkshopWorkers.Where(w => w.EndedOn != null).ToListAsync());

        // The 艾草 park and its beneficiaries.
        var park = projects.Single(p => p.Name == "南召县艾草产业园");
        Assert.Equal(ProjectCategory.Industry, park.Category);
        Assert.True(await db.ProjectBeneficiaries.CountAsync(b => b.ProjectId == park.Id) >= 100);
        Assert.Contains(projects, p => p.Category == ProjectCategory.Transport && p.Name.Contains("通村道路硬化", StringComparison.Ordinal));
        Assert.Contains(projects, p => p.Category == ProjectCategory.Water && p.Name.Contains("安全饮水巩固提升", StringComparison.Ordinal));

        // Once is enough.
        var counts = await CountsAsync(db);
        await using (var again = _db.NewContext())
            Assert.Equal(SeedDemoProjectsResult.Empty, await new SeedDemoProjects(again, _db.Clock).HandleAsync(CancellationToken.None));
        Assert.Equal(counts, await CountsAsync(db));
    }

    [Fact]
    public async Task SeedDemoProjects_On20191231_ShowsTheLaterStateUnderTheSameInvariants()
    {
        var today = new DateOnly(2019, 12, 31);
        var result = await SeedAsync(today);
        await using var db = _db.NewContext();
        await AssertInvariantsAsync(db, today);

        var site = await db.SettlementSites.AsNoTracking().SingleAsync(s => s.Name == "如意社区");
        var ruyi = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == site.ProjectId);
        Assert.Equal(ScheduleStatus.Done, ruyi.Status);
        Assert.Equal(2, ruyi.PlanNumber);
        Assert.Equal((site.HousesPlanned, site.HousesPlanned), (site.HousesBuilt, site.HousesHandedOver));
        Assert.True(await db.RelocatedHouseholds.CountAsync(x => x.SiteId == site.Id && x.MovedInOn != null) > 150);
        Assert.True(await db.Workshops.AllAsync(w => w.Status == WorkshopStatus.Operating));
        var sources = await db.FundSources.AsNoTracking().ToListAsync();
        Assert.Equal(Enum.GetValues<FundKind>().Order(), sources.Where(s => s.Year == 2019).Select(s => s.Kind).Distinct().Order());
        var s2018 = sources.Where(s => s.Year == 2018).ToList();
        Assert.True(s2018.Sum(s => s.AllocatedFen) >= s2018.Sum(s => s.AmountFen) * 0.97);
        Assert.True(await db.Projects.CountAsync(p => p.Year == 2018 && p.Status == ScheduleStatus.Done) > result.Projects / 3);
        Assert.Equal(0, await db.Projects.CountAsync(p => p.ReturnedReason != null));
    }

    static async Task<(int, int, int, int, int, int, int, int, int)> CountsAsync(AppDbContext db) => (
        await db.Projects.CountAsync(), await db.ProjectEvents.CountAsync(), await db.ProgressReports.CountAsync(), await db.FundSources.CountAsync(),
        await db.FundAllocations.CountAsync(), await db.FundPayments.CountAsync(), await db.RelocatedHouseholds.CountAsync(),
        await db.WorkshopWorkers.CountAsync(), await db.WorkshopMonths.CountAsync());

    /// <summary>What the use cases enforce, checked row by row on what the seed wrote.</summary>
    static async Task AssertInvariantsAsync(AppDbContext db, DateOnly today)
    {
        var projects = await db.Projects.AsNoTracking().ToListAsync();
        var regions = (await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var events = (await db.ProjectEvents.AsNoTracking().ToListAsync()).ToLookup(e => e.ProjectId);
        var plans = (await db.ProjectPlans.AsNoTracking().Include(p => p.Milestones).ToListAsync()).ToLookup(p => p.ProjectId);
        var reports = (await db.ProgressReports.AsNoTracking().ToListAsync()).ToLookup(r => r.ProjectId);
        var allocations = await db.FundAllocations.AsNoTracking().ToListAsync();
        var payments = await db.FundPayments.AsNoTracking().ToListAsync();
        var sources = await db.FundSources.AsNoTracking().ToListAsync();

        Assert.Equal(projects.Count, projects.Select(p => p.Code).Distinct(StringComparer.Ordinal).Count());
        foreach (var p in projects)
        {
            Assert.Matches(@"^NZ20\d\d-[A-Z]{2}-\d{3}$", p.Code);
            Assert.Contains(p.RegionCode, regions);
            Assert.StartsWith("411321", p.RegionCode, StringComparison.Ordinal);
            Assert.Contains(p.RegionCode.Length, new[] { 9, 12 });

            // Stages: one Advanced event per stage reached, in order; dates never go back; a return is cleared by a resubmission.
            var list = events[p.Id].OrderBy(e => e.Id).ToList();
            Assert.All(list, e => Assert.True(e.On <= today && !string.IsNullOrWhiteSpace(e.By)));
            Assert.Equal(list.Select(e => e.On).Order(), list.Select(e => e.On));
            Assert.Equal(Enumerable.Range(1, (int)p.Stage).Select(s => (ProjectStage)s), list.Where(e => e.Action == ProjectAction.Advanced).Select(e => e.Stage));
            var lastTurn = list.LastOrDefault(e => e.Action is ProjectAction.Returned or ProjectAction.Resubmitted);
            if (lastTurn?.Action == ProjectAction.Returned)
                Assert.Equal((ProjectStage.Applied, lastTurn.Note), (p.Stage, p.ReturnedReason));
            else
                Assert.Null(p.ReturnedReason);

            // Plans: at 入库 and after; numbered 1, 2 …; each the reverse schedule of its chain; the project on the latest.
            var ps = plans[p.Id].OrderBy(x => x.Number).ToList();
            Assert.Equal(p.Stage >= ProjectStage.Pooled, ps.Count > 0);
            Assert.Equal(Enumerable.Range(1, ps.Count), ps.Select(x => x.Number));
            Assert.Equal(ps.Count, p.PlanNumber);
            foreach (var plan in ps)
            {
                Assert.True(plan.PlannedOn <= today);
                var stored = plan.Milestones.OrderBy(m => m.Seq).ToList();
                var chain = stored.Select(m => new MilestoneSpec(m.Name, m.DurationDays)).ToList();
                Assert.Equal(MilestoneTemplates.For(p.Category).Select(m => m.Name), chain.Select(m => m.Name));
                var expected = ProjectSchedule.Plan(chain, plan.Deadline, plan.PlannedOn);
                Assert.Equal(expected.Milestones, stored.Select(m => new ScheduledMilestone(m.Seq, m.Name, m.DurationDays, m.LatestStart, m.LatestFinish)));
            }
            var current = ps.LastOrDefault();
            Assert.Equal(current?.Deadline, p.Deadline);

            // Reports: dated by today, percents never falling; the project's status and percent those of ProjectSchedule today.
            var rs = reports[p.Id].ToList();
            Assert.All(rs, r => Assert.True(r.ReportedOn <= today && r.Percent is >= 0 and <= 100 && r.ReportedOn >= ps[0].PlannedOn));
            foreach (var g in rs.GroupBy(r => r.Seq))
            {
                var ordered = g.OrderBy(r => r.ReportedOn).Select(r => r.Percent).ToList();
                Assert.Equal(ordered.Order(), ordered);
            }
            if (current is null)
            {
                Assert.Equal((ScheduleStatus.NotPlanned, 0), (p.Status, p.Percent));
                Assert.Empty(rs);
            }
            else
            {
                var milestones = current.Milestones.OrderBy(m => m.Seq).Select(m => new ScheduledMilestone(m.Seq, m.Name, m.DurationDays, m.LatestStart, m.LatestFinish)).ToList();
                var states = ProjectSchedule.JudgeAll(milestones, rs, today);
                Assert.Equal((ProjectSchedule.Overall(states), ProjectSchedule.OverallPercent(states)), (p.Status, p.Percent));
                Assert.Equal(p.Stage >= ProjectStage.Accepted, states.Single(s => s.Plan.Name == "验收").Status == ScheduleStatus.Done);
            }

            // Money: the project's totals are the sums of its allocations.
            var mine = allocations.Where(a => a.ProjectId == p.Id).ToList();
            Assert.Equal((mine.Sum(a => a.AmountFen), mine.Sum(a => a.DisbursedFen), mine.Sum(a => a.SpentFen)), (p.AllocatedFen, p.DisbursedFen, p.SpentFen));
            Assert.True(p.AllocatedFen <= p.BudgetFen);
            if (mine.Count > 0) Assert.True(p.Stage >= ProjectStage.Pooled && mine.Min(a => a.AllocatedOn) >= ps[0].PlannedOn);
        }

        foreach (var s in sources)
        {
            Assert.True(s.ReceivedOn <= today && s.Year == s.ReceivedOn.Year);
            Assert.Equal(allocations.Where(a => a.SourceId == s.Id).Sum(a => a.AmountFen), s.AllocatedFen);
            Assert.InRange(s.AllocatedFen, 0, s.AmountFen);
        }
        var byId = sources.ToDictionary(s => s.Id);
        foreach (var a in allocations)
        {
            Assert.True(a.AllocatedOn <= today && a.AllocatedOn >= byId[a.SourceId].ReceivedOn && a.AmountFen > 0);
            var mine = payments.Where(x => x.AllocationId == a.Id).OrderBy(x => x.PaidOn).ThenBy(x => x.Id).ToList();
            Assert.All(mine, x => Assert.True(x.ProjectId == a.ProjectId && x.SourceId == a.SourceId && x.CountyCode == "411321" && x.PaidOn <= today && x.PaidOn >= a.AllocatedOn && x.AmountFen > 0));
            Assert.Equal(mine.Where(x => x.Kind == PaymentKind.Disbursement).Sum(x => x.AmountFen), a.DisbursedFen);
            Assert.Equal(mine.Where(x => x.Kind == PaymentKind.Expenditure).Sum(x => x.AmountFen), a.SpentFen);
            // Never beyond the limit on any day: spent ≤ disbursed ≤ allocated as the payments came.
            long disbursed = 0, spent = 0;
            foreach (var x in mine)
            {
                if (x.Kind == PaymentKind.Disbursement) disbursed += x.AmountFen;
                else spent += x.AmountFen;
                Assert.True(spent <= disbursed && disbursed <= a.AmountFen);
            }
        }
        Assert.Equal(payments.Count, payments.Select(x => x.VoucherNo).Distinct(StringComparer.Ordinal).Count());

        // Sites, relocated households, workshops, workers, months: nothing ahead of today, real registry rows.
        var sites = await db.SettlementSites.AsNoTracking().ToListAsync();
        var relocated = await db.RelocatedHouseholds.AsNoTracking().ToListAsync();
        Assert.Equal(relocated.Count, relocated.Select(x => x.HouseholdId).Distinct().Count());
        Assert.All(relocated, x => Assert.True(x.MovedInOn is null || x.MovedInOn <= today));
        foreach (var s in sites)
        {
            Assert.Contains(s.RegionCode, regions);
            Assert.True(s.HousesHandedOver <= s.HousesBuilt && s.HousesBuilt <= s.HousesPlanned);
            Assert.True(relocated.Count(x => x.SiteId == s.Id && x.MovedInOn != null) <= s.HousesHandedOver);
            Assert.True(relocated.Where(x => x.SiteId == s.Id).Sum(x => x.Persons) <= s.CapacityPersons);
        }
        var householdIds = relocated.Select(x => x.HouseholdId).ToList();
        Assert.Equal(householdIds.Count, await db.Households.CountAsync(h => householdIds.Contains(h.Id)));

        var shops = await db.Workshops.AsNoTracking().ToListAsync();
        var workers = await db.WorkshopWorkers.AsNoTracking().ToListAsync();
        var memberIds = workers.Select(w => w.MemberId).ToList();
        var members = await db.Members.AsNoTracking().Include(m => m.Household).Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        Assert.Equal(workers.Count, members.Count);
        foreach (var w in workers)
        {
            var m = members[w.MemberId];
            var shop = shops.Single(s => s.Id == w.WorkshopId);
            Assert.True(w.StartedOn <= today && (w.EndedOn is null || (w.EndedOn <= today && w.EndedOn > w.StartedOn)));
            Assert.True(shop.OpenedOn <= w.StartedOn);
            Assert.Equal((m.HouseholdId, m.Household!.VillageCode), (w.HouseholdId, w.VillageCode));
            Assert.StartsWith(shop.VillageCode[..9], w.VillageCode, StringComparison.Ordinal);
            Assert.InRange(m.AgeOn(w.StartedOn), 18, 60);
            Assert.Contains(m.LabourSkill, new[] { LabourSkill.Ordinary, LabourSkill.Skilled });
            Assert.InRange(w.MonthlyWageFen, 1500 * 100, 2800 * 100);
        }
        var months = await db.WorkshopMonths.AsNoTracking().ToListAsync();
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        foreach (var shop in shops)
        {
            Assert.Contains(shop.VillageCode, regions);
            var mine = months.Where(m => m.WorkshopId == shop.Id).OrderBy(m => m.Month).Select(m => m.Month).ToList();
            if (shop.OpenedOn is not { } opened)
            {
                Assert.Equal(WorkshopStatus.Building, shop.Status);
                Assert.Empty(mine);
                continue;
            }
            var first = new DateOnly(opened.Year, opened.Month, 1);
            Assert.Equal(Enumerable.Range(0, ((thisMonth.Year - first.Year) * 12) + thisMonth.Month - first.Month).Select(first.AddMonths), mine);
        }
        Assert.All(months, m => Assert.True(m.PoorWorkers <= m.Workers && m.PoorWagesFen <= m.WagesFen && m.Month < thisMonth));

        var benefitIds = await db.ProjectBeneficiaries.Select(b => b.HouseholdId).Distinct().ToListAsync();
        Assert.Equal(benefitIds.Count, await db.Households.CountAsync(h => benefitIds.Contains(h.Id)));
    }
}
