using System.Globalization;
using Fupin.Demo;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Verification;

namespace Fupin.Generate;

/// <param name="OutDir">The folder to write the twelve lists (<c>KEY.csv</c>) and <c>lists.planted.csv</c> into.</param>
public sealed record GenerateDepartmentListsRequest(string OutDir, int Seed = DemoCounty.DefaultSeed);

/// <param name="RegisteredRows">Rows naming a registered person (the rest are people not in the registry).</param>
public sealed record DepartmentListFile(string Key, string Path, long Rows, long RegisteredRows);

public sealed record PlantedCount(string Rule, int Count);

public sealed record GenerateDepartmentListsResult(IReadOnlyList<DepartmentListFile> Files, IReadOnlyList<PlantedCount> Planted, string ManifestPath);

/// <summary>
/// Writes the twelve department lists of docs/verification.md for the demo county 南召县 (as of
/// 2018-09-30) from the demo registry (<see cref="DemoGenerator"/>), with a fixed number of planted
/// cases per comparison rule (<see cref="DemoPlan"/>) listed in <c>lists.planted.csv</c> (rule, ID
/// number, household number). Every other registered person on a list agrees with the registry, so a
/// run over the demo finds exactly the manifest; most rows are people not registered at all, with
/// valid ID numbers that no registered person has. Planted persons come from their own random stream,
/// no household carries two planted cases, and the same seed always gives the same bytes.
/// </summary>
/// <param name="fillerScale">Multiplies the rows of unregistered people per list (1 = 1,500–8,000 a list).</param>
public sealed class GenerateDepartmentLists(double fillerScale = 1.0)
{
    public static readonly DateOnly AsOf = new(2018, 9, 30);

    /// <summary>Planted cases per rule in the demo (docs/verification.md, "The demo's planted cases").</summary>
    public static IReadOnlyList<PlantedCount> DemoPlan { get; } =
    [
        new(ComparisonRules.Get(ComparisonRuleId.Deceased).Code, 23), new(ComparisonRules.Get(ComparisonRuleId.MovedOut).Code, 14), new(ComparisonRules.Get(ComparisonRuleId.Payroll).Code, 11), new(ComparisonRules.Get(ComparisonRuleId.Vehicle).Code, 17),
        new(ComparisonRules.Get(ComparisonRuleId.Business).Code, 9), new(ComparisonRules.Get(ComparisonRuleId.Property).Code, 12), new(ComparisonRules.Get(ComparisonRuleId.DibaoNotRegistered).Code, 8), new(ComparisonRules.Get(ComparisonRuleId.DibaoNotListed).Code, 13),
        new(ComparisonRules.Get(ComparisonRuleId.TekunNotRegistered).Code, 5), new(ComparisonRules.Get(ComparisonRuleId.TekunNotListed).Code, 7), new(ComparisonRules.Get(ComparisonRuleId.NotEnrolled).Code, 19), new(ComparisonRules.Get(ComparisonRuleId.Uninsured).Code, 21),
        new(ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code, 15), new(ComparisonRules.Get(ComparisonRuleId.DisabilityNotFlagged).Code, 10), new(ComparisonRules.Get(ComparisonRuleId.DisabilityNotListed).Code, 16),
        new(ComparisonRules.Get(ComparisonRuleId.VillageOfficial).Code, 6), new(ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code, 8),
    ];

    /// <summary>Rows of people not in the registry, per list (a county of 540,000 rural people).</summary>
    static readonly Dictionary<string, int> FillerRows = new(StringComparer.Ordinal)
    {
        ["deaths"] = 3000, ["payroll"] = 6000, ["vehicles"] = 8000, ["businesses"] = 4000, ["property"] = 5000, ["dibao"] = 6000,
        ["tekun"] = 1500, ["medical-insurance"] = 8000, ["school-enrolment"] = 6000, ["unsafe-housing"] = 1500, ["disability"] = 4000,
        ["village-officials"] = 2500,
    };

    public Task<GenerateDepartmentListsResult> HandleAsync(GenerateDepartmentListsRequest request, IProgress<string>? progress, CancellationToken ct) =>
        Task.Run(() => Generate(request, progress, ct), ct);

    sealed record Person(Member Member, Household Household, int HouseholdIndex, ResidentId Id, int Age)
    {
        public string IdText => Id.ToString();
    }

    readonly record struct Row(string Name, string Id, string?[] Cells);

