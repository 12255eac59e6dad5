using System.Globalization;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Employment;
using Fupin.Funds;
using Fupin.Industries;
using Fupin.Projects;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Supervision;
using Fupin.Verification;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>The board's section names, in the order the page shows them.</summary>
public static class BoardSections
{
    public const string Registry = "建档立卡与脱贫";
    public const string Exit = "摘帽倒计时与达标";
    public const string Supervision = "排查核对与督查整改";
    public const string Projects = "项目与资金";
    public const string Industry = "车间、搬迁、产业就业";
    public const string Satisfaction = "群众满意度";

    /// <summary>A township's (or village's) answers to the four questions of the county secretary's visit.</summary>
    public const string Visit = "暗访四问：车间、行业政策、搬迁、满意度";

    public static IReadOnlyList<string> Order { get; } = [Visit, Registry, Exit, Supervision, Projects, Industry, Satisfaction];
}

/// <summary>
/// The command board (作战图) of a region as of the business date: each figure from the use case that owns its rule
/// (GetRegionStats, GetCountyReadiness, SearchFindings, SearchRectifications, SearchProjects, GetFundsOverview,
/// SearchWorkshops, SearchSettlementSites, GetIndustryOverview, GetCoverage, GetSurveyRates, AssessHouseholds), with a
/// monthly trend where the data carries its own dates, and the link to the list it equals. Run with a system-scoped
/// context (<see cref="BoardCache"/>); the caller checks that the user may see the region.
/// </summary>
public sealed class GetBoard(AppDbContext db, TimeProvider clock)
{
    public async Task<BoardView?> HandleAsync(GetBoardRequest request, CancellationToken ct)
    {
        var code = request.RegionCode.Trim();
        if (code.Length is not (6 or 9 or 12) || !code.All(char.IsAsciiDigit)) return null;
        var stats = await new GetRegionStats(db).HandleAsync(new GetRegionStatsRequest(code), ct);
        if (stats is null) return null;
        var today = clock.Today();
        var year = today.Year;
        var county = code[..6];
        var level = Region.LevelOf(code);
        var months = BoardTrends.Months(today);
        var q = "region=" + code;
        var y = year.ToString(CultureInfo.InvariantCulture);
        var figures = new List<BoardFigure>();
        var local = level != RegionLevel.County;

        // 建档立卡与脱贫
        var total = stats.Total;
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var households = db.Households.AsNoTracking().InCounty(county).Where(h => h.VillageCode.StartsWith(code));
#pragma warning restore CA1310
        var exited = await households.CountAsync(h => h.ExitYear == year, ct);
        var planned = await households.CountAsync(h => h.PlannedExitYear == year, ct);
        figures.Add(Fig("households", BoardSections.Registry, "建档立卡户", total.Households, "户", "/households?" + q, "households"));
        figures.Add(Fig("persons", BoardSections.Registry, "建档立卡人口", total.Persons, "人", "/households?" + q, "persons"));
        figures.Add(Fig("poor_households", BoardSections.Registry, "未脱贫户（含返贫）", total.PoorHouseholds, "户", $"/households?{q}&poor=true", "households",
            tone: total.PoorHouseholds > 0 ? "warn" : "ok"));
        figures.Add(Fig("poor_persons", BoardSections.Registry, "未脱贫人口（含返贫）", total.PoorPersons, "人", $"/households?{q}&poor=true", "persons"));
        figures.Add(Fig("exited_households", BoardSections.Registry, y + "年已脱贫户", exited, "户", $"/households?{q}&exitYear={y}", "households",
            await BoardTrends.ExitsAsync(db, code, months, ct),
            "脱贫年度为本年的户（含其后返贫的）；趋势为本年完成销号的退出程序按销号日期累计"));
        figures.Add(Fig("exit_plan", BoardSections.Registry, y + "年计划脱贫户", planned, "户", $"/households?{q}&plannedExitYear={y}", "households",
            note: "计划脱贫年度为本年的户（已脱贫或未脱贫）",
            tone: planned > 0 && exited < planned ? "warn" : "ok"));
        var incidence = total.PovertyIncidence;
        figures.Add(Fig("poverty_incidence", BoardSections.Registry, "贫困发生率", incidence, "%", "/assessment?" + q, null,
            note: "未脱贫人口（含返贫）÷ 农业户籍人口", tone: incidence is null ? null : incidence < 2m ? "ok" : "bad"));

        // 摘帽倒计时与达标
        var plan = await db.CountyExitPlans.AsNoTracking().Where(p => p.CountyCode == county).Select(p => (DateOnly?)p.TargetDate).FirstOrDefaultAsync(ct);
        var countdown = GetCountyReadiness.Countdown(plan, today);
        figures.Add(Fig("countdown_days", BoardSections.Exit, "距摘帽目标", countdown.Days, "天", "/assessment?region=" + county, null,
            note: countdown.TargetDate is { } t ? countdown.Text + "（目标日期 " + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "）" : countdown.Text,
            tone: countdown.Days is < 0 ? "bad" : countdown.Days is < 500 ? "warn" : null));
        if (!local)
        {
            var readiness = await new GetCountyReadiness(db, clock).HandleAsync(new GetCountyReadinessRequest(county, today), null, ct);
            if (readiness.IsOk)
            {
                var r = readiness.Value;
                var met = r.Indicators.Count(i => i.State == ReadinessState.Pass);
                figures.Add(Fig("readiness_met", BoardSections.Exit, "摘帽指标达标", met, "项", "/assessment?region=" + county, null,
                    note: $"共{r.Indicators.Count.ToString(CultureInfo.InvariantCulture)}项：" + string.Join("；", r.Indicators.Select(i => $"{i.Name}{i.ValueText}（{i.StateLabel}）")),
                    tone: r.Passes == true ? "ok" : r.Passes == false ? "bad" : "warn"));
            }
        }
        else
        {
            figures.Add(Fig("readiness_met", BoardSections.Exit, "摘帽指标达标", null, "项", "/board/" + county, null,
                note: "摘帽是县级评估，见县作战图"));
        }

        // 排查核对与督查整改
        var findings = new SearchFindings(db);
        var (findingQuery, _) = findings.Filter(new SearchFindingsRequest { Region = code, Stage = FindingStage.Pending });
        var openFindings = await findingQuery.CountAsync(ct);
        figures.Add(Fig("open_findings", BoardSections.Supervision, "待核实疑点", openFindings, "条", $"/verification/findings?{q}&stage=pending", "findings",
            note: "待核实与核实中、疑点仍在的比对疑点", tone: openFindings > 0 ? "warn" : "ok"));
        var rect = await new SearchRectifications(db, clock).HandleAsync(new SearchRectificationsRequest { Region = code, AllRows = true }, ct);
        IReadOnlyList<RectificationRow> rectRows = rect.IsOk ? rect.Value.Rows : [];
        var openRect = rectRows.Count(r => r.Status != RectificationStatus.Closed);
        var overdueRect = rectRows.Count(r => r.Overdue);
        var (openTrend, overdueTrend) = await BoardTrends.RectificationsAsync(db, code, months, ct);
        figures.Add(Fig("open_rectifications", BoardSections.Supervision, "未销号整改事项", openRect, "项", $"/rectifications?{q}&open=true", "rectifications",
            openTrend, "待整改、整改中、待验收；趋势为各月末发现未销号的事项", openRect > 0 ? "warn" : "ok"));
        figures.Add(Fig("overdue_rectifications", BoardSections.Supervision, "逾期未销号", overdueRect, "项", $"/rectifications?{q}&overdue=true", "rectifications",
            overdueTrend, "过整改期限仍未销号；趋势为各月末的逾期事项", overdueRect > 0 ? "bad" : "ok"));

        // 项目与资金
        var projects = new SearchProjects(db, clock);
        var (projectQuery, _) = projects.Filter(new SearchProjectsRequest { Region = code, Year = year });
        var projectRows = await projects.RowsAsync(projectQuery, ct);
        int Projects(ScheduleStatus s) => projectRows.Count(p => p.Status == s);
        figures.Add(Fig("projects_on_time", BoardSections.Projects, y + "年项目·正常", Projects(ScheduleStatus.OnTime), "个", $"/projects?{q}&year={y}&status=OnTime", "projects",
            note: "本年度项目按倒排工期判定的工期状态（已完成另计）", tone: "ok"));
        figures.Add(Fig("projects_at_risk", BoardSections.Projects, y + "年项目·预警", Projects(ScheduleStatus.AtRisk), "个", $"/projects?{q}&year={y}&status=AtRisk", "projects",
            tone: Projects(ScheduleStatus.AtRisk) > 0 ? "warn" : "ok"));
        figures.Add(Fig("projects_late", BoardSections.Projects, y + "年项目·滞后", Projects(ScheduleStatus.Late), "个", $"/projects?{q}&year={y}&status=Late", "projects",
            tone: Projects(ScheduleStatus.Late) > 0 ? "bad" : "ok"));
        var funds = await new GetFundsOverview(db, clock).HandleAsync(new FundsOverviewRequest(code, year), ct);
        if (funds.IsOk)
        {
            var f = funds.Value;
            figures.Add(Fig("fund_disbursement_rate", BoardSections.Projects, y + "年资金拨付率", f.Totals.DisbursementRate, "%", $"/funds?{q}&year={y}", null,
                BoardTrends.FundMonths(f.Months, months), "已拨付 ÷ 已下达（本年度，截至业务日期）"));
        }

        // 车间、搬迁、产业就业
        var industrySection = local ? BoardSections.Visit : BoardSections.Industry;
        var workshops = await new SearchWorkshops(db, clock).HandleAsync(new SearchWorkshopsRequest(code), ct);
        if (workshops.IsOk)
        {
            var w = workshops.Value.Totals;
            var ids = workshops.Value.Rows.Select(r => r.Id).ToList();
            figures.Add(Fig("workshops", industrySection, "扶贫就业车间", w.Workshops, "个", "/workshops?" + q, "workshops",
                note: $"建成{(w.Workshops - w.Building).ToString(CultureInfo.InvariantCulture)}个（其中生产{w.Operating.ToString(CultureInfo.InvariantCulture)}个、停产{w.Suspended.ToString(CultureInfo.InvariantCulture)}个），在建{w.Building.ToString(CultureInfo.InvariantCulture)}个"));
            if (local)
            {
                figures.Add(Fig("workshops_built", industrySection, "车间已建成", w.Workshops - w.Building, "个", "/workshops?" + q, null, note: "不在建的车间（生产或停产）"));
                figures.Add(Fig("workshops_operating", industrySection, "车间在生产", w.Operating, "个", $"/workshops?{q}&status=Operating", "workshops"));
            }
            figures.Add(Fig("workshop_jobs", industrySection, "车间吸纳就业", w.WorkersTotal, "人", "/workshops?" + q, "jobs",
                note: $"各车间填报的在岗人数；计划岗位{w.JobsPlanned.ToString(CultureInfo.InvariantCulture)}个"));
            figures.Add(Fig("workshop_poor_workers", industrySection, "车间贫困劳动力", w.PoorWorkers, "人", "/workshops?" + q, "poor-workers",
                await BoardTrends.WorkshopWorkersAsync(db, county, ids, months, ct), "业务日期在岗的建档立卡成员；趋势为各月末在岗人数"));
        }
        if (local)
        {
            var unmet = await BoardVisit.UnmetGuaranteeAsync(db, clock, code, year, ct);
            if (unmet is { } u)
                figures.Add(Fig("unmet_guarantee_households", industrySection, "行业政策未落实到户", u.Households, "户", "/assessment?" + q, null,
                    note: u.Note, tone: u.Households > 0 ? "bad" : "ok"));
        }
        var sites = await new SearchSettlementSites(db, clock).HandleAsync(new SearchSettlementSitesRequest(code), ct);
        if (sites.IsOk)
        {
            var s = sites.Value.Totals;
            var siteIds = sites.Value.Rows.Select(r => r.Id).ToList();
            figures.Add(Fig("relocated_households", industrySection, "易地搬迁户", s.Households, "户", "/relocation?" + q, "households",
                note: $"{s.Sites.ToString(CultureInfo.InvariantCulture)}个安置点，{s.Persons.ToString(CultureInfo.InvariantCulture)}人（乡、村的作战图含其所在的乡级安置点）"));
            figures.Add(Fig("relocated_moved_in", industrySection, "已搬迁入住", s.HouseholdsMovedIn, "户", "/relocation?" + q, "moved-in",
                await BoardTrends.MovedInAsync(db, county, siteIds, months, ct), "入住日期不晚于业务日期；趋势为各月末已入住户数"));
            if (local)
            {
                figures.Add(Fig("relocated_handed_over", industrySection, "安置房已交付", s.HousesHandedOver, "套", "/relocation?" + q, null,
                    note: $"计划{s.HousesPlanned.ToString(CultureInfo.InvariantCulture)}套，已建成{s.HousesBuilt.ToString(CultureInfo.InvariantCulture)}套"));
                figures.Add(Fig("relocated_with_work", industrySection, "搬迁户有稳定就业", s.HouseholdsWithWork, "户", "/relocation?" + q, "with-work",
                    note: "至少一人稳定就业的搬迁户", tone: s.HouseholdsWithWork < s.Households ? "warn" : "ok"));
            }
        }
        var industry = await new GetIndustryOverview(db, clock).HandleAsync(new IndustryOverviewRequest(code, year), ct);
        if (industry.IsOk)
        {
            var linked = industry.Value.Total.HouseholdsTotal;
            figures.Add(Fig("industry_coverage", local ? BoardSections.Industry : industrySection, "产业带动覆盖率",
                total.Households == 0 ? null : Math.Round(linked * 100m / total.Households, 1), "%", $"/industry?{q}&year={y}", null,
                note: $"带动农户合计{linked.ToString(CultureInfo.InvariantCulture)}户 ÷ 建档立卡户{total.Households.ToString(CultureInfo.InvariantCulture)}户（本年度）"));
        }
        var coverage = await new GetCoverage(db, clock).HandleAsync(new CoverageRequest(code, year), ct);
        if (coverage.IsOk)
        {
            var c = coverage.Value.All;
            figures.Add(Fig("employment_coverage", local ? BoardSections.Industry : industrySection, "产业就业帮扶覆盖率", Percent(c.Rate), "%", "/employment/coverage?" + q, null,
                note: $"有劳动能力且有意愿的{c.Target.ToString(CultureInfo.InvariantCulture)}人中已覆盖{c.Covered.ToString(CultureInfo.InvariantCulture)}人，缺口{c.Gap.ToString(CultureInfo.InvariantCulture)}人",
                tone: c.Gap > 0 ? "warn" : "ok"));
        }

        // 群众满意度
        figures.Add(await BoardVisit.SatisfactionAsync(db, code, county, year, local ? BoardSections.Visit : BoardSections.Satisfaction, ct));

        var children = await BoardChildren.ComputeAsync(db, stats, rectRows, year, ct);
        var above = AncestorLengths.Where(l => l < code.Length).Select(l => code[..l]).ToList();
        var names = await db.Regions.AsNoTracking().Where(r => above.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        return new BoardView(code, total.Name, level, today, figures, children, "")
        {
            Ancestors = [.. above.Select(c => new BoardPlace(c, names.GetValueOrDefault(c, c)))],
        };
    }

    static readonly int[] AncestorLengths = [6, 9];

    internal static decimal? Percent(decimal? fraction) => fraction is { } f ? Math.Round(f * 100m, 1) : null;

    static BoardFigure Fig(string key, string section, string label, decimal? value, string unit, string? link, string? measure,
        IReadOnlyList<BoardPoint>? trend = null, string? note = null, string? tone = null) =>
        new(key, section, label, value, unit, link, measure, trend ?? [], note, tone);
}
