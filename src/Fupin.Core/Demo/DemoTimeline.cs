using Fupin.Assessment;
using Fupin.Registry;

namespace Fupin.Demo;

/// <summary>What the timeline adds beside the registry's own rows: home visits and completed exit procedures.</summary>
internal sealed record DemoTimelineRows(
    Dictionary<Household, List<HouseholdVisit>> Visits,
    Dictionary<Household, ExitProcedure> Exits)
{
    public int VisitCount => Visits.Values.Sum(v => v.Count);

    public static DemoTimelineRows Empty() => new(
        new Dictionary<Household, List<HouseholdVisit>>(ReferenceEqualityComparer.Instance),
        new Dictionary<Household, ExitProcedure>(ReferenceEqualityComparer.Instance));
}

/// <summary>
/// Carries the generated 2018-10-08 county forward to a business date: the 2018 income estimates, the
/// 2018 home visits (不愁吃穿), lawful reasons for some children out of school and renovations of some
/// unsafe houses — and, for a business date at the end of 2019 or later, the 2018 and 2019 exits the county
/// planned, each through a dated exit procedure and only where the household passes the exit test, with the
/// 2019 incomes, visits, renovations and water works that made them possible.
/// Each household draws on its own <see cref="Random"/> (seed and index), so the registry's stream — and
/// everything generated from it before — is unchanged.
/// </summary>
internal static class DemoTimeline
{
    public static DemoTimelineRows Apply(DemoRegistry registry, DateOnly businessDate)
    {
        var rows = DemoTimelineRows.Empty();
        var households = registry.Households;
        var randoms = households.Select((_, i) => new Random(unchecked((registry.Seed * 7919) + i))).ToArray();

        // ---- 2018, as known on 2018-10-08 ----
        for (var i = 0; i < households.Count; i++)
        {
            var (h, r) = (households[i], randoms[i]);
            AddIncome(h, 2018, Target2018(r, h));
            if (h.IsPoor || r.Chance(0.3)) AddVisit(rows, h, r, 2018);
            ExcuseSomeChildren(h, r, DemoCounty.BusinessDate);
            if (h.IsPoor && h.HousingGrade is HousingGrade.C or HousingGrade.D && h.PlannedExitYear == 2018 && r.Chance(0.5))
                h.HousingRenovatedOn = DateIn(r, 2018, 4, 9);
        }
        if (businessDate < DemoCounty.ExitTargetDate) return rows;

        // ---- the rest of 2018: the planned 2018 exits that pass ----
        foreach (var (h, r) in households.Zip(randoms))
        {
            if (h.IsPoor && h.PlannedExitYear == 2018) TryExit(rows, h, r, 2018, 3535);
        }

        // ---- 2019: works, incomes, visits and the remaining exits ----
        for (var i = 0; i < households.Count; i++)
        {
            var (h, r) = (households[i], randoms[i]);
            PromoteChildren(h, 2019);
            if (h.IsPoor)
            {
                if (!h.SafeDrinkingWater && r.Chance(0.92)) h.SafeDrinkingWater = true;
                foreach (var m in h.Members.Where(m => !m.HasBasicMedical && r.Chance(0.95))) m.HasBasicMedical = true;
                if (h.HousingGrade is HousingGrade.C or HousingGrade.D && h.HousingRenovatedOn is null && r.Chance(0.9))
                    h.HousingRenovatedOn = DateIn(r, 2019, 3, 9);
            }
            AddIncome(h, 2019, Target2019(r, h));
            if (h.IsPoor || r.Chance(0.3)) AddVisit(rows, h, r, 2019);
            ExcuseSomeChildren(h, r, new DateOnly(2019, 10, 15));
        }
        foreach (var (h, r) in households.Zip(randoms))
        {
            if (h.IsPoor && h.PlannedExitYear <= 2019) TryExit(rows, h, r, 2019, 3747);
        }
        return rows;
    }

