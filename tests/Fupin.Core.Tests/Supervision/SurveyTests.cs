using Fupin.Accounts;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Testing;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Supervision;

/// <summary>
/// A hand-built registry for satisfaction surveys (households by village; E = exited with policy, W = exited without
/// policy, N = not exited):
/// <code>
/// township 411321304 石门乡          township 411321100 城关镇
///   A 411321304201  8 E, 4 N (12)     D 411321100201  6 E, 4 N (10)
///   B 411321304202  2 E, 1 W, 3 N (6) E 411321100202  2 E, 2 N (4)
///   C 411321304203  3 E, 2 N (5)
/// </code>
/// 37 households in all.
/// </summary>
public class SurveyTests : IAsyncLifetime
{
    public const string A = "411321304201", B = "411321304202", C = "411321304203", D = "411321100201", E = "411321100202";
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static async Task BuildAsync(TestDatabase db)
    {
        foreach (var (code, name) in new[] { (A, "石门村"), (B, "竹园村"), (C, "东坪村"), (D, "北关村"), (E, "南关村") })
            await RegistryBuilder.EnsureVillageAsync(db, code, name);
        await using var ctx = db.NewContext();
        var n = 0;
        foreach (var (village, exited, without, poor) in new[] { (A, 8, 0, 4), (B, 2, 1, 3), (C, 3, 0, 2), (D, 6, 0, 4), (E, 2, 0, 2) })
        {
            var statuses = Enumerable.Repeat(PovertyStatus.ExitedWithPolicy, exited).Concat(Enumerable.Repeat(PovertyStatus.ExitedWithoutPolicy, without))
                .Concat(Enumerable.Repeat(PovertyStatus.NotExited, poor));
            foreach (var status in statuses)
            {
                var k = ++n;
                ctx.Households.Add(RegistryBuilder.Household(h =>
                {
                    h.VillageCode = village;
                    h.Number = village + k.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                    h.Status = status;
                    h.Members[0].Name = "户主" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }));
            }
        }
        await ctx.SaveChangesAsync();
    }

    async Task<Result<SatisfactionSurveyDrawn>> DrawAsync(int? seed, SurveyParameters? p, Role role = Role.CountyAdmin)
    {
        await using var ctx = _db.NewContext();
        return await new DrawSatisfactionSurvey(ctx, _db.Clock).HandleAsync(
            new DrawSatisfactionSurveyRequest(RegistryBuilder.County, 2018, null, null, seed, p, "县扶贫办", role), default);
    }

    async Task<List<(string Village, long Household, int Slot, PovertyStatus Status)>> SampleAsync(long id)
    {
        await using var ctx = _db.NewContext();
        return [.. (await (from s in ctx.SurveyedHouseholds
                           join h in ctx.Households on s.HouseholdId equals h.Id
                           where s.SurveyId == id
                           orderby s.VillageCode, s.Slot
                           select new { s.VillageCode, s.HouseholdId, s.Slot, h.Status }).ToListAsync())
            .Select(x => (x.VillageCode, x.HouseholdId, x.Slot, x.Status))];
    }

    /// <summary>Answers to every required question of the default questionnaire, with the overall answer given.</summary>
    static Dictionary<string, string?> Answers(string approve) => new(StringComparer.Ordinal)
    {
        ["registered"] = "是", ["cadre_known"] = "是", ["cadre_visits"] = "经常上门", ["team_known"] = "是", ["measures_known"] = "是",
        ["measures"] = "满意", ["exit"] = "认可", ["cadres"] = "满意", ["policy_education"] = "不适用", ["policy_health"] = "满意",
        ["policy_housing"] = "基本满意", ["policy_water"] = "满意", ["approve"] = approve,
    };

