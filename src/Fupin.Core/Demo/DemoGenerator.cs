using System.Globalization;
using Fupin.Regions;
using Fupin.Registry;

namespace Fupin.Demo;

/// <summary>The demo county as generated: regions above the villages, the villages, the households.</summary>
public sealed record DemoRegistry(int Seed, IReadOnlyList<Region> Regions, IReadOnlyList<Region> Villages, IReadOnlyList<Household> Households)
{
    public int MemberCount => Households.Sum(h => h.Members.Count);
    public int IncomeRecordCount => Households.Sum(h => h.Incomes.Count);

    /// <summary>Home visits and exit procedures up to the business date the registry was generated for.</summary>
    internal DemoTimelineRows Timeline { get; init; } = DemoTimelineRows.Empty();
}

/// <summary>Where a household stands on the business date; decides its status, years and income path.</summary>
internal enum Cohort { Exit2015, Exit2016, Exit2017, Plan2018, Plan2019, Relapsed }

/// <summary>
/// Makes the demo county 南召县 as it stood on 2018-10-08 from a seed, without a database: about
/// 340 villages over the 16 real townships, about 18,000 registered households and 60,000 members
/// with three years of income. Everything is drawn from one <c>new Random(seed)</c> in a fixed order,
/// so a seed always gives the same registry.
/// </summary>
public sealed class DemoGenerator
{
    /// <summary>The exit thresholds of the years whose income the county holds (DESIGN §3; 2015 from the statistical series).</summary>
    internal static int PovertyLine(int year) => year switch
    {
        2015 => 2855,
        2016 => 3000,
        2017 => 3335,
        2018 => 3535,
        2019 => 3747,
        _ => 4000,
    };

    internal static readonly int[] IncomeYears = [2015, 2016, 2017];

    // Rural registered population of the county and the registered poor persons since 2014; the
    // ratio (~11%) and the cohort weights below put the remaining poor near 2.5% on 2018-10-08.
    const int RuralPopulationLow = 530_000;
    const int RuralPopulationHigh = 550_000;
    const int RegisteredPersonsTarget = 59_300;

    static readonly (Cohort Item, double Weight)[] CohortWeights =
    [
        (Cohort.Exit2015, 0.155), (Cohort.Exit2016, 0.26), (Cohort.Exit2017, 0.33),
        (Cohort.Plan2018, 0.135), (Cohort.Plan2019, 0.12), (Cohort.Relapsed, 0.01),
    ];

    readonly Random _r;
    readonly int _seed;
    readonly DemoLocale _locale;
    readonly Func<DateOnly, Gender, ResidentId> _newId;

    DemoGenerator(int seed)
    {
        _seed = seed;
        _r = new Random(seed);
        _locale = DemoLocale.For(DemoCounty.CountyCode);
        var used = new HashSet<long>();
        _newId = (birth, gender) =>
        {
            while (true)
            {
                var sequence = (_r.Next(500) * 2) + (gender == Gender.Male ? 1 : 0);
                var id = ResidentId.Create(_locale.CountyCode, birth, sequence);
                if (used.Add(id.Key)) return id;
            }
        };
    }

    /// <summary>
    /// A generator over another county and random stream, for the province generator
    /// (<see cref="Generate.GenerateRegistryFile"/>): it draws villages and households the way the
    /// demo does, with ID numbers from <paramref name="newId"/>.
    /// </summary>
    internal DemoGenerator(Random r, DemoLocale locale, Func<DateOnly, Gender, ResidentId> newId)
    {
        _r = r;
        _locale = locale;
        _newId = newId;
    }

    /// <summary>
    /// The county as it stood on <paramref name="asOf"/> (default 2018-10-08): the 2018-10-08 registry, carried
    /// forward by <see cref="DemoTimeline"/> (2018 estimates and visits; from 2019-12-31 the 2018 and 2019 exits).
    /// </summary>
    public static DemoRegistry Generate(int seed = DemoCounty.DefaultSeed, DateOnly? asOf = null)
    {
        var registry = new DemoGenerator(seed).Build();
        return registry with { Timeline = DemoTimeline.Apply(registry, asOf ?? DemoCounty.BusinessDate) };
    }

