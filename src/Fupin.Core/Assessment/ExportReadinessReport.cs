using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Assessment;

public sealed record ReadinessExport(byte[] Content, string FileName);

/// <summary>
/// The readiness report as a workbook: sheet 退出指标 (each indicator, value, threshold, state, formula and
/// parts, the verdict and the countdown), sheet 贫困村退出 (one row per village) and, with projection,
/// sheet 计划退出预测 (each planned household and why it exits or stays). Names only, no ID numbers.
/// </summary>
public sealed class ExportReadinessReport(GetCountyReadiness readiness)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<Result<ReadinessExport>> HandleAsync(GetCountyReadinessRequest request, CancellationToken ct)
    {
        var result = await readiness.HandleAsync(request, null, ct);
        if (!result.IsOk) return result.Failure;
        var r = result.Value;
        var inv = CultureInfo.InvariantCulture;

        var indicators = r.Indicators.Select(i => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["指标"] = i.Name,
            ["数值"] = i.ValueText,
            ["标准"] = i.ThresholdText,
            ["判定"] = i.StateLabel,
            ["公式"] = i.Formula,
            ["构成"] = string.Join("；", i.Parts.Select(p => p.Label + " " + p.Value)),
            ["说明"] = i.Note ?? "",
        }).ToList();
        indicators.Add(Row("结论", r.Passes switch { true => "达标", false => "未达标", null => "无法判定" }, r.Verdict));
        indicators.Add(Row("倒计时", r.Countdown.Days?.ToString(inv) ?? "—",
            r.Countdown.TargetDate is { } t ? $"{r.Countdown.Text}（目标日期{t.ToString("yyyy-MM-dd", inv)}，评估日期{r.AsOf.ToString("yyyy-MM-dd", inv)}）" : r.Countdown.Text));

        var villages = r.Villages.Villages.Select(v => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["乡镇"] = Values.Neutralize(v.TownshipName),
            ["村"] = Values.Neutralize(v.Name),
            ["区划代码"] = v.Code,
            ["贫困村"] = v.IsPoorVillage ? "是" : "否",
            ["农业户籍人口"] = v.RuralPopulation,
            ["剩余贫困人口"] = v.PoorPersons - v.ProjectedExitPersons,
            ["贫困发生率"] = ExitText.Percent(v.Incidence),
            ["检查项"] = v.Checklist.Count == 0 ? "—" : $"{v.Checklist.Count(c => c.Required && c.Met == true)}/{v.Checklist.Count(c => c.Required)}",
            ["退出年度"] = v.ExitYear,
            ["状态"] = v.StateLabel,
            ["原因"] = string.Join("；", v.Reasons),
        }).ToList();

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal) { ["退出指标"] = indicators, ["贫困村退出"] = villages };
        if (r.Projected)
        {
            sheets["计划退出预测"] = r.Villages.Projected.Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["村"] = Values.Neutralize(p.Village),
                ["户编号"] = Values.Neutralize(p.Number),
                ["户主"] = Values.Neutralize(p.Head ?? ""),
                ["人数"] = p.Persons,
                ["计划脱贫年度"] = p.PlannedExitYear,
                ["预测"] = p.Exits ? "脱贫" : "仍为贫困",
                ["原因"] = Values.Neutralize(p.Reason),
            }).ToList();
        }
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);
        return new ReadinessExport(stream.ToArray(), $"摘帽准备情况-{r.CountyName}-{r.AsOf.ToString("yyyyMMdd", inv)}.xlsx");
    }

    /// <summary>A row below the indicators: its name, a short value and the text in 说明.</summary>
    static Dictionary<string, object?> Row(string name, string value, string text) =>
        new(StringComparer.Ordinal) { ["指标"] = name, ["数值"] = value, ["标准"] = "", ["判定"] = "", ["公式"] = "", ["构成"] = "", ["说明"] = text };
}
