using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Verification;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportFindingsRequest(SearchFindingsRequest Filters, string FilterText, string User);

public sealed record FindingExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// The filtered findings as a workbook for field work: one row per finding, village by village, with
/// an empty 核实情况 column to fill in on the spot. Names only, no ID numbers; text a spreadsheet would
/// run as a formula is neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportFindings(AppDbContext db, SearchFindings search)
{
    public const int MaxRows = 100_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns = ["疑点编号", "乡镇", "村", "户编号", "户主", "成员姓名", "疑点", "依据", "状态", "核实情况"];

    public async Task<Result<FindingExport>> HandleAsync(ExportFindingsRequest request, CancellationToken ct)
    {
        var (query, failure) = search.Filter(request.Filters);
        if (failure is not null) return failure;
        var rows = await search.RowsAsync(SearchFindings.Ordered(query).Take(MaxRows), ct);

        var sheet = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Columns[0]] = r.Id,
            [Columns[1]] = Values.Neutralize(r.TownshipName),
            [Columns[2]] = Values.Neutralize(r.VillageName),
            [Columns[3]] = Values.Neutralize(r.HouseholdNumber),
            [Columns[4]] = Values.Neutralize(r.HeadName),
            [Columns[5]] = Values.Neutralize(r.MemberName ?? ""),
            [Columns[6]] = r.RuleTitle,
            [Columns[7]] = Values.Neutralize(r.Evidence),
            [Columns[8]] = r.Gone ? r.StatusLabel + "（已消除）" : r.StatusLabel,
            [Columns[9]] = "",
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(Columns[0]) { Width = 9 },
                new DynamicExcelColumn(Columns[3]) { Width = 18 },
                new DynamicExcelColumn(Columns[6]) { Width = 26 },
                new DynamicExcelColumn(Columns[7]) { Width = 60 },
                new DynamicExcelColumn(Columns[8]) { Width = 14 },
                new DynamicExcelColumn(Columns[9]) { Width = 40 },
            ],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "疑点核实清单", configuration: configuration, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, nameof(Finding), 0, AccountLog.Exported, field: "疑点核实清单",
            newValue: request.FilterText, reason: $"导出疑点 {rows.Count.ToString(inv)} 条");
        await db.SaveChangesAsync(ct);
        return new FindingExport(stream.ToArray(), rows.Count, $"疑点核实清单-{db.Clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }
}