    /// <summary>The townships the demo uses: the county's real ones, without the state factories (codes 4xx).</summary>
    public static IReadOnlyList<Region> RegionsAboveVillages() =>
        RegionCatalog.ChainWithTownships(DemoCounty.CountyCode)
            .Where(r => r.Level != RegionLevel.Township || int.Parse(r.Code.AsSpan(6), CultureInfo.InvariantCulture) < 400)
            .Select(r => new Region { Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode })
            .ToList();

    DemoRegistry Build()
    {
        var regions = RegionsAboveVillages();
        var villages = new List<DemoVillage>();
        foreach (var township in regions.Where(r => r.Level == RegionLevel.Township))
            villages.AddRange(MakeVillages(township));
        SetPopulations(villages);

        var households = new List<Household>(19_000);
        foreach (var v in villages) MakeHouseholds(v, households);
        return new DemoRegistry(_seed, regions, villages.Select(v => v.Region).ToList(), households);
    }

    // ---- villages ----

    /// <summary>Village count, terrain and share of poor villages per township (mountain townships in the north and west).</summary>
    static (int Villages, bool Mountain, double PoorShare) Profile(string townshipCode) => townshipCode[6..] switch
    {
        "100" => (18, false, 0.06), // 城关镇
        "101" => (24, true, 0.45),  // 留山镇
        "102" => (26, false, 0.20), // 云阳镇
        "103" => (22, false, 0.18), // 皇路店镇
        "104" => (22, false, 0.20), // 南河店镇
        "105" => (22, true, 0.50),  // 板山坪镇
        "106" => (24, true, 0.55),  // 乔端镇
        "107" => (25, true, 0.50),  // 白土岗镇
        "300" => (18, false, 0.10), // 城郊乡
        "301" => (19, false, 0.20), // 小店乡
        "302" => (18, false, 0.20), // 皇后乡
        "303" => (18, false, 0.20), // 太山庙乡
        "304" => (19, true, 0.50),  // 石门乡
        "305" => (19, true, 0.50),  // 四棵树乡
        "308" => (22, true, 0.55),  // 马市坪乡
        "310" => (24, true, 0.45),  // 崔庄乡
        _ => (20, false, 0.20),
    };

    List<DemoVillage> MakeVillages(Region township)
    {
        var (baseCount, mountain, poorShare) = Profile(township.Code);
        var count = Math.Clamp(baseCount + _r.Inclusive(-1, 1), 18, 28);
        return MakeVillages(township, count, mountain, poorShare);
    }

    /// <summary><paramref name="count"/> villages with unique names under the township, codes township + 201, 202 …</summary>
    internal List<DemoVillage> MakeVillages(Region township, int count, bool mountain, double poorShare)
    {
        var poorCount = (int)Math.Round(count * poorShare, MidpointRounding.AwayFromZero);
        var poorSlots = Enumerable.Range(0, count).ToArray();
        _r.Shuffle(poorSlots);
        var poor = new bool[count];
        foreach (var i in poorSlots.Take(poorCount)) poor[i] = true;

        var endings = ChineseNames.VillageEndings.Select(e => (e.Ending, Weight: mountain ? e.Mountain : e.Plain)).ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<DemoVillage>(count);
        for (var i = 0; i < count; i++)
        {
            string root, name;
            while (true)
            {
                if (_r.Chance(0.07))
                {
                    root = "";
                    name = "老" + _r.Pick(ChineseNames.OldPlaces) + "村";
                }
                else
                {
                    root = _r.Pick(ChineseNames.VillageRoots);
                    var ending = _r.Weighted(endings);
                    if (root.EndsWith(ending, StringComparison.Ordinal)) continue;
                    name = root + ending + "村";
                }
                if (names.Add(name)) break;
            }

            var clans = new List<string>(3);
            if (ChineseNames.IsSurname(root)) clans.Add(root);
            while (clans.Count < 2)
            {
                var s = _r.Weighted(ChineseNames.Surnames);
                if (!clans.Contains(s)) clans.Add(s);
            }
            var code = township.Code + "2" + (i + 1).ToString("D2", CultureInfo.InvariantCulture);
            var region = new Region { Code = code, Name = name, Level = RegionLevel.Village, ParentCode = township.Code, IsPoorVillage = poor[i] };
            list.Add(new DemoVillage(region, mountain, [.. clans]));
        }
        return list;
    }

