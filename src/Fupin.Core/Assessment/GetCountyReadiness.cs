using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="AsOf">The date the county is judged on; by default the business date. Its year is the assessed year.</param>
public sealed record GetCountyReadinessRequest(string CountyCode, DateOnly? AsOf = null, bool ProjectPlannedExits = false);

public enum ReadinessState { Pass = 1, Fail = 2, NoData = 3 }

/// <summary>One part of an indicator's formula, e.g. 剩余贫困人口 1,234.</summary>
public sealed record ReadinessPart(string Label, string Value);

/// <param name="Key">incidence, wrongExit, missed, approval, villages.</param>
/// <param name="Value">The fraction (0.0123 = 1.23%); null when there is no data.</param>
/// <param name="Comparison">How the value must stand to the threshold: “&lt;”, “≤” or “≥”.</param>
/// <param name="Items">What lies behind the value: sampled-household ids (surveyed-household ids for 群众认可度 from a satisfaction survey), household ids or village codes.</param>
/// <param name="Link">Where the list is shown.</param>
public sealed record ReadinessIndicator(
    string Key, string Name, decimal? Value, decimal Threshold, string Comparison, ReadinessState State,
    string Formula, IReadOnlyList<ReadinessPart> Parts, string? Note, IReadOnlyList<string> Items, string? Link)
{
    public string StateLabel => ExitText.Label(State);
    public string ValueText => ExitText.Percent(Value);
    public string ThresholdText => Comparison + ExitText.Percent(Threshold);
}

/// <param name="Days">Target date minus the as-of date; null without a plan.</param>
public sealed record ExitCountdown(DateOnly? TargetDate, int? Days, string Text);

/// <summary>The sample the rates come from and its surveyed counts.</summary>
public sealed record ReadinessSample(
    long Id, string Name, int Year, int Seed, bool Closed, int Slots, int Surveyed,
    int ExitedPersons, int WrongExitPersons, int NonRegisteredPersons, int MissedPersons, int ApprovalHouseholds, int ApprovingHouseholds);

/// <param name="Passes">True: every indicator passes; false: at least one fails; null: none fails but some have no data.</param>
public sealed record CountyReadiness(
    string County, string CountyName, DateOnly AsOf, int Year, bool Projected, ExitStandard Standard,
    IReadOnlyList<ReadinessIndicator> Indicators, ExitCountdown Countdown, bool? Passes, string Verdict, IReadOnlyList<string> Reasons,
    ReadinessSample? Sample, VillageExitReport Villages);