    /// <summary>
    /// 2018 per-capita estimate in yuan: the exited mostly well clear of the line by now (jobs, dividends, transfers),
    /// a few barely growing and about 1% fallen back under it; the 2018 cohort mostly clears 3535.
    /// </summary>
    static double Target2018(Random r, Household h)
    {
        var last = PerCapita(h, 2017);
        return h.Status switch
        {
            PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy => r.NextDouble() switch
            {
                < 0.012 => 3535 * r.Between(0.7, 0.98),          // fell back under the line: a wrong-exit signal
                < 0.07 => last * r.Between(1.0, 1.08),            // barely growing: the relapse watch finds some under 1.5 × the line
                _ => Math.Max(last * r.Between(1.04, 1.2), 3535 * 1.5 * r.Between(1.02, 1.5)),
            },
            PovertyStatus.Relapsed => 3535 * r.Between(0.6, 0.95),
            _ when h.PlannedExitYear == 2018 => r.Chance(0.9) ? 3535 * r.Between(1.02, 1.45) : 3535 * r.Between(0.85, 0.99),
            _ => Math.Min(last * r.Between(1.05, 1.2), 3535 * r.Between(0.85, 0.98)),
        };
    }

    /// <summary>2019 per-capita in yuan: the remaining poor mostly clear 3747 (transfers, jobs, dividends); the exited as in 2018.</summary>
    static double Target2019(Random r, Household h)
    {
        var last = PerCapita(h, 2018);
        return h.IsPoor
            ? r.Chance(0.92) ? 3747 * r.Between(1.02, 1.5) : 3747 * r.Between(0.8, 0.99)
            : r.NextDouble() switch
            {
                < 0.007 => 3747 * r.Between(0.75, 0.98),
                < 0.06 => Math.Max(last * r.Between(1.0, 1.08), 3747 * r.Between(1.02, 1.1)),
                _ => Math.Max(last * r.Between(1.04, 1.18), 3747 * 1.5 * r.Between(1.02, 1.4)),
            };
    }

    static double PerCapita(Household h, int year) =>
        h.Incomes.FirstOrDefault(i => i.Year == year) is { HouseholdSize: > 0 } rec ? rec.NetIncome / 100.0 / rec.HouseholdSize : 0;

    /// <summary>The previous year's record scaled to the target, every part in proportion; wages absorb the rounding.</summary>
    static void AddIncome(Household h, int year, double perCapitaYuan)
    {
        var size = h.Members.Count;
        var target = (long)Math.Round(perCapitaYuan * size) * 100;
        var last = h.Incomes.Where(i => i.Year < year).MaxBy(i => i.Year);
        var f = last is { NetIncome: > 0 } ? (double)target / last.NetIncome : 0;
        long Scale(long fen) => (long)Math.Round(fen * f / 100) * 100;
        var rec = new IncomeRecord
        {
            CountyCode = h.CountyCode, Year = year, HouseholdSize = size,
            Wage = last is null ? 0 : Scale(last.Wage),
            Production = last is null ? 0 : Scale(last.Production),
            ProductionCost = last is null ? 0 : Scale(last.ProductionCost),
            AssetDividend = last is null ? 0 : Scale(last.AssetDividend),
            OtherProperty = last is null ? 0 : Scale(last.OtherProperty),
            FamilyPlanning = last?.FamilyPlanning ?? 0,
            DibaoAllowance = last is null ? 0 : Scale(last.DibaoAllowance),
            TekunAllowance = last is null ? 0 : Scale(last.TekunAllowance),
            PensionIncome = last?.PensionIncome ?? 0,
            EcoCompensation = last?.EcoCompensation ?? 0,
            OtherTransfer = last is null ? 0 : Scale(last.OtherTransfer),
        };
        rec.Wage += target - rec.NetIncome;
        if (rec.Wage < 0)
        {
            rec.Production -= rec.Wage;
            rec.Wage = 0;
        }
        h.Incomes.Add(rec);
    }

