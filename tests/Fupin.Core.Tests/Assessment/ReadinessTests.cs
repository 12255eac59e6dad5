using Fupin.Assessment;
using Fupin.Common;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>
/// A hand-built county for village and county exit, year 2018 (line 3535), as of 2018-10-08.
/// <code>
/// township 411321304            township 411321100
///   V1 411321304201 贫困村 人口50, exited 2017    V3 411321100201 贫困村 人口100 (卫生室 not met)
///   V2 411321304202 贫困村 人口100                 V4 411321100202 非贫困村 人口150
///
///       village status  persons planned  income
///   H1  V1  已脱贫  3
///   H2  V1  已脱贫  2
///   H3  V1  未脱贫  1       2019
///   H4  V2  未脱贫  2       2018     2018: 4000/person (passes 3535)
///   H5  V2  已脱贫  4
///   H6  V3  未脱贫  1       2018     2017 only: 3400/person (below 2018's 3535)
///   H7  V3  已脱贫  3
///   H8  V3  已脱贫  2
///   H9  V4  已脱贫  2
///   H10 V4  未脱贫  1       2018     2017 only: 4000/person (passes 3535)
///   H11 V4  已脱贫  3
///   H12 V4  已脱贫  0 members besides the head → 1
/// </code>
/// Registered persons 3+2+1+2+4+1+3+2+2+1+3+1 = 25; remaining poor H3+H4+H6+H10 = 1+2+1+1 = 5; exited 20.
/// 农村户籍人口 50+100+100+150 = 400; 非建档立卡农村人口 400 − 25 = 375.
/// Village incidence: V1 1/50 = 2% (exited anyway), V2 2/100 = 2.00% (not below 2%: fails), V3 1/100 = 1%, V4 1/150.
/// </summary>
public static class HandBuiltCounty
{
    public const string V1 = "411321304201", V2 = "411321304202", V3 = "411321100201", V4 = "411321100202";

    public static async Task BuildAsync(TestDatabase db)
    {
        await RegistryBuilder.EnsureVillageAsync(db, V1, "石门村");
        await RegistryBuilder.EnsureVillageAsync(db, V2, "竹园村");
        await RegistryBuilder.EnsureVillageAsync(db, V3, "北关村");
        await RegistryBuilder.EnsureVillageAsync(db, V4, "南关村", poor: false);
        await using (var ctx = db.NewContext())
        {
            foreach (var (code, pop, exit) in new[] { (V1, 50, (int?)2017), (V2, 100, null), (V3, 100, null), (V4, 150, null) })
            {
                var r = await ctx.Regions.SingleAsync(x => x.Code == code);
                (r.RuralPopulation, r.ExitYear) = (pop, exit);
            }
            await ctx.SaveChangesAsync();
        }
        await AddAsync(db, "H1", V1, PovertyStatus.ExitedWithPolicy, 3);
        await AddAsync(db, "H2", V1, PovertyStatus.ExitedWithPolicy, 2);
        await AddAsync(db, "H3", V1, PovertyStatus.NotExited, 1, 2019);
        await AddAsync(db, "H4", V2, PovertyStatus.NotExited, 2, 2018, (2018, 400_000));
        await AddAsync(db, "H5", V2, PovertyStatus.ExitedWithPolicy, 4);
        await AddAsync(db, "H6", V3, PovertyStatus.NotExited, 1, 2018, (2017, 340_000));
        await AddAsync(db, "H7", V3, PovertyStatus.ExitedWithPolicy, 3);
        await AddAsync(db, "H8", V3, PovertyStatus.ExitedWithPolicy, 2);
        await AddAsync(db, "H9", V4, PovertyStatus.ExitedWithPolicy, 2);
        await AddAsync(db, "H10", V4, PovertyStatus.NotExited, 1, 2018, (2017, 400_000));
        await AddAsync(db, "H11", V4, PovertyStatus.ExitedWithoutPolicy, 3);
        await AddAsync(db, "H12", V4, PovertyStatus.ExitedWithPolicy, 1);

        // 2018 checklist: V2 meets all nine required items; V3 lacks 有标准化卫生室 (item 7); V1 and V4 answer nothing.
        await using (var ctx = db.NewContext())
        {
            foreach (var village in new[] { V2, V3 })
            {
                foreach (var item in VillageChecklistItem.Seed.Where(i => i.Required))
                {
                    ctx.VillageChecklistAnswers.Add(new VillageChecklistAnswer
                    {
                        CountyCode = RegistryBuilder.County, VillageCode = village, Year = 2018, ItemId = item.Id,
                        Met = !(village == V3 && item.Key == "clinic"), RecordedBy = "test",
                    });
                }
            }
            ctx.CountyExitPlans.Add(new CountyExitPlan { CountyCode = RegistryBuilder.County, TargetDate = new DateOnly(2019, 12, 31), UpdatedBy = "test" });
            await ctx.SaveChangesAsync();
        }
    }