    /// <summary>Rural population 900–3200 per village (poor villages smaller), scaled to a county total of 530k–550k.</summary>
    void SetPopulations(List<DemoVillage> villages)
    {
        var raw = villages.Select(v => v.Region.IsPoorVillage
            ? 900 + (1300 * Math.Pow(_r.NextDouble(), 1.5))
            : 1000 + (2200 * Math.Pow(_r.NextDouble(), 2.0))).ToArray();
        var target = _r.Inclusive(RuralPopulationLow, RuralPopulationHigh);
        var scale = target / raw.Sum();
        for (var i = 0; i < villages.Count; i++)
            villages[i].Region.RuralPopulation = (int)Math.Clamp(Math.Round(raw[i] * scale), 900, 3200);

        // Registered poor since 2014: about 17% of a poor village's people, 8.5% elsewhere.
        var persons = villages.Select(v => v.Region.RuralPopulation!.Value * (v.Region.IsPoorVillage ? 0.17 : 0.085) * _r.Between(0.75, 1.25)).ToArray();
        var personScale = RegisteredPersonsTarget / persons.Sum();
        for (var i = 0; i < villages.Count; i++)
        {
            villages[i].PersonsTarget = persons[i] * personScale;
            villages[i].RemainingFactor = _r.Between(0.75, 1.25) * (villages[i].Region.IsPoorVillage ? 1.12 : 0.93);
        }
    }

    // ---- households ----

    /// <summary>The cohort mix of a village: more remaining poor where its remaining factor is higher.</summary>
    internal static (Cohort Item, double Weight)[] CohortWeightsOf(DemoVillage village) => CohortWeights
        .Select(c => (c.Item, Weight: c.Item is Cohort.Plan2018 or Cohort.Plan2019 or Cohort.Relapsed ? c.Weight * village.RemainingFactor : c.Weight))
        .ToArray();

    void MakeHouseholds(DemoVillage village, List<Household> households)
    {
        var weights = CohortWeightsOf(village);
        var code = village.Region.Code;
        var numberPrefix = string.Concat(code.AsSpan(0, 9), code.AsSpan(10, 2));
        var persons = 0;
        var seq = 0;
        while (persons < village.PersonsTarget)
        {
            seq++;
            var cohort = _r.Weighted(weights);
            var h = MakeHousehold(village, cohort, numberPrefix + seq.ToString("D3", CultureInfo.InvariantCulture));
            persons += h.Members.Count;
            households.Add(h);
        }
    }

    internal Household MakeHousehold(DemoVillage village, Cohort cohort, string number)
    {
        var attribute = _r.Weighted(AttributeWeights(cohort));
        var h = new Household
        {
            CountyCode = _locale.CountyCode,
            VillageCode = village.Region.Code,
            Number = number,
            Attribute = attribute,
            Standard = IdentificationStandard.National,
        };
        SetStatus(h, cohort);

        var family = new DemoFamilies(_r, _newId, _locale);
        var size = attribute == HouseholdAttribute.Tekun ? (_r.Chance(0.8) ? 1 : 2) : _r.Weighted(SizeWeights(cohort));
        var elderly = attribute == HouseholdAttribute.Tekun || _r.Chance(ElderlyHeadShare(cohort, size));
        var people = family.Compose(size, elderly, cohort is Cohort.Plan2018 or Cohort.Plan2019 or Cohort.Relapsed, village.Clans);

        h.MainCause = MainCause(cohort, attribute, people);
        h.OtherCauses = OtherCauses(h.MainCause, people);
        h.Members = family.MakeMembers(h, cohort, people);
        SetConditions(h, village, cohort);
        h.Incomes = DemoIncomes.Make(_r, h, cohort);
        return h;
    }

