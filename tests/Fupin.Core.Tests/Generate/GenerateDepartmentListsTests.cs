using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Fupin.Demo;
using Fupin.Generate;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Verification;

namespace Fupin.Tests.Generate;

/// <summary>The demo county's lists, generated once for the class, with the registry they were drawn from.</summary>
public sealed class DemoListsFixture : IDisposable
{
    public DemoListsFixture()
    {
        Dir = Directory.CreateTempSubdirectory("fupin-lists-").FullName;
        Result = new GenerateDepartmentLists().HandleAsync(new GenerateDepartmentListsRequest(Dir), null, default).GetAwaiter().GetResult();
        Registry = DemoGenerator.Generate(DemoCounty.DefaultSeed);
        foreach (var h in Registry.Households)
        {
            foreach (var m in h.Members) Members[m.IdNumber!.Value.Key] = (m, h);
        }
    }

    public string Dir { get; }
    public GenerateDepartmentListsResult Result { get; }
    public DemoRegistry Registry { get; }
    public Dictionary<long, (Member Member, Household Household)> Members { get; } = [];

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

public sealed class GenerateDepartmentListsTests(DemoListsFixture demo) : IClassFixture<DemoListsFixture>
{
    static readonly DateOnly AsOf = new(2018, 9, 30);
    static readonly DateOnly Today = new(2018, 10, 8);

    /// <summary>The department's columns per list, as docs/verification.md names them.</summary>
    static readonly Dictionary<string, string[]> SpecColumns = new(StringComparer.Ordinal)
    {
        ["deaths"] = ["注销原因", "注销日期"],
        ["payroll"] = ["工作单位", "职务"],
        ["vehicles"] = ["车辆类型", "号牌号码"],
        ["businesses"] = ["企业名称", "身份"],
        ["property"] = ["坐落", "面积"],
        ["dibao"] = ["保障类别", "月保障金额"],
        ["tekun"] = ["供养方式"],
        ["medical-insurance"] = ["险种"],
        ["school-enrolment"] = ["学校", "年级"],
        ["unsafe-housing"] = ["危房等级", "改造状态"],
        ["disability"] = ["残疾证号", "残疾类别", "残疾等级"],
        ["village-officials"] = ["职务", "关系"],
    };

    sealed record ListRow(long Key, string? Name, Dictionary<string, string?> Cells);

    static (string[] Header, List<ListRow> Rows) Read(string path)
    {
        var rows = SheetReader.ReadRows(path).ToList();
        var header = rows[0].Cells.Select(c => (string)c!).ToArray();
        var list = new List<ListRow>(rows.Count);
        foreach (var r in rows.Skip(1))
        {
            var cells = header.Select((h, i) => (h, Text: SheetReader.Text(r.Cells[i]))).ToDictionary(x => x.h, x => x.Text);
            var id = ResidentId.Parse(cells["身份证号码"], Today);
            Assert.True(id.IsValid, $"{Path.GetFileName(path)} row {r.Number}: {cells["身份证号码"]}");
            list.Add(new ListRow(id.Id.Value.Key, cells["姓名"], cells));
        }
        return (header, list);
    }

    static List<(string Rule, string Id, string Household)> Manifest(string dir) =>
        [.. SheetReader.ReadRows(Path.Combine(dir, "lists.planted.csv")).Skip(1)
            .Select(r => (SheetReader.Text(r.Cells[0])!, SheetReader.Text(r.Cells[1])!, SheetReader.Text(r.Cells[2])!))];