    GenerateDepartmentListsResult Generate(GenerateDepartmentListsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report($"正在生成演示县建档立卡数据（seed={request.Seed}）……");
        var registry = DemoGenerator.Generate(request.Seed);
        var people = new List<Person>(registry.MemberCount);
        for (var i = 0; i < registry.Households.Count; i++)
        {
            var h = registry.Households[i];
            foreach (var m in h.Members)
            {
                if (m.IdNumber is { } id) people.Add(new Person(m, h, i, id, m.AgeOn(AsOf)));
            }
        }
        var registered = people.Select(p => p.Id.Key).ToHashSet();
        var county = CountyPlaces.For(DemoCounty.CountyCode);
        var lists = DepartmentLists.Keys.ToDictionary(k => k, _ => new List<Row>(), StringComparer.Ordinal);
        var manifest = new List<(string Rule, Person Person)>();
        ct.ThrowIfCancellationRequested();

        // ---- planted cases: one stream, in the order of the rules table, one household each ----
        var plantRandom = new Random(ProvincePlan.Mix(request.Seed, 0x1157_0001));
        var usedHouseholds = new HashSet<int>();
        var planted = DemoPlan.ToDictionary(p => p.Rule, p => p.Count, StringComparer.Ordinal);
        List<Person> Plant(string rule, int count, Func<Person, bool> eligible)
        {
            var candidates = people.Where(eligible).ToArray();
            plantRandom.Shuffle(candidates);
            var picked = new List<Person>(count);
            foreach (var c in candidates)
            {
                if (picked.Count == count) break;
                if (usedHouseholds.Add(c.HouseholdIndex)) picked.Add(c);
            }
            if (picked.Count < count) throw new InvalidOperationException($"演示县中符合 {rule} 的人不足 {count} 个");
            foreach (var p in picked) manifest.Add((rule, p));
            return picked;
        }
        Row RowOf(Person p, params string?[] cells) => new(p.Member.Name, p.IdText, cells);

        var r = plantRandom;
        var deceased = Plant(ComparisonRules.Get(ComparisonRuleId.Deceased).Code, planted[ComparisonRules.Get(ComparisonRuleId.Deceased).Code], p => p.Age >= 55);
        for (var i = 0; i < deceased.Count; i++)
        {
            var died = Day(r, new DateOnly(2017, 10, 1), AsOf.AddDays(-5));
            lists["deaths"].Add(RowOf(deceased[i], "死亡", Iso(died)));
            // A few moved out before they died: 迁出 beside 死亡 is still only 已死亡.
            if (i < 3) lists["deaths"].Add(RowOf(deceased[i], "迁出", Iso(Day(r, new DateOnly(2015, 1, 1), died.AddDays(-30)))));
        }
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.MovedOut).Code, planted[ComparisonRules.Get(ComparisonRuleId.MovedOut).Code], p => p.Age is >= 18 and <= 45))
            lists["deaths"].Add(RowOf(p, "迁出", Iso(Day(r, new DateOnly(2016, 6, 1), AsOf.AddDays(-5)))));
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.Payroll).Code, planted[ComparisonRules.Get(ComparisonRuleId.Payroll).Code], p => p.Age is >= 22 and <= 58))
            lists["payroll"].Add(RowOf(p, ListCells.Payroll(r, county)));
        var cars = Plant(ComparisonRules.Get(ComparisonRuleId.Vehicle).Code, planted[ComparisonRules.Get(ComparisonRuleId.Vehicle).Code], p => p.Age is >= 20 and <= 60);
        for (var i = 0; i < cars.Count; i++)
        {
            lists["vehicles"].Add(RowOf(cars[i], r.Pick(ListCells.Cars), ListCells.Plate(r, county)));
            // A farm vehicle beside the car changes nothing.
            if (i < 4) lists["vehicles"].Add(RowOf(cars[i], r.Pick(ListCells.FarmVehicles), ListCells.Plate(r, county)));
        }
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.Business).Code, planted[ComparisonRules.Get(ComparisonRuleId.Business).Code], p => p.Age is >= 22 and <= 60))
            lists["businesses"].Add(RowOf(p, ListCells.Business(r, county)));
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.Property).Code, planted[ComparisonRules.Get(ComparisonRuleId.Property).Code], p => p.Age is >= 25 and <= 60))
            lists["property"].Add(RowOf(p, ListCells.Property(r, county)));
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.DibaoNotRegistered).Code, planted[ComparisonRules.Get(ComparisonRuleId.DibaoNotRegistered).Code], p => !p.Member.IsDibao))
            lists["dibao"].Add(RowOf(p, ListCells.Dibao(r)));
        var dibaoNotListed = Plant(ComparisonRules.Get(ComparisonRuleId.DibaoNotListed).Code, planted[ComparisonRules.Get(ComparisonRuleId.DibaoNotListed).Code], p => p.Member.IsDibao).ToHashSet();
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.TekunNotRegistered).Code, planted[ComparisonRules.Get(ComparisonRuleId.TekunNotRegistered).Code], p => !p.Member.IsTekun && p.Age >= 60))
            lists["tekun"].Add(RowOf(p, ListCells.Tekun(r)));
        var tekunNotListed = Plant(ComparisonRules.Get(ComparisonRuleId.TekunNotListed).Code, planted[ComparisonRules.Get(ComparisonRuleId.TekunNotListed).Code], p => p.Member.IsTekun).ToHashSet();
        var notEnrolled = Plant(ComparisonRules.Get(ComparisonRuleId.NotEnrolled).Code, planted[ComparisonRules.Get(ComparisonRuleId.NotEnrolled).Code], p => p.Age is >= 6 and <= 15).ToHashSet();
        var uninsured = Plant(ComparisonRules.Get(ComparisonRuleId.Uninsured).Code, planted[ComparisonRules.Get(ComparisonRuleId.Uninsured).Code], _ => true);
        for (var i = 0; i < 6; i++) lists["medical-insurance"].Add(RowOf(uninsured[i], "大病保险")); // not basic: still uninsured

        // Unsafe housing: registered C/D with the work not done, registered C/D and not on the list, registered A/B but found C/D.
        var unsafeCount = planted[ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code];
        var unsafeHouseholds = new HashSet<int>();
        static bool RegisteredUnsafe(Household h) => h.HousingGrade is HousingGrade.C or HousingGrade.D;
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code, unsafeCount - 8, p => p.Member.IsHead && RegisteredUnsafe(p.Household)))
        {
            lists["unsafe-housing"].Add(RowOf(p, Grade(p.Household.HousingGrade), r.Chance(0.6) ? "未改造" : "改造中"));
            unsafeHouseholds.Add(p.HouseholdIndex);
        }
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code, 5, p => p.Member.IsHead && RegisteredUnsafe(p.Household)))
            unsafeHouseholds.Add(p.HouseholdIndex);
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code, 3, p => p.Member.IsHead && !RegisteredUnsafe(p.Household)))
        {
            lists["unsafe-housing"].Add(RowOf(p, r.Chance(0.7) ? "C" : "D", "未改造"));
            unsafeHouseholds.Add(p.HouseholdIndex);
        }

        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.DisabilityNotFlagged).Code, planted[ComparisonRules.Get(ComparisonRuleId.DisabilityNotFlagged).Code], p => !IsDisabled(p.Member)))
            lists["disability"].Add(RowOf(p, ListCells.Disability(r, p.IdText)));
        var disabilityNotListed = Plant(ComparisonRules.Get(ComparisonRuleId.DisabilityNotListed).Code, planted[ComparisonRules.Get(ComparisonRuleId.DisabilityNotListed).Code], p => IsDisabled(p.Member)).ToHashSet();
        foreach (var p in Plant(ComparisonRules.Get(ComparisonRuleId.VillageOfficial).Code, planted[ComparisonRules.Get(ComparisonRuleId.VillageOfficial).Code], p => p.Age is >= 25 and <= 60))
            lists["village-officials"].Add(RowOf(p, ListCells.VillageOfficial(r)));
        var mismatched = Plant(ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code, planted[ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code], p => p.Age is >= 22 and <= 58);
        for (var i = 0; i < mismatched.Count; i++)
        {
            var p = mismatched[i];
            // The name differs, so the row is not a match: only the mismatch is raised, never 财政供养 or 车辆.
            var name = ListCells.OtherName(r, p.Member.Name, p.Id.Gender, p.Member.BirthDate.Year);
            var cells = i % 2 == 0 ? ListCells.Payroll(r, county)
                : [i % 4 == 1 ? r.Pick(ListCells.Cars) : r.Pick(ListCells.FarmVehicles), ListCells.Plate(r, county)];
            lists[i % 2 == 0 ? "payroll" : "vehicles"].Add(new Row(name, p.IdText, cells));
        }
        var plantedPeople = manifest.Select(m => m.Person.Id.Key).ToHashSet();
        ct.ThrowIfCancellationRequested();

        // ---- everyone else as the registry has them, each list from its own stream ----
        Random ListRandom(string key) => new(ProvincePlan.Mix(request.Seed, 0x1157_0100 + ListTypes.IndexOf(key)));

        var vr = ListRandom("vehicles");
        foreach (var p in people)
        {
            if (p.Age is >= 18 and <= 70 && !plantedPeople.Contains(p.Id.Key) && vr.Chance(0.004))
                lists["vehicles"].Add(RowOf(p, vr.Pick(ListCells.FarmVehicles), ListCells.Plate(vr, county)));
        }

        var dr = ListRandom("dibao");
        foreach (var p in people.Where(p => p.Member.IsDibao && !dibaoNotListed.Contains(p)))
        {
            // Civil affairs lists still carry 15-digit numbers of people born in the 1900s.
            var id = p.Member.BirthDate.Year < 2000 && dr.Chance(0.1) ? Legacy15(p.IdText) : p.IdText;
            lists["dibao"].Add(new Row(p.Member.Name, id, ListCells.Dibao(dr)));
        }
        var tr = ListRandom("tekun");
        foreach (var p in people.Where(p => p.Member.IsTekun && !tekunNotListed.Contains(p)))
            lists["tekun"].Add(RowOf(p, ListCells.Tekun(tr)));
        var disr = ListRandom("disability");
        foreach (var p in people.Where(p => IsDisabled(p.Member) && !disabilityNotListed.Contains(p)))
        {
            // A lower-case x is the same number.
            lists["disability"].Add(new Row(p.Member.Name, p.IdText.Replace('X', 'x'), ListCells.Disability(disr, p.IdText)));
        }

        var mr = ListRandom("medical-insurance");
        var uninsuredSet = uninsured.ToHashSet();
        var spaced = 0;
        var emptyKind = 0;
        foreach (var p in people.Where(p => !uninsuredSet.Contains(p)))
        {
            // Spaces in a name (half- or full-width) do not make it another name.
            var name = spaced < 30 && mr.Chance(0.002) ? Spaced(p.Member.Name, spaced++ % 2 == 0 ? ' ' : '\u3000') : p.Member.Name;
            var kind = !p.Member.HasBasicMedical ? "城镇职工基本医疗保险" : emptyKind < 10 && mr.Chance(0.001) ? null
                : mr.Chance(0.9) ? "城乡居民基本医疗保险" : "基本医疗保险";
            if (kind is null) emptyKind++;
            lists["medical-insurance"].Add(new Row(name, p.IdText, [kind]));
            if (p.Member.HasCriticalIllness && mr.Chance(0.08)) lists["medical-insurance"].Add(RowOf(p, "大病保险"));
        }

        var sr = ListRandom("school-enrolment");
        foreach (var p in people)
        {
            var inCompulsory = p.Age is >= 6 and <= 15 && !notEnrolled.Contains(p);
            var inHighSchool = p.Age is 16 or 17 && p.Member.StudentStatus is not null;
            if (inCompulsory || inHighSchool) lists["school-enrolment"].Add(RowOf(p, ListCells.School(sr, county, p.Age)));
        }

        var ur = ListRandom("unsafe-housing");
        for (var i = 0; i < registry.Households.Count; i++)
        {
            var h = registry.Households[i];
            if (unsafeHouseholds.Contains(i) || h.Members.Count == 0) continue;
            var head = h.Members.FirstOrDefault(m => m.IsHead) ?? h.Members[0];
            if (RegisteredUnsafe(h))
            {
                lists["unsafe-housing"].Add(new Row(head.Name, head.IdNumber!.Value.ToString(), [Grade(h.HousingGrade), ur.Chance(0.9) ? "已竣工" : "已改造"]));
                // An older row of another member still under way: the finished row settles the household.
                if (h.Members.Count > 1 && ur.Chance(0.05))
                    lists["unsafe-housing"].Add(new Row(h.Members[1].Name, h.Members[1].IdNumber!.Value.ToString(), [Grade(h.HousingGrade), "改造中"]));
            }
            else if (ur.Chance(0.004))
            {
                // Rebuilt since: registered A/B, found C/D and finished.
                lists["unsafe-housing"].Add(new Row(head.Name, head.IdNumber!.Value.ToString(), [ur.Chance(0.7) ? "C" : "D", "已竣工"]));
            }
        }
        ct.ThrowIfCancellationRequested();

        // ---- people not in the registry, then write ----
        Directory.CreateDirectory(request.OutDir);
        var files = new List<DepartmentListFile>(DepartmentLists.Keys.Count);
        var fillerIds = new FillerIds(AsOf, DemoCounty.CountyCode, [.. Neighbours(DemoCounty.CountyCode)], key => registered.Contains(key));
        foreach (var key in DepartmentLists.Keys)
        {
            var rows = lists[key];
            var registeredRows = rows.Count;
            var fr = new Random(ProvincePlan.Mix(request.Seed, 0x1157_0200 + ListTypes.IndexOf(key)));
            var filler = (int)Math.Round(FillerRows[key] * fillerScale);
            for (var n = 0; n < filler; n++)
            {
                var (id, name, cells) = ListCells.Filler(fr, key, fillerIds);
                rows.Add(new Row(name, id, cells));
            }
            var shuffled = rows.ToArray();
            fr.Shuffle(shuffled);
            var path = Path.Combine(request.OutDir, key + ".csv");
            using (var csv = new CsvRowWriter(path))
            {
                foreach (var h in DepartmentLists.Header(key)) csv.Cell(h);
                csv.EndRow();
                foreach (var row in shuffled)
                {
                    csv.Cell(row.Name);
                    csv.Cell(row.Id);
                    foreach (var c in row.Cells) csv.Cell(c);
                    csv.EndRow();
                }
            }
            files.Add(new DepartmentListFile(key, path, shuffled.Length, registeredRows));
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"已写入 {path}：{shuffled.Length} 行（建档立卡人员 {registeredRows} 行）"));
        }

        var manifestPath = Path.Combine(request.OutDir, PlantedManifest.FileName);
        using (var csv = new PlantedManifest(manifestPath))
        {
            foreach (var (rule, p) in manifest.OrderBy(m => DemoPlanIndex(m.Rule)))
                csv.Add(rule, p.IdText, p.Household.Number);
        }
        return new GenerateDepartmentListsResult(files, DemoPlan, manifestPath);
    }

    static int DemoPlanIndex(string rule)
    {
        for (var i = 0; i < DemoPlan.Count; i++)
        {
            if (DemoPlan[i].Rule == rule) return i;
        }
        return DemoPlan.Count;
    }

    static bool IsDisabled(Member m) => m.Health.HasFlag(HealthConditions.Disabled);

    static string Grade(HousingGrade g) => g == HousingGrade.D ? "D" : "C";

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static DateOnly Day(Random r, DateOnly from, DateOnly to) => from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>The 15-digit form of a number of someone born in the 1900s: no century, no check character.</summary>
    static string Legacy15(string id18) => string.Concat(id18.AsSpan(0, 6), id18.AsSpan(8, 9));

    static string Spaced(string name, char space) => name.Length < 2 ? name : name.Insert(1, space.ToString());

    /// <summary>The other counties of the city: people registered there also turn up on the county's lists.</summary>
    static IEnumerable<string> Neighbours(string countyCode) =>
        RegionCatalog.ChildrenOf(countyCode[..4]).Where(c => c.Level == RegionLevel.County && c.Code != countyCode && FillerIds.IssuesIds(c.Code)).Select(c => c.Code);
}