    static (HouseholdAttribute Item, double Weight)[] AttributeWeights(Cohort cohort) => cohort switch
    {
        Cohort.Plan2019 => [(HouseholdAttribute.General, 0.44), (HouseholdAttribute.Dibao, 0.42), (HouseholdAttribute.Tekun, 0.14)],
        Cohort.Plan2018 => [(HouseholdAttribute.General, 0.67), (HouseholdAttribute.Dibao, 0.28), (HouseholdAttribute.Tekun, 0.05)],
        Cohort.Relapsed => [(HouseholdAttribute.General, 0.70), (HouseholdAttribute.Dibao, 0.30)],
        _ => [(HouseholdAttribute.General, 0.77), (HouseholdAttribute.Dibao, 0.20), (HouseholdAttribute.Tekun, 0.03)],
    };

    static (int Item, double Weight)[] SizeWeights(Cohort cohort) => cohort switch
    {
        Cohort.Plan2019 => [(1, 0.24), (2, 0.32), (3, 0.16), (4, 0.14), (5, 0.08), (6, 0.04), (7, 0.015), (8, 0.005)],
        Cohort.Plan2018 or Cohort.Relapsed => [(1, 0.13), (2, 0.24), (3, 0.20), (4, 0.22), (5, 0.12), (6, 0.06), (7, 0.02), (8, 0.01)],
        _ => [(1, 0.07), (2, 0.18), (3, 0.21), (4, 0.26), (5, 0.16), (6, 0.08), (7, 0.03), (8, 0.01)],
    };

    static double ElderlyHeadShare(Cohort cohort, int size) => (cohort, size) switch
    {
        (Cohort.Plan2019, 1) => 0.9,
        (Cohort.Plan2019, 2) => 0.85,
        (Cohort.Plan2019, _) => 0.4,
        (Cohort.Plan2018 or Cohort.Relapsed, 1) => 0.75,
        (Cohort.Plan2018 or Cohort.Relapsed, 2) => 0.65,
        (Cohort.Plan2018 or Cohort.Relapsed, _) => 0.25,
        (_, 1) => 0.55,
        (_, 2) => 0.45,
        _ => 0.12,
    };

    void SetStatus(Household h, Cohort cohort)
    {
        switch (cohort)
        {
            case Cohort.Exit2015 or Cohort.Exit2016 or Cohort.Exit2017:
                var year = cohort switch { Cohort.Exit2015 => 2015, Cohort.Exit2016 => 2016, _ => 2017 };
                h.ExitYear = year;
                h.PlannedExitYear = year;
                h.Status = year == 2015 && _r.Chance(0.15) ? PovertyStatus.ExitedWithoutPolicy : PovertyStatus.ExitedWithPolicy;
                h.IdentificationYear = year == 2015 ? 2014 : IdentificationYear(year - 1);
                break;
            case Cohort.Plan2018:
                h.Status = PovertyStatus.NotExited;
                h.PlannedExitYear = 2018;
                h.IdentificationYear = IdentificationYear(2017);
                break;
            case Cohort.Plan2019:
                h.Status = PovertyStatus.NotExited;
                h.PlannedExitYear = 2019;
                h.IdentificationYear = IdentificationYear(2017);
                break;
            default:
                // Exited in 2016 and fell back (illness, disaster); ExitYear is cleared as the household is poor again.
                h.Status = PovertyStatus.Relapsed;
                h.PlannedExitYear = 2019;
                h.IdentificationYear = IdentificationYear(2015);
                break;
        }
    }

    /// <summary>Mostly the 2014 registration, some added in the dynamic adjustments of 2015–2017.</summary>
    int IdentificationYear(int latest)
    {
        var x = _r.NextDouble();
        var year = x < 0.85 ? 2014 : x < 0.92 ? 2015 : x < 0.97 ? 2016 : 2017;
        return Math.Min(year, latest);
    }

    // ---- causes ----

    static readonly (PovertyCause Item, double Weight)[] ExitedCauses =
    [
        (PovertyCause.Illness, 0.36), (PovertyCause.Disability, 0.15), (PovertyCause.LackOfSkills, 0.13), (PovertyCause.LackOfCapital, 0.11),
        (PovertyCause.LackOfLabour, 0.07), (PovertyCause.Schooling, 0.07), (PovertyCause.Disaster, 0.03), (PovertyCause.PoorTransport, 0.03),
        (PovertyCause.LackOfDrive, 0.02), (PovertyCause.LackOfLand, 0.01), (PovertyCause.LackOfWater, 0.01), (PovertyCause.Marriage, 0.005),
        (PovertyCause.Funeral, 0.005),
    ];

