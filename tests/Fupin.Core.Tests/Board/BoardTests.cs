using Fupin.Board;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fupin.Tests.Board;

/// <summary>
/// A small county worked out by hand (business date 2018-10-08). Villages of 1,500 rural people each: 石门村 and 竹岗村 in
/// 石门乡, 东村 in another township.
/// A 石门村 未脱贫, 2 persons, planned exit 2018; B 石门村 已脱贫 in 2018, 1 person, planned 2018;
/// C 竹岗村 返贫, 3 persons, planned 2019; D 东村 已脱贫 in 2017, 1 person.
/// County: 4 households, 7 persons, poor 2 (A, C) with 5 persons, exited in 2018 1 (B), planned for 2018 2 (A, B),
/// incidence 5 ÷ 4,500 = 0.11%.
/// Rectifications: R1 in 石门村 found 2018-03-10, deadline 2018-06-30, 整改中 (open since March, overdue from July's end);
/// R2 in 石门乡 found 2018-05-02, deadline 2018-12-31, closed 2018-08-15 (open May–July).
/// </summary>
public class BoardTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    const string Other = "411321304202";
    string _eastVillage = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, Other, "竹岗村", poor: false);
        await using (var db = _db.NewContext())
        {
            var township = await db.Regions.Where(r => r.ParentCode == RegistryBuilder.County && r.Code != RegistryBuilder.Township).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync();
            _eastVillage = township + "201";
        }
        await RegistryBuilder.EnsureVillageAsync(_db, _eastVillage, "东村", poor: false);

        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.PlannedExitYear = 2018; h.Members.Add(RegistryBuilder.Member(h)); });
        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.Status = PovertyStatus.ExitedWithPolicy; h.ExitYear = 2018; h.PlannedExitYear = 2018; });
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.VillageCode = Other; h.Status = PovertyStatus.Relapsed; h.PlannedExitYear = 2019;
            h.Members.Add(RegistryBuilder.Member(h)); h.Members.Add(RegistryBuilder.Member(h));
        });
        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.VillageCode = _eastVillage; h.Status = PovertyStatus.ExitedWithPolicy; h.ExitYear = 2017; h.PlannedExitYear = 2017; });

        await using var ctx = _db.NewContext();
        ctx.Rectifications.Add(Item("R1", RegistryBuilder.Village, new DateOnly(2018, 3, 10), new DateOnly(2018, 6, 30), RectificationStatus.InProgress, null));
        ctx.Rectifications.Add(Item("R2", RegistryBuilder.Township, new DateOnly(2018, 5, 2), new DateOnly(2018, 12, 31), RectificationStatus.Closed, new DateOnly(2018, 8, 15)));
        await ctx.SaveChangesAsync();
    }

    static Rectification Item(string number, string region, DateOnly found, DateOnly deadline, RectificationStatus status, DateOnly? closed) => new()
    {
        CountyCode = RegistryBuilder.County, RegionCode = region, Number = number, Source = RectificationSource.Inspection, Problem = "问题" + number,
        ResponsibleUnit = "石门乡人民政府", FoundOn = found, Deadline = deadline, RequiredEvidence = "照片", Status = status, ClosedOn = closed,
        ClosedBy = closed is null ? null : "审核人", CreatedBy = "t", CreatedAt = DateTimeOffset.UtcNow,
    };

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<BoardView> BoardAsync(string code)
    {
        await using var db = _db.NewContext();
        return (await new GetBoard(db, _db.Clock).HandleAsync(new GetBoardRequest(code), default))!;
    }

    static decimal? V(BoardView b, string key) => b.Figure(key)?.Value;

    [Fact]
    public async Task County_RegistryFigures_MatchTheHandCount()
    {
        var b = await BoardAsync(RegistryBuilder.County);
        Assert.Equal(4m, V(b, "households"));
        Assert.Equal(7m, V(b, "persons"));
        Assert.Equal(2m, V(b, "poor_households"));
        Assert.Equal(5m, V(b, "poor_persons"));
        Assert.Equal(1m, V(b, "exited_households"));
        Assert.Equal(2m, V(b, "exit_plan"));
        Assert.Equal(0.11m, V(b, "poverty_incidence"));
        Assert.Equal("/households?region=411321&poor=true", b.Figure("poor_households")!.Link);
        Assert.Equal("households", b.Figure("poor_households")!.Measure);
        Assert.Equal("persons", b.Figure("poor_persons")!.Measure);
        Assert.Null(V(b, "countdown_days")); // no exit plan set
        Assert.Equal(new DateOnly(2018, 10, 8), b.AsOf);
    }

    [Fact]
    public async Task County_Rectifications_OpenAndOverdueNowAndAtEachMonthEnd()
    {
        var b = await BoardAsync(RegistryBuilder.County);
        var open = b.Figure("open_rectifications")!;
        var overdue = b.Figure("overdue_rectifications")!;
        Assert.Equal(1m, open.Value);
        Assert.Equal(1m, overdue.Value);
        Assert.Equal(["2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09", "2018-10"], open.Trend.Select(p => p.Month));
        Assert.Equal([0m, 0m, 1m, 1m, 2m, 2m, 2m, 1m, 1m, 1m], open.Trend.Select(p => p.Value));
        Assert.Equal([0m, 0m, 0m, 0m, 0m, 0m, 1m, 1m, 1m, 1m], overdue.Trend.Select(p => p.Value));
        Assert.Equal("/rectifications?region=411321&open=true", open.Link);
        Assert.Equal("/rectifications?region=411321&overdue=true", overdue.Link);
    }

    [Fact]
    public async Task County_FiguresWithoutDatedHistory_HaveNoTrend()
    {
        var b = await BoardAsync(RegistryBuilder.County);
        Assert.Empty(b.Figure("households")!.Trend);
        Assert.Empty(b.Figure("exited_households")!.Trend); // no exit procedure was completed
        Assert.Equal(0m, V(b, "workshops"));
        Assert.Empty(b.Figure("workshop_poor_workers")!.Trend);
    }

    [Fact]
    public async Task Township_ChildrenAreItsVillages_WithTheirIndicators()
    {
        var b = await BoardAsync(RegistryBuilder.Township);
        Assert.Equal(3m, V(b, "households"));
        Assert.Equal(2m, V(b, "poor_households"));
        Assert.Equal(["411321304201", "411321304202"], b.Children.Select(c => c.Code));
        var shimen = b.Children[0].Indicators;
        Assert.Equal(1m, shimen["poor_households"]);
        Assert.Equal(2m, shimen["poor_persons"]);
        Assert.Equal(1m, shimen["exited_households"]);
        Assert.Equal(1m, shimen["open_rectifications"]);
        Assert.Equal(1m, shimen["overdue_rectifications"]);
        Assert.Equal(0.13m, shimen["poverty_incidence"]); // 2 ÷ 1,500
        var zhugang = b.Children[1].Indicators;
        Assert.Equal(1m, zhugang["poor_households"]);
        Assert.Equal(3m, zhugang["poor_persons"]);
        Assert.Equal(0m, zhugang["exited_households"]);
        Assert.Equal(0m, zhugang["open_rectifications"]);
        // The township answers the visit's questions in one section.
        Assert.Contains(b.Figures, f => f.Section == BoardSections.Visit && f.Key == "unmet_guarantee_households");
        Assert.Contains(b.Figures, f => f.Section == BoardSections.Visit && f.Key == "workshops");
        Assert.Contains(b.Figures, f => f.Section == BoardSections.Visit && f.Key == "satisfaction");
    }

    [Fact]
    public async Task Township_UnmetGuarantee_CountsPoorHouseholdsFailingAHouseholdTestGuarantee()
    {
        // A second poor household of 石门村 without safe drinking water: 饮水安全 不达标.
        await RegistryBuilder.AddHouseholdAsync(_db, h => h.SafeDrinkingWater = false);
        var b = await BoardAsync(RegistryBuilder.Township);
        Assert.Equal(1m, V(b, "unmet_guarantee_households"));
        Assert.Contains("饮水安全1户", b.Figure("unmet_guarantee_households")!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFilters_TheBoardLinksUse_SelectWhatTheFiguresCount()
    {
        await using var db = _db.NewContext();
        var households = new Fupin.Households.SearchHouseholds(db, _db.Clock);
        async Task<int> Count(Fupin.Households.SearchHouseholdsRequest r) => (await households.HandleAsync(r, default)).Value!.Total;
        Assert.Equal(2, await Count(new() { Region = RegistryBuilder.County, PoorOnly = true }));
        Assert.Equal(1, await Count(new() { Region = RegistryBuilder.County, ExitYear = 2018 }));
        Assert.Equal(1, await Count(new() { Region = RegistryBuilder.County, ExitYear = 2017 }));
        Assert.Equal(2, await Count(new() { Region = RegistryBuilder.County, PlannedExitYear = 2018 }));
        Assert.False((await households.HandleAsync(new() { ExitYear = 1999 }, default)).IsOk);

        var items = await new SearchRectifications(db, _db.Clock).HandleAsync(new SearchRectificationsRequest { Region = RegistryBuilder.County, OpenOnly = true }, default);
        Assert.Equal(["R1"], items.Value!.Rows.Select(r => r.Number));
    }

    ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddDbContext<AppDbContext>(o => _db.Settings.Configure(o));
        services.AddSingleton<TimeProvider>(_db.Clock);
        services.AddMemoryCache();
        services.AddSingleton<BoardCache>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Cache_SameStamp_ReturnsTheSameInstance_EvenUnderConcurrentRequests()
    {
        await using var sp = Services();
        var cache = sp.GetRequiredService<BoardCache>();
        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => cache.GetAsync(RegistryBuilder.County, default)));
        Assert.All(all, b => Assert.Same(all[0], b));
        Assert.Same(all[0], await cache.GetAsync(RegistryBuilder.County, default));
        Assert.Equal(4m, V(all[0]!, "households"));
    }

    [Fact]
    public async Task Cache_ASaveInTheCounty_Recomputes()
    {
        await using var sp = Services();
        var cache = sp.GetRequiredService<BoardCache>();
        var before = await cache.GetAsync(RegistryBuilder.County, default);
        await RegistryBuilder.AddHouseholdAsync(_db);
        var after = await cache.GetAsync(RegistryBuilder.County, default);
        Assert.NotSame(before, after);
        Assert.NotEqual(before!.Stamp, after!.Stamp);
        Assert.Equal(5m, V(after, "households"));
    }

    [Fact]
    public async Task Cache_ASaveInAnotherCounty_KeepsTheBoard()
    {
        await using (var db = _db.NewContext())
        {
            db.Regions.Add(new Fupin.Regions.Region { Code = "411322", Name = "方城县", Level = RegionLevel.County, ParentCode = "4113" });
            await db.SaveChangesAsync();
        }
        await using var sp = Services();
        var cache = sp.GetRequiredService<BoardCache>();
        var before = await cache.GetAsync(RegistryBuilder.County, default);
        await using (var db = _db.NewContext())
        {
            db.Rectifications.Add(Item("X1", RegistryBuilder.County, new DateOnly(2018, 9, 1), new DateOnly(2018, 12, 1), RectificationStatus.Pending, null));
            await db.SaveChangesAsync();
        }
        Assert.NotSame(before, await cache.GetAsync(RegistryBuilder.County, default)); // same county: recomputed
        var cached = await cache.GetAsync(RegistryBuilder.County, default);
        await using (var db = _db.NewContext())
        {
            var item = Item("Y1", "411322", new DateOnly(2018, 9, 1), new DateOnly(2018, 12, 1), RectificationStatus.Pending, null);
            item.CountyCode = "411322";
            db.Rectifications.Add(item);
            await db.SaveChangesAsync();
        }
        Assert.Same(cached, await cache.GetAsync(RegistryBuilder.County, default));
    }

    [Fact]
    public async Task Cache_UnknownRegion_IsNull()
    {
        await using var sp = Services();
        Assert.Null(await sp.GetRequiredService<BoardCache>().GetAsync("411321999", default));
    }
}
