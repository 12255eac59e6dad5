using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Registry;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Industries;

/// <param name="FilterText">The filters as the user gave them, for the audit log.</param>
public sealed record ExportIndustryOverviewRequest(string? Region, int? Year, string FilterText, string User);

public sealed record IndustryOverviewExport(byte[] Content, int Industries, int PlaceRows, string FileName);

/// <summary>
/// 产业带贫情况 of a region and year as a workbook: sheet 产业总览 (one row per industry and a 合计 row) and sheet
/// 分乡镇 (or 分村 for a township: every industry by place, places without figures left out). Amounts in 元 as
/// numbers. Text a spreadsheet would run as a formula is neutralised. The export is logged with its filters.
/// </summary>
public sealed class ExportIndustryOverview(AppDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Entity = "IndustryOverview";
    public const string TotalLabel = "合计";

    public static readonly string[] OverviewColumns =
    [
        "产业代码", "产业名称", "龙头企业", "农民专业合作社", "家庭农场", "种养基地", "扶贫就业车间", "其他经营主体", "经营主体合计",
        "有效利益联结合同", "联结农户（户）", "联结人口（人）", "联结收益兑现（元）", "自主发展户数", "自主发展从业人数", "面积（亩）", "产量", "产量单位",
        "经营收入（元）", "带动农户合计（户）",
    ];

    public static readonly string[] PlaceColumns =
        ["产业代码", "产业名称", "乡镇/村代码", "乡镇/村", "经营主体", "有效合同", "联结农户（户）", "联结人口（人）", "联结收益兑现（元）", "自主发展户数", "面积（亩）", "经营收入（元）", "带动农户合计（户）"];

    public async Task<Result<IndustryOverviewExport>> HandleAsync(ExportIndustryOverviewRequest request, CancellationToken ct)
    {
        var result = await new GetIndustryOverview(db, clock).HandleAsync(new IndustryOverviewRequest(request.Region, request.Year), ct);
        if (!result.IsOk) return result.Failure;
        var o = result.Value;

        static decimal Y(long fen) => fen / 100m;
        static Dictionary<string, object?> Overview(string code, string name, IndustryFigures f, string? unit)
        {
            var e = f.Entities;
            return Row(OverviewColumns, Values.Neutralize(code), Values.Neutralize(name), e.LeadingEnterprise, e.Cooperative, e.FamilyFarm, e.Base, e.Workshop, e.Other, e.Total,
                f.Contracts, f.LinkedHouseholds, f.LinkedPersons, Y(f.PaidFen), f.OwnHouseholds, f.OwnPersons, f.AreaMu, f.Output, Values.Neutralize(unit) ?? "",
                Y(f.IncomeFen), f.HouseholdsTotal);
        }
        var overview = o.Rows.Select(r => Overview(r.Code, r.Name, r.Figures, r.OutputUnit)).ToList();
        overview.Add(Overview("", TotalLabel, o.Total, null));
        var places = o.Rows.SelectMany(r => r.ByPlace.Where(p => p.Figures.HouseholdsTotal + p.Figures.Entities.Total + p.Figures.Contracts > 0)
            .Select(p => Row(PlaceColumns, Values.Neutralize(r.Code), Values.Neutralize(r.Name), p.Code, p.Name, p.Figures.Entities.Total, p.Figures.Contracts,
                p.Figures.LinkedHouseholds, p.Figures.LinkedPersons, Y(p.Figures.PaidFen), p.Figures.OwnHouseholds, p.Figures.AreaMu, Y(p.Figures.IncomeFen),
                p.Figures.HouseholdsTotal))).ToList();
        var placeSheet = o.Level == RegionLevel.Township ? "分村" : "分乡镇";
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["产业总览"] = overview,
            [placeSheet] = places.Count > 0 ? places : [PlaceColumns.ToDictionary(c => c, _ => (object?)null, StringComparer.Ordinal)],
        };
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);

        var inv = CultureInfo.InvariantCulture;
        AccountLog.Add(db, request.User, Entity, 0, AccountLog.Exported, field: "产业带贫情况", newValue: request.FilterText,
            reason: $"导出{o.Year.ToString(inv)}年产业带贫情况（{o.RegionName}）：{o.Rows.Count.ToString(inv)} 个产业，{placeSheet} {places.Count.ToString(inv)} 行");
        await db.SaveChangesAsync(ct);
        return new IndustryOverviewExport(stream.ToArray(), o.Rows.Count, places.Count,
            $"产业带贫情况-{o.Year.ToString(inv)}-{o.Region}-{clock.Today().ToString("yyyyMMdd", inv)}.xlsx");
    }

    static Dictionary<string, object?> Row(string[] columns, params object?[] values)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) row[columns[i]] = values[i];
        return row;
    }
}
