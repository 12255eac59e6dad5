using System.Globalization;
using Fupin.Demo;
using Fupin.Regions;
using Fupin.Registry;

namespace Fupin.Generate;

/// <summary>
/// The places of a generated province: its real counties and townships from the region catalogue,
/// and villages synthesized per township (the catalogue stops at townships). Everything here depends
/// on the township codes only, never on the seed or the number of households, so the villages loaded
/// into a database (<see cref="AddGeneratedRegions"/>) are the villages every generated file names.
/// </summary>
internal sealed class ProvincePlan
{
    ProvincePlan(Region province, IReadOnlyList<Region> cities, IReadOnlyList<Region> counties, IReadOnlyList<Region> allTownships, IReadOnlyList<PlannedTownship> townships)
    {
        Province = province;
        Cities = cities;
        Counties = counties;
        AllTownships = allTownships;
        Townships = townships;
    }

    public Region Province { get; }
    public IReadOnlyList<Region> Cities { get; }
    public IReadOnlyList<Region> Counties { get; }

    /// <summary>Every township of the catalogue, state farms included (a real file may name them).</summary>
    public IReadOnlyList<Region> AllTownships { get; }

    /// <summary>The townships that get villages and households, in code order (so each county's are together).</summary>
    public IReadOnlyList<PlannedTownship> Townships { get; }

    public static ProvincePlan For(string provinceCode)
    {
        var province = RegionCatalog.Find(provinceCode) is { Level: RegionLevel.Province } p ? p
            : throw new ArgumentException($"未知的省级区划代码 {provinceCode}", nameof(provinceCode));
        var cities = RegionCatalog.ChildrenOf(province.Code).Where(r => r.Level == RegionLevel.City).ToList();
        var counties = cities.SelectMany(c => RegionCatalog.ChildrenOf(c.Code)).Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var townships = counties.SelectMany(c => RegionCatalog.ChildrenOf(c.Code)).Where(r => r.Level == RegionLevel.Township).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var planned = new List<PlannedTownship>(townships.Count);
        foreach (var t in townships)
        {
            var number = int.Parse(t.Code.AsSpan(6), CultureInfo.InvariantCulture);
            // 1xx 镇 and 2xx–3xx 乡 hold the rural poor; 0xx 街道 a few; 4xx+ (state farms, development zones) none.
            if (number >= 400) continue;
            var street = number < 100;
            var r = new Random(Mix(0x5EED, long.Parse(t.Code, CultureInfo.InvariantCulture)));
            var mountain = r.Chance(MountainShare(t.Code[..4]));
            var weight = (street ? 0.15 : 1.0) * (mountain ? 1.6 : 1.0) * r.LogNormal(1.0, 0.45);
            var villages = street ? r.Inclusive(3, 9) : r.Inclusive(14, 30);
            planned.Add(new PlannedTownship(t, t.ParentCode!, mountain, weight, villages, mountain ? 0.45 : 0.18));
        }
        if (planned.Count == 0) throw new ArgumentException($"{province.Name}没有可生成村的乡镇", nameof(provinceCode));
        return new ProvincePlan(province, cities, counties, townships, planned);
    }

    /// <summary>
    /// The same plan narrowed to one county of the province (its townships keep their weights and villages),
    /// so a county drawn alone is the county as it appears in a file of the whole province.
    /// </summary>
    public ProvincePlan OnlyCounty(string countyCode)
    {
        var county = Counties.FirstOrDefault(c => c.Code == countyCode)
            ?? throw new ArgumentException($"{Province.Name}没有县级区划代码 {countyCode}", nameof(countyCode));
        var townships = Townships.Where(t => t.CountyCode == county.Code).ToList();
        if (townships.Count == 0) throw new ArgumentException($"{county.Name}（{county.Code}）没有可生成村的乡镇", nameof(countyCode));
        return new ProvincePlan(Province, Cities, [county], [.. AllTownships.Where(t => t.ParentCode == county.Code)], townships);
    }

    /// <summary>How many of <paramref name="households"/> each of <see cref="Townships"/> gets (what a generated file holds).</summary>
    public int[] HouseholdsPerTownship(int households) => Apportion([.. Townships.Select(t => t.Weight)], households);

    /// <summary>Share of mountain townships by city: Henan's west (洛阳, 三门峡), the Funiu and Dabie ranges, the Taihang foothills.</summary>
    static double MountainShare(string cityCode) => cityCode switch
    {
        "4103" => 0.75, // 洛阳
        "4112" => 0.8,  // 三门峡
        "4113" => 0.4,  // 南阳
        "4115" => 0.35, // 信阳
        "4104" => 0.35, // 平顶山
        "4190" => 0.5,  // 济源
        "4105" or "4106" or "4108" => 0.2, // 安阳, 鹤壁, 焦作
        "4101" or "4107" => 0.15, // 郑州, 新乡
        _ when cityCode.StartsWith("41", StringComparison.Ordinal) => 0.03,
        _ => 0.3,
    };

    /// <summary>Splits <paramref name="total"/> in proportion to the weights (largest remainder; ties to the earlier index).</summary>
    public static int[] Apportion(IReadOnlyList<double> weights, int total)
    {
        var sum = weights.Sum();
        var counts = new int[weights.Count];
        var remainders = new (double Remainder, int Index)[weights.Count];
        var given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i] / sum;
            counts[i] = (int)Math.Floor(exact);
            given += counts[i];
            remainders[i] = (exact - counts[i], i);
        }
        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; given < total; k++, given++) counts[remainders[k % remainders.Length].Index]++;
        return counts;
    }

    /// <summary>A stable 32-bit seed from two numbers (SplitMix64); string.GetHashCode differs per process.</summary>
    public static int Mix(long a, long b)
    {
        var x = unchecked((ulong)a * 0x9E3779B97F4A7C15UL) ^ (ulong)b;
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return unchecked((int)x);
    }
}

/// <summary>A township that gets villages: terrain, relative share of the province's households, village count.</summary>
internal sealed record PlannedTownship(Region Township, string CountyCode, bool Mountain, double Weight, int VillageCount, double PoorShare)
{
    /// <summary>
    /// The township's villages: names, clans and poor-village flags drawn as the demo draws them
    /// (codes township + 201, 202 …), a rural population of 900–3,200, and how many of the poor
    /// remain (more in poor and mountain villages).
    /// </summary>
    public List<DemoVillage> Villages(DemoLocale locale)
    {
        var r = new Random(ProvincePlan.Mix(0x7111A6E, long.Parse(Township.Code, CultureInfo.InvariantCulture)));
        var villages = new DemoGenerator(r, locale, (_, _) => throw new InvalidOperationException("villages have no members"))
            .MakeVillages(Township, VillageCount, Mountain, PoorShare);
        foreach (var v in villages)
        {
            v.Region.RuralPopulation = (int)Math.Round(v.Region.IsPoorVillage
                ? 900 + (1300 * Math.Pow(r.NextDouble(), 1.5))
                : 1000 + (2200 * Math.Pow(r.NextDouble(), 2.0)));
            v.RemainingFactor = r.Between(0.75, 1.25) * (v.Region.IsPoorVillage ? 1.12 : 0.93);
        }
        return villages;
    }

    /// <summary>A village's share of the township's households: poor villages registered about twice as many.</summary>
    public static double HouseholdWeight(DemoVillage v) => (v.Region.RuralPopulation ?? 1500) * (v.Region.IsPoorVillage ? 0.17 : 0.085);
}
