using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Funds;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportFundLedgerRequest(string? Region, int? Year, string FilterText, string User);

public sealed record FundLedgerExport(byte[] Content, int Sources, int Allocations, int Payments, string FileName);

/// <summary>
/// 资金台账 of a region and year as a workbook with three sheets: 资金来源 (with the rates), 资金下达 and
/// 拨付支出, amounts in 元 as numbers so the county can sum them. Text a spreadsheet would run as a
/// formula is neutralised. The export is logged with its filters, like the monitoring export.
/// </summary>
public sealed class ExportFundLedger(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "FundLedger";

    public static readonly string[] SourceColumns = ["编号", "年度", "类别", "资金名称", "文号", "到位日期", "到位金额（元）", "已下达（元）", "已拨付（元）", "已支出（元）", "下达率", "拨付率", "支出率"];
    public static readonly string[] AllocationColumns = ["编号", "资金来源", "项目编号", "项目名称", "乡镇", "下达日期", "下达文号", "下达金额（元）", "已拨付（元）", "已支出（元）", "拨付率", "支出率"];
    public static readonly string[] PaymentColumns = ["编号", "日期", "类型", "金额（元）", "资金来源", "项目编号", "项目名称", "收款单位", "凭证号", "下达编号", "登记人"];

    public async Task<Result<FundLedgerExport>> HandleAsync(ExportFundLedgerRequest request, CancellationToken ct)
    {
        var overview = await new GetFundsOverview(db, clock).HandleAsync(new FundsOverviewRequest(request.Region, request.Year), ct);
        if (!overview.IsOk) return overview.Failure;
        var o = overview.Value;
        var records = await new ListFundRecords(db, clock).HandleAsync(new ListFundRecordsRequest
        {
            Region = o.Region, Year = o.Year, Limit = ListFundRecords.MaxLimit,
        }, ct);
        if (!records.IsOk) return records.Failure;
        var r = records.Value;

        static decimal Y(long fen) => fen / 100m;
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string P(decimal? rate) => rate is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";
        var sources = o.BySource.Select(s => Row(SourceColumns,
            s.Id, s.Year, s.KindLabel, Values.Neutralize(s.Name), Values.Neutralize(s.DocumentNo) ?? "", D(s.ReceivedOn),
            Y(s.Figures.AmountFen), Y(s.Figures.AllocatedFen), Y(s.Figures.DisbursedFen), Y(s.Figures.SpentFen),
            P(s.Figures.AllocationRate), P(s.Figures.DisbursementRate), P(s.Figures.ExpenditureRate))).ToList();
        var allocations = r.Allocations.OrderBy(a => a.AllocatedOn).ThenBy(a => a.Id).Select(a => Row(AllocationColumns,
            a.Id, Values.Neutralize(a.SourceName), Values.Neutralize(a.ProjectCode), Values.Neutralize(a.ProjectName), a.TownshipName, D(a.AllocatedOn),
            Values.Neutralize(a.DocumentNo) ?? "", Y(a.AmountFen), Y(a.DisbursedFen), Y(a.SpentFen),
            P(FundRules.Percent(a.DisbursedFen, a.AmountFen)), P(FundRules.Percent(a.SpentFen, a.AmountFen)))).ToList();
        var payments = r.Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Id).Select(p => Row(PaymentColumns,
            p.Id, D(p.PaidOn), p.KindLabel, Y(p.AmountFen), Values.Neutralize(p.SourceName), Values.Neutralize(p.ProjectCode), Values.Neutralize(p.ProjectName),
            Values.Neutralize(p.Payee) ?? "", Values.Neutralize(p.VoucherNo) ?? "", p.AllocationId, Values.Neutralize(p.By))).ToList();
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["资金来源"] = OrHeader(sources, SourceColumns),
            ["资金下达"] = OrHeader(allocations, AllocationColumns),
            ["拨付支出"] = OrHeader(payments, PaymentColumns),
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "资金台账", newValue: request.FilterText,
            reason: $"导出{o.Year.ToString(inv)}年资金台账（{o.RegionName}）：资金来源 {sources.Count.ToString(inv)} 笔，下达 {allocations.Count.ToString(inv)} 笔，拨付支出 {payments.Count.ToString(inv)} 笔");
        await db.SaveChangesAsync(ct);
        return new FundLedgerExport(stream.ToArray(), sources.Count, allocations.Count, payments.Count,
            $"资金台账-{o.Year.ToString(inv)}-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = values[i];
        return row;
    }

    static List<Dictionary<string, object?>> OrHeader(List<Dictionary<string, object?>> rows, string[] columns) =>
        rows.Count > 0 ? rows : [columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)];
}