/// <summary>The twelve list types' keys and the header each generated file carries (姓名 and 身份证号码 first).</summary>
public static class DepartmentLists
{
    public static IReadOnlyList<string> Keys { get; } = [.. ListTypes.All.Select(t => t.Key)];

    public static IReadOnlyList<string> Header(string key) =>
        [ListTypes.Name.Header, ListTypes.IdNumber.Header, .. ListTypes.Find(key)!.Columns.Select(c => c.Header)];
}

/// <summary><c>lists.planted.csv</c>: rule, ID number (the head's for a household rule), household number.</summary>
internal sealed class PlantedManifest(string path) : IDisposable
{
    public const string FileName = "lists.planted.csv";

    readonly CsvRowWriter _csv = Header(new CsvRowWriter(path));

    static CsvRowWriter Header(CsvRowWriter csv)
    {
        csv.Cell("rule");
        csv.Cell("id");
        csv.Cell("household");
        csv.EndRow();
        return csv;
    }

    public void Add(string rule, string id, string? household)
    {
        _csv.Cell(rule);
        _csv.Cell(id);
        _csv.Cell(household);
        _csv.EndRow();
    }

    public void Dispose() => _csv.Dispose();
}

/// <summary>
/// Valid ID numbers of people not in the registry: mostly of the home county (or, at province scale,
/// of any county drawn), some of the other counties given, redrawn until no registered person has it.
/// </summary>
/// <param name="homeShare">Share drawn from the home county; the rest from the other counties.</param>
internal sealed class FillerIds(DateOnly asOf, string homeCounty, string[] otherCounties, Func<long, bool> isRegistered, double homeShare = 0.85)
{
    readonly long _home = long.Parse(homeCounty, CultureInfo.InvariantCulture);
    readonly long[] _others = [.. otherCounties.Select(c => long.Parse(c, CultureInfo.InvariantCulture))];

