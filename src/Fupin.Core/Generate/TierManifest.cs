using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fupin.Generate;

/// <summary>A file a tier wrote. <see cref="Path"/> is relative to the output folder, with '/'.</summary>
/// <param name="Kind">registry, registry-anomalies, list, list-planted or projects.</param>
/// <param name="Rows">Data rows (the header row not counted).</param>
/// <param name="Sha256">Lower-case hex of the file's bytes.</param>
public sealed record TierFile(string Path, string Kind, long Rows, long Bytes, string Sha256);

/// <summary>One manifest of planted problems: a registry's NAME.anomalies.csv or a lists folder's lists.planted.csv.</summary>
/// <param name="Source">The registry file (or the lists folder) it belongs to.</param>
public sealed record TierPlantedFile(string Path, string Source, int Count, IReadOnlyDictionary<string, int> ByRule);

/// <summary>Planted problems or cases over all files of a tier, per rule code, and where each file lists them row by row.</summary>
public sealed record TierPlanted(int Total, IReadOnlyDictionary<string, int> ByRule, IReadOnlyList<TierPlantedFile> Files);

/// <summary>
/// <c>manifest.json</c> of a generated tier: what was asked (tier, seed, scale, county), what the
/// generator is, the households and persons drawn, every file with rows, bytes and SHA-256, the
/// problems planted in the registries (<see cref="RegistryAnomalies"/>: rule codes of the import's
/// checker) and the positive cases planted in the department lists (<see cref="ListCases"/>: rule codes
/// of the comparison). No clock time in it, so the same request gives the same manifest.
/// </summary>
/// <param name="Provinces">The province codes that have a registry file, in code order.</param>
/// <param name="ListRowsPerHousehold">Rows of each department list per household of its registry.</param>
public sealed record TierManifest(
    string Tier, int Seed, double Scale, string GeneratorVersion, string? County, IReadOnlyList<string> Provinces,
    double AnomalyRate, long Households, long Persons, int ListRowsPerHousehold, IReadOnlyList<string> ListTypes, long Projects,
    IReadOnlyList<TierFile> Files, TierPlanted RegistryAnomalies, TierPlanted ListCases)
{
    public const string FileName = "manifest.json";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static TierManifest Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<TierManifest>(stream, JsonOptions) ?? throw new InvalidDataException($"{path} 不是生成数据的清单");
    }

    public void Write(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        JsonSerializer.Serialize(stream, this, JsonOptions);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Bytes and SHA-256 of a file, read once, streaming.</summary>
    public static (long Bytes, string Sha256) Measure(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var hash = SHA256.HashData(stream);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Per-rule counts in ordinal order (a sorted dictionary serializes in that order).</summary>
    public static SortedDictionary<string, int> Count(IEnumerable<string> rules)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rules) counts[r] = counts.GetValueOrDefault(r) + 1;
        return counts;
    }

    public static TierPlanted Sum(IReadOnlyList<TierPlantedFile> files)
    {
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            foreach (var (rule, n) in f.ByRule) byRule[rule] = byRule.GetValueOrDefault(rule) + n;
        }
        return new TierPlanted(files.Sum(f => f.Count), byRule, files);
    }
}