    async Task<Result<SurveyAnswersSaved>> RecordAsync(long row, IReadOnlyDictionary<string, string?>? answers, long? version = null, string? unreached = null, DateOnly? on = null)
    {
        await using var ctx = _db.NewContext();
        return await new RecordSurveyAnswers(ctx, _db.Clock).HandleAsync(new RecordSurveyAnswersRequest(
            row, version, on ?? new DateOnly(2018, 9, 20), "李调查", answers, unreached, null, "县扶贫办", Role.CountyAdmin), default);
    }

    static string[] Codes<T>(Result<T> result) => [.. result.Failure!.Errors.Select(e => e.Code)];

    [Fact]
    public async Task DefaultTemplate_SeededOnce_WithExactlyOneApprovalQuestion()
    {
        await using var ctx = _db.NewContext();
        var first = await DefaultSurveyTemplate.EnsureAsync(ctx, RegistryBuilder.County, "test", default);
        var second = await DefaultSurveyTemplate.EnsureAsync(ctx, RegistryBuilder.County, "test", default);
        Assert.Equal(first, second);
        Assert.Equal(1, await ctx.ChecklistTemplates.CountAsync(t => t.Kind == ChecklistKind.Survey));
        var approval = await ctx.ChecklistQuestions.Where(q => q.TemplateId == first && q.CountsForApproval).ToListAsync();
        Assert.Equal(("approve", "不认可"), (Assert.Single(approval).Code, approval[0].FailValues));
    }

    [Fact]
    public async Task Draw_SameSeedDrawsTheSameSample_DifferentSeedAnother()
    {
        var p = new SurveyParameters(VillagesPerTownship: 2, HouseholdsPerVillage: 3);
        var first = await SampleAsync((await DrawAsync(42, p)).Value!.Id);
        var again = await SampleAsync((await DrawAsync(42, p)).Value!.Id);
        var other = await SampleAsync((await DrawAsync(43, p)).Value!.Id);
        Assert.Equal(12, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(x => x.Household), other.Select(x => x.Household));
    }

    [Fact]
    public async Task Draw_RespectsTownshipAndVillageStrataAndTheExitedShare()
    {
        // 2 villages in each township (石门乡 2 of 3, 城关镇 both), 4 households each, half exited.
        var drawn = (await DrawAsync(7, new SurveyParameters(VillagesPerTownship: 2, HouseholdsPerVillage: 4, ExitedShare: 0.5m))).Value!;
        Assert.Equal((4, 16, 8, 8), (drawn.Villages, drawn.Households, drawn.Exited, drawn.NotExited));
        var rows = await SampleAsync(drawn.Id);
        Assert.Equal(2, rows.Select(r => r.Village).Distinct().Count(v => v.StartsWith("411321304", StringComparison.Ordinal)));
        Assert.Equal([D, E], rows.Select(r => r.Village).Distinct().Where(v => v.StartsWith("411321100", StringComparison.Ordinal)));
        foreach (var village in rows.GroupBy(r => r.Village))
        {
            Assert.Equal([1, 2, 3, 4], village.Select(r => r.Slot));
            Assert.Equal(2, village.Count(r => r.Status != PovertyStatus.NotExited));
        }
    }

