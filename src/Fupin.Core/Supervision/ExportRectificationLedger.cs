using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Supervision;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportRectificationLedgerRequest(SearchRectificationsRequest Filter, string FilterText, string User);

public sealed record RectificationLedgerExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// 整改台账: the filtered list (every page, in the ledger's order) as one sheet with the columns of
/// <see cref="Columns"/>; text a spreadsheet would run as a formula is neutralised. Logged with its filters like the
/// fund ledger.
/// </summary>
public sealed class ExportRectificationLedger(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "RectificationLedger";

    public static readonly string[] Columns =
        ["编号", "来源", "来源文件", "乡镇", "村", "问题", "整改要求", "责任单位", "责任人", "发现日期", "整改时限", "状态", "督办情况", "逾期天数", "整改措施", "提请验收日期", "销号日期", "销号人"];

    public async Task<Result<RectificationLedgerExport>> HandleAsync(ExportRectificationLedgerRequest request, CancellationToken ct)
    {
        var found = await new SearchRectifications(db, clock).HandleAsync(request.Filter with { Page = 1, AllRows = true }, ct);
        if (!found.IsOk) return found.Failure;
        var list = found.Value;
        var rows = list.Rows.Select(r => Row(
            r.Number, r.SourceLabel, N(r.SourceDocument), r.TownshipName, r.VillageName, N(r.Problem), N(r.Requirement), N(r.ResponsibleUnit), N(r.ResponsiblePerson),
            D(r.FoundOn), D(r.Deadline), r.StatusLabel, EscalationText(r), r.DaysOverdue, N(r.Measures), r.SubmittedOn is { } s ? D(s) : "",
            r.ClosedOn is { } c ? D(c) : "", N(r.ClosedBy))).ToList();
        var sheet = rows.Count > 0 ? rows : [Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)];
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "整改台账", configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "整改台账", newValue: request.FilterText,
            reason: $"导出整改台账：{rows.Count.ToString(inv)} 项（逾期 {list.Rows.Count(r => r.Overdue).ToString(inv)} 项）");
        await db.SaveChangesAsync(ct);
        return new RectificationLedgerExport(stream.ToArray(), rows.Count, $"整改台账-{list.AsOf.ToString("yyyyMMdd", inv)}.xlsx");
    }

    /// <summary>督办情况 as the ledger states it: the level today, or the one recorded before the item was submitted or closed.</summary>
    public static string EscalationText(RectificationRow r)
    {
        var level = r.Level != EscalationLevel.None ? r.Level : r.RecordedLevel;
        if (level == EscalationLevel.None) return "";
        var text = SupervisionLabels.Label(level);
        if (r.Level == EscalationLevel.None) text = "曾" + text;
        if (r.EscalatedOn is { } on && r.RecordedLevel == level) text += "（" + D(on) + (level == EscalationLevel.Urged && r.EscalatedToName is { } to ? "，至" + to : "") + "）";
        return text;
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