    public DateOnly AsOf => asOf;

    /// <summary>Development zones and the like (codes xx71 and up) came after the people's ID numbers did.</summary>
    public static bool IssuesIds(string countyCode) => int.Parse(countyCode.AsSpan(4, 2), CultureInfo.InvariantCulture) < 70;

    public ResidentId Next(Random r, int minAge, int maxAge)
    {
        var earliest = asOf.AddYears(-(maxAge + 1)).AddDays(1).DayNumber;
        var latest = asOf.AddYears(-minAge).DayNumber;
        while (true)
        {
            var county = _others.Length == 0 || r.NextDouble() < homeShare ? _home : _others[r.Next(_others.Length)];
            var birth = DateOnly.FromDayNumber(earliest + r.Next(latest - earliest + 1));
            var date = (birth.Year * 10_000L) + (birth.Month * 100L) + birth.Day;
            var key = (((county * 100_000_000L) + date) * 1000L) + r.Next(1, 1000);
            if (!isRegistered(key)) return ResidentId.FromKey(key);
        }
    }
}

/// <summary>The names a county's lists use: the county, its townships, and its licence plate prefix.</summary>
internal sealed record CountyPlaces(string County, string[] Towns, string PlatePrefix)
{
    static readonly Dictionary<string, CountyPlaces> Cache = new(StringComparer.Ordinal);
    static readonly Lock Gate = new();

