using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Projects;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportProjectLedgerRequest(SearchProjectsRequest Filters, string FilterText, string User);

public sealed record ProjectLedgerExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// 项目台账: the filtered projects as a workbook, one row per project, money in 万元 with the disbursement
/// and spending rates, the schedule status as of the business date. Text a spreadsheet would run as a formula
/// is neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportProjectLedger(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = nameof(Project);

    public static readonly string[] Columns =
    [
        "项目编号", "项目名称", "项目类别", "乡镇", "村", "年度", "责任单位", "责任人", "总投资（万元）", "审批环节", "完工期限", "完成进度（%）",
        "工期状态", "下达资金（万元）", "拨付资金（万元）", "支出资金（万元）", "拨付率", "支出率", "带贫户数",
    ];

    public async Task<Result<ProjectLedgerExport>> HandleAsync(ExportProjectLedgerRequest request, CancellationToken ct)
    {
        var search = new SearchProjects(db, clock);
        var (query, failure) = search.Filter(request.Filters);
        if (failure is not null) return failure;
        var rows = SearchProjects.Narrow(await search.RowsAsync(query, ct), request.Filters);
        var inv = CultureInfo.InvariantCulture;
        static decimal Wan(long fen) => Math.Round(fen / 1_000_000m, 2);
        var sheet = rows.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [Columns[0]] = r.Code,
            [Columns[1]] = Values.Neutralize(r.Name),
            [Columns[2]] = r.CategoryLabel,
            [Columns[3]] = Values.Neutralize(r.TownshipName),
            [Columns[4]] = r.VillageName is null ? "" : Values.Neutralize(r.VillageName),
            [Columns[5]] = r.Year,
            [Columns[6]] = Values.Neutralize(r.ResponsibleUnit),
            [Columns[7]] = Values.Neutralize(r.ResponsiblePerson),
            [Columns[8]] = Wan(r.BudgetFen),
            [Columns[9]] = r.StageLabel + (r.Returned ? "（已退回）" : ""),
            [Columns[10]] = r.Deadline?.ToString("yyyy-MM-dd", inv) ?? "",
            [Columns[11]] = r.Percent,
            [Columns[12]] = r.StatusLabel,
            [Columns[13]] = Wan(r.AllocatedFen),
            [Columns[14]] = Wan(r.DisbursedFen),
            [Columns[15]] = Wan(r.SpentFen),
            [Columns[16]] = ProjectLabels.Rate(r.DisbursedFen, r.AllocatedFen),
            [Columns[17]] = ProjectLabels.Rate(r.SpentFen, r.AllocatedFen),
            [Columns[18]] = r.Beneficiaries,
        }).ToList();
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(Columns[0]) { Width = 18 },
                new DynamicExcelColumn(Columns[1]) { Width = 36 },
                new DynamicExcelColumn(Columns[2]) { Width = 18 },
                new DynamicExcelColumn(Columns[6]) { Width = 24 },
                new DynamicExcelColumn(Columns[9]) { Width = 16 },
                new DynamicExcelColumn(Columns[10]) { Width = 12 },
            ],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "项目台账", configuration: configuration, cancellationToken: ct);

        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "项目台账",
            newValue: request.FilterText, reason: $"导出项目台账 {rows.Count.ToString(inv)} 个项目");
        await db.SaveChangesAsync(ct);
        return new ProjectLedgerExport(stream.ToArray(), rows.Count, $"项目台账-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }
}
