using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Region">A county, township or village code (a province or city code also works).</param>
/// <param name="Year">The assessed year: its poverty line and its income records are used.</param>
/// <param name="Margin">Income passing but below Margin × line is flagged unstable.</param>
/// <param name="Cutoff">Alkire–Foster k: a person is multidimensionally poor when deprived in at least this share of the (equally weighted) indicators.</param>
/// <param name="IncidenceThreshold">贫困发生率 below this passes (0.02; 0.03 in western provinces).</param>
/// <param name="AllHouseholds">List every household, not only the registered poor (未脱贫, 返贫).</param>
/// <param name="AsOf">The date ages are taken on; by default today, or 31 December of a past year.</param>
/// <param name="PageSize">Households read per query; memory holds one page, not the region.</param>
public sealed record AssessHouseholdsRequest(
    string Region, int Year,
    PovertyLineScope Scope = PovertyLineScope.ExitThreshold,
    decimal Margin = HouseholdTest.DefaultMargin,
    double Cutoff = AssessHouseholds.DefaultCutoff,
    decimal IncidenceThreshold = AssessHouseholds.DefaultIncidenceThreshold,
    bool AllHouseholds = false,
    DateOnly? AsOf = null,
    int PageSize = AssessHouseholds.DefaultPageSize);

/// <summary>One household's test. <see cref="Head"/> is the head's name (no ID numbers here).</summary>
public sealed record HouseholdAssessment(
    long HouseholdId, string Number, string VillageCode, string Village, string? Head, PovertyStatus Status, int Members, HouseholdTestResult Test);

/// <summary>Households of a region with the indicator 不达标 and 未核实.</summary>
public sealed record IndicatorCount(Indicator Indicator, int NotMet, int Unverified);

/// <summary>
/// Alkire–Foster over the six indicators with equal weights, persons as the unit (each member carries
/// the household's deprivations). <see cref="PoorPersons"/> is q, <see cref="DeprivationSum"/> the
/// deprived indicators summed over the q persons.
/// </summary>
public sealed record AlkireFoster(int Persons, int PoorPersons, int DeprivationSum, int Indicators)
{
    /// <summary>Headcount ratio H = q / n.</summary>
    public double H => Persons == 0 ? 0 : (double)PoorPersons / Persons;

    /// <summary>Intensity A = average deprivation share of the poor.</summary>
    public double A => PoorPersons == 0 ? 0 : (double)DeprivationSum / ((double)PoorPersons * Indicators);

    /// <summary>Adjusted headcount M0 = H × A.</summary>
    public double M0 => Persons == 0 ? 0 : (double)DeprivationSum / ((double)Persons * Indicators);
}

/// <param name="PoorPersons">Members of households 未脱贫 or 返贫, the numerator of the incidence.</param>
/// <param name="RuralPopulation">农业户籍人口 summed over the villages; null when none is known.</param>
/// <param name="Incidence">贫困发生率 as a fraction (0.0123 = 1.23%); null without a population.</param>
/// <param name="BelowThreshold">Incidence below the threshold; null without a population.</param>
/// <param name="Failing">Per indicator, over every assessed household (exited ones too).</param>
/// <param name="MeetingExit">Registered poor households meeting the exit standard.</param>
/// <param name="MeetingExceptUnverified">Registered poor households with no indicator 不达标 (some 未核实).</param>
/// <param name="Unstable">Households whose income passes but is flagged unstable.</param>
public sealed record RegionAssessment(
    string Code, string Name, RegionLevel Level,
    int Households, int Persons, int PoorHouseholds, int PoorPersons,
    long? RuralPopulation, decimal? Incidence, bool? BelowThreshold,
    IReadOnlyList<IndicatorCount> Failing, AlkireFoster Af,
    int MeetingExit, int MeetingExceptUnverified, int Unstable);