    static async Task AddAsync(TestDatabase db, string head, string village, PovertyStatus status, int persons, int? planned = null, (int Year, long PerCapitaFen)? income = null)
    {
        await using var ctx = db.NewContext();
        var h = RegistryBuilder.Household(h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.PlannedExitYear = planned;
            h.ExitYear = status == PovertyStatus.NotExited ? null : 2016;
            h.Members[0].Name = head;
            for (var i = 1; i < persons; i++) h.Members.Add(RegistryBuilder.Member(h));
            if (income is { } inc) h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = inc.Year, HouseholdSize = persons, Wage = inc.PerCapitaFen * persons });
        });
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
    }

    public static async Task<long> HouseholdIdAsync(TestDatabase db, string head)
    {
        await using var ctx = db.NewContext();
        return await ctx.Households.Where(h => h.Members.Any(m => m.Name == head)).Select(h => h.Id).SingleAsync();
    }

    /// <summary>A 2018 sample whose rows are given with their results: (village, frame, head or null, persons, wrong, missed, approves); null persons = not surveyed.</summary>
    public static async Task<long> SampleAsync(TestDatabase db, params (string Village, SampleFrame Frame, string? Head, int? Persons, int? Wrong, int? Missed, bool? Approves)[] rows)
    {
        await using var ctx = db.NewContext();
        var sample = new EvaluationSample { CountyCode = RegistryBuilder.County, Year = 2018, Name = "自查抽样", Seed = 7, Parameters = "{}", DrawnBy = "test" };
        ctx.EvaluationSamples.Add(sample);
        await ctx.SaveChangesAsync();
        var slot = 0;
        foreach (var r in rows)
        {
            ctx.SampledHouseholds.Add(new SampledHousehold
            {
                SampleId = sample.Id, CountyCode = RegistryBuilder.County, VillageCode = r.Village, Frame = r.Frame, Slot = ++slot,
                HouseholdId = r.Head is null ? null : await HouseholdIdAsync(db, r.Head),
                SurveyedOn = r.Persons is null ? null : new DateOnly(2018, 9, 20), Surveyor = r.Persons is null ? null : "李评估",
                Persons = r.Persons, WrongExitPersons = r.Wrong, MissedPersons = r.Missed, Approves = r.Persons is null ? null : r.Approves,
                HeadName = r.Frame == SampleFrame.NonRegistered && r.Persons is not null ? "王某" : null,
            });
        }
        await ctx.SaveChangesAsync();
        return sample.Id;
    }
}