    public static CountyPlaces For(string countyCode)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(countyCode, out var known)) return known;
            var county = RegionCatalog.Find(countyCode);
            var towns = RegionCatalog.ChildrenOf(countyCode)
                .Where(t => t.Level == RegionLevel.Township && int.Parse(t.Code.AsSpan(6), CultureInfo.InvariantCulture) < 400)
                .Select(t => t.Name).ToArray();
            var places = new CountyPlaces(county?.Name ?? "本县", towns.Length > 0 ? towns : ["城关镇"], PlateOf(countyCode));
            Cache[countyCode] = places;
            return places;
        }
    }

    /// <summary>Henan's city letters (南阳 豫R); elsewhere the city's place in code order.</summary>
    static string PlateOf(string countyCode)
    {
        var province = countyCode[..2];
        var abbreviation = Abbreviations.GetValueOrDefault(province, "豫");
        var city = int.Parse(countyCode.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var letter = province == "41" && HenanLetters.TryGetValue(city, out var l) ? l : "ABCDEFGHJKLMNPQRSTUVWXYZ"[Math.Clamp(city - 1, 0, 23)];
        return abbreviation + letter;
    }

    static readonly Dictionary<int, char> HenanLetters = new()
    {
        [1] = 'A', [2] = 'B', [3] = 'C', [4] = 'D', [5] = 'E', [6] = 'F', [7] = 'G', [8] = 'H', [9] = 'J', [10] = 'K',
        [11] = 'L', [12] = 'M', [13] = 'R', [14] = 'N', [15] = 'S', [16] = 'P', [17] = 'Q', [90] = 'U',
    };

    static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["11"] = "京", ["12"] = "津", ["13"] = "冀", ["14"] = "晋", ["15"] = "蒙", ["21"] = "辽", ["22"] = "吉", ["23"] = "黑",
        ["31"] = "沪", ["32"] = "苏", ["33"] = "浙", ["34"] = "皖", ["35"] = "闽", ["36"] = "赣", ["37"] = "鲁", ["41"] = "豫",
        ["42"] = "鄂", ["43"] = "湘", ["44"] = "粤", ["45"] = "桂", ["46"] = "琼", ["50"] = "渝", ["51"] = "川", ["52"] = "贵",
        ["53"] = "云", ["54"] = "藏", ["61"] = "陕", ["62"] = "甘", ["63"] = "青", ["64"] = "宁", ["65"] = "新",
    };
}