    static readonly (PovertyCause Item, double Weight)[] Plan2018Causes =
    [
        (PovertyCause.Illness, 0.45), (PovertyCause.Disability, 0.24), (PovertyCause.LackOfSkills, 0.07), (PovertyCause.LackOfCapital, 0.06),
        (PovertyCause.Schooling, 0.06), (PovertyCause.LackOfLabour, 0.06), (PovertyCause.Disaster, 0.02), (PovertyCause.LackOfDrive, 0.02),
        (PovertyCause.PoorTransport, 0.02),
    ];

    static readonly (PovertyCause Item, double Weight)[] Plan2019Causes =
    [
        (PovertyCause.Illness, 0.50), (PovertyCause.Disability, 0.26), (PovertyCause.LackOfLabour, 0.10), (PovertyCause.LackOfDrive, 0.04),
        (PovertyCause.Schooling, 0.03), (PovertyCause.LackOfSkills, 0.03), (PovertyCause.LackOfCapital, 0.02), (PovertyCause.Disaster, 0.02),
    ];

    static readonly (PovertyCause Item, double Weight)[] RelapseCauses =
        [(PovertyCause.Illness, 0.6), (PovertyCause.Disaster, 0.2), (PovertyCause.Disability, 0.1), (PovertyCause.Schooling, 0.1)];

    static readonly (PovertyCause Item, double Weight)[] ElderlyCauses =
        [(PovertyCause.Illness, 0.45), (PovertyCause.Disability, 0.2), (PovertyCause.LackOfLabour, 0.35)];

    PovertyCause MainCause(Cohort cohort, HouseholdAttribute attribute, IReadOnlyList<DemoFamilies.Person> people)
    {
        var allElderly = people.All(p => p.Age >= 60);
        var table = attribute == HouseholdAttribute.Tekun || allElderly ? ElderlyCauses : cohort switch
        {
            Cohort.Plan2018 => Plan2018Causes,
            Cohort.Plan2019 => Plan2019Causes,
            Cohort.Relapsed => RelapseCauses,
            _ => ExitedCauses,
        };
        while (true)
        {
            var cause = _r.Weighted(table);
            if (Fits(cause, people)) return cause;
        }
    }

    List<PovertyCause> OtherCauses(PovertyCause main, IReadOnlyList<DemoFamilies.Person> people)
    {
        var x = _r.NextDouble();
        var count = x < 0.45 ? 0 : x < 0.85 ? 1 : 2;
        var list = new List<PovertyCause>(count);
        for (var tries = 0; list.Count < count && tries < 20; tries++)
        {
            var c = _r.Weighted(ExitedCauses);
            if (c != main && !list.Contains(c) && Fits(c, people)) list.Add(c);
        }
        return list;
    }

    /// <summary>因学 needs a child of school age; 缺劳力 is not given to a household full of working-age adults.</summary>
    static bool Fits(PovertyCause cause, IReadOnlyList<DemoFamilies.Person> people) => cause switch
    {
        PovertyCause.Schooling => people.Any(p => p.Age is >= 6 and <= 22),
        PovertyCause.LackOfLabour => people.Count(p => p.Age is >= 16 and < 60) <= 1,
        PovertyCause.Marriage => people.Any(p => p.Age is >= 22 and <= 35),
        _ => true,
    };

    // ---- living conditions ----

    static readonly string[] MobilePrefixes = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187", "188", "189"];

    internal static string MobilePhone(Random r) => r.Pick(MobilePrefixes) + r.Digits(8);

    static string CardPrefix(string bank) => bank switch
    {
        "中国邮政储蓄银行" => "6217995",
        "中国农业银行" => "6228480",
        _ => "6230596",
    };

