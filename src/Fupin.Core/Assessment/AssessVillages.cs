using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Region">A county or township (a village works too).</param>
/// <param name="Year">The assessed year: its line, incomes and checklist answers.</param>
/// <param name="AsOf">Ages and visits up to this date; by default today, or 31 December of a past year.</param>
/// <param name="ProjectPlannedExits">Count as exited the poor households planned to exit by <paramref name="Year"/> whose test allows it (docs/assessment.md, "Projection").</param>
public sealed record AssessVillagesRequest(string Region, int Year, DateOnly? AsOf = null, bool ProjectPlannedExits = false);

/// <param name="Met">Null when the village has not answered the item for the year (未填报, which does not pass).</param>
public sealed record ChecklistStatus(int ItemId, string Key, string Label, bool Required, bool? Met, string? Evidence);

public enum VillageExitState
{
    /// <summary>非贫困村: no exit to make.</summary>
    NotPoorVillage = 0,

    /// <summary>已退出: <see cref="Regions.Region.ExitYear"/> on or before the year.</summary>
    Exited = 1,

    /// <summary>可退出: incidence below the province's maximum and every required checklist item met.</summary>
    Ready = 2,

    /// <summary>未达到退出条件, with the reasons.</summary>
    NotReady = 3,
}

/// <param name="PoorPersons">Remaining poor persons (未脱贫, 返贫) before any projection.</param>
/// <param name="ProjectedExitPersons">Of these, the persons projected to exit (0 without projection).</param>
/// <param name="Incidence">(PoorPersons − ProjectedExitPersons) ÷ RuralPopulation; null without a population.</param>
public sealed record VillageExit(
    string Code, string Name, string TownshipCode, string TownshipName, bool IsPoorVillage, int? ExitYear,
    long? RuralPopulation, int Households, int PoorHouseholds, int PoorPersons, int ProjectedExitPersons,
    decimal? Incidence, bool? IncidencePasses, IReadOnlyList<ChecklistStatus> Checklist, bool ChecklistMet,
    VillageExitState State, string StateLabel, IReadOnlyList<string> Reasons);

/// <summary>A poor household planned to exit by the year, and whether the projection lets it.</summary>
/// <param name="IncomeYear">The year of the income record tested: the assessed year, or an earlier one when the year has none; null without any.</param>
public sealed record ProjectedHousehold(
    long HouseholdId, string Number, string VillageCode, string Village, string? Head, int Persons, int PlannedExitYear,
    bool Exits, int? IncomeYear, string Reason);

/// <param name="Assessment">The household assessment the villages are summed from (AssessHouseholds), for the total and the lists.</param>
/// <param name="Projected">With projection: every poor household planned to exit by the year, exiting or not; empty otherwise.</param>
public sealed record VillageExitReport(
    string Region, string RegionName, int Year, DateOnly AsOf, bool Projection, ExitStandard Standard,
    AssessmentReport Assessment, IReadOnlyList<VillageExit> Villages, IReadOnlyList<ProjectedHousehold> Projected)
{
    public int ProjectedExitPersons => Projected.Where(p => p.Exits).Sum(p => p.Persons);
    public int ProjectedExitHouseholds => Projected.Count(p => p.Exits);
}

/// <summary>
/// Village exit (贫困村退出) for a year: per village the remaining poor persons from
/// <see cref="AssessHouseholds"/>, 贫困发生率 = remaining poor ÷ 农业户籍人口 strictly below the province's
/// <see cref="ExitStandard.VillageIncidenceMax"/>, and every required, active checklist item answered 达标
/// for the year. A poor village with <see cref="Regions.Region.ExitYear"/> on or before the year has
/// exited. With <see cref="AssessVillagesRequest.ProjectPlannedExits"/> the planned exits that pass their
/// household test are taken out of the poor first.
/// </summary>
public sealed class AssessVillages(AppDbContext db, TimeProvider clock)
{
    const int Chunk = 500;