/// <param name="Regions">Below the total: each township, then each village (by code), as far as the user may see.</param>
/// <param name="Households">The registered poor (all households when asked), by village and number.</param>
public sealed record AssessmentReport(
    string Region, string RegionName, int Year, DateOnly AsOf,
    PovertyLineScope LineScope, int LineYuan, string LineSource,
    decimal Margin, double Cutoff, int MinDeprivations, decimal IncidenceThreshold,
    RegionAssessment Total, IReadOnlyList<RegionAssessment> Regions, IReadOnlyList<HouseholdAssessment> Households);

/// <summary>
/// Runs the <see cref="HouseholdTest"/> over every household of a region (as far as the context's
/// <see cref="Accounts.AccessScope"/> lets the user see them) for a year, page by page with members
/// and the year's income, and sums per village, township and region: indicator failures,
/// Alkire–Foster H, A and M0, and the 贫困发生率 against its threshold.
/// </summary>
public sealed class AssessHouseholds(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 5000;
    public const double DefaultCutoff = 1.0 / 3;
    public const decimal DefaultIncidenceThreshold = 0.02m;

    static readonly Indicator[] Indicators = Enum.GetValues<Indicator>();

    public async Task<Result<AssessmentReport>> HandleAsync(AssessHouseholdsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var region = request.Region.Trim();
        var errors = new List<FieldError>();
        if (region.Length is not (2 or 4 or 6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        if (request.Year is < 2014 or > 2100)
            errors.Add(new FieldError(nameof(request.Year), "year.invalid", $"年度{request.Year.ToString(CultureInfo.InvariantCulture)}无效"));
        if (request.Margin < 1m)
            errors.Add(new FieldError(nameof(request.Margin), "margin.invalid", "不稳定区间倍数不能小于1"));
        if (request.Cutoff is <= 0 or > 1)
            errors.Add(new FieldError(nameof(request.Cutoff), "cutoff.invalid", "多维贫困临界值 k 应大于0且不大于1"));
        if (request.IncidenceThreshold is <= 0m or >= 1m)
            errors.Add(new FieldError(nameof(request.IncidenceThreshold), "threshold.invalid", "贫困发生率标准应在0和1之间（如0.02）"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var regionName = db.Scope.Overlaps(region)
            ? await db.Regions.AsNoTracking().Where(r => r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(ct)
            : null;
        if (regionName is null) return Result.NotFound($"区域{region}不存在");

        var line = await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Scope == request.Scope && l.Year == request.Year, ct);
        if (line is null) return Result.NotFound($"没有{request.Year.ToString(CultureInfo.InvariantCulture)}年的贫困线（{PovertyLine.Label(request.Scope)}），请先配置");

        var year = request.Year;
        var asOf = request.AsOf ?? HouseholdVisits.DefaultAsOf(year, clock.Today());
        // Equal weights: deprived in d of 6 indicators is a share d/6; the smallest d reaching k (a hair of slack for 1/3 in binary).
        var minDeprivations = Math.Max(1, (int)Math.Ceiling((request.Cutoff * Indicators.Length) - 1e-9));

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var regions = await db.Regions.AsNoTracking()
            .Where(r => (r.Level == RegionLevel.Township || r.Level == RegionLevel.Village) && r.Code.StartsWith(region))
            .Select(r => new { r.Code, r.Name, r.Level, r.RuralPopulation })
            .ToListAsync(ct);
        var county = Distribution.CountyOf(region);
        var households = db.Households.AsNoTracking().InCounty(county).Where(h => h.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        var villageNames = regions.Where(r => r.Level == RegionLevel.Village).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);

        var total = await households.CountAsync(ct);
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var listed = new List<HouseholdAssessment>();
        var pageSize = Math.Max(request.PageSize, 1);
        var (done, after) = (0, 0L);
        while (true)
        {
            // Only the columns HouseholdTest and the report read (a county's households and members in full are most of
            // the time); members, incomes and visits by the page's ids (an Include would run the page's query again for each),
            // passed as one array or JSON parameter (EF's default on SQLite is a parameter per id: 5,000 of them a query).
            var page = await households.Where(h => h.Id > after).OrderBy(h => h.Id).Take(pageSize)
                .Select(h => new Household
                {
                    Id = h.Id, CountyCode = h.CountyCode, VillageCode = h.VillageCode, Number = h.Number, Status = h.Status,
                    HousingGrade = h.HousingGrade, HousingRenovatedOn = h.HousingRenovatedOn, SafeDrinkingWater = h.SafeDrinkingWater,
                })
                .ToListAsync(ct);
            if (page.Count == 0) break;
            var ids = page.Select(h => h.Id).ToList();
            var byId = page.ToDictionary(h => h.Id);
            var members = await db.Members.AsNoTracking().InCounty(county).Where(m => EF.Parameter(ids).Contains(m.HouseholdId)).OrderBy(m => m.Id)
                .Select(m => new Member
                {
                    Id = m.Id, HouseholdId = m.HouseholdId, CountyCode = m.CountyCode, Name = m.Name, Relation = m.Relation, BirthDate = m.BirthDate,
                    Education = m.Education, StudentStatus = m.StudentStatus, OutOfSchoolReason = m.OutOfSchoolReason,
                    HasBasicMedical = m.HasBasicMedical, HasCriticalIllness = m.HasCriticalIllness,
                })
                .ToListAsync(ct);
            foreach (var m in members) byId[m.HouseholdId].Members.Add(m);
            foreach (var i in await db.Incomes.AsNoTracking().InCounty(county).Where(i => i.Year == year && EF.Parameter(ids).Contains(i.HouseholdId)).OrderBy(i => i.Id).ToListAsync(ct))
                byId[i.HouseholdId].Incomes.Add(i);
            var visits = await HouseholdVisits.LatestAsync(db, county, ids, year, asOf, ct);
            foreach (var h in page)
            {
                var test = HouseholdTest.Run(h, h.Incomes.FirstOrDefault(i => i.Year == year), visits.GetValueOrDefault(h.Id), line.AmountYuan, request.Margin, asOf);
                if (!tallies.TryGetValue(h.VillageCode, out var tally)) tallies[h.VillageCode] = tally = new Tally();
                tally.Add(h, test, minDeprivations);
                if (request.AllHouseholds || h.IsPoor)
                {
                    listed.Add(new HouseholdAssessment(h.Id, h.Number, h.VillageCode, villageNames.GetValueOrDefault(h.VillageCode, h.VillageCode),
                        h.Members.FirstOrDefault(m => m.IsHead)?.Name, h.Status, h.Members.Count, test));
                }
            }
            done += page.Count;
            after = page[^1].Id;
            progress?.Report($"已评估 {done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)} 户");
        }

        // Sums per village, then per code prefix (township = first 9 digits) and the whole region: one pass each, so a
        // province's tens of thousands of villages cost no more than a county's few hundred per row.
        var population = regions.Where(r => r.Level == RegionLevel.Village && r.RuralPopulation is not null)
            .ToDictionary(r => r.Code, r => (long)r.RuralPopulation!.Value, StringComparer.Ordinal);
        var totalSum = new Tally();
        var townshipSums = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (village, t) in tallies)
        {
            totalSum.Merge(t);
            if (village.Length < 9) continue;
            if (!townshipSums.TryGetValue(village[..9], out var ts)) townshipSums[village[..9]] = ts = new Tally();
            ts.Merge(t);
        }
        long? PopulationUnder(string code)
        {
            var known = population.Where(p => p.Key.StartsWith(code, StringComparison.Ordinal)).Select(p => p.Value).ToList();
            return known.Count == 0 ? null : known.Sum();
        }
        var townshipPopulation = population.Where(p => p.Key.Length >= 9).GroupBy(p => p.Key[..9], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long?)g.Sum(p => p.Value), StringComparer.Ordinal);

        RegionAssessment Row(string code, string name, RegionLevel level, Tally? sum, long? rural)
        {
            sum ??= new Tally();
            decimal? incidence = rural is > 0 ? (decimal)sum.PoorPersons / rural.Value : null;
            return new RegionAssessment(code, name, level, sum.Households, sum.Persons, sum.PoorHouseholds, sum.PoorPersons,
                rural, incidence, incidence is null ? null : incidence < request.IncidenceThreshold,
                [.. Indicators.Select(i => new IndicatorCount(i, sum.NotMet[(int)i], sum.Unverified[(int)i]))],
                new AlkireFoster(sum.Persons, sum.AfPoorPersons, sum.AfDeprivations, Indicators.Length),
                sum.MeetingExit, sum.MeetingExceptUnverified, sum.Unstable);
        }

        var totalRow = Row(region, regionName, Fupin.Regions.Region.LevelOf(region), totalSum, PopulationUnder(region));
        var rows = regions.Where(r => r.Code != region)
            .OrderBy(r => r.Level).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => r.Level == RegionLevel.Township
                ? Row(r.Code, r.Name, r.Level, townshipSums.GetValueOrDefault(r.Code), townshipPopulation.GetValueOrDefault(r.Code))
                : Row(r.Code, r.Name, r.Level, tallies.GetValueOrDefault(r.Code), r.RuralPopulation))
            .ToList();
        // Households whose village is missing from the region table still count in the total; show them under their code.
        rows.AddRange(tallies.Where(t => !villageNames.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => Row(t.Key, t.Key, RegionLevel.Village, t.Value, null)));
        var ordered = listed.OrderBy(h => h.VillageCode, StringComparer.Ordinal).ThenBy(h => h.Number, StringComparer.Ordinal).ToList();
        progress?.Report($"评估完成：{done.ToString(CultureInfo.InvariantCulture)} 户");
        return new AssessmentReport(region, regionName, year, asOf, line.Scope, line.AmountYuan, line.Source,
            request.Margin, request.Cutoff, minDeprivations, request.IncidenceThreshold, totalRow, rows, ordered);
    }

    sealed class Tally
    {
        public int Households, Persons, PoorHouseholds, PoorPersons, AfPoorPersons, AfDeprivations, MeetingExit, MeetingExceptUnverified, Unstable;
        public int[] NotMet { get; } = new int[Indicators.Length];
        public int[] Unverified { get; } = new int[Indicators.Length];

        public void Add(Household h, HouseholdTestResult test, int minDeprivations)
        {
            var persons = h.Members.Count;
            Households++;
            Persons += persons;
            if (h.IsPoor)
            {
                PoorHouseholds++;
                PoorPersons += persons;
                if (test.MeetsExitStandard) MeetingExit++;
                if (test.MeetsExceptUnverified) MeetingExceptUnverified++;
            }
            if (test.Unstable) Unstable++;
            foreach (var i in test.Indicators)
            {
                if (i.State == IndicatorState.NotMet) NotMet[(int)i.Indicator]++;
                if (i.State == IndicatorState.Unverified) Unverified[(int)i.Indicator]++;
            }
            var deprived = test.Deprivations;
            if (deprived >= minDeprivations)
            {
                AfPoorPersons += persons;
                AfDeprivations += deprived * persons;
            }
        }

        public void Merge(Tally t)
        {
            Households += t.Households;
            Persons += t.Persons;
            PoorHouseholds += t.PoorHouseholds;
            PoorPersons += t.PoorPersons;
            AfPoorPersons += t.AfPoorPersons;
            AfDeprivations += t.AfDeprivations;
            MeetingExit += t.MeetingExit;
            MeetingExceptUnverified += t.MeetingExceptUnverified;
            Unstable += t.Unstable;
            for (var i = 0; i < NotMet.Length; i++)
            {
                NotMet[i] += t.NotMet[i];
                Unverified[i] += t.Unverified[i];
            }
        }
    }
}