    void SetConditions(Household h, DemoVillage village, Cohort cohort)
    {
        var poor = cohort is Cohort.Plan2018 or Cohort.Plan2019 or Cohort.Relapsed;
        var mountain = village.Mountain;

        h.ArableLand = Math.Round(mountain ? _r.Between(0.5, 3.0) : _r.Between(1.0, 4.0), 1);
        h.IrrigatedLand = mountain
            ? (_r.Chance(0.3) ? Math.Round(h.ArableLand * _r.Between(0.1, 0.5), 1) : 0)
            : Math.Round(h.ArableLand * _r.Between(0.2, 0.7), 1);
        h.ForestLand = mountain
            ? (_r.Chance(0.7) ? Math.Round(_r.Between(2, 30), 1) : 0)
            : (_r.Chance(0.2) ? Math.Round(_r.Between(0.5, 5), 1) : 0);
        h.ReturnedFarmland = mountain && _r.Chance(0.25) ? Math.Round(_r.Between(0.5, 5), 1) : 0;
        h.OrchardLand = _r.Chance(0.1) ? Math.Round(_r.Between(0.2, 3), 1) : 0;
        h.PastureLand = mountain && _r.Chance(0.02) ? Math.Round(_r.Between(1, 10), 1) : 0;
        h.WaterSurface = _r.Chance(0.01) ? Math.Round(_r.Between(0.2, 2), 1) : 0;

        h.RoadType = _r.Weighted<RoadType>(poor
            ? [(RoadType.Concrete, 0.80), (RoadType.Asphalt, 0.03), (RoadType.Gravel, 0.13), (RoadType.Earth, 0.04)]
            : [(RoadType.Concrete, 0.87), (RoadType.Asphalt, 0.05), (RoadType.Gravel, 0.07), (RoadType.Earth, 0.01)]);
        h.DistanceToRoadKm = Math.Round(Math.Min(mountain ? _r.LogNormal(0.4, 1.0) : _r.LogNormal(0.15, 0.9), 8.0), 1);

        var size = h.Members.Count;
        h.HousingArea = Math.Round(Math.Clamp((22 * size) + _r.Normal(30, 20), 30, 150));
        h.HousingGrade = _r.Weighted<HousingGrade>(cohort switch
        {
            Cohort.Plan2019 => [(HousingGrade.A, 0.35), (HousingGrade.B, 0.52), (HousingGrade.C, 0.09), (HousingGrade.D, 0.04)],
            Cohort.Plan2018 => [(HousingGrade.A, 0.45), (HousingGrade.B, 0.47), (HousingGrade.C, 0.06), (HousingGrade.D, 0.02)],
            Cohort.Relapsed => [(HousingGrade.A, 0.40), (HousingGrade.B, 0.55), (HousingGrade.C, 0.05)],
            _ => [(HousingGrade.A, 0.60), (HousingGrade.B, 0.40)],
        });
        h.SafeDrinkingWater = poor ? _r.Chance(0.88) : _r.Chance(0.997);
        h.HasPower = !poor || _r.Chance(0.995);
        h.Fuel = _r.Weighted<FuelType>(mountain
            ? [(FuelType.Firewood, 0.72), (FuelType.Coal, 0.18), (FuelType.Clean, 0.08), (FuelType.Other, 0.02)]
            : [(FuelType.Firewood, 0.45), (FuelType.Coal, 0.33), (FuelType.Clean, 0.19), (FuelType.Other, 0.03)]);
        h.HasSanitaryToilet = _r.Chance(poor ? 0.2 : 0.35);
        h.InCooperative = _r.Chance(poor ? 0.25 : 0.4);

        var head = h.Members[0];
        h.Phone = head.Phone ?? (_r.Chance(0.6) ? h.Members.FirstOrDefault(m => m.Phone is not null)?.Phone : null);
        h.BankName = _r.Weighted(_locale.Banks);
        h.BankAccount = CardPrefix(h.BankName) + _r.Digits(12);
    }
}

/// <summary>A village as the generators see it: its region, terrain, clan surnames and population targets.</summary>
internal sealed class DemoVillage(Region region, bool mountain, string[] clans)
{
    public Region Region { get; } = region;
    public bool Mountain { get; } = mountain;
    public string[] Clans { get; } = clans;
    public double PersonsTarget { get; set; }
    public double RemainingFactor { get; set; }
}
