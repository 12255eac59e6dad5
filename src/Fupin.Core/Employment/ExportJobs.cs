using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Employment;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportJobsRequest(string? Region, int? Year, JobKind? Kind, string FilterText, string User);

public sealed record JobsExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// 就业台账 of a region and year as a workbook: sheet 就业台账 (one row per job, income in 元) and sheet 按类型汇总
/// (jobs, persons, person-months, income by kind). Text a spreadsheet would run as a formula is neutralised.
/// The export is logged with its filters.
/// </summary>
public sealed class ExportJobs(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = nameof(Job);

    public static readonly string[] Columns =
        ["乡镇", "村", "户编号", "姓名", "性别", "年龄", "年度", "就业类型", "务工地点", "用工单位", "岗位", "务工时间（月）", "月收入（元）", "登记人"];

    public static readonly string[] TotalColumns = ["就业类型", "记录数", "人数", "人月", "收入（元）"];

    public async Task<Result<JobsExport>> HandleAsync(ExportJobsRequest request, CancellationToken ct)
    {
        var result = await new SearchJobs(db, clock).HandleAsync(new SearchJobsRequest(request.Region, request.Year, request.Kind, Limit: null), ct);
        if (!result.IsOk) return result.Failure;
        var list = result.Value;
        var rows = list.Rows.Select(r => Row(Columns, Values.Neutralize(r.TownshipName), Values.Neutralize(r.VillageName), r.HouseholdNumber,
            Values.Neutralize(r.MemberName), r.GenderLabel, r.Age, r.Year, r.KindLabel, Values.Neutralize(r.Place) ?? "", Values.Neutralize(r.Employer) ?? "",
            Values.Neutralize(r.Post) ?? "", r.Months, r.MonthlyIncomeFen / 100m, Values.Neutralize(r.RecordedBy))).ToList();
        var totals = list.ByKind.Select(k => Row(TotalColumns, k.Label, k.Jobs, k.Persons, k.PersonMonths, k.IncomeFen / 100m)).ToList();
        totals.Add(Row(TotalColumns, "合计", list.Total, list.Persons, list.PersonMonths, list.ByKind.Sum(k => k.IncomeFen) / 100m));
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["就业台账"] = rows.Count > 0 ? rows : [Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)],
            ["按类型汇总"] = totals,
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "就业台账", newValue: request.FilterText,
            reason: $"导出{list.Year.ToString(inv)}年就业台账（{list.RegionName}）{list.Total.ToString(inv)} 条");
        await db.SaveChangesAsync(ct);
        return new JobsExport(stream.ToArray(), rows.Count, $"就业台账-{list.Year.ToString(inv)}-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = values[i];
        return row;
    }
}
