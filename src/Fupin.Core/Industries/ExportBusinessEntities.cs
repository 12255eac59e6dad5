using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Industries;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportBusinessEntitiesRequest(SearchBusinessEntitiesRequest Search, string FilterText, string User);

public sealed record BusinessEntitiesExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// 经营主体名录 as a workbook: one row per entity with its size and its linkage this year, amounts in 元 as numbers.
/// The export is logged with its filters.
/// </summary>
public sealed class ExportBusinessEntities(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "BusinessEntityList";

    public static readonly string[] Columns = ["编号", "经营主体名称", "类型", "级别", "所在地", "产业", "统一社会信用代码", "法定代表人", "联系人", "联系电话",
        "从业人数", "经营面积（亩）", "年产值（元）", "成立日期", "本年联结合同", "联结户数", "联结人数", "本年支付（元）"];

    public async Task<Result<BusinessEntitiesExport>> HandleAsync(ExportBusinessEntitiesRequest request, CancellationToken ct)
    {
        var found = await new SearchBusinessEntities(db, clock).HandleAsync(request.Search, ct);
        if (!found.IsOk) return found.Failure;
        var list = found.Value;
        var ids = list.Rows.Select(r => r.Id).ToList();
        var extra = await db.BusinessEntities.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.CreditCode, e.LegalPerson, e.Contact, e.ContactPhone, e.FoundedOn }).ToDictionaryAsync(e => e.Id, ct);
        var inv = CultureInfo.InvariantCulture;
        var rows = list.Rows.Select(r =>
        {
            var x = extra[r.Id];
            return Row(r.Id, Values.Neutralize(r.Name), r.KindLabel, r.Level ?? "", r.RegionName, r.IndustryName ?? "", Values.Neutralize(x.CreditCode) ?? "",
                Values.Neutralize(x.LegalPerson) ?? "", Values.Neutralize(x.Contact) ?? "", Values.Neutralize(x.ContactPhone) ?? "",
                r.Employees, r.AreaMu, r.AnnualOutputFen / 100m, x.FoundedOn is { } f ? f.ToString("yyyy-MM-dd", inv) : "",
                r.Contracts, r.Households, r.Persons, r.PaidThisYearFen / 100m);
        }).ToList();
        object sheet = rows.Count > 0 ? rows : new List<Dictionary<string, object?>> { Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal) };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, new Dictionary<string, object>(StringComparer.Ordinal) { ["经营主体名录"] = sheet },
            configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);
        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "经营主体名录", newValue: request.FilterText,
            reason: $"导出经营主体名录：{rows.Count.ToString(inv)} 个经营主体");
        await db.SaveChangesAsync(ct);
        return new BusinessEntitiesExport(stream.ToArray(), rows.Count, $"经营主体名录-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static Dictionary<string, object?> Row(params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Length; i++) row[Columns[i]] = values[i];
        return row;
    }
}