    static void AddVisit(DemoTimelineRows rows, Household h, Random r, int year)
    {
        if (!rows.Visits.TryGetValue(h, out var list)) rows.Visits[h] = list = [];
        list.Add(new HouseholdVisit
        {
            CountyCode = h.CountyCode, VillageCode = h.VillageCode, VisitedOn = DateIn(r, year, 3, 9),
            Visitor = "帮扶责任人", FoodSecure = !r.Chance(0.008), ClothingSecure = !r.Chance(0.005),
            Note = null, RecordedBy = "demo",
        });
    }

    /// <summary>The new school year: pre-school children due this September (six by 31 August, as the generator has it) start primary school.</summary>
    static void PromoteChildren(Household h, int schoolYear)
    {
        foreach (var m in h.Members)
        {
            var entryYear = m.BirthDate.Year + (m.BirthDate.Month <= 8 ? 6 : 7);
            if (m.StudentStatus is "学前教育" or "学龄前儿童" && entryYear <= schoolYear) m.StudentStatus = "小学";
        }
    }

    /// <summary>About half of the children out of school without completing it have a recorded lawful reason.</summary>
    static void ExcuseSomeChildren(Household h, Random r, DateOnly on)
    {
        foreach (var m in h.Members)
        {
            if (m.OutOfSchoolReason is not null || m.AgeOn(on) is < HouseholdTest.SchoolAgeFrom or > HouseholdTest.SchoolAgeTo) continue;
            if (HouseholdTest.InSchoolOrCompleted(m, on) || !r.Chance(0.5)) continue;
            m.OutOfSchoolReason = m.Health.HasFlag(HealthConditions.Disabled) ? "残疾儿童送教上门" : "因病休学";
        }
    }

    /// <summary>
    /// The exit of a household planned for <paramref name="year"/>, when its test of that year passes on the
    /// day of the deliberation: six dated steps in November–December, status 已脱贫 from the last one.
    /// </summary>
    static void TryExit(DemoTimelineRows rows, Household h, Random r, int year, int line)
    {
        var start = new DateOnly(year, year == 2018 ? 11 : 10, 1).AddDays(r.Inclusive(0, 14));
        var income = h.Incomes.FirstOrDefault(i => i.Year == year);
        var visit = rows.Visits.GetValueOrDefault(h)?.Where(v => v.VisitedOn.Year == year && v.VisitedOn <= start).MaxBy(v => v.VisitedOn);
        var test = HouseholdTest.Run(h, income, visit, line, HouseholdTest.DefaultMargin, start);
        if (!test.MeetsExitStandard) return;

        var dates = new DateOnly[6];
        dates[0] = start;
        dates[1] = dates[0].AddDays(r.Inclusive(2, 6));
        dates[2] = dates[1].AddDays(r.Inclusive(1, 4));
        dates[3] = dates[2].AddDays(r.Inclusive(1, 3));
        dates[4] = dates[3].AddDays(7 + r.Inclusive(0, 3));
        dates[5] = dates[4].AddDays(r.Inclusive(3, 10));
        string[] notes = ["村民代表民主评议通过", "村两委和驻村工作队入户核实", "户主签字认可", "村内公示7天，无异议", "乡镇公告退出", "县扶贫办批准销号"];
        var procedure = new ExitProcedure
        {
            CountyCode = h.CountyCode, VillageCode = h.VillageCode, Year = year, Status = ExitProcedureStatus.Completed,
            TestPassed = true, TestSummary = test.Summary, StartedBy = "demo", CompletedOn = dates[5],
            StartedAt = new DateTimeOffset(start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            Steps = [.. Enum.GetValues<ExitStep>().Select((s, k) => new ExitProcedureStep
            {
                Step = s, Date = dates[k], RecordedBy = "demo", Note = notes[k],
                RecordedAt = new DateTimeOffset(dates[k].ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
            })],
        };
        rows.Exits[h] = procedure;
        h.Status = PovertyStatus.ExitedWithPolicy;
        h.ExitYear = year;
    }

    static DateOnly DateIn(Random r, int year, int fromMonth, int toMonth)
    {
        var from = new DateOnly(year, fromMonth, 1);
        var to = new DateOnly(year, toMonth, 1).AddMonths(1).AddDays(-1);
        return from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));
    }
}