/// <summary>
/// The county's 摘帽 readiness on a date (docs/assessment.md, "County readiness"): 综合贫困发生率 with its
/// parts, 错退率 and 漏评率 from the latest evaluation sample of a year up to the as-of year, 群众认可度 from
/// the latest satisfaction survey with surveyed households (else the sample's 认可 answers),
/// the share of poor villages exited where the province sets one, the countdown to the county's target
/// date and a verdict with its reasons. An indicator without sample results is 无数据, never a pass.
/// </summary>
public sealed class GetCountyReadiness(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<CountyReadiness>> HandleAsync(GetCountyReadinessRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var county = request.CountyCode.Trim();
        if (county.Length != 6 || !county.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.CountyCode), "county.invalid", $"“{county}”不是6位县级区划代码")]);
        var asOf = request.AsOf ?? clock.Today();
        var year = asOf.Year;
        var villagesResult = await new AssessVillages(db, clock).HandleAsync(new AssessVillagesRequest(county, year, asOf, request.ProjectPlannedExits), progress, ct);
        if (!villagesResult.IsOk) return villagesResult.Failure;
        var villages = villagesResult.Value;
        var std = villages.Standard;
        var total = villages.Assessment.Total;
        var inv = CultureInfo.InvariantCulture;

        var sample = await db.EvaluationSamples.AsNoTracking()
            .Where(s => s.CountyCode == county && s.Year <= year)
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
        var rows = sample is null ? [] : await db.SampledHouseholds.AsNoTracking().Where(h => h.CountyCode == county && h.SampleId == sample.Id).ToListAsync(ct);
        var surveyed = rows.Where(r => r.SurveyedOn is not null).ToList();
        var exitedRows = surveyed.Where(r => r.Frame == SampleFrame.Exited && r.Persons is > 0).ToList();
        var nonRegRows = surveyed.Where(r => r.Frame == SampleFrame.NonRegistered && r.Persons is > 0).ToList();
        var approvalRows = surveyed.Where(r => r.Approves is not null).ToList();
        var s = sample is null ? null : new ReadinessSample(sample.Id, sample.Name, sample.Year, sample.Seed, sample.Closed, rows.Count, surveyed.Count,
            exitedRows.Sum(r => r.Persons!.Value), exitedRows.Sum(r => r.WrongExitPersons ?? 0),
            nonRegRows.Sum(r => r.Persons!.Value), nonRegRows.Sum(r => r.MissedPersons ?? 0),
            approvalRows.Count, approvalRows.Count(r => r.Approves == true));
        var sampleLink = sample is null ? "/assessment/samples" : "/assessment/samples/" + sample.Id.ToString(inv);
        var sampleNote = sample is null ? $"没有{year.ToString(inv)}年及以前的评估抽样" : $"抽样“{sample.Name}”（{sample.Year.ToString(inv)}年，种子{sample.Seed.ToString(inv)}），已调查{surveyed.Count.ToString(inv)}/{rows.Count.ToString(inv)}户";

        // 错退率 = 抽样错退人口 ÷ 抽样脱贫人口 (persons).
        decimal? wrongRate = s is { ExitedPersons: > 0 } ? (decimal)s.WrongExitPersons / s.ExitedPersons : null;
        var wrongExit = new ReadinessIndicator("wrongExit", "脱贫人口错退率", wrongRate, std.WrongExitMax, "≤",
            wrongRate is null ? ReadinessState.NoData : wrongRate <= std.WrongExitMax ? ReadinessState.Pass : ReadinessState.Fail,
            "抽样错退人口 ÷ 抽样脱贫人口",
            [new("抽样错退人口", (s?.WrongExitPersons ?? 0).ToString(inv)), new("抽样脱贫人口", (s?.ExitedPersons ?? 0).ToString(inv))],
            wrongRate is null ? sampleNote + "；尚无脱贫户调查结果" : sampleNote,
            [.. exitedRows.Where(r => r.WrongExitPersons > 0).Select(r => r.Id.ToString(inv))], sampleLink + (sample is null ? "" : "?filter=wrong"));

        // 漏评率 = 漏评人口 ÷ 抽查非建档立卡人口 (persons).
        decimal? missedRate = s is { NonRegisteredPersons: > 0 } ? (decimal)s.MissedPersons / s.NonRegisteredPersons : null;
        var missed = new ReadinessIndicator("missed", "贫困人口漏评率", missedRate, std.MissedMax, "≤",
            missedRate is null ? ReadinessState.NoData : missedRate <= std.MissedMax ? ReadinessState.Pass : ReadinessState.Fail,
            "漏评人口 ÷ 抽查非建档立卡人口",
            [new("漏评人口", (s?.MissedPersons ?? 0).ToString(inv)), new("抽查非建档立卡人口", (s?.NonRegisteredPersons ?? 0).ToString(inv))],
            missedRate is null ? sampleNote + "；尚无非建档立卡户调查结果" : sampleNote,
            [.. nonRegRows.Where(r => r.MissedPersons > 0).Select(r => r.Id.ToString(inv))], sampleLink + (sample is null ? "" : "?filter=missed"));

        // 群众认可度 = 认可户 ÷ 调查户 (households): from the latest satisfaction survey of a year up to the as-of
        // year with at least one household surveyed; without one, from the evaluation sample's 认可 answers.
        var survey = await db.SatisfactionSurveys.AsNoTracking()
            .Where(x => x.CountyCode == county && x.Year <= year && db.SurveyedHouseholds.Any(h => h.CountyCode == x.CountyCode && h.SurveyId == x.Id && h.Approves != null))
            .OrderByDescending(x => x.Year).ThenByDescending(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.Year })
            .FirstOrDefaultAsync(ct);
        ReadinessIndicator approval;
        if (survey is not null)
        {
            var answered = await db.SurveyedHouseholds.AsNoTracking().Where(h => h.CountyCode == county && h.SurveyId == survey.Id)
                .Select(h => new { h.Id, h.SurveyedOn, h.Approves }).ToListAsync(ct);
            var surveyedCount = answered.Count(h => h.Approves != null);
            var approvingCount = answered.Count(h => h.Approves == true);
            var rate = (decimal)approvingCount / surveyedCount;
            approval = new ReadinessIndicator("approval", "群众认可度", rate, std.ApprovalMin, "≥",
                rate >= std.ApprovalMin ? ReadinessState.Pass : ReadinessState.Fail,
                "认可户 ÷ 调查户",
                [new("认可户", approvingCount.ToString(inv)), new("调查户", surveyedCount.ToString(inv))],
                $"来自满意度调查“{survey.Name}”（{survey.Year.ToString(inv)}年），已调查{surveyedCount.ToString(inv)}/{answered.Count.ToString(inv)}户"
                    + (answered.Count(h => h.SurveyedOn != null && h.Approves == null) is > 0 and var unreached ? $"，{unreached.ToString(inv)}户未能调查不计入" : ""),
                [.. answered.Where(h => h.Approves == false).Select(h => h.Id.ToString(inv))],
                "/surveys/" + survey.Id.ToString(inv) + "?filter=disapprove");
        }
        else
        {
            decimal? approvalRate = s is { ApprovalHouseholds: > 0 } ? (decimal)s.ApprovingHouseholds / s.ApprovalHouseholds : null;
            approval = new ReadinessIndicator("approval", "群众认可度", approvalRate, std.ApprovalMin, "≥",
                approvalRate is null ? ReadinessState.NoData : approvalRate >= std.ApprovalMin ? ReadinessState.Pass : ReadinessState.Fail,
                "认可户 ÷ 调查户",
                [new("认可户", (s?.ApprovingHouseholds ?? 0).ToString(inv)), new("调查户", (s?.ApprovalHouseholds ?? 0).ToString(inv))],
                "没有已调查的满意度调查，按评估抽样的认可答案：" + (approvalRate is null ? sampleNote + "；尚无认可度调查结果" : sampleNote),
                [.. approvalRows.Where(r => r.Approves == false).Select(r => r.Id.ToString(inv))], sampleLink + (sample is null ? "" : "?filter=disapprove"));
        }

        // 综合贫困发生率 = (剩余贫困人口 + 错退率 × 脱贫人口总数 + 漏评率 × 非建档立卡农村人口) ÷ 农村户籍人口.
        var leaving = request.ProjectPlannedExits ? villages.ProjectedExitPersons : 0;
        var remaining = total.PoorPersons - leaving;
        var exitedPersons = total.Persons - total.PoorPersons + leaving;
        var rural = total.RuralPopulation;
        var nonRegistered = rural is { } rp ? Math.Max(0, rp - total.Persons) : 0;
        var wrongPersons = (wrongRate ?? 0m) * exitedPersons;
        var missedPersons = (missedRate ?? 0m) * nonRegistered;
        decimal? incidenceValue = rural is > 0 ? (remaining + wrongPersons + missedPersons) / rural.Value : null;
        var incidenceState = incidenceValue switch
        {
            null => ReadinessState.NoData,
            { } v when v >= std.CountyIncidenceMax => ReadinessState.Fail,
            _ when wrongRate is null || missedRate is null => ReadinessState.NoData,
            _ => ReadinessState.Pass,
        };
        string? incidenceNote = rural is not > 0 ? "没有农业户籍人口数，无法计算"
            : wrongRate is null || missedRate is null ? "错退率或漏评率无抽样数据，按0计入，所得为下限，不能据此判定达标" : null;
        if (request.ProjectPlannedExits)
            incidenceNote = (incidenceNote is null ? "" : incidenceNote + "；") + $"按计划退出预测：{villages.ProjectedExitHouseholds.ToString(inv)}户{leaving.ToString(inv)}人计为脱贫，{villages.Projected.Count(p => !p.Exits).ToString(inv)}户仍为贫困（原因见清单）";
        var incidence = new ReadinessIndicator("incidence", "综合贫困发生率", incidenceValue, std.CountyIncidenceMax, "<", incidenceState,
            "（剩余贫困人口 + 错退率 × 脱贫人口总数 + 漏评率 × 非建档立卡农村人口）÷ 农村户籍人口",
            [
                new("剩余贫困人口", remaining.ToString("#,0", inv)),
                new("错退率", ExitText.Percent(wrongRate)), new("脱贫人口总数", exitedPersons.ToString("#,0", inv)),
                new("错退人口（推算）", wrongPersons.ToString("#,0.##", inv)),
                new("漏评率", ExitText.Percent(missedRate)), new("非建档立卡农村人口", nonRegistered.ToString("#,0", inv)),
                new("漏评人口（推算）", missedPersons.ToString("#,0.##", inv)),
                new("农村户籍人口", rural is { } r0 ? r0.ToString("#,0", inv) : "未知"),
            ],
            incidenceNote,
            request.ProjectPlannedExits ? [.. villages.Projected.Where(p => !p.Exits).Select(p => p.HouseholdId.ToString(inv))] : [],
            "#villages");

        var indicators = new List<ReadinessIndicator> { incidence, wrongExit, missed, approval };
        if (std.ExitedPoorVillagesMin is { } minShare)
        {
            var poor = villages.Villages.Where(v => v.IsPoorVillage).ToList();
            bool Counts(VillageExit v) => v.State == VillageExitState.Exited || (request.ProjectPlannedExits && v.State == VillageExitState.Ready);
            var exited = poor.Count(Counts);
            decimal? share = poor.Count > 0 ? (decimal)exited / poor.Count : null;
            indicators.Add(new ReadinessIndicator("villages", "贫困村退出比例", share, minShare, "≥",
                share is null ? ReadinessState.NoData : share >= minShare ? ReadinessState.Pass : ReadinessState.Fail,
                "已退出贫困村 ÷ 贫困村",
                [new("已退出贫困村", exited.ToString(inv)), new("贫困村", poor.Count.ToString(inv))],
                request.ProjectPlannedExits ? $"按计划退出预测：可退出的村计为已退出（{poor.Count(v => v.State == VillageExitState.Ready).ToString(inv)}个）" : "已退出：退出年度不晚于" + year.ToString(inv) + "年",
                [.. poor.Where(v => !Counts(v)).Select(v => v.Code)], "#villages"));
        }

        var reasons = new List<string>();
        foreach (var i in indicators.Where(i => i.State == ReadinessState.Fail))
            reasons.Add($"{i.Name}{i.ValueText}，{FailWording(i)}");
        var noData = indicators.Where(i => i.State == ReadinessState.NoData).ToList();
        bool? passes = reasons.Count > 0 ? false : noData.Count > 0 ? null : true;
        foreach (var i in noData) reasons.Add($"{i.Name}无数据（{i.Note}）");
        var verdict = passes switch
        {
            true => "达到贫困县退出标准",
            false => "未达到贫困县退出标准：" + string.Join("；", reasons.Where(r => !r.Contains("无数据", StringComparison.Ordinal))),
            null => "尚不能判定：" + string.Join("；", reasons),
        };
        if (passes == false && noData.Count > 0) verdict += "。另有" + string.Join("、", noData.Select(i => i.Name)) + "无数据";

        var plan = await db.CountyExitPlans.AsNoTracking().FirstOrDefaultAsync(p => p.CountyCode == county, ct);
        return new CountyReadiness(county, villages.RegionName, asOf, year, request.ProjectPlannedExits, std, indicators,
            Countdown(plan?.TargetDate, asOf), passes, verdict, reasons, s, villages);
    }

    static string FailWording(ReadinessIndicator i) => i.Comparison switch
    {
        "<" => "未低于" + ExitText.Percent(i.Threshold),
        "≤" => "超过" + ExitText.Percent(i.Threshold),
        _ => "低于" + ExitText.Percent(i.Threshold),
    };

    /// <summary>Days from <paramref name="asOf"/> to the target date: 2018-10-08 → 2019-12-31 is 449 (“不足500天”).</summary>
    public static ExitCountdown Countdown(DateOnly? target, DateOnly asOf)
    {
        if (target is not { } t) return new ExitCountdown(null, null, "未设定摘帽目标日期");
        var days = t.DayNumber - asOf.DayNumber;
        var inv = CultureInfo.InvariantCulture;
        var text = days switch
        {
            > 0 => $"距摘帽目标还有{days.ToString(inv)}天" + (days < 500 ? "（不足500天）" : ""),
            0 => "今天是摘帽目标日",
            _ => $"摘帽目标日已过{(-days).ToString(inv)}天",
        };
        return new ExitCountdown(t, days, text);
    }
}
