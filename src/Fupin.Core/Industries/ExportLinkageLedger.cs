using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Industries;

/// <summary>
/// <see cref="Region"/> filters the parties' villages (county, township or village code); <see cref="Year"/> one year (all years the
/// contracts ran up to today when null); <see cref="EntityId"/> and <see cref="ContractId"/> one entity or contract.
/// </summary>
public sealed record ExportLinkageLedgerRequest(string? Region, int? Year, long? EntityId, long? ContractId, string FilterText, string User);

public sealed record LinkageLedgerExport(byte[] Content, int Rows, long AgreedFen, long PaidFen, string FileName);

/// <summary>
/// 利益联结台账: one row per party and year the contract ran (up to the business date's year, and any year paid): entity, contract,
/// kind, model, household, member, village, agreed and paid in 元. Only parties of households the user may see. Logged with its filters.
/// </summary>
public sealed class ExportLinkageLedger(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "LinkageLedger";

    public static readonly string[] Columns = ["年度", "经营主体", "主体类型", "合同编号", "联结方式", "带贫模式", "合同期限", "户编号", "户主", "联结成员", "所在村",
        "入股金额（元）", "流转面积（亩）", "约定金额（元）", "实际支付（元）"];

    public async Task<Result<LinkageLedgerExport>> HandleAsync(ExportLinkageLedgerRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var inv = CultureInfo.InvariantCulture;
        var region = request.Region?.Trim();
        var parties = db.LinkageParties.AsNoTracking();
        if (!string.IsNullOrEmpty(region))
        {
            if (!region.All(char.IsAsciiDigit) || region.Length is not (6 or 9 or 12))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.unknown", "区域代码无效")]);
#pragma warning disable CA1310 // EF translates StartsWith to SQL
            parties = parties.Where(p => p.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        }
        if (request.Year is < 2000 or > 2100) return Result.Invalid([new FieldError(nameof(request.Year), "payment.year_invalid", "年度无效")]);
        var contracts = db.LinkageContracts.AsNoTracking();
        if (request.EntityId is { } eid) contracts = contracts.Where(c => c.EntityId == eid);
        if (request.ContractId is { } cid) contracts = contracts.Where(c => c.Id == cid);
        var cs = await contracts.ToDictionaryAsync(c => c.Id, ct);
        var cids = cs.Keys.ToList();
        var ps = await parties.Where(p => cids.Contains(p.ContractId)).ToListAsync(ct);
        var entityIds = cs.Values.Select(c => c.EntityId).Distinct().ToList();
        var entities = await db.BusinessEntities.AsNoTracking().IgnoreQueryFilters().Where(e => entityIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => new { e.Name, e.Kind }, ct);
        var hids = ps.Select(p => p.HouseholdId).Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => hids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var heads = await RelocationRules.HeadNamesAsync(db, db.Households.Where(h => hids.Contains(h.Id)).Select(h => h.Id), ct);
        var mids = ps.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).ToList();
        var members = await db.Members.AsNoTracking().Where(m => mids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var pids = ps.Select(p => p.Id).ToList();
        var paid = await db.LinkagePayments.AsNoTracking().Where(p => pids.Contains(p.PartyId))
            .GroupBy(p => new { p.PartyId, p.Year }).Select(g => new { g.Key.PartyId, g.Key.Year, Sum = g.Sum(p => p.AmountFen) }).ToListAsync(ct);
        var paidBy = paid.ToDictionary(p => (p.PartyId, p.Year), p => p.Sum);
        var names = await GetSettlementSite.RegionNamesAsync(db, ps.Select(p => p.VillageCode), ct);

        var lines = new List<(int Year, LinkageContract C, LinkageParty P, long Agreed, long Paid)>();
        foreach (var p in ps)
        {
            var c = cs[p.ContractId];
            var last = Math.Min(c.EndOn?.Year ?? today.Year, today.Year);
            var years = Enumerable.Range(c.StartOn.Year, Math.Max(0, last - c.StartOn.Year + 1))
                .Concat(paid.Where(x => x.PartyId == p.Id).Select(x => x.Year)).Distinct();
            if (request.Year is { } y) years = years.Where(x => x == y);
            foreach (var year in years)
                lines.Add((year, c, p, c.ActiveIn(year) ? p.AgreedPerYearFen ?? c.AgreedPerYearFen : 0, paidBy.GetValueOrDefault((p.Id, year))));
        }
        var rows = lines.OrderBy(l => l.Year).ThenBy(l => entities[l.C.EntityId].Name, StringComparer.Ordinal).ThenBy(l => l.C.Number, StringComparer.Ordinal)
            .ThenBy(l => l.P.VillageCode, StringComparer.Ordinal).ThenBy(l => l.P.Id)
            .Select(l =>
            {
                var e = entities[l.C.EntityId];
                var period = LinkageRules.Date(l.C.StartOn) + " 至 " + (l.C.EndOn is { } end ? LinkageRules.Date(end) : "长期");
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                object?[] values = [l.Year, Values.Neutralize(e.Name), IndustryLabels.Label(e.Kind), Values.Neutralize(l.C.Number), IndustryLabels.Label(l.C.Kind),
                    Values.Neutralize(l.C.Model) ?? "", period, numbers.GetValueOrDefault(l.P.HouseholdId, ""), Values.Neutralize(heads.GetValueOrDefault(l.P.HouseholdId, "")),
                    l.P.MemberId is { } m ? Values.Neutralize(members.GetValueOrDefault(m, "")) : "（全户）", GetSettlementSite.PlaceName(names, l.P.VillageCode),
                    l.P.SharesFen is { } s ? s / 100m : null, l.P.LandMu, l.Agreed / 100m, l.Paid / 100m];
                for (var i = 0; i < Columns.Length; i++) row[Columns[i]] = values[i];
                return row;
            }).ToList();
        object sheet = rows.Count > 0 ? rows : new List<Dictionary<string, object?>> { Columns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal) };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, new Dictionary<string, object>(StringComparer.Ordinal) { ["利益联结台账"] = sheet },
            configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);
        var agreed = lines.Sum(l => l.Agreed);
        var paidSum = lines.Sum(l => l.Paid);
        AccountLog.Add(db, request.User, Entity, request.ContractId ?? 0, AccountLog.Exported, field: "利益联结台账", newValue: request.FilterText,
            reason: $"导出利益联结台账：{rows.Count.ToString(inv)} 行，约定{LinkageRules.Yuan(agreed)}，支付{LinkageRules.Yuan(paidSum)}");
        await db.SaveChangesAsync(ct);
        return new LinkageLedgerExport(stream.ToArray(), rows.Count, agreed, paidSum,
            $"利益联结台账-{(request.Year is { } yr ? yr.ToString(inv) + "-" : "")}{today.ToString("yyyyMMdd", inv)}.xlsx");
    }
}