    static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Fact]
    public async Task Demo_SameSeed_ByteIdenticalFiles_OtherSeedDiffers()
    {
        var again = Directory.CreateTempSubdirectory("fupin-lists-").FullName;
        var other = Directory.CreateTempSubdirectory("fupin-lists-").FullName;
        try
        {
            await new GenerateDepartmentLists().HandleAsync(new GenerateDepartmentListsRequest(again), null, default);
            await new GenerateDepartmentLists(fillerScale: 0.05).HandleAsync(new GenerateDepartmentListsRequest(other, Seed: 7), null, default);

            var expected = Hashes(demo.Dir);
            Assert.Equal(13, expected.Count);
            Assert.Equal(expected, Hashes(again));
            Assert.NotEqual(expected["lists.planted.csv"], Hashes(other)["lists.planted.csv"]);
        }
        finally
        {
            Directory.Delete(again, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void Demo_EveryList_Utf8WithBom_NameAndIdThenTheSpecsColumns()
    {
        Assert.Equal(SpecColumns.Keys.Order(StringComparer.Ordinal), demo.Result.Files.Select(f => f.Key).Order(StringComparer.Ordinal));
        foreach (var (key, columns) in SpecColumns)
        {
            var path = Path.Combine(demo.Dir, key + ".csv");
            Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(path)[..3]);
            var header = SheetReader.ReadRows(path).First().Cells.Select(c => (string)c!).ToArray();
            Assert.Equal(["姓名", "身份证号码", .. columns], header);
        }
    }

    [Fact]
    public void Demo_PlantedCases_AreRegisteredMembersOfTheirHousehold_CountsAsPlanned()
    {
        var manifest = Manifest(demo.Dir);

        Assert.Equal(GenerateDepartmentLists.DemoPlan.Select(p => (p.Rule, p.Count)),
            manifest.GroupBy(m => m.Rule).Select(g => (g.Key, g.Count())));
        Assert.Equal(manifest.Count, manifest.Select(m => m.Id).Distinct().Count());
        foreach (var (rule, id, household) in manifest)
        {
            var key = ResidentId.Parse(id, Today).Id!.Value.Key;
            Assert.True(demo.Members.TryGetValue(key, out var member), $"{rule} {id} is not registered");
            Assert.Equal(household, member.Household.Number);
            if (rule == ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code) Assert.True(member.Member.IsHead);
        }
        // No household carries two planted cases.
        Assert.Equal(manifest.Count, manifest.Select(m => m.Household).Distinct().Count());
    }

    [Fact]
    public void Demo_SchoolList_HoldsEveryChildAged6To15_ExceptThePlantedNotEnrolled()
    {
        var listed = Read(Path.Combine(demo.Dir, "school-enrolment.csv")).Rows.Select(r => r.Key).ToHashSet();
        var notEnrolled = Manifest(demo.Dir).Where(m => m.Rule == ComparisonRules.Get(ComparisonRuleId.NotEnrolled).Code).Select(m => m.Id).ToHashSet();

        var children = demo.Members.Values.Where(x => x.Member.AgeOn(AsOf) is >= 6 and <= 15).ToList();
        Assert.True(children.Count > 5000);
        foreach (var (m, _) in children)
            Assert.Equal(!notEnrolled.Contains(m.IdNumber!.Value.ToString()), listed.Contains(m.IdNumber!.Value.Key));
    }

    [Fact]
    public void Demo_UnregisteredRows_NoneCarriesARegisteredId_AndTheyAreMost()
    {
        var total = 0L;
        var unregistered = 0L;
        foreach (var file in demo.Result.Files)
        {
            var rows = Read(file.Path).Rows;
            Assert.Equal(file.Rows, rows.Count);
            // A filler ID that collided with a registered one would count among the registered rows.
            Assert.Equal(file.RegisteredRows, rows.Count(r => demo.Members.ContainsKey(r.Key)));
            var filler = rows.Where(r => !demo.Members.ContainsKey(r.Key)).ToList();
            Assert.True(filler.Count >= 1500, file.Key);
            Assert.All(filler, r => Assert.False(string.IsNullOrWhiteSpace(r.Name)));
            total += rows.Count;
            unregistered += filler.Count;
        }
        Assert.True(unregistered > total / 2 - 40_000, $"{unregistered} of {total}");
    }

    /// <summary>
    /// The comparison rules of docs/verification.md, applied by the letter to the demo registry and the
    /// generated lists: what a run over the demo must find is the manifest, and nothing else.
    /// </summary>
    [Fact]
    public void Demo_RulesOfTheSpec_FindExactlyTheManifest()
    {
        var found = new HashSet<(string Rule, string Id)>();
        var matched = new Dictionary<string, List<ListRow>>(StringComparer.Ordinal);
        foreach (var key in SpecColumns.Keys)
        {
            matched[key] = [];
            foreach (var row in Read(Path.Combine(demo.Dir, key + ".csv")).Rows)
            {
                if (!demo.Members.TryGetValue(row.Key, out var m)) continue;
                if (!string.IsNullOrEmpty(row.Name) && Strip(row.Name) != Strip(m.Member.Name))
                    found.Add((ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code, Id(row.Key)));
                else
                    matched[key].Add(row);
            }
        }
        HashSet<long> On(string key) => matched[key].Select(r => r.Key).ToHashSet();

        foreach (var person in matched["deaths"].GroupBy(r => r.Key))
        {
            if (person.Any(r => r.Cells["注销原因"] == "死亡")) found.Add((ComparisonRules.Get(ComparisonRuleId.Deceased).Code, Id(person.Key)));
            else if (person.Any(r => r.Cells["注销原因"] == "迁出")) found.Add((ComparisonRules.Get(ComparisonRuleId.MovedOut).Code, Id(person.Key)));
        }
        foreach (var (key, rule) in (ReadOnlySpan<(string, string)>)[("payroll", ComparisonRules.Get(ComparisonRuleId.Payroll).Code), ("businesses", ComparisonRules.Get(ComparisonRuleId.Business).Code),
            ("property", ComparisonRules.Get(ComparisonRuleId.Property).Code), ("village-officials", ComparisonRules.Get(ComparisonRuleId.VillageOfficial).Code)])
        {
            foreach (var r in matched[key]) found.Add((rule, Id(r.Key)));
        }
        string[] farm = ["拖拉机", "农用", "三轮", "低速", "收割", "摩托"];
        foreach (var r in matched["vehicles"].Where(r => !farm.Any(f => r.Cells["车辆类型"]!.Contains(f, StringComparison.Ordinal))))
            found.Add((ComparisonRules.Get(ComparisonRuleId.Vehicle).Code, Id(r.Key)));

        void Both(string key, Func<Member, bool> flagged, string notRegistered, string notListed)
        {
            var on = On(key);
            foreach (var k in on.Where(k => !flagged(demo.Members[k].Member))) found.Add((notRegistered, Id(k)));
            foreach (var (k, _) in demo.Members.Where(x => flagged(x.Value.Member) && !on.Contains(x.Key))) found.Add((notListed, Id(k)));
        }
        Both("dibao", m => m.IsDibao, ComparisonRules.Get(ComparisonRuleId.DibaoNotRegistered).Code, ComparisonRules.Get(ComparisonRuleId.DibaoNotListed).Code);
        Both("tekun", m => m.IsTekun, ComparisonRules.Get(ComparisonRuleId.TekunNotRegistered).Code, ComparisonRules.Get(ComparisonRuleId.TekunNotListed).Code);
        Both("disability", m => m.Health.HasFlag(HealthConditions.Disabled), ComparisonRules.Get(ComparisonRuleId.DisabilityNotFlagged).Code, ComparisonRules.Get(ComparisonRuleId.DisabilityNotListed).Code);

        var enrolled = On("school-enrolment");
        var insured = matched["medical-insurance"].Where(r => string.IsNullOrEmpty(r.Cells["险种"]) || r.Cells["险种"]!.Contains("基本医疗", StringComparison.Ordinal))
            .Select(r => r.Key).ToHashSet();
        foreach (var (k, x) in demo.Members)
        {
            if (x.Member.AgeOn(AsOf) is >= 6 and <= 15 && !enrolled.Contains(k)) found.Add((ComparisonRules.Get(ComparisonRuleId.NotEnrolled).Code, Id(k)));
            if (!insured.Contains(k)) found.Add((ComparisonRules.Get(ComparisonRuleId.Uninsured).Code, Id(k)));
        }

        var housing = matched["unsafe-housing"].ToLookup(r => demo.Members[r.Key].Household);
        foreach (var h in demo.Registry.Households)
        {
            var rows = housing[h].ToList();
            var unsafeHouse = h.HousingGrade is HousingGrade.C or HousingGrade.D || rows.Any(r => r.Cells["危房等级"] is "C" or "D");
            if (unsafeHouse && !rows.Any(r => r.Cells["改造状态"] is "已竣工" or "已改造"))
                found.Add((ComparisonRules.Get(ComparisonRuleId.UnsafeHousing).Code, h.Members.Single(m => m.IsHead).IdNumber!.Value.ToString()));
        }

        var manifest = Manifest(demo.Dir).Select(m => (m.Rule, m.Id)).ToHashSet();
        Assert.Equal(214, manifest.Count);
        Assert.Empty(found.Except(manifest));
        Assert.Empty(manifest.Except(found));
    }

    static string Id(long key) => ResidentId.FromKey(key).ToString();

    static string Strip(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c != '\u3000'));

    [Fact]
    public void Demo_DocumentedCounts_AreThePlan()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "verification.md"));
        var section = doc[doc.IndexOf("## The demo's planted cases", StringComparison.Ordinal)..];
        foreach (var (rule, count) in GenerateDepartmentLists.DemoPlan)
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| `{rule}` | {count} |"), section, StringComparison.Ordinal);
    }

    static string RepoRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    // ---- province scale ----

    [Fact]
    public async Task Province_NRowsPerList_Deterministic_PlantedAreRegistered_FillerIsNot()
    {
        var dir = Directory.CreateTempSubdirectory("fupin-province-lists-").FullName;
        try
        {
            var registryPath = Path.Combine(dir, "registry.csv");
            await new GenerateRegistryFile().HandleAsync(new GenerateRegistryRequest(registryPath, 200, "41", 3), null, default);
            var registryRows = SheetReader.ReadRows(registryPath).ToList();
            var columns = registryRows[0].Cells.Select((c, i) => ((string)c!, i)).ToDictionary(x => x.Item1, x => x.i);
            var registered = new Dictionary<long, (string Name, string Household, bool Dibao, int Age)>();
            foreach (var r in registryRows.Skip(1))
            {
                string? Cell(string header) => SheetReader.Text(r.Cells[columns[header]]);
                var id = ResidentId.Parse(Cell("证件号码"), Today).Id!.Value;
                registered[id.Key] = (Cell("姓名")!, Cell("户编号")!, Cell("是否享受低保") == "是", AgeOf(id.BirthDate));
            }
            Assert.InRange(registered.Count, 400, 1000);

            const int N = 2000;
            var a = await new GenerateProvinceLists().HandleAsync(new GenerateProvinceListsRequest(registryPath, Path.Combine(dir, "a"), N, Seed: 5), null, default);
            var b = await new GenerateProvinceLists().HandleAsync(new GenerateProvinceListsRequest(registryPath, Path.Combine(dir, "b"), N, Seed: 5), null, default);

            Assert.Equal(GenerateProvinceLists.DefaultTypes, a.Files.Select(f => f.Key));
            Assert.Equal(Hashes(Path.Combine(dir, "a")), Hashes(Path.Combine(dir, "b")));
            foreach (var file in a.Files)
            {
                var (header, rows) = Read(file.Path);
                Assert.Equal(["姓名", "身份证号码", .. SpecColumns[file.Key]], header);
                Assert.Equal(N, rows.Count);
                Assert.Equal(file.RegisteredRows, rows.Count(r => registered.ContainsKey(r.Key)));
                Assert.All(rows.Where(r => !registered.ContainsKey(r.Key)), r => Assert.StartsWith("41", Id(r.Key), StringComparison.Ordinal));
            }
            var byKey = a.Files.ToDictionary(f => f.Key);
            Assert.Equal(N * 0.02, byKey["payroll"].RegisteredRows);
            Assert.Equal(N * 0.03, byKey["deaths"].RegisteredRows);
            Assert.Equal(Math.Round(registered.Count * 0.99), byKey["medical-insurance"].RegisteredRows);
            Assert.Equal(Math.Round(registered.Values.Count(p => p.Age is >= 6 and <= 15) * 0.98), byKey["school-enrolment"].RegisteredRows);
            var dibaoRows = Read(byKey["dibao"].Path).Rows.Where(r => registered.ContainsKey(r.Key)).ToList();
            Assert.Equal(Math.Round(registered.Values.Count(p => p.Dibao) * 0.97), dibaoRows.Count(r => registered[r.Key].Dibao));

            var manifest = Manifest(Path.GetDirectoryName(a.ManifestPath)!);
            Assert.Equal(a.Planted.Sum(p => p.Count), manifest.Count);
            // Every registered payroll row is planted: as 财政供养, or as a name mismatch when its name was changed.
            var payroll = Read(byKey["payroll"].Path).Rows.Where(r => registered.ContainsKey(r.Key)).ToList();
            var renamed = payroll.Where(r => r.Name != registered[r.Key].Name).Select(r => Id(r.Key)).ToHashSet();
            Assert.Equal(payroll.Where(r => !renamed.Contains(Id(r.Key))).Select(r => Id(r.Key)).Order(StringComparer.Ordinal),
                manifest.Where(m => m.Rule == ComparisonRules.Get(ComparisonRuleId.Payroll).Code).Select(m => m.Id).Order(StringComparer.Ordinal));
            Assert.Subset(manifest.Where(m => m.Rule == ComparisonRules.Get(ComparisonRuleId.NameMismatch).Code).Select(m => m.Id).ToHashSet(), renamed);
            foreach (var (rule, id, household) in manifest)
            {
                var key = ResidentId.Parse(id, Today).Id!.Value.Key;
                Assert.True(registered.TryGetValue(key, out var person), $"{rule} {id}");
                Assert.Equal(person.Household, household);
            }
            Assert.Contains(a.Planted, p => p.Rule == ComparisonRules.Get(ComparisonRuleId.Deceased).Code && p.Count > 0);

            var some = await new GenerateProvinceLists().HandleAsync(
                new GenerateProvinceListsRequest(registryPath, Path.Combine(dir, "c"), 50, ["tekun", "unsafe-housing"]), null, default);
            Assert.Equal(["tekun", "unsafe-housing"], some.Files.Select(f => f.Key));
            Assert.All(some.Files, f => Assert.Equal(50, Read(f.Path).Rows.Count));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static int AgeOf(DateOnly birth)
    {
        var age = AsOf.Year - birth.Year;
        return birth.AddYears(age) > AsOf ? age - 1 : age;
    }
}