    public async Task<Result<VillageExitReport>> HandleAsync(AssessVillagesRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var region = request.Region.Trim();
        var standard = await new GetExitStandard(db).HandleAsync(region, ct);
        var assessed = await new AssessHouseholds(db, clock).HandleAsync(
            new AssessHouseholdsRequest(region, request.Year, IncidenceThreshold: standard.VillageIncidenceMax, AsOf: request.AsOf), progress, ct);
        if (!assessed.IsOk) return assessed.Failure;
        var report = assessed.Value;
        var year = request.Year;

        var projected = request.ProjectPlannedExits ? await ProjectAsync(report, region, year, ct) : [];
        var exitingPersons = projected.Where(p => p.Exits).GroupBy(p => p.VillageCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Persons), StringComparer.Ordinal);

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(region))
            .Select(r => new { r.Code, r.IsPoorVillage, r.ExitYear })
            .ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, ct);
        var answers = await db.VillageChecklistAnswers.AsNoTracking().InCounty(Distribution.CountyOf(region))
            .Where(a => a.Year == year && a.VillageCode.StartsWith(region))
            .Select(a => new { a.VillageCode, a.ItemId, a.Met, a.Evidence })
            .ToListAsync(ct);
#pragma warning restore CA1310
        var answerOf = answers.ToDictionary(a => (a.VillageCode, a.ItemId), a => (a.Met, a.Evidence));
        var items = region.Length >= 2 ? await RecordVillageChecklist.ChecklistItemsAsync(db, region, ct) : [];
        var townships = report.Regions.Where(r => r.Level == RegionLevel.Township).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        // A village asked for itself is the report's total, not one of its rows.
        var villageRows = report.Total.Level == RegionLevel.Village ? [report.Total] : report.Regions.Where(r => r.Level == RegionLevel.Village).ToList();
        if (report.Total.Level == RegionLevel.Village && region.Length == 12)
        {
            var township = region[..9];
            townships[township] = await db.Regions.AsNoTracking().Where(r => r.Code == township).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? township;
        }
        var max = standard.VillageIncidenceMax;

        var rows = new List<VillageExit>();
        foreach (var v in villageRows)
        {
            var info = villages.GetValueOrDefault(v.Code);
            var poorVillage = info?.IsPoorVillage ?? false;
            var exitYear = info?.ExitYear;
            var leaving = exitingPersons.GetValueOrDefault(v.Code);
            decimal? incidence = v.RuralPopulation is > 0 ? (decimal)(v.PoorPersons - leaving) / v.RuralPopulation.Value : null;
            bool? incidencePasses = incidence is null ? null : incidence < max;
            var checklist = items.Select(i => answerOf.TryGetValue((v.Code, i.Id), out var a)
                ? new ChecklistStatus(i.Id, i.Key, i.Label, i.Required, a.Met, a.Evidence)
                : new ChecklistStatus(i.Id, i.Key, i.Label, i.Required, null, null)).ToList();
            var checklistMet = checklist.Where(c => c.Required).All(c => c.Met == true);

            var reasons = new List<string>();
            if (incidence is null) reasons.Add("没有农业户籍人口数，无法计算贫困发生率");
            else if (incidencePasses == false) reasons.Add($"贫困发生率{ExitText.Percent(incidence)}，未低于{ExitText.Percent(max)}");
            foreach (var c in checklist.Where(c => c.Required && c.Met != true))
                reasons.Add(c.Met is null ? $"未填报：{c.Label}" : $"未达标：{c.Label}");

            VillageExitState state;
            if (!poorVillage) state = VillageExitState.NotPoorVillage;
            else if (exitYear is { } ey && ey <= year) state = VillageExitState.Exited;
            else state = reasons.Count == 0 ? VillageExitState.Ready : VillageExitState.NotReady;
            if (state is VillageExitState.NotPoorVillage or VillageExitState.Exited) reasons.Clear();

            var township = v.Code.Length >= 9 ? v.Code[..9] : v.Code;
            rows.Add(new VillageExit(v.Code, v.Name, township, townships.GetValueOrDefault(township, township), poorVillage, exitYear,
                v.RuralPopulation, v.Households, v.PoorHouseholds, v.PoorPersons, leaving, incidence, incidencePasses,
                checklist, checklistMet, state, ExitText.Label(state, exitYear), reasons));
        }
        return new VillageExitReport(region, report.RegionName, year, report.AsOf, request.ProjectPlannedExits, standard, report, rows, projected);
    }

    /// <summary>
    /// The registered poor planned to exit by <paramref name="year"/>: each exits when its test of the year has no
    /// indicator 不达标 and income 达标. Without an income record of the year, its latest earlier record is
    /// tested against the year's line (and the reason says so).
    /// </summary>
    async Task<List<ProjectedHousehold>> ProjectAsync(AssessmentReport report, string region, int year, CancellationToken ct)
    {
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var planned = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode.StartsWith(region) && (h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed)
                && h.PlannedExitYear != null && h.PlannedExitYear <= year)
            .Select(h => new { h.Id, Planned = h.PlannedExitYear!.Value })
            .ToDictionaryAsync(h => h.Id, h => h.Planned, ct);
