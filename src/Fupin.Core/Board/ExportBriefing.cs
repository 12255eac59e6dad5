using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Board;

public sealed record BriefingExport(byte[] Content, string FileName, int Figures, int LateItems);

/// <summary>
/// A briefing as .xlsx: sheet 主要指标 (指标, 数值, 单位, 上期, 变化) and sheet 逾期事项 (类别, 事项, 责任单位/责任人, 时限, 逾期天数, 情况).
/// Logged in the audit log like the other exports.
/// </summary>
public sealed class ExportBriefing(AppDbContext db)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static readonly string[] FigureColumns = ["指标", "数值", "单位", "上期", "变化"];
    public static readonly string[] LateColumns = ["类别", "事项", "责任单位/责任人", "时限", "逾期天数", "情况"];

    public async Task<Result<BriefingExport>> HandleAsync(long id, string user, CancellationToken ct)
    {
        var found = await new GetBriefing(db).HandleAsync(id, ct);
        if (!found.IsOk) return found.Failure;
        var b = found.Value;
        var figures = b.Figures.Select(f => Row(FigureColumns, N(f.Label), f.Value, N(f.Unit), f.Previous, f.Change)).ToList();
        var late = b.LateItems.Select(i => Row(LateColumns, i.KindLabel, N(i.Title), N(i.Owner),
            i.Deadline is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "", i.DaysLate, N(i.Detail))).ToList();
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["主要指标"] = figures.Count > 0 ? figures : [Empty(FigureColumns)],
            ["逾期事项"] = late.Count > 0 ? late : [Empty(LateColumns)],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);
        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, user, "Briefing", b.Id, AccountLog.Exported, field: "工作简报", newValue: b.Title,
            reason: $"导出工作简报：{figures.Count.ToString(inv)} 项指标，逾期事项 {late.Count.ToString(inv)} 项", countyCode: Registry.ChangeRecord.CountyOf(b.RegionCode));
        await db.SaveChangesAsync(ct);
        return new BriefingExport(stream.ToArray(), $"工作简报-{b.RegionCode}-{b.PeriodTo.ToString("yyyyMMdd", inv)}.xlsx", figures.Count, late.Count);
    }

    static string N(string? s) => Values.Neutralize(s) ?? "";

    static Dictionary<string, object?> Empty(string[] columns) => columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal);

    static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = values[i];
        return row;
    }
}
