using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Employment;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportCoverageGapsRequest(string Region, int? Year, string FilterText, string User, bool RelocatedOnly = false);

public sealed record CoverageGapsExport(byte[] Content, int Gaps, int Unwilling, string FileName);

/// <summary>
/// The gap list of a region and year as a workbook for action: sheet 未覆盖名单 (every target member without a tie,
/// with the pairing cadre to act) and sheet 无发展意愿名单, each under a title row naming the region, the year and
/// the as-of day. Text a spreadsheet would run as a formula is neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportCoverageGaps(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "CoverageGaps";

    public static readonly string[] GapColumns =
        ["序号", "乡镇", "村", "户编号", "户主姓名", "姓名", "性别", "年龄", "劳动能力", "意愿未登记", "易地搬迁户", "帮扶责任人", "帮扶单位", "联系电话"];

    public static readonly string[] UnwillingColumns =
        ["序号", "乡镇", "村", "户编号", "户主姓名", "姓名", "性别", "年龄", "劳动能力", "易地搬迁户", "登记日期", "登记人", "说明", "帮扶责任人", "帮扶单位", "联系电话"];

    public async Task<Result<CoverageGapsExport>> HandleAsync(ExportCoverageGapsRequest request, CancellationToken ct)
    {
        var result = await new GetCoverageGaps(db, clock).HandleAsync(new CoverageGapsRequest(request.Region, request.Year, RelocatedOnly: request.RelocatedOnly), ct);
        if (!result.IsOk) return result.Failure;
        var g = result.Value;
        var inv = CultureInfo.InvariantCulture;
        var title = $"{g.RegionName}{g.Year.ToString(inv)}年产业就业帮扶{(request.RelocatedOnly ? "（易地搬迁户）" : "")}";
        var asOf = g.AsOf.ToString("yyyy年M月d日", inv);
        static string YesNo(bool b) => b ? "是" : "";

        var gaps = g.Gaps.Select((r, i) => Cells(i + 1, Values.Neutralize(r.TownshipName), Values.Neutralize(r.VillageName), r.HouseholdNumber,
            Values.Neutralize(r.HeadName), Values.Neutralize(r.MemberName), r.GenderLabel, r.Age, r.LabourLabel, YesNo(r.NotAsked), YesNo(r.Relocated),
            Values.Neutralize(r.Cadre?.Name) ?? "", Values.Neutralize(r.Cadre?.Unit) ?? "", Values.Neutralize(r.Cadre?.Phone) ?? "")).ToList();
        var unwilling = g.Unwilling.Select((r, i) => Cells(i + 1, Values.Neutralize(r.TownshipName), Values.Neutralize(r.VillageName), r.HouseholdNumber,
            Values.Neutralize(r.HeadName), Values.Neutralize(r.MemberName), r.GenderLabel, r.Age, r.LabourLabel, YesNo(r.Relocated),
            r.RecordedOn.ToString("yyyy-MM-dd", inv), Values.Neutralize(r.RecordedBy), Values.Neutralize(r.Note) ?? "",
            Values.Neutralize(r.Cadre?.Name) ?? "", Values.Neutralize(r.Cadre?.Unit) ?? "", Values.Neutralize(r.Cadre?.Phone) ?? "")).ToList();

        var rate = g.All.Rate is { } v ? (v * 100).ToString("0.0", inv) + "%" : "—";
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["未覆盖名单"] = Sheet($"{title}未覆盖名单（截至{asOf}；应覆盖{g.All.Target.ToString(inv)}人，已覆盖{g.All.Covered.ToString(inv)}人，覆盖率{rate}，未覆盖{g.GapTotal.ToString(inv)}人）",
                GapColumns, gaps),
            ["无发展意愿名单"] = Sheet($"{title}无发展意愿名单（截至{asOf}；{g.UnwillingTotal.ToString(inv)}人）", UnwillingColumns, unwilling),
        };
        using var stream = new MemoryStream();
        // Columns are keyed A, B, C … (the title row sits above the header); widths fit both sheets.
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn("A") { Width = 6 }, new DynamicExcelColumn("B") { Width = 10 }, new DynamicExcelColumn("C") { Width = 12 },
                new DynamicExcelColumn("D") { Width = 20 }, new DynamicExcelColumn("E") { Width = 10 }, new DynamicExcelColumn("F") { Width = 10 },
                new DynamicExcelColumn("I") { Width = 16 }, new DynamicExcelColumn("K") { Width = 12 }, new DynamicExcelColumn("L") { Width = 12 },
                new DynamicExcelColumn("M") { Width = 26 }, new DynamicExcelColumn("N") { Width = 16 }, new DynamicExcelColumn("O") { Width = 22 },
                new DynamicExcelColumn("P") { Width = 16 },
            ],
        };
        await MiniExcel.SaveAsAsync(stream, sheets, printHeader: false, configuration: configuration, cancellationToken: ct);

        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "产业就业帮扶未覆盖名单", newValue: request.FilterText,
            reason: $"导出{g.Year.ToString(inv)}年产业就业帮扶未覆盖名单（{g.RegionName}）：未覆盖 {gaps.Count.ToString(inv)} 人，无发展意愿 {unwilling.Count.ToString(inv)} 人");
        await db.SaveChangesAsync(ct);
        return new CoverageGapsExport(stream.ToArray(), gaps.Count, unwilling.Count,
            $"产业就业帮扶未覆盖名单-{g.RegionName}-{g.Year.ToString(inv)}-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static object?[] Cells(params object?[] values) => values;

    /// <summary>A title row, the header row, then the rows; columns A, B, C … so the title can sit above the header.</summary>
    static List<Dictionary<string, object?>> Sheet(string title, string[] columns, List<object?[]> rows)
    {
        var keys = columns.Select((_, i) => Column(i)).ToArray();
        Dictionary<string, object?> Row(IReadOnlyList<object?> values)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++) row[keys[i]] = i < values.Count ? values[i] : null;
            return row;
        }
        var sheet = new List<Dictionary<string, object?>>(rows.Count + 2) { Row([title]), Row(columns) };
        sheet.AddRange(rows.Select(Row));
        return sheet;
    }

    static string Column(int i) => ((char)('A' + i)).ToString();
}