/// <summary>The department's own columns of a list row, drawn the way such a list reads.</summary>
internal static class ListCells
{
    /// <summary>Farm vehicles: each holds one of 拖拉机, 农用, 三轮, 低速, 收割, 摩托 (no finding).</summary>
    public static readonly string[] FarmVehicles = ["手扶拖拉机", "轮式拖拉机", "三轮汽车", "低速货车", "普通二轮摩托车", "普通正三轮摩托车", "联合收割机", "农用运输车"];

    /// <summary>Vehicles that are not farm vehicles (拥有非农用车辆).</summary>
    public static readonly string[] Cars = ["小型轿车", "小型普通客车", "小型越野客车", "轻型普通货车", "中型普通客车", "重型半挂牵引车"];

    static readonly string[] Departments =
    [
        "教育局", "财政局", "人民医院", "中医院", "公安局", "农业局", "林业局", "水利局", "交通运输局", "民政局", "人力资源和社会保障局",
        "住房和城乡建设局", "卫生和计划生育委员会", "国土资源局", "市场监督管理局", "扶贫开发办公室", "统计局", "审计局",
    ];

    static readonly (string Item, double Weight)[] Posts =
        [("科员", 0.3), ("办事员", 0.15), ("教师", 0.25), ("医生", 0.08), ("护士", 0.06), ("股长", 0.05), ("副科长", 0.04), ("科长", 0.02), ("工勤人员", 0.05)];

