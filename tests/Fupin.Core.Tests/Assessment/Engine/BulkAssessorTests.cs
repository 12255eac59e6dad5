using Fupin.Assessment;
using Fupin.Assessment.Engine;
using Fupin.Generate;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment.Engine;

/// <summary>
/// The columnar assessor gives, village by village and field by field, the sums of AssessHouseholds:
/// on a hand-built county (every branch of the household test, expected sums worked out below) and
/// on a generated province registry imported into the database (read back from the database, and read
/// from the generated file by <see cref="RegistryColumnsLoader"/>).
/// </summary>
public sealed class BulkAssessorTests : IAsyncLifetime
{
    const string VillageA = RegistryBuilder.Village;
    const string VillageB = "411321304202";
    TestDatabase _db = null!;
    string? _dir;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (_dir is not null) Directory.Delete(_dir, recursive: true);
    }

    async Task AddAsync(string head, string village, PovertyStatus status, Action<Household> configure)
    {
        await using var ctx = _db.NewContext();
        var h = RegistryBuilder.Household(h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.Members[0].Name = head;
        });
        configure(h);
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
    }

    static Member Child(Household h, DateOnly birth, string? studentStatus, string? education = null, string? reason = null) =>
        RegistryBuilder.Member(h, m => (m.BirthDate, m.StudentStatus, m.Education, m.OutOfSchoolReason) = (birth, studentStatus, education, reason));

    static IncomeRecord Income(Household h, int year, int size, long net) =>
        new() { CountyCode = h.CountyCode, Year = year, HouseholdSize = size, Wage = net };

    async Task VisitAsync(string head, DateOnly on, bool food)
    {
        await using var ctx = _db.NewContext();
        var h = await ctx.Households.SingleAsync(x => x.Members.Any(m => m.Name == head));
        ctx.Visits.Add(new HouseholdVisit
        {
            HouseholdId = h.Id, CountyCode = h.CountyCode, VillageCode = h.VillageCode, VisitedOn = on,
            Visitor = "王帮扶", FoodSecure = food, ClothingSecure = true, RecordedBy = "test",
        });
        await ctx.SaveChangesAsync();
    }

    /// <summary>The bulk sums of the households in the database (members, incomes of the year, latest visits).</summary>
    async Task<Dictionary<string, VillageTally>> BulkFromDatabaseAsync(int year, DateOnly asOf, int lineYuan, int threads)
    {
        await using var ctx = _db.NewContext();
        var households = await ctx.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Incomes).AsSplitQuery().OrderBy(h => h.Id).ToListAsync();
        var visits = await HouseholdVisits.LatestAsync(ctx, [.. households.Select(h => h.Id)], year, asOf, default);
        var columns = HouseholdColumns.From(households, year, visits);
        return BulkAssessor.Assess(columns, new BulkAssessOptions(lineYuan, asOf, Threads: threads)).ToDictionary(t => t.Village, StringComparer.Ordinal);
    }

    async Task<AssessmentReport> AssessAsync(string region, int year, DateOnly? asOf = null)
    {
        await using var ctx = _db.NewContext();
        var result = await new AssessHouseholds(ctx, _db.Clock).HandleAsync(new AssessHouseholdsRequest(region, year, AsOf: asOf), null, default);
        Assert.True(result.IsOk);
        return result.Value!;
    }

    /// <summary>
    /// Year 2018, as of 2018-10-08 (the clock), line 3535 yuan = 353500 fen a person, unstable below 388850, k = 2 of 6.
    /// <code>
    ///     status  persons  收入                              不愁吃穿      义务教育                      医疗    住房          饮水   deprived
    /// A H1 未脱贫 3        3000.00 a person → 不达标           未核实        —                             —       D → 不达标    —      2 (AF: 3 persons × 2)
    /// A H2 未脱贫 2        3535.00 exactly → 达标, unstable    visit 达标    child 6 today, 学前教育 → in   —       —             —      0 → meets exit
    /// A H3 返贫   2        size 0 → 2 members, 3888.50 → 达标  未核实        child 7 today, 学龄前儿童 → out —       —             —      1
    /// A H4 已脱贫 1        no record → 未核实                 未核实        —                             不达标  C, renovated  不达标 2 (AF: 1 × 2)
    /// B H5 未脱贫 3        only a 2017 record → 未核实        未核实        15, 非在校生 with a reason; 16 —  —       —             —      0 → meets but for 未核实
    /// B H6 未脱贫 1        3534.99 → 不达标                   visit 不达标  —                             —       —             —      2 (AF: 1 × 2)
    /// </code>
    /// </summary>
    async Task AddHandBuiltCountyAsync()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, VillageB, "竹园村");
        await AddAsync("H1", VillageA, PovertyStatus.NotExited, h =>
        {
            h.Members.Add(RegistryBuilder.Member(h));
            h.Members.Add(RegistryBuilder.Member(h));
            h.Incomes.Add(Income(h, 2018, 3, 3 * 300_000));
            h.HousingGrade = HousingGrade.D;
        });
        await AddAsync("H2", VillageA, PovertyStatus.NotExited, h =>
        {
            h.Members.Add(Child(h, new DateOnly(2012, 10, 8), "学前教育"));
            h.Incomes.Add(Income(h, 2018, 2, 2 * 353_500));
        });
        await AddAsync("H3", VillageA, PovertyStatus.Relapsed, h =>
        {
            h.Members.Add(Child(h, new DateOnly(2011, 10, 8), "学龄前儿童"));
            h.Incomes.Add(Income(h, 2018, 0, 2 * 388_850));
        });
        await AddAsync("H4", VillageA, PovertyStatus.ExitedWithPolicy, h =>
        {
            h.Members[0].HasBasicMedical = false;
            h.HousingGrade = HousingGrade.C;
            h.HousingRenovatedOn = new DateOnly(2018, 6, 1);
            h.SafeDrinkingWater = false;
        });
        await AddAsync("H5", VillageB, PovertyStatus.NotExited, h =>
        {
            h.Members.Add(Child(h, new DateOnly(2003, 10, 8), "非在校生", reason: "残疾儿童送教上门"));
            h.Members.Add(Child(h, new DateOnly(2002, 10, 8), "非在校生"));
            h.Incomes.Add(Income(h, 2017, 3, 3 * 500_000));
        });
        await AddAsync("H6", VillageB, PovertyStatus.NotExited, h => h.Incomes.Add(Income(h, 2018, 1, 353_499)));
        await VisitAsync("H2", new DateOnly(2018, 5, 1), food: true);
        await VisitAsync("H6", new DateOnly(2018, 9, 1), food: false);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task HandBuiltCounty_SumsPerVillageAreTheHandComputedOnesAndThoseOfAssessHouseholds(int threads)
    {
        await AddHandBuiltCountyAsync();

        var bulk = await BulkFromDatabaseAsync(2018, new DateOnly(2018, 10, 8), 3535, threads);

        //                       village   hh persons poor poorP  不达标: 收入 吃穿 教育 医疗 住房 饮水   未核实: 收入 吃穿 ...   AF q, sum  exit  but-未核实  unstable
        var a = new VillageTally(VillageA, 4, 8, 3, 7, [1, 0, 1, 1, 1, 1], [1, 3, 0, 0, 0, 0], 4, 8, 1, 1, 1);
        var b = new VillageTally(VillageB, 2, 4, 2, 4, [1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], 1, 2, 0, 1, 0);
        Assert.Equal([VillageA, VillageB], bulk.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(a.Line, bulk[VillageA].Line);
        Assert.Equal(b.Line, bulk[VillageB].Line);

        var report = await AssessAsync(RegistryBuilder.County, 2018);
        Assert.Equal(a.Line, VillageTally.Of(report.Regions.Single(r => r.Code == VillageA)).Line);
        Assert.Equal(b.Line, VillageTally.Of(report.Regions.Single(r => r.Code == VillageB)).Line);
    }

    [Fact]
    public async Task LeapDayBirth_AgeAsMemberAgeCounts()
    {
        // Born 2012-02-29: on 2018-02-28 (not a leap year) Member.Age says 6 (the birthday falls on the 28th), so a 非在校生 fails 义务教育; on 2018-02-27 5, and passes.
        await RegistryBuilder.EnsureVillageAsync(_db);
        await AddAsync("H7", VillageA, PovertyStatus.NotExited, h => h.Members.Add(Child(h, new DateOnly(2012, 2, 29), "非在校生")));
        Assert.Equal(6, Member.Age(new DateOnly(2012, 2, 29), new DateOnly(2018, 2, 28)));

        foreach (var (asOf, failing) in new[] { (new DateOnly(2018, 2, 28), 1), (new DateOnly(2018, 2, 27), 0) })
        {
            var bulk = await BulkFromDatabaseAsync(2018, asOf, 3535, 1);
            Assert.Equal(failing, bulk[VillageA].NotMet[(int)Indicator.Education]);
            var report = await AssessAsync(RegistryBuilder.County, 2018, asOf);
            Assert.Equal(VillageTally.Of(report.Regions.Single(r => r.Code == VillageA)).Line, bulk[VillageA].Line);
        }
    }

    [Fact]
    public async Task GeneratedProvince_BulkSumsFromTheDatabaseAndFromTheFileEqualAssessHouseholdsInEveryVillage()
    {
        _dir = Directory.CreateTempSubdirectory("fupin-bulk-assess-").FullName;
        var path = Path.Combine(_dir, "registry.csv");
        var file = await new GenerateRegistryFile().HandleAsync(new GenerateRegistryRequest(path, 2000, "41", Seed: 5), null, default);
        await using (var ctx = _db.NewContext())
            await new AddGeneratedRegions(ctx).HandleAsync(new AddGeneratedRegionsRequest("41"), null, default);
        await using (var ctx = _db.NewContext())
        {
            var import = await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(path, ImportMode.AllOrNothing, false), null, default);
            Assert.Equal((0, 2000), (import.Errors, import.Households));
        }
        // The generated incomes are of 2017 (line 3335 yuan); ages on 2017-12-31.
        const int year = 2017;
        var asOf = new DateOnly(2017, 12, 31);
        var report = await AssessAsync("41", year, asOf);
        var expected = report.Regions.Where(r => r.Level == RegionLevel.Village && r.Households > 0)
            .ToDictionary(r => r.Code, VillageTally.Of, StringComparer.Ordinal);
        Assert.Equal(2000, expected.Values.Sum(t => t.Households));
        Assert.Equal(file.Rows, expected.Values.Sum(t => t.Persons));
        // Not a trivial registry: indicators fail, some households are poor, some unstable, some multidimensionally poor
        // (the generator draws every school-age child in school: 义务教育 failures are the hand-built tests' part).
        Assert.All(new[] { Indicator.Income, Indicator.Medical, Indicator.Housing, Indicator.Water },
            i => Assert.True(expected.Values.Sum(t => t.NotMet[(int)i]) > 0, $"{i} never fails"));
        Assert.True(expected.Values.Sum(t => t.PoorHouseholds) > 0 && expected.Values.Sum(t => t.Unstable) > 0 && expected.Values.Sum(t => t.AfPoorPersons) > 0);

        // From the database.
        foreach (var threads in (int[])[1, 2])
        {
            var fromDb = await BulkFromDatabaseAsync(year, asOf, 3335, threads);
            AssertSame(expected, fromDb);
        }

        // From the file: villages by 县/乡/行政村 names, mapped to their codes through the regions.
        Dictionary<string, string> codeByNames;
        await using (var ctx = _db.NewContext())
        {
            var regions = await ctx.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal);
            codeByNames = expected.Keys.ToDictionary(
                code => $"{regions[code[..6]].Name}/{regions[code[..9]].Name}/{Values.Neutralize(regions[code].Name)}", code => code, StringComparer.Ordinal);
        }
        foreach (var loader in new[] { new RegistryColumnsLoader(), new RegistryColumnsLoader(threads: 3, partBytes: 4096) })
        {
            var load = loader.Load(path, year);
            Assert.NotNull(load.Columns);
            Assert.Equal((file.Rows, 0L, 2000), (load.Rows, load.BadDates, load.Columns.Households));
            var fromFile = BulkAssessor.Assess(load.Columns, new BulkAssessOptions(3335, asOf))
                .ToDictionary(t => codeByNames[t.Village], t => t with { Village = codeByNames[t.Village] }, StringComparer.Ordinal);
            AssertSame(expected, fromFile);
        }
    }

    /// <summary>
    /// A file of corner cases (only the columns the test reads), year 2017: line 3335 yuan = 333500 fen, unstable below 366850;
    /// ages on 2018-02-28 (not a leap year: a 29 February birthday falls on the 28th). k = 2 of 6; 不愁吃穿 未核实 for all (no visits).
    /// <code>
    /// 一村 E01 未脱贫 2  667000 / 2 = the line → 达标, unstable; child 2012-02-29 is 6, 非在校生 → 教育 不达标               deprived 1
    ///      E02 返贫   2  人数 0 → 2; 733700 = 1.1 × line × 2 → stable; child 2012-02-28 is 6, 学前教育 → in school   deprived 0
    ///      E03 未脱贫 1  income of 2016 → 未核实; 2002-03-01 is 15, 非在校生; C级; water 否                      deprived 3 (AF 1 × 3)
    ///      E04 已脱贫 2  人数 1, 3334.99 → 不达标; 2008-02-29 is 10, 文化程度 小学 → out; adult uninsured             deprived 3 (AF 2 × 3)
    /// 二村 E05 未脱贫 1  −100.5 → 不达标; 2002-02-28 is 16 (not of school age); D级                               deprived 2 (AF 1 × 2)
    ///      E06 未脱贫 1  纯收入 empty → 未核实; 2011-02-28 is 7, 学龄前儿童 → out                                  deprived 1
    ///      E07 已脱贫 3  20000.5 → 达标; 高中 at 14 completed; 2011-02-27 is 7, 学龄前儿童, uninsured; water 否     deprived 3 (AF 3 × 3)
    /// 三村 E08 未脱贫 2  667001 → 达标, unstable; adults; no 危房级别                                              deprived 0
    /// </code>
    /// </summary>
    [Fact]
    public void CornerCaseFile_LoadedAndAssessed_GivesTheHandComputedSums()
    {
        _dir = Directory.CreateTempSubdirectory("fupin-bulk-edges-").FullName;
        var path = Path.Combine(_dir, "edges.csv");
        File.WriteAllText(path, """
            县(市、区、旗),乡(镇),行政村,户编号,人数,出生日期,文化程度,在校生状况,是否参加城乡居民基本医疗保险,脱贫属性,危房级别,是否解决安全饮用水,收入年度,纯收入(元)
            甲县,甲乡,一村,E01,2,1980-01-01,初中,,是,未脱贫,A级,是,2017,6670.00
            甲县,甲乡,一村,E01,2,2012-02-29,,非在校生,是,未脱贫,A级,是,2017,6670.00
            甲县,甲乡,一村,E02,0,1980-01-01,初中,,是,返贫,B级,是,2017,7337
            甲县,甲乡,一村,E02,0,2012-02-28,,学前教育,是,返贫,B级,是,2017,7337
            甲县,甲乡,一村,E03,1,2002-03-01,,非在校生,是,未脱贫,C级,否,2016,9000
            甲县,甲乡,一村,E04,1,1980-01-01,初中,,否,已脱贫(享受政策),A级,是,2017,3334.99
            甲县,甲乡,一村,E04,1,2008-02-29,小学,,是,已脱贫(享受政策),A级,是,2017,3334.99
            甲县,甲乡,二村,E05,1,2002-02-28,,非在校生,是,未脱贫,D级,是,2017,-100.5
            甲县,甲乡,二村,E06,1,2011-02-28,,学龄前儿童,是,未脱贫,A级,是,2017,
            甲县,甲乡,二村,E07,3,1980-01-01,初中,,是,已脱贫(不再享受政策),A级,否,2017,20000.5
            甲县,甲乡,二村,E07,3,2004-01-01,高中,,是,已脱贫(不再享受政策),A级,否,2017,20000.5
            甲县,甲乡,二村,E07,3,2011-02-27,,学龄前儿童,否,已脱贫(不再享受政策),A级,否,2017,20000.5
            甲县,乙乡,三村,E08,2,1975-05-05,小学,,是,未脱贫,,是,2017,6670.01
            甲县,乙乡,三村,E08,2,1976-06-06,文盲或半文盲,,是,未脱贫,,是,2017,6670.01

            """);

        var load = new RegistryColumnsLoader(threads: 2, partBytes: 256).Load(path, 2017);

        Assert.NotNull(load.Columns);
        Assert.Equal((14L, 8, 14), (load.Rows, load.Columns.Households, load.Columns.Members));
        var sums = BulkAssessor.Assess(load.Columns, new BulkAssessOptions(3335, new DateOnly(2018, 2, 28))).ToDictionary(t => t.Village, t => t.Line, StringComparer.Ordinal);
        //                                       hh persons poor poorP  不达标: 收入 吃穿 教育 医疗 住房 饮水   未核实          AF q, sum  exit  but-未核实  unstable
        Assert.Equal(new VillageTally("甲县/甲乡/一村", 4, 7, 3, 5, [1, 0, 3, 1, 1, 1], [1, 4, 0, 0, 0, 0], 3, 9, 0, 1, 1).Line, sums["甲县/甲乡/一村"]);
        Assert.Equal(new VillageTally("甲县/甲乡/二村", 3, 5, 2, 2, [1, 0, 2, 1, 1, 1], [1, 3, 0, 0, 0, 0], 4, 11, 0, 0, 0).Line, sums["甲县/甲乡/二村"]);
        Assert.Equal(new VillageTally("甲县/乙乡/三村", 1, 2, 1, 2, [0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], 0, 0, 0, 1, 1).Line, sums["甲县/乙乡/三村"]);
        Assert.Equal(3, sums.Count);
    }

    static void AssertSame(Dictionary<string, VillageTally> expected, Dictionary<string, VillageTally> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var different = expected.Where(e => e.Value.Line != actual[e.Key].Line).Select(e => $"{e.Value.Line} ≠ {actual[e.Key].Line}").Take(5).ToList();
        Assert.True(different.Count == 0, string.Join("\n", different));
    }
}
