using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fupin.Generate;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fupin.Tests;

/// <summary>`fupin generate --tier …`: what each tier writes is what its manifest says, byte for byte.</summary>
public sealed class GenerateTierTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("fupin-cli-tier-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    internal static async Task<(TierManifest Manifest, string Out)> GenerateAsync(string dir, params string[] args)
    {
        var (code, output, err) = await CliRunner.RunAsync(null, ["generate", .. args, "--out", dir]);
        Assert.True(code == 0, err);
        return (TierManifest.Read(Path.Combine(dir, TierManifest.FileName)), output);
    }

    /// <summary>Data rows of a CSV file, read with a real CSV reader (quoted cells may hold anything).</summary>
    internal static List<string[]> Rows(string path)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, DisableColCountCheck = true }).From(text);
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            rows.Add(cells);
        }
        return rows;
    }

    internal static int Column(string path, string header)
    {
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), DisableColCountCheck = true }).From(text);
        return reader.Header.IndexOf(header);
    }

    /// <summary>Per-rule counts as sorted "rule=count" lines, so two dictionaries compare (and print) plainly.</summary>
    internal static List<string> Lines(IEnumerable<KeyValuePair<string, int>> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(C, $"{c.Key}={c.Value}"))];

    static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>
    /// Every file in the folder is in the manifest (and nothing else is there), with its bytes, SHA-256 and data
    /// rows recomputed here; the planted counts per rule are those of the anomaly and case files themselves.
    /// </summary>
    static void AssertManifestMatchesFolder(string dir, TierManifest m, string stdout)
    {
        var onDisk = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Where(f => f != TierManifest.FileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, m.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
        foreach (var f in m.Files)
        {
            var path = Path.Combine(dir, f.Path);
            Assert.Equal(new FileInfo(path).Length, f.Bytes);
            Assert.Equal(Sha(path), f.Sha256);
            Assert.True(Rows(path).Count == f.Rows, $"{f.Path}: {Rows(path).Count} rows, manifest {f.Rows}");
            Assert.Contains(string.Create(C, $"{f.Path}: rows {f.Rows}, bytes {f.Bytes}, sha256 {f.Sha256}"), stdout, StringComparison.Ordinal);
        }
        Assert.Equal(m.Files.Count + 1, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(m.Persons, m.Files.Where(f => f.Kind == "registry").Sum(f => f.Rows));
        Assert.Equal(m.Projects, m.Files.Single(f => f.Kind == "projects").Rows);

        // Registry anomalies: per file, the rules counted from the file itself; the total is their sum.
        Assert.NotEmpty(m.RegistryAnomalies.Files);
        foreach (var a in m.RegistryAnomalies.Files)
        {
            var planted = AnomalyManifest.Read(Path.Combine(dir, a.Path));
            Assert.Equal(planted.Count, a.Count);
            Assert.Equal(Lines(planted.GroupBy(p => p.Rule).ToDictionary(g => g.Key, g => g.Count())), Lines(a.ByRule));
            Assert.Contains(m.Files, f => f.Path == a.Source && f.Kind == "registry");
        }
        Assert.Equal(m.RegistryAnomalies.Files.Sum(a => a.Count), m.RegistryAnomalies.Total);
        Assert.Equal(m.RegistryAnomalies.Total, m.RegistryAnomalies.ByRule.Values.Sum());
        foreach (var l in m.ListCases.Files)
        {
            var cases = Rows(Path.Combine(dir, l.Path));
            Assert.Equal(cases.Count, l.Count);
            Assert.Equal(Lines(cases.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Count())), Lines(l.ByRule));
        }
        Assert.Equal(m.ListCases.Total, m.ListCases.ByRule.Values.Sum());

        // Each list has the rows the tier promises for its registry's households.
        Assert.All(m.Files.Where(f => f.Kind == "list"), f => Assert.True(f.Rows > 0));
        Assert.Equal(m.Households * m.ListRowsPerHousehold * m.ListTypes.Count, m.Files.Where(f => f.Kind == "list").Sum(f => f.Rows));
    }

    [Fact]
    public async Task County_SmallScale_FolderHoldsExactlyTheManifestFiles_OneCountyOfTheScaledSize()
    {
        var dir = Path.Combine(_root, "county");

        var (m, stdout) = await GenerateAsync(dir, "--tier", "county", "--scale", "0.01", "--seed", "5");

        AssertManifestMatchesFolder(dir, m, stdout);
        Assert.Equal("county", m.Tier);
        Assert.Equal("411321", m.County);
        Assert.Equal(new[] { "41" }, m.Provinces);
        Assert.Equal(170, m.Households); // 17,000 × 0.01
        Assert.Equal(5, m.Seed);
        Assert.Equal(0.01, m.Scale);
        Assert.StartsWith("fupin-generate/", m.GeneratorVersion, StringComparison.Ordinal);
        var registry = Path.Combine(dir, "registry", "411321.csv");
        // The national layout has no village code: the household number starts with it (township code and village digits).
        var household = Column(registry, Columns.Header(Field.HouseholdNumber, Layout.National));
        var rows = Rows(registry);
        Assert.All(rows, r => Assert.StartsWith("411321", r[household], StringComparison.Ordinal));
        Assert.Equal(170, rows.Select(r => r[household]).Distinct().Count());
        Assert.Equal(GenerateProvinceLists.DefaultTypes.Select(t => $"lists/{t}.csv").Order(StringComparer.Ordinal),
            m.Files.Where(f => f.Kind == "list").Select(f => f.Path).Order(StringComparer.Ordinal));

        // The projects: 170 households, one project a 200 → 1, in a real township of the county, categories from the project catalogue.
        var projects = Rows(Path.Combine(dir, "projects.csv"));
        var project = Assert.Single(projects);
        Assert.Equal(GenerateTier.ProjectColumns.Count, project.Length);
        Assert.Equal(GenerateTier.ProjectColumns, File.ReadLines(Path.Combine(dir, "projects.csv")).First().TrimStart('\uFEFF').Split(','));
        Assert.Equal("南召县", project[1]);
        Assert.Contains(RegionCatalog.ChildrenOf("411321"), t => t.Name == project[2] && project[4].StartsWith(t.Code, StringComparison.Ordinal));
        Assert.Contains(project[6], Enum.GetValues<Fupin.Projects.ProjectCategory>().Select(c => Fupin.Projects.ProjectLabels.Label(c)));
        Assert.True(long.Parse(project[7], C) > 0);
        Assert.InRange(int.Parse(project[8], C), 2017, 2019);
        Assert.True(DateOnly.Parse(project[9], C) < DateOnly.Parse(project[10], C));
    }

    [Fact]
    public async Task Province_SmallScale_HenanCountiesOnly_ManifestMatches()
    {
        var dir = Path.Combine(_root, "province");

        var (m, stdout) = await GenerateAsync(dir, "--tier", "province", "--scale", "0.0005");

        AssertManifestMatchesFolder(dir, m, stdout);
        Assert.Equal(1000, m.Households); // 2,000,000 × 0.0005
        Assert.Null(m.County);
        var registry = Path.Combine(dir, "registry", "41.csv");
        var household = Column(registry, Columns.Header(Field.HouseholdNumber, Layout.National));
        var counties = Rows(registry).Select(r => r[household][..6]).Distinct().ToList();
        Assert.All(counties, c => Assert.Equal(RegionLevel.County, RegionCatalog.Find(c)?.Level));
        Assert.All(counties, c => Assert.StartsWith("41", c, StringComparison.Ordinal));
        Assert.True(counties.Count > 100, $"{counties.Count} counties");
        // At least one project per county with households, all in Henan.
        var projects = Rows(Path.Combine(dir, "projects.csv"));
        Assert.True(projects.Select(p => p[4][..6]).Distinct().Count() == counties.Count);
    }

    [Fact]
    public async Task NationalSample_SmallScale_OneRegistryPerRealProvince_MoreThan25Provinces()
    {
        var dir = Path.Combine(_root, "national");

        var (m, stdout) = await GenerateAsync(dir, "--tier", "national-sample", "--scale", "0.001", "--seed", "2");

        AssertManifestMatchesFolder(dir, m, stdout);
        Assert.Equal(2900, m.Households); // 29,000,000 × 10% × 0.001
        Assert.True(m.Provinces.Count > 25, $"{m.Provinces.Count} provinces");
        Assert.All(m.Provinces, p => Assert.Equal(RegionLevel.Province, RegionCatalog.Find(p)?.Level));
        Assert.Equal(m.Provinces.Select(p => $"registry/{p}.csv"), m.Files.Where(f => f.Kind == "registry").Select(f => f.Path));
        foreach (var p in m.Provinces)
        {
            var registry = Path.Combine(dir, "registry", p + ".csv");
            var household = Column(registry, Columns.Header(Field.HouseholdNumber, Layout.National));
            var rows = Rows(registry);
            Assert.NotEmpty(rows);
            Assert.All(rows.Select(r => r[household][..6]).Distinct(), c =>
            {
                Assert.StartsWith(p, c, StringComparison.Ordinal);
                Assert.Equal(RegionLevel.County, RegionCatalog.Find(c)?.Level);
            });
            Assert.Contains(m.Files, f => f.Path == $"lists/{p}/deaths.csv");
        }
        // Henan holds its share: 565 of the weights' 7,233 → 226.5 of 2,900 (largest remainder: 226 or 227).
        var henan = Path.Combine(dir, "registry", "41.csv");
        var number = Column(henan, Columns.Header(Field.HouseholdNumber, Layout.National));
        Assert.InRange(Rows(henan).Select(r => r[number]).Distinct().Count(), 226, 227);
    }

    [Fact]
    public async Task SameSeed_ByteIdenticalFolders_OtherSeedDiffers()
    {
        var (a, _) = await GenerateAsync(Path.Combine(_root, "a"), "--tier", "county", "--scale", "0.01", "--seed", "7");
        var (b, _) = await GenerateAsync(Path.Combine(_root, "b"), "--tier", "county", "--scale", "0.01", "--seed", "7");
        var (c, _) = await GenerateAsync(Path.Combine(_root, "c"), "--tier", "county", "--scale", "0.01", "--seed", "8");

        Assert.Equal(a.Files.Select(f => f.Path), b.Files.Select(f => f.Path));
        foreach (var f in a.Files)
            Assert.Equal(Sha(Path.Combine(_root, "a", f.Path)), Sha(Path.Combine(_root, "b", f.Path)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", TierManifest.FileName)), File.ReadAllBytes(Path.Combine(_root, "b", TierManifest.FileName)));
        foreach (var path in (string[])["registry/411321.csv", "lists/deaths.csv", "projects.csv"])
            Assert.NotEqual(a.Files.Single(f => f.Path == path).Sha256, c.Files.Single(f => f.Path == path).Sha256);
    }

    /// <summary>Every entry under the root, with the bytes of each file: what "untouched" means.</summary>
    Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => p, p => File.Exists(p) ? Sha(p) : "dir");

    [Theory]
    [InlineData("--tier city", "未知的数据层级")]
    [InlineData("--tier county --county 999999", "未知的县级区划代码")]
    [InlineData("--tier county --county 411300", "未知的县级区划代码")]
    [InlineData("--tier province --county 411321", "只用于 --tier county")]
    [InlineData("--tier county --scale 0", "--scale 应大于 0")]
    [InlineData("--tier county --scale 1.5", "--scale 应大于 0")]
    [InlineData("--tier county --scale -0.1", "--scale 应大于 0")]
    public async Task BadRequest_ExitTwo_ChineseMessage_NothingWritten(string args, string message)
    {
        var dir = Path.Combine(_root, "out");
        var before = Snapshot();

        var (code, output, err) = await CliRunner.RunAsync(null, ["generate", .. args.Split(' '), "--out", dir]);

        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(dir));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task OutNotEmpty_WithoutForce_ExitTwo_FolderUntouched()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "busy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "留着");
        var before = Snapshot();

        var (code, _, err) = await CliRunner.RunAsync(null, "generate", "--tier", "county", "--scale", "0.001", "--out", dir);

        Assert.Equal(2, code);
        Assert.Contains("已存在且不为空", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Force_OnAFolderNotGenerated_ExitTwo_FolderUntouched()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "mine")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "留着");
        var before = Snapshot();

        var (code, _, err) = await CliRunner.RunAsync(null, "generate", "--tier", "county", "--scale", "0.001", "--out", dir, "--force");

        Assert.Equal(2, code);
        Assert.Contains("不是以前生成的数据", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Force_OnAnEarlierOutput_ReplacesIt_NoPartialFolderLeft()
    {
        var dir = Path.Combine(_root, "again");
        var (first, _) = await GenerateAsync(dir, "--tier", "county", "--scale", "0.001", "--seed", "1");
        await File.WriteAllTextAsync(Path.Combine(dir, "stale.txt"), "旧的");

        var (second, stdout) = await GenerateAsync(dir, "--tier", "county", "--scale", "0.002", "--seed", "3", "--force");

        AssertManifestMatchesFolder(dir, second, stdout);
        Assert.False(File.Exists(Path.Combine(dir, "stale.txt")));
        Assert.Equal(34, second.Households);
        Assert.NotEqual(first.Households, second.Households);
        Assert.Equal(new[] { "again" }, Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task NoTier_ExitTwo_SaysWhatToGive()
    {
        var (code, _, err) = await CliRunner.RunAsync(null, "generate");

        Assert.Equal(2, code);
        Assert.Contains("--tier", err, StringComparison.Ordinal);
    }
}

/// <summary>The county tier's registry goes through the real import on the engine of the test run.</summary>
public sealed class GenerateTierImportTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-cli-tier-import-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The rules the generator can plant (each planted problem is reported under one of them).</summary>
    static readonly string[] Plantable =
    [
        Rules.IdInvalid.Code, Rules.IdDuplicate.Code, Rules.IdNumeric.Code, Rules.HeadSeveral.Code, Rules.HeadMissing.Code,
        Rules.SpouseSeveral.Code, Rules.IdGenderMismatch.Code, Rules.MigrantTogether.Code, Rules.EducationExclusive.Code, Rules.PhoneLength.Code,
    ];

    static string Planted(string reported) => Plantable.FirstOrDefault(p => AnomalyManifest.IsReportedAs(p, reported)) ?? reported;

    [Fact]
    public async Task CountyTier_ImportsIntoAFreshDatabase_CheckerFindsExactlyThePlantedProblems()
    {
        var dir = Path.Combine(_dir, "county");
        var (m, _) = await GenerateTierTests.GenerateAsync(dir, "--tier", "county", "--scale", "0.02", "--seed", "11", "--anomalies", "0.1");
        Assert.Equal(340, m.Households);
        Assert.True(m.RegistryAnomalies.Total >= 15, $"only {m.RegistryAnomalies.Total} planted");

        var regions = await CliRunner.RunAsync(_db, "generate", "regions", "--province", "41", "--county", "411321");
        Assert.True(regions.ExitCode == 0, regions.Err);
        var registry = Path.Combine(dir, "registry", "411321.csv");
        var import = await CliRunner.RunAsync(_db, "import", "households", registry, "--valid-rows-only", "--json");

        Assert.True(import.ExitCode == 0, import.Out + import.Err);
        using var json = JsonDocument.Parse(import.Out);
        var report = json.RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (Rule: Planted(p.GetProperty("rule").GetString()!), Error: p.GetProperty("severity").GetString() == "error"))
            .Where(p => p.Error || Plantable.Contains(p.Rule))
            .ToList();
        var found = problems.GroupBy(p => p.Rule).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(GenerateTierTests.Lines(m.RegistryAnomalies.ByRule), GenerateTierTests.Lines(found));

        // Households with a planted error are turned away, the rest (phone-length warnings included) stored.
        var errors = m.RegistryAnomalies.ByRule.Where(r => r.Key != Rules.PhoneLength.Code).Sum(r => r.Value);
        Assert.Equal(errors, report.GetProperty("rejected").GetInt32());
        Assert.Equal(m.Households - errors, report.GetProperty("added").GetInt32());
        await using var ctx = _db.NewContext();
        Assert.Equal(m.Households - errors, await ctx.Households.CountAsync());
        Assert.All(await ctx.Households.Select(h => h.VillageCode).Distinct().ToListAsync(), v => Assert.StartsWith("411321", v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Regions_AllProvincesWithACounty_ExitTwo()
    {
        var (code, _, err) = await CliRunner.RunAsync(_db, "generate", "regions", "--province", "all", "--county", "411321");

        Assert.Equal(2, code);
        Assert.Contains("--province all", err, StringComparison.Ordinal);
    }
}
