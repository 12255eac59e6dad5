using System.Security.Cryptography;
using Fupin.Generate;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;

namespace Fupin.Tests.Generate;

public sealed class GenerateRegistryFileTests : IDisposable
{
    static readonly DateOnly Today = new(2018, 10, 8);
    readonly string _dir = Directory.CreateTempSubdirectory("fupin-generate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    Task<GenerateRegistryResult> Generate(string name, int households, int seed = 1, double anomalies = 0) =>
        new GenerateRegistryFile().HandleAsync(new GenerateRegistryRequest(Path.Combine(_dir, name), households, "41", seed, anomalies), null, default);

    static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The data rows as header → text.</summary>
    static List<Dictionary<string, string?>> Rows(string path)
    {
        var rows = SheetReader.ReadRows(path).ToList();
        var header = rows[0].Cells.Select(c => (string)c!).ToArray();
        return [.. rows.Skip(1).Select(r => header.Select((h, i) => (h, Text: SheetReader.Text(r.Cells[i]))).ToDictionary(x => x.h, x => x.Text))];
    }

    static string H(Field f) => Columns.Header(f, Layout.National);

    [Fact]
    public async Task Generate_SameSeed_ByteIdenticalFile_OtherSeedDiffers()
    {
        var a = await Generate("a.csv", 400, seed: 7);
        var b = await Generate("b.csv", 400, seed: 7);
        var c = await Generate("c.csv", 400, seed: 8);

        Assert.Equal(Sha(a.Path), Sha(b.Path));
        Assert.NotEqual(Sha(a.Path), Sha(c.Path));
        Assert.Equal(400, a.Households);
        Assert.Equal(a.Bytes, new FileInfo(a.Path).Length);
    }

    [Fact]
    public async Task Generate_HeaderIsTheNationalExportLayout_Utf8WithBom()
    {
        var result = await Generate("h.csv", 20);

        var bytes = File.ReadAllBytes(result.Path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var header = SheetReader.ReadRows(result.Path).First().Cells.Select(c => (string?)c).ToArray();
        Assert.Equal(Columns.Exported(Layout.National).Select(H), header);
    }

    [Fact]
    public async Task Generate_Rows_AreConsistentPeopleInRealPlaces()
    {
        var result = await Generate("p.csv", 1500, seed: 3);
        var rows = Rows(result.Path);

        Assert.Equal(result.Rows, rows.Count);
        Assert.InRange(rows.Count / 1500.0, 2.3, 4.5);
        var counties = RegionCatalog.ChildrenOf("41").SelectMany(c => RegionCatalog.ChildrenOf(c.Code)).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var ids = new HashSet<long>();
        foreach (var row in rows)
        {
            var county = counties[row[H(Field.County)]!];
            Assert.Contains(RegionCatalog.ChildrenOf(county.Code), t => t.Name == row[H(Field.Township)]);
            Assert.EndsWith("村", row[H(Field.Village)], StringComparison.Ordinal);

            var parsed = ResidentId.Parse(row[H(Field.IdNumber)], Today);
            Assert.True(parsed.IsValid, row[H(Field.IdNumber)]);
            var id = parsed.Id.Value;
            Assert.True(ids.Add(id.Key), $"duplicate {id}");
            Assert.Equal(county.Code, id.RegionCode);
            Assert.Equal(id.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[H(Field.BirthDate)]);
            Assert.Equal(CodeCatalog.Label(id.Gender), row[H(Field.Gender)]);

            // Exactly one of education and student status, and a student's status fits the age.
            Assert.True(row[H(Field.Education)] is null != row[H(Field.StudentStatus)] is null);
            var age = Today.Year - id.BirthDate.Year - (Today < id.BirthDate.AddYears(Today.Year - id.BirthDate.Year) ? 1 : 0);
            if (row[H(Field.StudentStatus)] is "小学") Assert.InRange(age, 5, 13);
            if (age < 16) Assert.Equal("无劳动力", row[H(Field.LabourSkill)]);
            Assert.True(row[H(Field.MigrantWorkPlace)] is null == row[H(Field.MigrantWorkMonths)] is null);
        }
        // Spread over the province, not one county.
        Assert.True(rows.Select(r => r[H(Field.County)]).Distinct().Count() > 100);
        // One head per household, and household columns repeated alike on every member row.
        foreach (var household in rows.GroupBy(r => r[H(Field.HouseholdNumber)]))
        {
            Assert.Single(household, r => r[H(Field.Relation)] == "户主");
            Assert.Equal(household.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), household.First()[H(Field.HouseholdSize)]);
            Assert.Single(household.Select(r => r[H(Field.PerCapitaIncome)] + "|" + r[H(Field.Status)] + "|" + r[H(Field.Village)]).Distinct());
        }
    }

    [Fact]
    public async Task Generate_Distributions_FollowTheDemoCounty()
    {
        var rows = Rows((await Generate("d.csv", 3000, seed: 11)).Path);
        var heads = rows.Where(r => r[H(Field.Relation)] == "户主").ToList();

        double Share<T>(IEnumerable<T> items, Func<T, bool> test) => items.Count(test) / (double)items.Count();
        Assert.InRange(Share(heads, r => r[H(Field.Status)] == "未脱贫"), 0.15, 0.35);
        Assert.InRange(Share(heads, r => r[H(Field.MainCause)] is "因病" or "因残"), 0.4, 0.75);
        Assert.InRange(Share(rows, r => r[H(Field.Gender)] == "男"), 0.45, 0.6);
        Assert.InRange(Share(rows, r => r[H(Field.StudentStatus)] is not null), 0.1, 0.35);
        Assert.InRange(Share(rows, r => r[H(Field.MigrantWorkPlace)] is not null), 0.05, 0.3);
    }

    [Fact]
    public async Task Generate_Anomalies_ManifestListsEachPlantedRowOnce()
    {
        var clean = await Generate("clean.csv", 600, seed: 5);
        var dirty = await Generate("dirty.csv", 600, seed: 5, anomalies: 0.2);
        var manifest = AnomalyManifest.Read(dirty.ManifestPath!);

        Assert.Null(clean.ManifestPath);
        Assert.Equal(AnomalyManifest.PathFor(dirty.Path), dirty.ManifestPath);
        Assert.Equal(dirty.Anomalies, manifest.Count);
        Assert.InRange(manifest.Count, 80, 160);
        Assert.Equal(manifest.Count, manifest.Select(a => a.Household).Distinct().Count());
        Assert.True(manifest.Select(a => a.Kind).Distinct().Count() >= 9, string.Join(",", manifest.Select(a => a.Kind).Distinct()));
        Assert.All(manifest, a => Assert.Contains(Rules.All, r => r.Code == a.Rule));

        // The rest of the file is the clean file of the same seed.
        var cleanRows = File.ReadAllLines(clean.Path);
        var dirtyRows = File.ReadAllLines(dirty.Path);
        Assert.Equal(cleanRows.Length, dirtyRows.Length);
        var changed = Enumerable.Range(0, cleanRows.Length).Where(i => cleanRows[i] != dirtyRows[i]).Select(i => i + 1).ToHashSet();
        Assert.Subset(changed, manifest.Select(a => a.Row).ToHashSet());
        var numberColumn = Columns.Exported(Layout.National).ToList().IndexOf(Field.HouseholdNumber);
        var plantedHouseholds = manifest.Select(a => a.Household).ToHashSet();
        Assert.All(changed, row => Assert.Contains(dirtyRows[row - 1].Split(',')[numberColumn], plantedHouseholds));
        Assert.Contains(manifest, a => a.Kind == "id-as-number" && dirtyRows[a.Row - 1].Contains("E+17", StringComparison.Ordinal));
    }

    [Fact]
    public void IdSequences_UniquePerBirthDateAndSex_UntilTheSequenceRunsOut()
    {
        var ids = new IdSequences(Today);
        ids.StartCounty("411321");
        var birth = new DateOnly(1970, 5, 1);
        var men = Enumerable.Range(0, 499).Select(_ => ids.Next(birth, Gender.Male)).ToList();
        var women = Enumerable.Range(0, 499).Select(_ => ids.Next(birth, Gender.Female)).ToList();

        Assert.Equal(998, men.Concat(women).Select(i => i.Key).Distinct().Count());
        Assert.All(men, i => Assert.Equal(Gender.Male, i.Gender));
        Assert.All(women, i => Assert.Equal(Gender.Female, i.Gender));
        Assert.All(men, i => Assert.Equal(birth, i.BirthDate));
        Assert.All(men, i => Assert.True(ResidentId.Parse(i.ToString(), Today).IsValid));
        Assert.Throws<InvalidOperationException>(() => ids.Next(birth, Gender.Male));

        ids.StartCounty("411322");
        Assert.Equal("411322", ids.Next(birth, Gender.Male).RegionCode);
    }

    [Fact]
    public void Apportion_SplitsExactlyInProportion()
    {
        Assert.Equal([1, 2, 1], ProvincePlan.Apportion([1.0, 2.0, 1.0], 4));
        Assert.Equal(1000, ProvincePlan.Apportion([0.3, 0.3, 0.4, 1e-9], 1000).Sum());
        Assert.Equal([1, 0], ProvincePlan.Apportion([1.0, 1.0], 1));
    }
}
