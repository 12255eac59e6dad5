using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Monitoring;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportMonitoringObjectsRequest(SearchMonitoringObjectsRequest Filters, string FilterText, string User);

public sealed record MonitoringExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// The filtered monitoring objects as a workbook (防返贫监测对象台账): ID numbers masked, text a
/// spreadsheet would run as a formula neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportMonitoringObjects(AppDbContext db, TimeProvider clock)
{
    public const int MaxRows = 100_000;
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns =
        ["编号", "乡镇", "村", "户编号", "户主", "证件号码", "人口", "类别", "风险类型", "来源", "状态", "拟纳入日期", "纳入监测日期", "办结日期", "开发式措施", "预警", "依据"];

    public async Task<Result<MonitoringExport>> HandleAsync(ExportMonitoringObjectsRequest request, CancellationToken ct)
    {
        var search = new SearchMonitoringObjects(db, clock);
        var (regionQuery, query, failure) = search.Filter(request.Filters);
        if (failure is not null) return failure;
        var flagged = await MonitoringFlags.FlaggedAsync(db, regionQuery, clock.Today(), ct);
        if (request.Filters.Flagged is { } f)
        {
            var ids = flagged.ToList();
            query = f ? query.Where(o => ids.Contains(o.Id)) : query.Where(o => !ids.Contains(o.Id));
        }
        var rows = await search.RowsAsync(SearchMonitoringObjects.Ordered(query).Take(MaxRows), flagged, ct);
        var inv = CultureInfo.InvariantCulture;
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var sheet = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Columns[0]] = r.Id,
            [Columns[1]] = Values.Neutralize(r.TownshipName),
            [Columns[2]] = Values.Neutralize(r.VillageName),
            [Columns[3]] = r.HouseholdNumber ?? "（未建档立卡）",
            [Columns[4]] = Values.Neutralize(r.HeadName),
            [Columns[5]] = r.HeadIdMasked ?? "",
            [Columns[6]] = r.Persons,
            [Columns[7]] = r.TypeLabel,
            [Columns[8]] = r.RisksLabel,
            [Columns[9]] = r.Source,
            [Columns[10]] = r.StatusLabel,
            [Columns[11]] = D(r.ProposedOn),
            [Columns[12]] = D(r.IncludedOn),
            [Columns[13]] = D(r.ClosedOn),
            [Columns[14]] = r.DevelopmentMeasures,
            [Columns[15]] = r.Flagged ? MonitoringRules.FlagText : "",
            [Columns[16]] = Values.Neutralize(r.Reason),
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(Columns[3]) { Width = 18 },
                new DynamicExcelColumn(Columns[5]) { Width = 20 },
                new DynamicExcelColumn(Columns[8]) { Width = 20 },
                new DynamicExcelColumn(Columns[9]) { Width = 24 },
                new DynamicExcelColumn(Columns[15]) { Width = 30 },
                new DynamicExcelColumn(Columns[16]) { Width = 60 },
            ],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "防返贫监测对象", configuration: configuration, cancellationToken: ct);

        AccountLog.Add(db, request.User, MonitoringLog.Entity, 0, AccountLog.Exported, field: "防返贫监测对象",
            newValue: request.FilterText, reason: $"导出监测对象 {rows.Count.ToString(inv)} 户");
        await db.SaveChangesAsync(ct);
        return new MonitoringExport(stream.ToArray(), rows.Count, $"防返贫监测对象-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }
}
