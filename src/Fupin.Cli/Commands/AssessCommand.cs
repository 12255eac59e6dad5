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
/// ID number. Exit 0 when assessed, 2 for a bad region, a year without a line or a bad option.
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
        var command = new Command("assess", "脱贫评估：收入和两不愁三保障、贫困发生率、多维贫困指数 / household exit test and region indicators") { year, region, threshold, all, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var result = await new AssessHouseholds(db, ctx.Clock).HandleAsync(
                new AssessHouseholdsRequest(parse.GetValue(region)!, parse.GetValue(year), IncidenceThreshold: parse.GetValue(threshold), AllHouseholds: parse.GetValue(all)),
                ctx.Progress, ct);
            if (!result.IsOk)
            {
                var f = result.Failure;
                await ctx.Err.WriteLineAsync(f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message);
                return 2;
            }
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(result.Value) : ToText(result.Value));
            return 0;
        });
        return command;
    }

    static readonly Indicator[] Indicators = Enum.GetValues<Indicator>();

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
            sw.WriteLine("说明：不愁吃穿要凭入户走访记录判断，系统尚无走访记录，故全部未核实；未核实不视为达标，因此暂无户能判定达到退出标准。");

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

    static string ToJson(AssessmentReport r)
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
        }, CliJson.Options) + Environment.NewLine;
    }
}
