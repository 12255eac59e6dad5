using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Assessment;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportExitProceduresRequest(SearchExitProceduresRequest Filters, string FilterText, string User);

public sealed record ExitProcedureExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// The filtered exit procedures as a workbook (台账): one row per procedure, village by village, with
/// the step reached and its date, the next step due, the test and any override. Names only, no ID
/// numbers; text a spreadsheet would run as a formula is neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportExitProcedures(AppDbContext db, SearchExitProcedures search)
{
    public const int MaxRows = 100_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns = ["程序编号", "乡镇", "村", "户编号", "户主", "退出年度", "状态", "已完成步骤", "日期", "下一步", "退出评估", "例外", "启动人", "销号日期"];

    public async Task<Result<ExitProcedureExport>> HandleAsync(ExportExitProceduresRequest request, CancellationToken ct)
    {
        var (query, failure) = search.Filter(request.Filters);
        if (failure is not null) return failure;
        var rows = await search.RowsAsync(SearchExitProcedures.Ordered(query).Take(MaxRows), ct);
        var inv = CultureInfo.InvariantCulture;

        var sheet = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Columns[0]] = r.Id,
            [Columns[1]] = Values.Neutralize(r.TownshipName),
            [Columns[2]] = Values.Neutralize(r.VillageName),
            [Columns[3]] = Values.Neutralize(r.HouseholdNumber),
            [Columns[4]] = Values.Neutralize(r.HeadName),
            [Columns[5]] = r.Year,
            [Columns[6]] = r.StatusLabel,
            [Columns[7]] = r.LastStepLabel ?? "（未开始）",
            [Columns[8]] = r.LastStepDate?.ToString("yyyy-MM-dd", inv) ?? "",
            [Columns[9]] = r.NextStepLabel ?? "",
            [Columns[10]] = Values.Neutralize(r.TestSummary),
            [Columns[11]] = r.Overridden ? "已登记例外" : "",
            [Columns[12]] = Values.Neutralize(r.StartedBy),
            [Columns[13]] = r.CompletedOn?.ToString("yyyy-MM-dd", inv) ?? "",
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(Columns[0]) { Width = 9 },
                new DynamicExcelColumn(Columns[3]) { Width = 18 },
                new DynamicExcelColumn(Columns[7]) { Width = 22 },
                new DynamicExcelColumn(Columns[8]) { Width = 12 },
                new DynamicExcelColumn(Columns[9]) { Width = 22 },
                new DynamicExcelColumn(Columns[10]) { Width = 50 },
            ],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "退出程序台账", configuration: configuration, cancellationToken: ct);

        AccountLog.Add(db, request.User, nameof(ExitProcedure), 0, AccountLog.Exported, field: "退出程序台账",
            newValue: request.FilterText, reason: $"导出退出程序 {rows.Count.ToString(inv)} 条");
        await db.SaveChangesAsync(ct);
        return new ExitProcedureExport(stream.ToArray(), rows.Count, $"退出程序台账-{db.Clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }
}
