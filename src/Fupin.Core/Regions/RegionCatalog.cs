using System.Reflection;
using Fupin.Registry;
using nietras.SeparatedValues;

namespace Fupin.Regions;

/// <summary>The national division codes down to township, compiled in (see Regions/Data/README.md).</summary>
public static class RegionCatalog
{
    static readonly Lazy<IReadOnlyDictionary<string, Region>> Index = new(Load);

    public static Region? Find(string code) => Index.Value.GetValueOrDefault(code);

    public static IEnumerable<Region> ChildrenOf(string code) => Index.Value.Values.Where(r => r.ParentCode == code).OrderBy(r => r.Code, StringComparer.Ordinal);

    /// <summary>The county and everything above it, then its townships (villages come from the county).</summary>
    public static IReadOnlyList<Region> ChainWithTownships(string countyCode)
    {
        var county = Find(countyCode) ?? throw new ArgumentException($"未知的县级区划代码 {countyCode}", nameof(countyCode));
        var chain = new List<Region>();
        for (var r = county; r is not null; r = r.ParentCode is null ? null : Find(r.ParentCode)) chain.Insert(0, r);
        chain.AddRange(ChildrenOf(countyCode));
        return chain;
    }

    static Dictionary<string, Region> Load()
    {
        var all = new Dictionary<string, Region>(StringComparer.Ordinal);
        void Read(string file, RegionLevel level, string? parentColumn)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Fupin.Regions.{file}.csv")
                ?? throw new InvalidOperationException($"region data {file}.csv is not embedded");
            using var reader = Sep.Reader(o => o with { Unescape = true }).From(stream);
            foreach (var row in reader)
            {
                var code = row["code"].ToString();
                all[code] = new Region { Code = code, Name = row["name"].ToString(), Level = level, ParentCode = parentColumn is null ? null : row[parentColumn].ToString() };
            }
        }
        Read("provinces", RegionLevel.Province, null);
        Read("cities", RegionLevel.City, "provinceCode");
        Read("areas", RegionLevel.County, "cityCode");
        Read("streets", RegionLevel.Township, "areaCode");
        return all;
    }
}
