using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

/// <summary>
/// The headings a county's ledger starts with for a year: Henan's 2018 three-year plan (《河南省打赢脱贫攻坚战三年行动计划》,
/// 豫发〔2018〕12号, 2018-07-06). 四场硬仗 (产业扶贫, 就业创业扶贫, 生态扶贫, 金融扶贫) is named in the plan; the members of
/// 六大行动 and 四项工程 could not be confirmed from the original text and are editable defaults. All of them are data:
/// the county office renames, adds, removes and reorders them (<see cref="SaveCampaignHeadings"/>).
/// </summary>
public static class DefaultCampaignHeadings
{
    public const string Battles = "四场硬仗";
    public const string Actions = "六大行动";
    public const string Works = "四项工程";

    /// <summary>Whether a group's members were confirmed from the plan's text (shown as a note in the settings page).</summary>
    public static bool Confirmed(string group) => group == Battles;

    public const string Note = "默认标题依据《河南省打赢脱贫攻坚战三年行动计划》（豫发〔2018〕12号）：“四场硬仗”为产业扶贫、就业创业扶贫、生态扶贫、金融扶贫；"
        + "“六大行动”和“四项工程”的具体组成未能从原文核实，为可修改的默认值，请按本省、本县文件调整。";

    public static readonly IReadOnlyList<(string Group, string Name)> Henan2018 =
    [
        (Battles, "产业扶贫"),
        (Battles, "就业创业扶贫"),
        (Battles, "生态扶贫"),
        (Battles, "金融扶贫"),
        (Actions, "易地扶贫搬迁"),
        (Actions, "危房改造"),
        (Actions, "健康扶贫"),
        (Actions, "教育扶贫"),
        (Actions, "扶贫扶志"),
        (Actions, "社会保障兜底"),
        (Works, "交通扶贫"),
        (Works, "水利扶贫"),
        (Works, "电网升级和网络扶贫"),
        (Works, "人居环境整治"),
    ];

    /// <summary>The county's headings of the year, seeding the defaults when it has none yet (logged as one line).</summary>
    public static async Task<IReadOnlyList<CampaignHeading>> EnsureAsync(AppDbContext db, string countyCode, int year, string user, CancellationToken ct)
    {
        var existing = await db.CampaignHeadings.Where(h => h.CountyCode == countyCode && h.Year == year).OrderBy(h => h.Order).ThenBy(h => h.Id).ToListAsync(ct);
        if (existing.Count > 0) return existing;
        var headings = Henan2018.Select((h, i) => new CampaignHeading { CountyCode = countyCode, Year = year, Group = h.Group, Name = h.Name, Order = (i + 1) * 10 }).ToList();
        db.CampaignHeadings.AddRange(headings);
        await db.SaveChangesAsync(ct);
        CampaignRules.Log(db, countyCode, user, CampaignRules.HeadingEntity, 0, "新增", field: "默认标题", newValue: countyCode + " " + year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reason: $"按河南2018年默认设置攻坚台账标题 {headings.Count} 个");
        await db.SaveChangesAsync(ct);
        return headings;
    }
}