    [Fact]
    public async Task Draw_AllVillagesAllExited_IncludesHouseholdsExitedWithoutPolicy()
    {
        // Village B has 3 exited households, one of them no longer receiving policies; ExitedShare 1 takes all three.
        // E has only 2 exited households: its third comes from the not-exited ones. 3+3+3+3+2 = 14 exited, 1 not.
        var drawn = (await DrawAsync(1, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 3, ExitedShare: 1m))).Value!;
        Assert.Equal((5, 15, 14, 1), (drawn.Villages, drawn.Households, drawn.Exited, drawn.NotExited));
        var b = (await SampleAsync(drawn.Id)).Where(r => r.Village == B).ToList();
        Assert.Contains(b, r => r.Status == PovertyStatus.ExitedWithoutPolicy);
    }

    [Fact]
    public async Task Draw_TotalHouseholdsSharedByVillageSize()
    {
        // 37 households, 10 drawn over the villages in code order D E A B C: each 1 first, the other 5 by the remaining
        // capacity (9, 3, 11, 5, 4 of 32): 1.41, 0.47, 1.72, 0.78, 0.63 → floors D 1, A 1 and the three largest
        // remainders (B .78, A .72, C .63) → D 2, E 1, A 3, B 2, C 2.
        var drawn = (await DrawAsync(5, new SurveyParameters(VillagesPerTownship: null, Households: 10))).Value!;
        var rows = await SampleAsync(drawn.Id);
        Assert.Equal([(D, 2), (E, 1), (A, 3), (B, 2), (C, 2)], rows.GroupBy(r => r.Village).Select(g => (g.Key, g.Count())));
    }

    [Fact]
    public async Task Draw_RefusesAFutureYearBothSizesAndOtherRoles_WritingNothing()
    {
        await using (var ctx = _db.NewContext())
        {
            var r = await new DrawSatisfactionSurvey(ctx, _db.Clock).HandleAsync(new DrawSatisfactionSurveyRequest(RegistryBuilder.County, 2019, null, null, 1,
                new SurveyParameters(HouseholdsPerVillage: 5, Households: 20), "x", Role.CountyAdmin), default);
            Assert.Equal(["year.invalid", "survey.households_both"], Codes(r));
        }
        Assert.Equal([SupervisionRoles.NotAllowedCode], Codes(await DrawAsync(1, null, Role.TownshipOfficer)));
        await using var read = _db.NewContext();
        Assert.Equal(0, await read.SatisfactionSurveys.CountAsync());
        Assert.Equal(0, await read.ChecklistTemplates.CountAsync());
    }

    [Fact]
    public async Task Record_ApprovalFollowsTheApprovalQuestion_ReentryReplacesAnswers_StaleVersionConflicts()
    {
        var drawn = (await DrawAsync(3, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 2))).Value!;
        long row;
        await using (var ctx = _db.NewContext()) row = await ctx.SurveyedHouseholds.Where(h => h.SurveyId == drawn.Id).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();

        var basic = await RecordAsync(row, Answers("基本认可"), version: 0);
        Assert.Equal((true, 1L), (basic.Value!.Approves, basic.Value.Version));
        var answers = Answers("不认可");
        answers.Remove("exit");
        var no = await RecordAsync(row, answers, version: 1);
        Assert.False(no.Value!.Approves);
        Assert.Equal(FailureKind.Conflict, (await RecordAsync(row, Answers("认可"), version: 1)).Failure!.Kind);

        await using var read = _db.NewContext();
        var saved = await read.SurveyAnswers.Where(a => a.SurveyedHouseholdId == row).ToDictionaryAsync(a => a.QuestionCode, a => a.Value);
        Assert.Equal(12, saved.Count);
        Assert.Equal("不认可", saved["approve"]);
        Assert.False(saved.ContainsKey("exit"));
        Assert.False((await read.SurveyedHouseholds.SingleAsync(h => h.Id == row)).Approves);
    }

    [Fact]
    public async Task Record_InvalidAnswersAreRefused_LeavingNothing()
    {
        var drawn = (await DrawAsync(3, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 2))).Value!;
        long row;
        await using (var ctx = _db.NewContext()) row = await ctx.SurveyedHouseholds.Where(h => h.SurveyId == drawn.Id).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();

        var answers = Answers("很认可");
        answers.Remove("measures");
        answers["registered"] = "也许";
        answers["unknown_q"] = "是";
        var r = await RecordAsync(row, answers);
        Assert.Equal(["survey.answer_unknown", "survey.answer_option", "survey.answer_required", "survey.answer_option"], Codes(r));
        Assert.Equal(["Answers.unknown_q", "Answers.registered", "Answers.measures", "Answers.approve"], r.Failure!.Errors.Select(e => e.Field));
        Assert.Equal(["survey.date_invalid"], Codes(await RecordAsync(row, Answers("认可"), on: new DateOnly(2018, 10, 9))));
        Assert.Equal(["survey.unreached_answers"], Codes(await RecordAsync(row, Answers("认可"), unreached: "拒绝访问")));

        await using var read = _db.NewContext();
        Assert.Equal(0, await read.SurveyAnswers.CountAsync());
        var h = await read.SurveyedHouseholds.SingleAsync(x => x.Id == row);
        Assert.Equal((null, null, 0L), (h.SurveyedOn, h.Approves, h.Version));
    }

    [Fact]
    public async Task Record_ClosedSurveyRefuses()
    {
        var drawn = (await DrawAsync(3, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 2))).Value!;
        await using (var ctx = _db.NewContext())
            Assert.True((await new CloseSatisfactionSurvey(ctx).HandleAsync(new CloseSatisfactionSurveyRequest(drawn.Id, true, "督查组", Role.Inspector), default)).Value!.Closed);
        long row;
        await using (var ctx = _db.NewContext()) row = await ctx.SurveyedHouseholds.Where(h => h.SurveyId == drawn.Id).Select(h => h.Id).FirstAsync();
        Assert.Equal([RecordSurveyAnswers.ClosedCode], Codes(await RecordAsync(row, Answers("认可"))));
        await using var read = _db.NewContext();
        Assert.Equal(0, await read.SurveyAnswers.CountAsync());
    }

    /// <summary>
    /// Every household sampled (37). Results:
    /// A: 10 answered (9 认可/基本认可, 1 不认可), 1 away (外出), 1 not visited → 9/10 = 90%.
    /// B: 4 answered (认可, 基本认可, 不认可, 不认可), 2 not visited → 2/4 = 50%.
    /// C: none → no rate.  石门乡: 11/14.
    /// D: 10 answered, all 认可 → 100%.  E: 2 answered (认可, 不认可), 2 not visited → 50%.  城关镇: 11/12.
    /// County: 22/26 — the sum of the townships (11 + 11 of 14 + 12).
    /// </summary>
    [Fact]
    public async Task Rates_ByVillageTownshipAndCounty_CountySumsTheTownships_UnreachedLeftOut()
    {
        var drawn = (await DrawAsync(9, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 100))).Value!;
        Assert.Equal(37, drawn.Households);
        Dictionary<string, List<long>> rows;
        await using (var ctx = _db.NewContext())
            rows = (await ctx.SurveyedHouseholds.Where(h => h.SurveyId == drawn.Id).OrderBy(h => h.Slot).ToListAsync())
                .GroupBy(h => h.VillageCode).ToDictionary(g => g.Key, g => g.Select(h => h.Id).ToList());
        async Task AnswerAsync(string village, params string[] approve)
        {
            for (var i = 0; i < approve.Length; i++)
            {
                var r = approve[i] == "外出" ? await RecordAsync(rows[village][i], null, unreached: "外出务工（举家外出）") : await RecordAsync(rows[village][i], Answers(approve[i]));
                Assert.True(r.IsOk, r.Failure?.Message);
            }
        }
        await AnswerAsync(A, "认可", "认可", "基本认可", "认可", "认可", "不认可", "认可", "认可", "基本认可", "认可", "外出");
        await AnswerAsync(B, "认可", "基本认可", "不认可", "不认可");
        await AnswerAsync(D, "认可", "认可", "认可", "认可", "认可", "认可", "认可", "认可", "认可", "认可");
        await AnswerAsync(E, "认可", "不认可");

        await using var read = _db.NewContext();
        var rates = new GetSurveyRates(read);
        var county = (await rates.HandleAsync(new GetSurveyRatesRequest(drawn.Id), default)).Value!;
        Assert.Equal((37, 26, 1, 10, 22), (county.Total.Sampled, county.Total.Surveyed, county.Total.Unreached, county.Total.Pending, county.Total.Approving));
        Assert.Equal(22m / 26m, county.Total.Rate);
        Assert.Equal([("411321100", 12, 11), ("411321304", 14, 11)], county.Parts.Select(p => (p.Code, p.Surveyed, p.Approving)));
        Assert.Equal(county.Total.Approving, county.Parts.Sum(p => p.Approving));
        Assert.Equal(county.Total.Surveyed, county.Parts.Sum(p => p.Surveyed));
        Assert.Equal(0.9m, county.ApprovalMin);

        var township = (await rates.HandleAsync(new GetSurveyRatesRequest(drawn.Id, "411321304", "disapprove"), default)).Value!;
        Assert.Equal(11m / 14m, township.Total.Rate);
        Assert.Equal([(A, 0.9m), (B, 0.5m), (C, (decimal?)null)], township.Parts.Select(p => (p.Code, p.Rate)));
        Assert.Equal(3, township.Households.Count);
        Assert.All(township.Households, h => Assert.Equal("不认可", h.Answers["approve"]));
        Assert.Equal(["411321", "411321304"], township.Path.Select(p => p.Code));

        var village = (await rates.HandleAsync(new GetSurveyRatesRequest(drawn.Id, A), default)).Value!;
        Assert.Equal((12, 10, 1, 1, 9, 0.9m), (village.Total.Sampled, village.Total.Surveyed, village.Total.Unreached, village.Total.Pending, village.Total.Approving, village.Total.Rate));
        Assert.Empty(village.Parts);
        var approve = village.Distribution.Single(d => d.Code == "approve");
        Assert.Equal([("认可", 7), ("基本认可", 2), ("不认可", 1)], approve.Answers.Select(a => (a.Value, a.Count)));
        Assert.Equal("未能调查", Assert.Single(village.Households, h => h.Unreached).ResultLabel);

        var list = Assert.Single((await new ListSatisfactionSurveys(read).HandleAsync(new ListSatisfactionSurveysRequest(RegistryBuilder.County, 2018), default)).Value!);
        Assert.Equal((37, 26, 1, 22), (list.Sampled, list.Surveyed, list.Unreached, list.Approving));
    }

    [Fact]
    public async Task Export_WritesOneRowPerHouseholdWithAnswersAndARatesSheet_AndIsLogged()
    {
        var drawn = (await DrawAsync(9, new SurveyParameters(VillagesPerTownship: null, HouseholdsPerVillage: 2))).Value!;
        long first;
        await using (var ctx = _db.NewContext()) first = await ctx.SurveyedHouseholds.Where(h => h.SurveyId == drawn.Id && h.VillageCode == A).OrderBy(h => h.Slot).Select(h => h.Id).FirstAsync();
        Assert.True((await RecordAsync(first, Answers("不认可"))).IsOk);

        SurveyResultsExport export;
        await using (var ctx = _db.NewContext())
            export = (await new ExportSurveyResults(ctx, _db.Clock).HandleAsync(new ExportSurveyResultsRequest(drawn.Id, null, "县扶贫办"), default)).Value!;
        using var stream = new MemoryStream(export.Content);
        Assert.Equal(["调查结果", "认可度"], MiniExcel.GetSheetNames(stream));
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "调查结果").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(10, rows.Count);
        var answered = Assert.Single(rows, r => (string?)r["结果"] == "不认可");
        Assert.Equal(("石门乡", "石门村", "不认可", "是"), ((string?)answered["乡镇"], (string?)answered["村"],
            (string?)answered["13. " + DefaultSurveyTemplate.Questions[^1].Text], (string?)answered["1. " + DefaultSurveyTemplate.Questions[0].Text]));
        Assert.DoesNotContain(rows[0].Keys, k => k.Contains("身份证", StringComparison.Ordinal));
        var rates = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "认可度").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["县", "乡镇", "村", "村", "乡镇", "村", "村", "村"], rates.Select(r => (string?)r["级别"]));
        Assert.Equal(("411321", "0.00%"), ((string?)rates[0]["区划代码"], (string?)rates[0]["认可度"]));

        await using var read = _db.NewContext();
        Assert.Equal(1, await read.Changes.CountAsync(c => c.Entity == ExportSurveyResults.Entity && c.Action == "导出"));
    }
}