    static readonly string[] Brands = ["鑫源", "宏达", "兴旺", "丰泽", "绿源", "金鼎", "恒通", "顺发", "福瑞", "华盛", "伏牛", "白河", "聚丰", "康达", "天润", "众诚"];
    static readonly string[] Trades = ["种植", "养殖", "商贸", "建材", "农业开发", "食品", "辛夷", "香菇", "柞蚕", "石材", "运输", "建筑工程", "农机", "中药材"];
    static readonly string[] Roads = ["人民", "建设", "解放", "新华", "文化", "向阳", "滨河", "朝阳", "迎宾", "中心", "育才", "丹霞"];
    static readonly string[] Estates = ["阳光花园", "金色家园", "丽景苑", "锦绣华庭", "幸福里", "翰林府", "和谐家园", "盛世名门", "滨河新城", "书香苑"];
    static readonly string[] OfficialPosts = ["村党支部书记", "村委会主任", "村委会副主任", "村会计", "村妇联主席", "村监委会主任", "村委委员", "村民组长"];
    static readonly (string Item, double Weight)[] Relations = [("本人", 0.4), ("配偶", 0.2), ("父母", 0.1), ("子女", 0.2), ("兄弟姐妹", 0.1)];
    static readonly (string Item, double Weight)[] DisabilityKinds =
        [("肢体残疾", 0.5), ("视力残疾", 0.1), ("听力残疾", 0.1), ("言语残疾", 0.03), ("智力残疾", 0.1), ("精神残疾", 0.1), ("多重残疾", 0.07)];
    static readonly string[] DisabilityKindOrder = ["视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾"];
    static readonly string[] Levels = ["一级", "二级", "三级", "四级"];
    static readonly (int Item, double Weight)[] LevelWeights = [(0, 0.1), (1, 0.25), (2, 0.3), (3, 0.35)];
    static readonly ((string Kind, int Low, int High) Item, double Weight)[] DibaoClasses =
        [(("一类", 250, 300), 0.2), (("二类", 180, 230), 0.4), (("三类", 120, 160), 0.4)];
    static readonly (string Item, double Weight)[] InsuranceKinds = [("城乡居民基本医疗保险", 0.8), ("城镇职工基本医疗保险", 0.15), ("大病保险", 0.05)];
    static readonly (string Item, double Weight)[] WorkStates = [("已竣工", 0.6), ("改造中", 0.2), ("未改造", 0.2)];
    static readonly string[] Grades = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "高一", "高二", "高三"];

    public static string?[] Payroll(Random r, CountyPlaces p)
    {
        var unit = r.NextDouble() switch
        {
            < 0.55 => p.County + r.Pick(Departments),
            < 0.7 => p.County + r.Pick(p.Towns) + "人民政府",
            < 0.9 => p.County + r.Pick(p.Towns) + "中心学校",
            _ => p.County + r.Pick(p.Towns) + "卫生院",
        };
        return [unit, r.Weighted(Posts)];
    }

    public static string Plate(Random r, CountyPlaces p)
    {
        const string chars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> tail = stackalloc char[5];
        for (var i = 0; i < tail.Length; i++) tail[i] = i < 2 || r.Chance(0.5) ? chars[r.Next(10)] : chars[r.Next(chars.Length)];
        return p.PlatePrefix + new string(tail);
    }

    public static string?[] Business(Random r, CountyPlaces p)
    {
        var trade = r.Pick(Trades);
        var (name, role) = r.NextDouble() switch
        {
            < 0.45 => (p.County + r.Pick(Brands) + trade + "有限公司", r.Chance(0.5) ? "法定代表人" : "股东"),
            < 0.7 => (p.County + r.Pick(p.Towns) + r.Pick(Brands) + trade + "专业合作社", r.Chance(0.6) ? "法定代表人" : "股东"),
            _ => (p.County + r.Pick(p.Towns) + r.Pick(Brands) + trade + "经营部", "经营者"),
        };
        return [name, role];
    }

    public static string?[] Property(Random r, CountyPlaces p) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"{p.County}{r.Pick(Roads)}路{r.Next(1, 400)}号{r.Pick(Estates)}{r.Next(1, 30)}号楼{r.Next(1, 4)}单元{r.Next(1, 19)}0{r.Next(1, 5)}"),
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(r.Between(55, 160), 2):0.##}"),
    ];

    public static string?[] Dibao(Random r)
    {
        var (kind, low, high) = r.Weighted(DibaoClasses);
        return [kind, r.Inclusive(low, high).ToString(CultureInfo.InvariantCulture)];
    }

    public static string?[] Tekun(Random r) => [r.Chance(0.8) ? "分散供养" : "集中供养"];

    public static string?[] School(Random r, CountyPlaces p, int age)
    {
        var school = age switch
        {
            <= 11 => r.Chance(0.6) ? p.County + r.Pick(p.Towns) + "中心小学" : p.County + r.Pick(p.Towns) + r.Pick(ChineseNames.VillageRoots) + "庄小学",
            <= 15 => r.Chance(0.5) ? p.County + r.Pick(p.Towns) + "初级中学" : p.County + "第" + "一二三四"[r.Next(4)] + "初级中学",
            _ => p.County + "第" + "一二"[r.Next(2)] + "高级中学",
        };
        var grade = Grades[Math.Clamp(age <= 14 ? age - 6 : age - 7 + (r.Chance(0.5) ? 1 : 0), 0, Grades.Length - 1)];
        return [school, grade];
    }

    /// <summary>残疾证号: the ID number, the category digit and the level digit (第二代残疾人证).</summary>
    public static string?[] Disability(Random r, string id18)
    {
        var kind = r.Weighted(DisabilityKinds);
        var level = r.Weighted(LevelWeights);
        var number = string.Create(CultureInfo.InvariantCulture, $"{id18}{Array.IndexOf(DisabilityKindOrder, kind) + 1}{level + 1}");
        return [number, kind, Levels[level]];
    }

    public static string?[] VillageOfficial(Random r) => [r.Pick(OfficialPosts), r.Weighted(Relations)];

    public static string Name(Random r, Gender gender, int birthYear) => r.Weighted(ChineseNames.Surnames) + ChineseNames.GivenName(r, gender, birthYear);

    /// <summary>The same surname with another given name (身份证号相同但姓名不同).</summary>
    public static string OtherName(Random r, string name, Gender gender, int birthYear)
    {
        var surname = name.Length > 0 ? name[..1] : r.Weighted(ChineseNames.Surnames);
        while (true)
        {
            var other = surname + ChineseNames.GivenName(r, gender, birthYear);
            if (other != name) return other;
        }
    }

    /// <summary>A row of someone not in the registry: ID number, name and the list's own columns.</summary>
    public static (string Id, string Name, string?[] Cells) Filler(Random r, string key, FillerIds ids)
    {
        var (minAge, maxAge) = key switch
        {
            "deaths" => (18, 95),
            "payroll" => (22, 59),
            "vehicles" => (18, 70),
            "businesses" => (22, 65),
            "property" => (25, 75),
            "tekun" => (50, 95),
            "school-enrolment" => (6, 15),
            "unsafe-housing" => (30, 90),
            "disability" => (3, 90),
            "village-officials" => (20, 70),
            _ => (0, 90),
        };
        var id = ids.Next(r, minAge, maxAge);
        var text = id.ToString();
        var birth = id.BirthDate;
        var places = CountyPlaces.For(id.RegionCode);
        string?[] cells = key switch
        {
            "deaths" => r.Chance(0.7) ? ["死亡", Iso(r, new DateOnly(2016, 1, 1), ids.AsOf)] : ["迁出", Iso(r, new DateOnly(2016, 1, 1), ids.AsOf)],
            "payroll" => Payroll(r, places),
            "vehicles" => [r.Chance(0.6) ? r.Pick(Cars) : r.Pick(FarmVehicles), Plate(r, places)],
            "businesses" => Business(r, places),
            "property" => Property(r, places),
            "dibao" => Dibao(r),
            "tekun" => Tekun(r),
            "medical-insurance" => [r.Weighted(InsuranceKinds)],
            "school-enrolment" => School(r, places, AgeOn(birth, ids.AsOf)),
            "unsafe-housing" => [r.Chance(0.7) ? "C" : "D", r.Weighted(WorkStates)],
            "disability" => Disability(r, text),
            "village-officials" => VillageOfficial(r),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown list type"),
        };
        return (text, Name(r, id.Gender, birth.Year), cells);
    }

    static string Iso(Random r, DateOnly from, DateOnly to) =>
        from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static int AgeOn(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return birth.AddYears(age) > date ? age - 1 : age;
    }
}
