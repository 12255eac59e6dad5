using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Checks;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin check [--region CODE] [--rule CODE] [--json]`: the import's data-quality rules over the
/// stored registry, then a verification run against the latest department lists (its findings are
/// stored, see docs/verification.md). Prints counts per rule and the problems and open findings.
/// Exit 0 when what is listed holds no error, 1 when it does, 2 for a bad region or rule.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CliContext ctx)
    {
        var region = new Option<string>("--region") { Description = "区划代码（县、乡镇或村），默认 Fupin:County 或 411321 / region code", DefaultValueFactory = _ => ctx.Configuration["Fupin:County"] ?? "411321" };
        var rule = new Option<string?>("--rule") { Description = "只列出该规则的问题或疑点，如 id.duplicate、list.deceased（汇总仍含全部规则）/ list one rule's problems only" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("check", "数据质量检查和部门名单比对（疑点入库）/ data-quality rules and the comparison with department lists") { region, rule, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var ruleCode = parse.GetValue(rule);
            var comparisonRule = ComparisonRules.Find(ruleCode);
            var result = await new CheckRegistry(db, ctx.Clock).HandleAsync(
                new CheckRegistryRequest(parse.GetValue(region)!, comparisonRule is null ? ruleCode : null), ctx.Progress, ct);
            if (!result.IsOk)
            {
                await ctx.Err.WriteLineAsync(Message(result.Failure));
                return 2;
            }
            var report = result.Value;
            var run = await new RunVerification(db, ctx.Clock).HandleAsync(new RunVerificationRequest(report.Region), ctx.Progress, ct);
            if (!run.IsOk)
            {
                await ctx.Err.WriteLineAsync(Message(run.Failure));
                return 2;
            }
            var problems = comparisonRule is null ? report.Problems : [];
            var findings = await OpenFindingsAsync(db, report.Region, ruleCode is null || comparisonRule is not null ? comparisonRule?.Code : "", ct);
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(report, problems, run.Value, findings) : ToText(report, problems, run.Value, findings));
            return problems.Any(p => p.Severity == Severity.Error) || findings.Any(f => f.Severity == Severity.Error) ? 1 : 0;
        });
        return command;
    }

    static string Message(Failure f) => f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message;

    static string Label(Severity s) => s == Severity.Error ? "错误" : "提示";

    /// <summary>The findings still to be worked (待核实, 核实中, cause not gone), of one rule (null: all; "": none).</summary>
    static async Task<List<FindingRow>> OpenFindingsAsync(AppDbContext db, string region, string? rule, CancellationToken ct)
    {
        var rows = new List<FindingRow>();
        if (rule == "") return rows;
        var search = new SearchFindings(db);
        for (var page = 1; ; page++)
        {
            var result = await search.HandleAsync(new SearchFindingsRequest
            {
                Region = region, Rule = rule, Stage = FindingStage.Pending, Page = page, PageSize = SearchFindings.MaxPageSize,
            }, ct);
            if (!result.IsOk) throw new InvalidOperationException(result.Failure.Message);
            rows.AddRange(result.Value.Rows);
            if (page >= result.Value.PageCount) return rows;
        }
    }

    static string ToText(RegistryCheckReport r, IReadOnlyList<RegistryProblem> problems, VerificationReport v, List<FindingRow> findings)
    {
        var c = CultureInfo.InvariantCulture;
        var sw = new StringWriter(c);
        sw.WriteLine($"{r.RegionName}（{r.Region}）数据质量检查：{r.Households} 户 {r.Members} 人；错误 {r.Errors} 条，提示 {r.Warnings} 条");
        foreach (var x in r.ByRule)
            sw.WriteLine($"  {x.Rule,-24} {Label(x.Severity)} {x.Count,6}  {x.Title}");
        if (r.Rule is not null) sw.WriteLine($"以下只列出规则 {r.Rule} 的 {r.Problems.Count} 条：");
        foreach (var p in problems)
            sw.WriteLine($"  户{p.Household} {p.Village} {p.Member ?? "（户）"} [{p.Field}] {Label(p.Severity)} {p.Rule}：{p.Message}");

        sw.WriteLine($"部门名单比对（第 {v.RunId} 次）：比对名单 {v.Lists.Count} 份；疑点 {v.Found} 条，新增 {v.New}，再次发现 {v.Reopened}，已消除 {v.Gone}");
        foreach (var l in v.Lists)
            sw.WriteLine($"  名单 {l.Id,-4} {l.Type,-18} {l.Department} 截至{l.AsOf:yyyy-MM-dd} {l.Rows} 行，对上在册人员 {l.Matched} 人");
        foreach (var x in v.ByRule)
            sw.WriteLine($"  {x.Rule,-28} {Label(x.Severity)} {x.Found,6}  {x.Title}");
        if (v.Skipped.Count > 0)
            sw.WriteLine($"  未比对（缺少名单）：{string.Join("，", v.Skipped.Select(s => $"{s.Code}（需{string.Join("、", s.Lists.Select(k => ListTypes.Find(k)!.Title))}）"))}");
        if (findings.Count > 0) sw.WriteLine($"待核实和核实中的疑点 {findings.Count} 条：");
        foreach (var f in findings)
            sw.WriteLine($"  #{f.Id} 户{f.HouseholdNumber} {f.VillageName} {f.MemberName ?? "（户）"} {Label(f.Severity)} {f.Rule} {f.StatusLabel}：{f.Evidence}");
        return sw.ToString();
    }

    static string ToJson(RegistryCheckReport r, IReadOnlyList<RegistryProblem> problems, VerificationReport v, List<FindingRow> findings) => JsonSerializer.Serialize(new
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
        problems = problems.Select(p => new
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
        verification = new
        {
            runId = v.RunId,
            found = v.Found,
            @new = v.New,
            reopened = v.Reopened,
            gone = v.Gone,
            lists = v.Lists.Select(l => new { id = l.Id, type = l.Type, department = l.Department, region = l.RegionCode, asOf = l.AsOf, rows = l.Rows, matched = l.Matched }),
            byRule = v.ByRule.Select(x => new { rule = x.Rule, title = x.Title, severity = Code(x.Severity), found = x.Found, @new = x.New }),
            skipped = v.Skipped.Select(s => s.Code),
            findings = findings.Select(f => new
            {
                id = f.Id, rule = f.Rule, severity = Code(f.Severity), village = f.VillageName, household = f.HouseholdNumber, member = f.MemberName,
                status = f.StatusLabel, evidence = f.Evidence,
            }),
        },
    }, CliJson.Options) + Environment.NewLine;

    static string Code(Severity s) => s == Severity.Error ? "error" : "warning";
}
