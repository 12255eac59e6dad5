using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Monitoring;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin monitor propose [--region CODE] [--json]`: runs the relapse-monitoring rules as of the
/// business date and writes 拟纳入 objects (docs/monitoring.md); `fupin monitor list [--region CODE]
/// [--status proposed|monitored|rejected|cleared] [--json]`: the monitoring objects with their type,
/// risks, status and the 6-month flag, ID numbers masked. Exit 0, or 2 for a bad region or status.
/// </summary>
public static class MonitorCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("monitor", "防返贫监测：按规则筛查监测对象、列出监测对象 / relapse monitoring");
        command.Subcommands.Add(Propose(ctx));
        command.Subcommands.Add(List(ctx));
        return command;
    }

    static Option<string?> RegionOption() => new("--region") { Description = "区划代码（县、乡镇或村），默认全部 / region code" };

    static Option<bool> JsonOption() => new("--json") { Description = "以 JSON 输出 / print JSON" };

    static Command Propose(CliContext ctx)
    {
        var region = RegionOption();
        var json = JsonOption();
        var command = new Command("propose", "对已脱贫户运行监测规则，新增拟纳入对象（不重复已有在办对象）/ run the monitoring rules") { region, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var result = await new ProposeMonitoringObjects(db, ctx.Clock).HandleAsync(
                new ProposeMonitoringObjectsRequest(parse.GetValue(region), db.Audit.User), ctx.Progress, ct);
            if (!result.IsOk)
            {
                await ctx.Err.WriteLineAsync(Message(result.Failure));
                return 2;
            }
            var r = result.Value;
            if (parse.GetValue(json))
            {
                await ctx.Out.WriteAsync(JsonSerializer.Serialize(new
                {
                    asOf = r.AsOf, region = r.Region, households = r.Households, proposed = r.Proposed, alreadyOpen = r.AlreadyOpen,
                    byRule = r.ByRule.Select(x => new { rule = x.Rule, title = x.Title, proposed = x.Proposed }),
                    newIds = r.NewIds,
                }, CliJson.Options) + Environment.NewLine);
                return 0;
            }
            var sw = new StringWriter(CultureInfo.InvariantCulture);
            sw.WriteLine($"防返贫监测筛查（截至{r.AsOf:yyyy-MM-dd}，{r.Region ?? "全部"}）：已脱贫户 {r.Households} 户，新增拟纳入 {r.Proposed} 户，已有在办对象而跳过 {r.AlreadyOpen} 户");
            foreach (var x in r.ByRule)
                sw.WriteLine($"  {x.Rule,-30} {x.Proposed,6}  {x.Title}");
            await ctx.Out.WriteAsync(sw.ToString());
            return 0;
        });
        return command;
    }

    static Command List(CliContext ctx)
    {
        var region = RegionOption();
        var status = new Option<string?>("--status") { Description = "proposed（拟纳入）、monitored（监测中）、rejected（不予纳入）、cleared（风险已消除）/ status" };
        var json = JsonOption();
        var command = new Command("list", "列出监测对象（证件号码脱敏）/ list monitoring objects") { region, status, json };
        command.SetAction(async (parse, ct) =>
        {
            MonitoringStatus? wanted = null;
            if (parse.GetValue(status) is { Length: > 0 } text)
            {
                wanted = ParseStatus(text.Trim());
                if (wanted is null)
                {
                    await ctx.Err.WriteLineAsync($"--status “{text}”无效，可选 proposed、monitored、rejected、cleared（或 拟纳入、监测中、不予纳入、风险已消除）");
                    return 2;
                }
            }
            await using var db = ctx.CreateDbContext();
            var search = new SearchMonitoringObjects(db, ctx.Clock);
            var rows = new List<MonitoringRow>();
            MonitoringCounts? counts = null;
            for (var page = 1; ; page++)
            {
                var result = await search.HandleAsync(new SearchMonitoringObjectsRequest
                {
                    Region = parse.GetValue(region), Status = wanted, Page = page, PageSize = SearchMonitoringObjects.MaxPageSize,
                }, ct);
                if (!result.IsOk)
                {
                    await ctx.Err.WriteLineAsync(Message(result.Failure));
                    return 2;
                }
                rows.AddRange(result.Value.Rows);
                counts = result.Value.Counts;
                if (page >= result.Value.PageCount) break;
            }
            if (parse.GetValue(json))
            {
                await ctx.Out.WriteAsync(JsonSerializer.Serialize(new
                {
                    total = rows.Count,
                    flagged = rows.Count(r => r.Flagged),
                    byStatus = counts!.ByStatus.ToDictionary(s => s.Value.ToString().ToLowerInvariant(), s => s.Count),
                    objects = rows.Select(r => new
                    {
                        id = r.Id, village = r.VillageName, villageCode = r.VillageCode, household = r.HouseholdNumber, head = r.HeadName, idNumber = r.HeadIdMasked,
                        persons = r.Persons, type = r.TypeLabel, risks = r.Risks.Select(MonitoringLabels.Label), rule = r.RuleCode,
                        status = r.Status.ToString().ToLowerInvariant(), statusLabel = r.StatusLabel,
                        proposedOn = r.ProposedOn, includedOn = r.IncludedOn, closedOn = r.ClosedOn, flagged = r.Flagged, reason = r.Reason,
                    }),
                }, CliJson.Options) + Environment.NewLine);
                return 0;
            }
            var sw = new StringWriter(CultureInfo.InvariantCulture);
            sw.WriteLine($"监测对象 {rows.Count} 户（{string.Join("，", counts!.ByStatus.Select(s => $"{s.Label} {s.Count}"))}）；预警 {rows.Count(r => r.Flagged)} 户");
            foreach (var r in rows)
            {
                sw.WriteLine($"  #{r.Id} {r.TownshipName}{r.VillageName} {r.HeadName} {r.HeadIdMasked ?? "—"} {r.Persons}人 {r.TypeLabel} [{r.RisksLabel}] {r.StatusLabel}"
                    + (r.Flagged ? " ⚠" + MonitoringRules.FlagText : "") + $"：{r.Reason}");
            }
            await ctx.Out.WriteAsync(sw.ToString());
            return 0;
        });
        return command;
    }

    static MonitoringStatus? ParseStatus(string text) =>
        Enum.GetValues<MonitoringStatus>().Cast<MonitoringStatus?>().FirstOrDefault(s =>
            string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase) || MonitoringLabels.Label(s!.Value) == text);

    static string Message(Failure f) => f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message;
}
