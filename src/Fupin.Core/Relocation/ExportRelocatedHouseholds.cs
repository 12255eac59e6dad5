using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Relocation;

/// <param name="SiteId">One site, or all the sites of the user's scope in <paramref name="Region"/> when null.</param>
/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportRelocatedHouseholdsRequest(long? SiteId, string? Region, string FilterText, string User);

public sealed record RelocationExport(byte[] Content, int Rows, string FileName);

/// <summary>
/// The relocated households (易地扶贫搬迁户台账) as a workbook: the head's ID number masked, text a
/// spreadsheet would run as a formula neutralised, stable work as of today. The export is logged.
/// </summary>
public sealed class ExportRelocatedHouseholds(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "RelocatedHousehold";

    public static readonly string[] Columns =
        ["安置点", "安置点所在地", "户编号", "户主", "户主证件号码", "人口", "迁出村", "入住日期", "旧房拆除", "稳定就业", "就业情况", "产业扶持"];

    public async Task<Result<RelocationExport>> HandleAsync(ExportRelocatedHouseholdsRequest request, CancellationToken ct)
    {
        var found = await new SearchSettlementSites(db, clock).HandleAsync(new SearchSettlementSitesRequest(request.Region), ct);
        if (!found.IsOk) return found.Failure;
        var sites = found.Value.Rows.Where(s => request.SiteId is null || s.Id == request.SiteId).ToList();
        if (request.SiteId is not null && sites.Count == 0) return Result.NotFound("未找到该安置点");
        var inv = CultureInfo.InvariantCulture;
        var sheet = new List<Dictionary<string, object?>>();
        foreach (var s in sites)
        {
            var details = await new GetSettlementSite(db, clock).HandleAsync(s.Id, ct);
            if (!details.IsOk) continue;
            var ids = details.Value.Families.Select(f => f.HouseholdId).ToList();
            var heads = await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Relation == Households.MemberRules.Head)
                .Select(m => new { m.HouseholdId, m.IdNumber }).ToListAsync(ct);
            foreach (var f in details.Value.Families)
            {
                var id = heads.FirstOrDefault(h => h.HouseholdId == f.HouseholdId)?.IdNumber;
                sheet.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [Columns[0]] = Values.Neutralize(s.Name),
                    [Columns[1]] = Values.Neutralize(s.RegionName),
                    [Columns[2]] = f.HouseholdNumber,
                    [Columns[3]] = Values.Neutralize(f.HeadName),
                    [Columns[4]] = id?.Masked ?? "",
                    [Columns[5]] = f.Persons,
                    [Columns[6]] = Values.Neutralize(f.FromVillageName),
                    [Columns[7]] = f.MovedInOn?.ToString("yyyy-MM-dd", inv) ?? "未入住",
                    [Columns[8]] = f.OldHouseDemolished ? "是" : "否",
                    [Columns[9]] = f.HasStableWork ? "是" : "否",
                    [Columns[10]] = f.StableWorkText,
                    [Columns[11]] = Values.Neutralize(f.IndustrySupport ?? ""),
                });
            }
        }
        var rows = sheet.Count;
        if (sheet.Count == 0) sheet.Add(Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal));
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(Columns[1]) { Width = 20 },
                new DynamicExcelColumn(Columns[2]) { Width = 18 },
                new DynamicExcelColumn(Columns[4]) { Width = 20 },
                new DynamicExcelColumn(Columns[6]) { Width = 20 },
                new DynamicExcelColumn(Columns[10]) { Width = 36 },
                new DynamicExcelColumn(Columns[11]) { Width = 30 },
            ],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "易地扶贫搬迁户", configuration: configuration, cancellationToken: ct);
        AccountLog.Add(db, request.User, Entity, request.SiteId ?? 0, AccountLog.Exported, field: "易地扶贫搬迁户",
            newValue: request.FilterText, reason: $"导出搬迁户 {rows.ToString(inv)} 户");
        await db.SaveChangesAsync(ct);
        return new RelocationExport(stream.ToArray(), rows, $"易地扶贫搬迁户-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }
}