public class ReadinessTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await HandBuiltCounty.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<CountyReadiness> ReadinessAsync(bool project = false, DateOnly? asOf = null)
    {
        await using var ctx = _db.NewContext();
        var result = await new GetCountyReadiness(ctx, _db.Clock).HandleAsync(new GetCountyReadinessRequest(RegistryBuilder.County, asOf, project), null, default);
        Assert.True(result.IsOk, result.Failure?.Message);
        return result.Value;
    }

    static ReadinessIndicator Get(CountyReadiness r, string key) => r.Indicators.Single(i => i.Key == key);

    /// <summary>
    /// The sample: exited frame H1 3, H5 4, H7 3, H9 2 persons, no wrong exits → 错退率 0/12 = 0 (passes).
    /// Non-registered slots: 4 persons (0 missed), 5 persons (1 missed), 1 person (0), and one slot not yet visited
    /// → 漏评率 1/10 = 10% (fails 2%).
    /// 认可: H1 H5 H7 H9 yes, H3 H4 (poor frame) yes, H6 no, the three visited slots yes → 9/10 = 90% (exactly 90% passes).
    /// 综合贫困发生率 = (5 + 0 × 20 + 0.1 × 375) / 400 = 42.5 / 400 = 10.625% (fails).
    /// 贫困村退出比例: V1 exited of V1, V2, V3 → 1/3 = 33.33% (fails Henan's 90%).
    /// </summary>
    static (string, SampleFrame, string?, int?, int?, int?, bool?)[] MainSample =>
    [
        (HandBuiltCounty.V1, SampleFrame.Exited, "H1", 3, 0, null, true),
        (HandBuiltCounty.V2, SampleFrame.Exited, "H5", 4, 0, null, true),
        (HandBuiltCounty.V3, SampleFrame.Exited, "H7", 3, 0, null, true),
        (HandBuiltCounty.V4, SampleFrame.Exited, "H9", 2, 0, null, true),
        (HandBuiltCounty.V1, SampleFrame.Poor, "H3", 1, null, null, true),
        (HandBuiltCounty.V2, SampleFrame.Poor, "H4", 2, null, null, true),
        (HandBuiltCounty.V3, SampleFrame.Poor, "H6", 1, null, null, false),
        (HandBuiltCounty.V1, SampleFrame.NonRegistered, null, 4, null, 0, true),
        (HandBuiltCounty.V3, SampleFrame.NonRegistered, null, 5, null, 1, true),
        (HandBuiltCounty.V4, SampleFrame.NonRegistered, null, 1, null, 0, true),
        (HandBuiltCounty.V2, SampleFrame.NonRegistered, null, null, null, null, null),
    ];

    [Fact]
    public async Task Readiness_HandBuiltCounty_IndicatorsAndVerdictMatchTheHandComputation()
    {
        var sampleId = await HandBuiltCounty.SampleAsync(_db, MainSample);
        var r = await ReadinessAsync();
        Assert.Equal((new DateOnly(2018, 10, 8), 2018), (r.AsOf, r.Year));

        var incidence = Get(r, "incidence");
        Assert.Equal(0.10625m, incidence.Value);
        Assert.Equal(ReadinessState.Fail, incidence.State);
        Assert.Equal("10.63%", incidence.ValueText);
        Assert.Equal(["5", "0.00%", "20", "0", "10.00%", "375", "37.5", "400"], incidence.Parts.Select(p => p.Value));

        var wrong = Get(r, "wrongExit");
        Assert.Equal((0m, ReadinessState.Pass), (wrong.Value, wrong.State));
        var missed = Get(r, "missed");
        Assert.Equal((0.1m, ReadinessState.Fail), (missed.Value, missed.State));
        var approval = Get(r, "approval");
        Assert.Equal((0.9m, ReadinessState.Pass), (approval.Value, approval.State));
        var villages = Get(r, "villages");
        Assert.Equal(ReadinessState.Fail, villages.State);
        Assert.Equal(1m / 3m, villages.Value);
        Assert.Equal([HandBuiltCounty.V3, HandBuiltCounty.V2], villages.Items);

        // The lists behind: the missed slot, the one household not approving.
        await using var ctx = _db.NewContext();
        var rows = await ctx.SampledHouseholds.Where(h => h.SampleId == sampleId).ToListAsync();
        Assert.Equal([rows.Single(x => x.MissedPersons == 1).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], missed.Items);
        Assert.Equal([rows.Single(x => x.Approves == false).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], approval.Items);

        Assert.False(r.Passes);
        Assert.Equal("未达到贫困县退出标准：综合贫困发生率10.63%，未低于2.00%；贫困人口漏评率10.00%，超过2.00%；贫困村退出比例33.33%，低于90.00%", r.Verdict);
        Assert.Equal((449, "距摘帽目标还有449天（不足500天）"), (r.Countdown.Days, r.Countdown.Text));
        Assert.Equal((11, 10, 12, 0, 10, 1, 10, 9), (r.Sample!.Slots, r.Sample.Surveyed, r.Sample.ExitedPersons, r.Sample.WrongExitPersons,
            r.Sample.NonRegisteredPersons, r.Sample.MissedPersons, r.Sample.ApprovalHouseholds, r.Sample.ApprovingHouseholds));
    }

    [Fact]
    public async Task Readiness_IncidenceExactlyTwoPercentFails_JustBelowPasses_WrongExitExactlyTwoPercentPasses()
    {
        // 错退: 25 persons with 1 wrong and 25 with none → 1/50 = 2% exactly: “must not exceed” passes.
        // 漏评 0/8; 认可 4/4. Non-poor V4's population set to 0: 农村户籍人口 250, 非建档立卡 250 − 25 = 225.
        // 综合 = (5 + 0.02 × 20 + 0 × 225) / 250 = 5.4 / 250 = 2.16% — fails; so take the wrong exits out to test the edge:
        await HandBuiltCounty.SampleAsync(_db,
            (HandBuiltCounty.V1, SampleFrame.Exited, "H1", 25, 1, null, true),
            (HandBuiltCounty.V2, SampleFrame.Exited, "H5", 25, 0, null, true),
            (HandBuiltCounty.V1, SampleFrame.NonRegistered, null, 8, null, 0, true),
            (HandBuiltCounty.V3, SampleFrame.Poor, "H6", 1, null, null, true));
        await SetPopulationAsync(HandBuiltCounty.V4, 0);
        var r = await ReadinessAsync();
        Assert.Equal((0.02m, ReadinessState.Pass), (Get(r, "wrongExit").Value, Get(r, "wrongExit").State));
        Assert.Equal((0.0216m, ReadinessState.Fail), (Get(r, "incidence").Value, Get(r, "incidence").State));

        // A later sample without wrong exits: 综合 = 5 / 250 = 2.00% exactly — not below 2%: fails.
        await HandBuiltCounty.SampleAsync(_db,
            (HandBuiltCounty.V1, SampleFrame.Exited, "H1", 3, 0, null, true),
            (HandBuiltCounty.V1, SampleFrame.NonRegistered, null, 8, null, 0, true));
        r = await ReadinessAsync();
        Assert.Equal((0.02m, ReadinessState.Fail), (Get(r, "incidence").Value, Get(r, "incidence").State));
        Assert.Contains("综合贫困发生率2.00%，未低于2.00%", r.Verdict, StringComparison.Ordinal);

        // One more rural person: 5 / 251 = 1.992% passes.
        await SetPopulationAsync(HandBuiltCounty.V4, 1);
        r = await ReadinessAsync();
        Assert.Equal(ReadinessState.Pass, Get(r, "incidence").State);
        Assert.Equal(5m / 251m, Get(r, "incidence").Value);

        // The western standard (3%) for the province makes 2.00% pass too.
        await SetPopulationAsync(HandBuiltCounty.V4, 0);
        await using (var ctx = _db.NewContext())
        {
            var std = await ctx.ExitStandards.SingleAsync(s => s.ProvinceCode == "41");
            (std.CountyIncidenceMax, std.VillageIncidenceMax) = (0.03m, 0.03m);
            await ctx.SaveChangesAsync();
        }
        r = await ReadinessAsync();
        Assert.Equal((0.02m, 0.03m, ReadinessState.Pass), (Get(r, "incidence").Value, Get(r, "incidence").Threshold, Get(r, "incidence").State));
    }

    [Fact]
    public async Task Readiness_NoSample_RatesAreNoDataAndTheVerdictSaysSo()
    {
        // Every poor village exited, so only the missing sample stands between the county and a verdict.
        await using (var ctx = _db.NewContext())
        {
            foreach (var code in new[] { HandBuiltCounty.V2, HandBuiltCounty.V3 }) (await ctx.Regions.SingleAsync(x => x.Code == code)).ExitYear = 2017;
            await ctx.SaveChangesAsync();
        }
        var r = await ReadinessAsync();
        Assert.Equal(ReadinessState.NoData, Get(r, "wrongExit").State);
        Assert.Equal(ReadinessState.NoData, Get(r, "missed").State);
        Assert.Equal(ReadinessState.NoData, Get(r, "approval").State);
        Assert.Null(Get(r, "approval").Value);
        // 5 / 400 = 1.25% counting no wrong exits or missed persons: a lower bound, not a pass.
        Assert.Equal((0.0125m, ReadinessState.NoData), (Get(r, "incidence").Value, Get(r, "incidence").State));
        Assert.Equal((1m, ReadinessState.Pass), (Get(r, "villages").Value, Get(r, "villages").State));
        Assert.Null(r.Passes);
        Assert.Null(r.Sample);
        Assert.StartsWith("尚不能判定：", r.Verdict, StringComparison.Ordinal);
        Assert.Contains("脱贫人口错退率无数据（没有2018年及以前的评估抽样", r.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ProjectPlannedExits_PassingPlannedHouseholdsExitAndTheOthersAreListed()
    {
        // Planned for 2018: H4 (2018 income 4000 ≥ 3535: exits), H6 (no 2018 income; 2017's 3400 < 3535: stays),
        // H10 (no 2018 income; 2017's 4000 ≥ 3535: exits). H3 is planned for 2019: not a candidate.
        // Remaining poor 5 − (2 + 1) = 2; exited 20 + 3 = 23. No sample: 综合 lower bound 2 / 400 = 0.5%.
        // V2: (2 − 2) / 100 = 0 and every item met → 可退出, counted as exited: villages 2/3.
        var r = await ReadinessAsync(project: true);
        Assert.True(r.Projected);
        var p = r.Villages.Projected.OrderBy(x => x.Head, StringComparer.Ordinal).ToList();
        Assert.Equal(["H10", "H4", "H6"], p.Select(x => x.Head));
        Assert.Equal([true, true, false], p.Select(x => x.Exits));
        Assert.Equal([(int?)2017, 2018, 2017], p.Select(x => x.IncomeYear));
        Assert.StartsWith("2018年无收入记录，按2017年收入对照2018年贫困线3535元", p[2].Reason, StringComparison.Ordinal);
        Assert.Contains("收入不达标", p[2].Reason, StringComparison.Ordinal);

        Assert.Equal(0.005m, Get(r, "incidence").Value);
        Assert.Equal(["2", "—", "23"], Get(r, "incidence").Parts.Take(3).Select(x => x.Value));
        Assert.Equal([(await HandBuiltCounty.HouseholdIdAsync(_db, "H6")).ToString(System.Globalization.CultureInfo.InvariantCulture)], Get(r, "incidence").Items);
        var v2 = r.Villages.Villages.Single(v => v.Code == HandBuiltCounty.V2);
        Assert.Equal((VillageExitState.Ready, 0m, 2), (v2.State, v2.Incidence!.Value, v2.ProjectedExitPersons));
        Assert.Equal(2m / 3m, Get(r, "villages").Value);
    }

    [Fact]
    public void Countdown_FromTheBusinessDateToTheTarget_Is449DaysUnder500()
    {
        var c = GetCountyReadiness.Countdown(new DateOnly(2019, 12, 31), new DateOnly(2018, 10, 8));
        // 2018-10-08 → 2019-10-08 is 365 days; then 23 (rest of October) + 30 + 31 = 84: 449.
        Assert.Equal((449, "距摘帽目标还有449天（不足500天）"), (c.Days!.Value, c.Text));
        Assert.Equal("距摘帽目标还有500天", GetCountyReadiness.Countdown(new DateOnly(2019, 12, 31), new DateOnly(2018, 8, 18)).Text);
        Assert.Equal("摘帽目标日已过1天", GetCountyReadiness.Countdown(new DateOnly(2019, 12, 31), new DateOnly(2020, 1, 1)).Text);
        Assert.Equal("未设定摘帽目标日期", GetCountyReadiness.Countdown(null, new DateOnly(2018, 10, 8)).Text);
    }

    [Fact]
    public async Task ExitStandard_WesternProvinceUsesThreePercent_HenanNinetyPercentVillages_OthersNational()
    {
        await using var ctx = _db.NewContext();
        var get = new GetExitStandard(ctx);
        var sichuan = await get.HandleAsync("511321", default);
        Assert.Equal((0.03m, 0.03m, null), (sichuan.VillageIncidenceMax, sichuan.CountyIncidenceMax, sichuan.ExitedPoorVillagesMin));
        var henan = await get.HandleAsync(RegistryBuilder.County, default);
        Assert.Equal((0.02m, 0.02m, 0.90m), (henan.VillageIncidenceMax, henan.CountyIncidenceMax, henan.ExitedPoorVillagesMin));
        Assert.Same(ExitStandard.National, await get.HandleAsync("110101", default));
    }

    async Task SetPopulationAsync(string code, int population)
    {
        await using var ctx = _db.NewContext();
        (await ctx.Regions.SingleAsync(x => x.Code == code)).RuralPopulation = population;
        await ctx.SaveChangesAsync();
    }
}
