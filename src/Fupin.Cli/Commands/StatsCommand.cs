using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fupin.Registry;
using Fupin.Regions;

namespace Fupin.Cli.Commands;

/// <summary>`fupin stats [--region CODE] [--year Y] [--json]`: the quick look after an import.</summary>
public static class StatsCommand
{
    public static Command Create(CliContext ctx)
    {
        var region = new Option<string>("--region") { Description = "区划代码（县、乡镇或村），默认 Fupin:County 或 411321 / region code", DefaultValueFactory = _ => ctx.Configuration["Fupin:County"] ?? "411321" };
        var year = new Option<int?>("--year") { Description = "读取该年度冻结的快照而不是当前台账 / count a frozen year's snapshots" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("stats", "按区域统计行政村、贫困村、户数和人数 / counts by region and status") { region, year, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var code = parse.GetValue(region)!;
            var stats = await new GetRegionStats(db).HandleAsync(new GetRegionStatsRequest(code, parse.GetValue(year)), ct);
            if (stats is null)
            {
                await ctx.Err.WriteLineAsync($"未找到区划 {code}（请先导入或生成数据）/ region {code} not found");
                return 1;
            }
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(stats) : ToTable(stats));
            return 0;
        });
        return command;
    }

    static readonly PovertyStatus[] Statuses = Enum.GetValues<PovertyStatus>();

    static string ToTable(RegionStats stats)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var title = stats.SnapshotYear is { } y ? $"{stats.Total.Name}（{stats.Total.Code}）{y} 年度快照" : $"{stats.Total.Name}（{stats.Total.Code}）当前台账";
        sb.AppendLine(title);
        var header = new List<string> { "区划代码", "名称", "行政村", "贫困村", "户数", "人数" };
        header.AddRange(Statuses.Select(s => CodeCatalog.Label(s) + "(户/人)"));
        header.Add("贫困发生率");
        var rows = stats.Children.Append(stats.Total with { Name = "合计" })
            .Select(r => new List<string> { r.Code, r.Name, r.Villages.ToString(c), r.PoorVillages.ToString(c), r.Households.ToString(c), r.Persons.ToString(c) }
                .Concat(Statuses.Select(s => r.ByStatus.Single(x => x.Status == s)).Select(x => $"{x.Households.ToString(c)}/{x.Persons.ToString(c)}"))
                .Append(r.PovertyIncidence is { } i ? i.ToString("F2", c) + "%" : "-")
                .ToList())
            .ToList();
        var table = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(col => table.Max(row => DisplayWidth(row[col]))).ToArray();
        foreach (var row in table)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, col) => Pad(cell, widths[col], rightAlign: col >= 2))).TrimEnd());
        }
        return sb.ToString();
    }

    static string ToJson(RegionStats stats)
    {
        object Row(RegionStatsRow r) => new
        {
            code = r.Code,
            name = r.Name,
            level = r.Level.ToString(),
            villages = r.Villages,
            poorVillages = r.PoorVillages,
            ruralPopulation = r.RuralPopulation,
            households = r.Households,
            persons = r.Persons,
            poorHouseholds = r.PoorHouseholds,
            poorPersons = r.PoorPersons,
            povertyIncidencePercent = r.PovertyIncidence,
            byStatus = r.ByStatus.Select(s => new { status = s.Status.ToString(), label = CodeCatalog.Label(s.Status), households = s.Households, persons = s.Persons }),
        };
        return JsonSerializer.Serialize(new { snapshotYear = stats.SnapshotYear, total = Row(stats.Total), children = stats.Children.Select(Row) },
            CliJson.Options) + Environment.NewLine;
    }

    /// <summary>CJK characters take two columns in a terminal.</summary>
    static int DisplayWidth(string s) => s.Sum(ch => ch > 0x2E80 ? 2 : 1);

    static string Pad(string s, int width, bool rightAlign)
    {
        var pad = new string(' ', Math.Max(0, width - DisplayWidth(s)));
        return rightAlign ? pad + s : s + pad;
    }
}
