using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Checks;
using Fupin.Common;
using Fupin.Imports;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin check [--region CODE] [--rule CODE] [--json]`: the import's data-quality rules over the
/// stored registry. Exit 0 when the listed problems hold no error, 1 when they do, 2 for a bad
/// region or rule.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext ctx)
    {
        var region = new Option<string>("--region") { Description = "区划代码（县、乡镇或村），默认 Fupin:County 或 411321 / region code", DefaultValueFactory = _ => ctx.Configuration["Fupin:County"] ?? "411321" };
        var rule = new Option<string?>("--rule") { Description = "只列出该规则的问题，如 id.duplicate（汇总仍含全部规则）/ list one rule's problems only" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("check", "对库中建档立卡数据运行数据质量检查 / run the data-quality rules over the stored registry") { region, rule, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var result = await new CheckRegistry(db, ctx.Clock).HandleAsync(new CheckRegistryRequest(parse.GetValue(region)!, parse.GetValue(rule)), ctx.Progress, ct);
            if (!result.IsOk)
            {
                var f = result.Failure;
                await ctx.Err.WriteLineAsync(f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message);
                return 2;
            }
            var report = result.Value;
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(report) : ToText(report));
            return report.Problems.Any(p => p.Severity == Severity.Error) ? 1 : 0;
        });
        return command;
    }

    static string Label(Severity s) => s == Severity.Error ? "错误" : "提示";

    static string ToText(RegistryCheckReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sw = new StringWriter(c);
        sw.WriteLine($"{r.RegionName}（{r.Region}）数据质量检查：{r.Households} 户 {r.Members} 人；错误 {r.Errors} 条，提示 {r.Warnings} 条");
        foreach (var x in r.ByRule)
            sw.WriteLine($"  {x.Rule,-24} {Label(x.Severity)} {x.Count,6}  {x.Title}");
        if (r.Rule is not null) sw.WriteLine($"以下只列出规则 {r.Rule} 的 {r.Problems.Count} 条：");
        foreach (var p in r.Problems)
            sw.WriteLine($"  户{p.Household} {p.Village} {p.Member ?? "（户）"} [{p.Field}] {Label(p.Severity)} {p.Rule}：{p.Message}");
        return sw.ToString();
    }

    static string ToJson(RegistryCheckReport r) => JsonSerializer.Serialize(new
    {
        region = r.Region,
        regionName = r.RegionName,
        rule = r.Rule,
        households = r.Households,
        members = r.Members,
        errors = r.Errors,
        warnings = r.Warnings,
        byRule = r.ByRule.Select(x => new { rule = x.Rule, title = x.Title, severity = Code(x.Severity), count = x.Count }),
        byVillage = r.ByVillage.Select(v => new { villageCode = v.VillageCode, village = v.Village, errors = v.Errors, warnings = v.Warnings }),
        problems = r.Problems.Select(p => new
        {
            household = p.Household,
            villageCode = p.VillageCode,
            village = p.Village,
            member = p.Member,
            field = p.Field,
            rule = p.Rule,
            severity = Code(p.Severity),
            message = p.Message,
        }),
    }, CliJson.Options) + Environment.NewLine;

    static string Code(Severity s) => s == Severity.Error ? "error" : "warning";
}
