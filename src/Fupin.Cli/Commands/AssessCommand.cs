using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Registry;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin assess --year YYYY [--region CODE] [--threshold 0.02] [--all] [--json]`: the household exit
/// test over a region (docs/assessment.md). Prints the region's and each township's and village's
/// indicators — 贫困发生率 against the threshold, Alkire–Foster H, A, M0, households failing each
/// indicator — and the households with an indicator 不达标, by name and household number, never an
/// ID number. For a county it then prints the 摘帽 readiness (三率一度, the share of poor villages exited,
/// the countdown and the verdict) and for a county, township or village each poor village's exit status;
/// `--project-planned-exits` counts the planned exits that pass their test, `--as-of` sets the date judged.
/// Exit 0 when assessed, 2 for a bad region, a year without a line or a bad option.
/// </summary>
public static class AssessCommand
{
    public static Command Create(CliContext ctx)
    {
        var year = new Option<int>("--year") { Description = "评估年度（用该年度贫困线和该年度收入）/ assessed year", Required = true };
        var region = new Option<string>("--region") { Description = "区划代码（县、乡镇或村），默认 Fupin:County 或 411321 / region code", DefaultValueFactory = _ => ctx.Configuration["Fupin:County"] ?? "411321" };
        var threshold = new Option<decimal>("--threshold") { Description = "贫困发生率标准，默认 0.02（西部 0.03）/ incidence threshold", DefaultValueFactory = _ => AssessHouseholds.DefaultIncidenceThreshold };
        var all = new Option<bool>("--all") { Description = "列出全部户（含已脱贫户），不只是未脱贫和返贫户 / list every household" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var project = new Option<bool>("--project-planned-exits") { Description = "按计划退出预测：计划当年及以前脱贫且检测通过的户计为脱贫 / count planned exits that pass their test" };
        var asOfOption = new Option<string?>("--as-of") { Description = "评估日期 yyyy-MM-dd（须在评估年度内），默认当年为今天、往年为12月31日 / date judged" };
        var command = new Command("assess", "脱贫评估：收入和两不愁三保障、贫困发生率、多维贫困指数、贫困村退出和摘帽准备情况 / household exit test, region indicators, village and county exit") { year, region, threshold, all, json, project, asOfOption };
        command.SetAction(async (parse, ct) =>
        {
            var assessedYear = parse.GetValue(year);
            DateOnly? asOf = null;
            if (parse.GetValue(asOfOption) is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year != assessedYear)
                {
                    await ctx.Err.WriteLineAsync($"--as-of “{text}”应为 yyyy-MM-dd 格式的日期，且在评估年度{assessedYear.ToString(CultureInfo.InvariantCulture)}内");
                    return 2;
                }
                asOf = d;
            }
            await using var db = ctx.CreateDbContext();
            var code = parse.GetValue(region)!.Trim();
            var result = await new AssessHouseholds(db, ctx.Clock).HandleAsync(
                new AssessHouseholdsRequest(code, assessedYear, IncidenceThreshold: parse.GetValue(threshold), AllHouseholds: parse.GetValue(all), AsOf: asOf),
                ctx.Progress, ct);
            if (!result.IsOk) return await FailAsync(ctx, result.Failure);

            // The county's readiness (which carries its villages), or a township's or village's villages; not above county level.
            CountyReadiness? readiness = null;
            VillageExitReport? villages = null;
            var projectExits = parse.GetValue(project);
            if (code.Length == 6)
            {
                var date = asOf ?? (assessedYear == ctx.Clock.Today().Year ? ctx.Clock.Today() : new DateOnly(assessedYear, 12, 31));
                var r = await new GetCountyReadiness(db, ctx.Clock).HandleAsync(new GetCountyReadinessRequest(code, date, projectExits), null, ct);
                if (!r.IsOk) return await FailAsync(ctx, r.Failure);
                (readiness, villages) = (r.Value, r.Value.Villages);
            }
            else if (code.Length is 9 or 12)
            {
                var v = await new AssessVillages(db, ctx.Clock).HandleAsync(new AssessVillagesRequest(code, assessedYear, asOf, projectExits), null, ct);
                if (!v.IsOk) return await FailAsync(ctx, v.Failure);
                villages = v.Value;
            }
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(result.Value, readiness, villages) : ToText(result.Value) + ExitSection(readiness, villages));
            return 0;
        });
        return command;
    }

    static readonly Indicator[] Indicators = Enum.GetValues<Indicator>();

    static async Task<int> FailAsync(CliContext ctx, Failure f)
    {
        await ctx.Err.WriteLineAsync(f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message);
        return 2;
    }

    /// <summary>The county readiness and the poor villages' exit status, after the household assessment.</summary>
    static string ExitSection(CountyReadiness? readiness, VillageExitReport? villages)
    {
        if (villages is null) return "";
        var c = CultureInfo.InvariantCulture;
        var sw = new StringWriter(c);
        if (readiness is { } r)
        {
            sw.WriteLine();
            sw.WriteLine($"摘帽准备情况（截至 {r.AsOf:yyyy-MM-dd}{(r.Projected ? "，按计划退出预测" : "")}）：{r.Countdown.Text}" +
                (r.Countdown.TargetDate is { } t ? $"（目标日期 {t:yyyy-MM-dd}）" : ""));
            foreach (var i in r.Indicators)
            {
                sw.WriteLine($"  {i.Name} {i.ValueText}  标准 {i.ThresholdText}  {i.StateLabel}  = {i.Formula}：{string.Join("；", i.Parts.Select(p => p.Label + " " + p.Value))}" +
                    (i.Note is null ? "" : $"（{i.Note}）"));
            }
            sw.WriteLine($"结论：{r.Verdict}");
            if (r.Projected)
            {
                var staying = villages.Projected.Where(p => !p.Exits).ToList();
                sw.WriteLine($"计划退出预测：{villages.ProjectedExitHouseholds} 户 {villages.ProjectedExitPersons} 人计为脱贫；{staying.Count} 户仍为贫困：");
                foreach (var p in staying) sw.WriteLine($"  户{p.Number} {p.Village} 户主{p.Head ?? "（无）"} {p.Persons}人 计划{p.PlannedExitYear}年：{p.Reason}");
            }
        }
        var poor = villages.Villages.Where(v => v.IsPoorVillage).ToList();
        sw.WriteLine();
        sw.WriteLine($"贫困村退出（{villages.Year} 年，贫困发生率须低于 {Fupin.Assessment.ExitText.Percent(villages.Standard.VillageIncidenceMax)} 且必查项全部达标）：贫困村 {poor.Count} 个，" +
            $"已退出 {poor.Count(v => v.State == VillageExitState.Exited)}，可退出 {poor.Count(v => v.State == VillageExitState.Ready)}，未达到退出条件 {poor.Count(v => v.State == VillageExitState.NotReady)}");
        foreach (var v in poor)
        {
            var required = v.Checklist.Where(x => x.Required).ToList();
            sw.WriteLine($"  {v.Code} {v.TownshipName}{v.Name}  贫困发生率 {Fupin.Assessment.ExitText.Percent(v.Incidence)}  必查项 {required.Count(x => x.Met == true)}/{required.Count}  {v.StateLabel}" +
                (v.Reasons.Count > 0 ? "：" + string.Join("；", v.Reasons) : ""));
        }
        return sw.ToString();
    }

    static string Percent(decimal? fraction) => fraction is { } f ? (f * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    static string Ratio(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    static string Verdict(bool? below) => below switch { true => "达标", false => "未达标", null => "无人口数" };

    static string ToText(AssessmentReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sw = new StringWriter(c);
        var t = r.Total;
        sw.WriteLine($"{r.RegionName}（{r.Region}）{r.Year} 年脱贫评估（年龄计算截至 {r.AsOf:yyyy-MM-dd}）");
        sw.WriteLine($"贫困线 {r.LineYuan} 元/人·年（{PovertyLine.Label(r.LineScope)}）；收入达标但低于 {r.Margin.ToString(c)} 倍贫困线为不稳定；" +
            $"多维贫困临界值 k={r.Cutoff.ToString("0.###", c)}（6项等权，至少 {r.MinDeprivations} 项不达标）；贫困发生率标准 {Percent(r.IncidenceThreshold)}");
        sw.WriteLine($"评估 {t.Households} 户 {t.Persons} 人；其中未脱贫和返贫 {t.PoorHouseholds} 户 {t.PoorPersons} 人；" +
            $"农业户籍人口 {(t.RuralPopulation is { } p ? p.ToString(c) : "未知")}；贫困发生率 {Percent(t.Incidence)}（{Verdict(t.BelowThreshold)}）");
        sw.WriteLine($"未脱贫和返贫户中：达到退出标准 {t.MeetingExit} 户；除未核实项外均达标 {t.MeetingExceptUnverified} 户；全部评估户中收入不稳定 {t.Unstable} 户");
        sw.WriteLine($"多维贫困（Alkire–Foster，按人）：H={Ratio(t.Af.H)}  A={Ratio(t.Af.A)}  M0={Ratio(t.Af.M0)}（多维贫困 {t.Af.PoorPersons} 人）");
        sw.WriteLine("各指标不达标户数（未核实户数）：" + string.Join("  ", t.Failing.Select(f => $"{HouseholdTest.Label(f.Indicator)} {f.NotMet}（{f.Unverified}）")));
        if (t.Failing[(int)Indicator.FoodAndClothing].Unverified > 0)
            sw.WriteLine($"说明：不愁吃穿凭本年度入户走访记录判断，{t.Failing[(int)Indicator.FoodAndClothing].Unverified} 户本年度尚无走访记录，故未核实；未核实不视为达标。");

        if (r.Regions.Count > 0)
        {
            sw.WriteLine("乡镇和村：");
            sw.WriteLine("  区划代码      名称  户数 人数 贫困人口 农业人口 贫困发生率 判定  H A M0  不达标户数：" + string.Join("/", Indicators.Select(HouseholdTest.Label)));
            foreach (var x in r.Regions)
            {
                sw.WriteLine($"  {x.Code} {x.Name}  {x.Households} {x.Persons} {x.PoorPersons} {(x.RuralPopulation is { } rp ? rp.ToString(c) : "-")} " +
                    $"{Percent(x.Incidence)} {Verdict(x.BelowThreshold)}  {Ratio(x.Af.H)} {Ratio(x.Af.A)} {Ratio(x.Af.M0)}  " +
                    string.Join("/", x.Failing.Select(f => f.NotMet.ToString(c))));
            }
        }

        var failing = r.Households.Where(h => h.Test.Indicators.Any(i => i.State == IndicatorState.NotMet)).ToList();
        sw.WriteLine($"有指标不达标的户 {failing.Count} 户（共列出 {r.Households.Count} 户）：");
        foreach (var h in failing)
        {
            var reasons = h.Test.Indicators.Where(i => i.State == IndicatorState.NotMet).Select(i => $"{HouseholdTest.Label(i.Indicator)}不达标（{i.Evidence}）");
            sw.WriteLine($"  户{h.Number} {h.Village} 户主{h.Head ?? "（无）"} {CodeCatalog.Label(h.Status)} {h.Members}人：{string.Join("；", reasons)}");
        }
        return sw.ToString();
    }

    static string ToJson(AssessmentReport r, CountyReadiness? readiness, VillageExitReport? villages)
    {
        object Row(RegionAssessment x) => new
        {
            code = x.Code,
            name = x.Name,
            level = x.Level.ToString(),
            households = x.Households,
            persons = x.Persons,
            poorHouseholds = x.PoorHouseholds,
            poorPersons = x.PoorPersons,
            ruralPopulation = x.RuralPopulation,
            incidence = x.Incidence,
            belowThreshold = x.BelowThreshold,
            meetingExit = x.MeetingExit,
            meetingExceptUnverified = x.MeetingExceptUnverified,
            unstable = x.Unstable,
            alkireFoster = new { persons = x.Af.Persons, poorPersons = x.Af.PoorPersons, deprivationSum = x.Af.DeprivationSum, h = x.Af.H, a = x.Af.A, m0 = x.Af.M0 },
            failing = x.Failing.Select(f => new { indicator = f.Indicator.ToString(), label = HouseholdTest.Label(f.Indicator), notMet = f.NotMet, unverified = f.Unverified }),
        };
        return JsonSerializer.Serialize(new
        {
            region = r.Region,
            regionName = r.RegionName,
            year = r.Year,
            asOf = r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            line = new { scope = r.LineScope.ToString(), label = PovertyLine.Label(r.LineScope), yuan = r.LineYuan, source = r.LineSource },
            margin = r.Margin,
            cutoff = r.Cutoff,
            minDeprivations = r.MinDeprivations,
            incidenceThreshold = r.IncidenceThreshold,
            total = Row(r.Total),
            regions = r.Regions.Select(Row),
            households = r.Households.Select(h => new
            {
                number = h.Number,
                villageCode = h.VillageCode,
                village = h.Village,
                head = h.Head,
                status = h.Status.ToString(),
                statusLabel = CodeCatalog.Label(h.Status),
                members = h.Members,
                perCapitaNetIncomeFen = h.Test.PerCapitaNetIncomeFen,
                unstable = h.Test.Unstable,
                meetsExitStandard = h.Test.MeetsExitStandard,
                meetsExceptUnverified = h.Test.MeetsExceptUnverified,
                summary = h.Test.Summary,
                indicators = h.Test.Indicators.Select(i => new { indicator = i.Indicator.ToString(), label = HouseholdTest.Label(i.Indicator), state = i.State.ToString(), stateLabel = HouseholdTest.Label(i.State), evidence = i.Evidence }),
            }),
            readiness = readiness is null ? null : new
            {
                asOf = readiness.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                projected = readiness.Projected,
                passes = readiness.Passes,
                verdict = readiness.Verdict,
                reasons = readiness.Reasons,
                countdown = new { targetDate = readiness.Countdown.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days = readiness.Countdown.Days, text = readiness.Countdown.Text },
                sampleId = readiness.Sample?.Id,
                indicators = readiness.Indicators.Select(i => new
                {
                    key = i.Key, name = i.Name, value = i.Value, threshold = i.Threshold, comparison = i.Comparison,
                    state = i.State.ToString(), stateLabel = i.StateLabel, formula = i.Formula,
                    parts = i.Parts.Select(p => new { label = p.Label, value = p.Value }), note = i.Note, items = i.Items, link = i.Link,
                }),
                projectedHouseholds = villages!.Projected.Select(p => new { number = p.Number, villageCode = p.VillageCode, head = p.Head, persons = p.Persons, plannedExitYear = p.PlannedExitYear, exits = p.Exits, incomeYear = p.IncomeYear, reason = p.Reason }),
            },
            villages = villages?.Villages.Select(v => new
            {
                code = v.Code, name = v.Name, township = v.TownshipName, poorVillage = v.IsPoorVillage, exitYear = v.ExitYear,
                ruralPopulation = v.RuralPopulation, poorPersons = v.PoorPersons, projectedExitPersons = v.ProjectedExitPersons,
                incidence = v.Incidence, incidencePasses = v.IncidencePasses, checklistMet = v.ChecklistMet,
                state = v.State.ToString(), stateLabel = v.StateLabel, reasons = v.Reasons,
                checklist = v.Checklist.Select(x => new { key = x.Key, label = x.Label, required = x.Required, met = x.Met }),
            }),
        }, CliJson.Options) + Environment.NewLine;
    }
}
