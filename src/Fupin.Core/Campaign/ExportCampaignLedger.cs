using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Campaign;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportCampaignLedgerRequest(SearchCampaignRequest Filter, string FilterText, string User);

public sealed record CampaignLedgerExport(byte[] Content, int Rows, string FileName);

/// <summary>攻坚台账 as one sheet (the filtered lines in ledger order, columns <see cref="Columns"/>), logged with its filters.</summary>
public sealed class ExportCampaignLedger(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns =
        ["分组", "标题", "任务", "考核指标", "目标任务", "单位", "责任单位", "区域", "开始日期", "完成时限", "截至月份", "累计完成", "完成率%", "应完成", "时序进度%", "状态", "备注"];

    public async Task<Result<CampaignLedgerExport>> HandleAsync(ExportCampaignLedgerRequest request, CancellationToken ct)
    {
        var found = await new SearchCampaign(db, clock).HandleAsync(request.Filter, ct);
        if (!found.IsOk) return found.Failure;
        var ledger = found.Value;
        var rows = ledger.Rows.Select(r => Row(N(r.Group), N(r.HeadingName), N(r.Name), N(r.Indicator), r.Target, N(r.Unit), N(r.Department), N(r.RegionName),
            D(r.StartsOn), D(r.Deadline), r.LatestMonth is { } m ? CampaignRules.Month(m) : "", r.Achieved, r.Percent, r.Expected, r.ExpectedPercent,
            CampaignStatus.ShortLabel(r.Light) + (r.PastDeadline && !r.Done ? "（逾期）" : ""), N(r.Note))).ToList();
        var sheet = rows.Count > 0 ? rows : [Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)];
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "攻坚台账", configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, CampaignRules.LedgerEntity, 0, AccountLog.Exported, field: "攻坚台账", newValue: request.FilterText,
            reason: $"导出攻坚台账 {ledger.Year.ToString(inv)} 年：{rows.Count.ToString(inv)} 项（红灯 {ledger.Counts.Red.ToString(inv)} 项）");
        await db.SaveChangesAsync(ct);
        return new CampaignLedgerExport(stream.ToArray(), rows.Count, $"攻坚台账-{ledger.AsOf.ToString("yyyyMMdd", inv)}.xlsx");
    }

    static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string N(string? s) => Values.Neutralize(s) ?? "";

    static Dictionary<string, object?> Row(params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Length; i++) row[Columns[i]] = values[i];
        return row;
    }
}