#pragma warning restore CA1310
        var candidates = report.Households.Where(h => planned.ContainsKey(h.HouseholdId)).ToList();

        // Households with no income record of the year: test them again with their latest earlier record.
        var retested = new Dictionary<long, (HouseholdTestResult Test, int IncomeYear)>();
        var missing = candidates.Where(h => h.Test.PerCapitaNetIncomeFen is null).Select(h => h.HouseholdId).ToList();
        foreach (var ids in missing.Chunk(Chunk))
        {
            var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
                .Include(h => h.Members)
                .Include(h => h.Incomes.Where(i => i.Year < year))
                .AsSplitQuery()
                .ToListAsync(ct);
            var visits = await HouseholdVisits.LatestAsync(db, ids, year, report.AsOf, ct);
            foreach (var h in households)
            {
                var latest = h.Incomes.OrderByDescending(i => i.Year).FirstOrDefault();
                if (latest is null) continue;
                retested[h.Id] = (HouseholdTest.Run(h, latest, visits.GetValueOrDefault(h.Id), report.LineYuan, report.Margin, report.AsOf), latest.Year);
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var result = new List<ProjectedHousehold>(candidates.Count);
        foreach (var h in candidates)
        {
            var (test, incomeYear) = retested.TryGetValue(h.HouseholdId, out var r) ? (r.Test, (int?)r.IncomeYear)
                : (h.Test, h.Test.PerCapitaNetIncomeFen is null ? null : (int?)year);
            var notMet = test.Indicators.Where(i => i.State == IndicatorState.NotMet).ToList();
            var incomeMet = test[Indicator.Income].State == IndicatorState.Met;
            var exits = notMet.Count == 0 && incomeMet;
            var parts = new List<string>();
            if (incomeYear is { } iy && iy != year)
                parts.Add($"{year.ToString(inv)}年无收入记录，按{iy.ToString(inv)}年收入对照{year.ToString(inv)}年贫困线{report.LineYuan.ToString(inv)}元");
            if (exits)
            {
                var unverified = test.Indicators.Where(i => i.State == IndicatorState.Unverified).Select(i => HouseholdTest.Label(i.Indicator)).ToList();
                parts.Add(unverified.Count == 0 ? "按计划退出" : $"按计划退出（{string.Join("、", unverified)}未核实）");
            }
            else
            {
                if (!incomeMet && test[Indicator.Income].State == IndicatorState.Unverified) parts.Add("没有收入记录，收入未核实");
                parts.AddRange(notMet.Select(i => $"{HouseholdTest.Label(i.Indicator)}不达标（{i.Evidence}）"));
            }
            result.Add(new ProjectedHousehold(h.HouseholdId, h.Number, h.VillageCode, h.Village, h.Head, h.Members, planned[h.HouseholdId],
                exits, incomeYear, string.Join("；", parts)));
        }
        return result;
    }
}

/// <summary>Chinese wording shared by the readiness report, the pages and the CLI.</summary>
public static class ExitText
{
    /// <summary>A fraction as a percentage with two decimals (0.0123 → “1.23%”); “—” for none.</summary>
    public static string Percent(decimal? fraction) =>
        fraction is { } f ? (f * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Label(VillageExitState state, int? exitYear) => state switch
    {
        VillageExitState.NotPoorVillage => "非贫困村",
        VillageExitState.Exited => $"已退出（{exitYear?.ToString(CultureInfo.InvariantCulture)}年）",
        VillageExitState.Ready => "可退出",
        VillageExitState.NotReady => "未达到退出条件",
        _ => state.ToString(),
    };

    public static string Label(ReadinessState state) => state switch
    {
        ReadinessState.Pass => "达标",
        ReadinessState.Fail => "未达标",
        ReadinessState.NoData => "无数据",
        _ => state.ToString(),
    };
}
