using System.Globalization;
using Fupin.Assessment;
using Fupin.Data;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>Households of a region whose sector policies (两不愁三保障, drinking water) are not all met, with the rule.</summary>
public sealed record UnmetGuarantee(int Households, int Persons, string Note);

/// <summary>The figures of the township section that need a rule of their own: unmet guarantees and satisfaction.</summary>
public static class BoardVisit
{
    static readonly Indicator[] Guarantees = [Indicator.FoodAndClothing, Indicator.Education, Indicator.Medical, Indicator.Housing, Indicator.Water];

    /// <summary>
    /// The registered poor (未脱贫, 返贫) of the region with any of 不愁吃穿, 义务教育, 基本医疗, 住房安全, 饮水安全 不达标 in the
    /// household test of the year (<see cref="AssessHouseholds"/>; income is not a sector policy; 未核实 is not counted as unmet).
    /// </summary>
    public static async Task<UnmetGuarantee?> UnmetGuaranteeAsync(AppDbContext db, TimeProvider clock, string region, int year, CancellationToken ct)
    {
        var report = await new AssessHouseholds(db, clock).HandleAsync(new AssessHouseholdsRequest(region, year), null, ct);
        if (!report.IsOk) return null;
        var unmet = report.Value.Households.Where(h => Guarantees.Any(i => h.Test[i].State == IndicatorState.NotMet)).ToList();
        var byIndicator = Guarantees.Select(i => (i, Count: unmet.Count(h => h.Test[i].State == IndicatorState.NotMet))).Where(x => x.Count > 0)
            .Select(x => HouseholdTest.Label(x.i) + x.Count.ToString(CultureInfo.InvariantCulture) + "户");
        var note = "未脱贫户（含返贫）中不愁吃穿、义务教育、基本医疗、住房安全、饮水安全任一项不达标的户（按户退出检验，未核实不计）"
            + (unmet.Count > 0 ? "：" + string.Join("、", byIndicator) : "");
        return new UnmetGuarantee(unmet.Count, unmet.Sum(h => h.Members), note);
    }

    /// <summary>
    /// 满意度: approving ÷ surveyed households of the region in the latest satisfaction survey of the county (a year up to the
    /// business year) with any household surveyed, as <see cref="GetSurveyRates"/> counts it.
    /// </summary>
    public static async Task<BoardFigure> SatisfactionAsync(AppDbContext db, string region, string county, int year, string section, CancellationToken ct)
    {
        var survey = await db.SatisfactionSurveys.AsNoTracking()
            .Where(x => x.CountyCode == county && x.Year <= year && db.SurveyedHouseholds.Any(h => h.CountyCode == x.CountyCode && h.SurveyId == x.Id && h.Approves != null))
            .OrderByDescending(x => x.Year).ThenByDescending(x => x.Id)
            .Select(x => new { x.Id, x.Name })
            .FirstOrDefaultAsync(ct);
        if (survey is null)
            return new BoardFigure("satisfaction", section, "群众满意度", null, "%", "/surveys", null, [], "尚无已调查的满意度调查");
        var rates = await new GetSurveyRates(db).HandleAsync(new GetSurveyRatesRequest(survey.Id, region), ct);
        var t = rates.IsOk ? rates.Value.Total : null;
        var value = GetBoard.Percent(t?.Rate);
        var min = rates.IsOk ? rates.Value.ApprovalMin : 0.9m;
        return new BoardFigure("satisfaction", section, "群众满意度", value, "%", "/surveys/" + survey.Id.ToString(CultureInfo.InvariantCulture) + "?region=" + region, null, [],
            $"满意度调查“{survey.Name}”：认可户 ÷ 调查户" + (t is null ? "" : $"（{t.Approving.ToString(CultureInfo.InvariantCulture)}/{t.Surveyed.ToString(CultureInfo.InvariantCulture)}）"),
            value is null ? null : value >= min * 100m ? "ok" : "bad");
    }
}
