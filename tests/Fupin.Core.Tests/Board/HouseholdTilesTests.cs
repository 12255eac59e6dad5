using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Board;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests.Board;

/// <summary>
/// 石门村 with three households — 甲 特困 未脱贫 in a D-grade house without safe water, 乙 低保 已脱贫 with every guarantee
/// met, 丙 一般 未脱贫 with a member outside basic medical insurance — and one household of 竹园村 that is not listed.
/// No home visit is recorded, so 不愁吃穿 is 未核实 for all three: not a mark.
/// </summary>
public class HouseholdTilesTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    long _jia, _yi, _bing;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _jia = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Attribute = HouseholdAttribute.Tekun;
            h.Members[0].Name = "甲";
            h.HousingGrade = HousingGrade.D;
            h.SafeDrinkingWater = false;
        });
        _yi = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Attribute = HouseholdAttribute.Dibao;
            h.Status = PovertyStatus.ExitedWithPolicy;
            h.ExitYear = 2017;
            h.Members[0].Name = "乙";
        });
        _bing = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "丙";
            h.Members.Add(RegistryBuilder.Member(h, m => { m.Name = "丙妻"; m.HasBasicMedical = false; }));
        });
        await RegistryBuilder.EnsureVillageAsync(_db, "411321304202", "竹园村");
        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.VillageCode = "411321304202"; h.Members[0].Name = "丁"; h.Attribute = HouseholdAttribute.Tekun; });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<HouseholdTiles>> TilesAsync(AccessScope? scope = null)
    {
        await using var db = _db.NewContext(scope);
        return await new GetHouseholdTiles(db, _db.Clock).HandleAsync(new GetHouseholdTilesRequest(RegistryBuilder.Village), default);
    }

    [Fact]
    public async Task Tiles_OfAVillage_ListItsHouseholdsWithAttributeStatusAndUnmetGuarantees()
    {
        var t = (await TilesAsync()).Value!;

        Assert.Equal(("石门村", 2018, true), (t.VillageName, t.Year, t.Assessed));
        Assert.Equal([_jia, _yi, _bing], t.Tiles.Select(x => x.Id));
        Assert.Equal(["甲", "乙", "丙"], t.Tiles.Select(x => x.Head));
        Assert.Equal(["特困", "低保", "一般"], t.Tiles.Select(x => x.AttributeLabel));
        Assert.Equal(["未脱贫", "已脱贫(享受政策)", "未脱贫"], t.Tiles.Select(x => x.StatusLabel));
        Assert.Equal([true, false, true], t.Tiles.Select(x => x.IsPoor));
        Assert.Equal([1, 1, 2], t.Tiles.Select(x => x.Members));
        Assert.Equal([Indicator.Housing, Indicator.Water], t.Tiles[0].Unmet);
        Assert.Equal(["住房安全", "饮水安全"], t.Tiles[0].UnmetLabels);
        Assert.Empty(t.Tiles[1].Unmet);
        Assert.Equal([Indicator.Medical], t.Tiles[2].Unmet);
        Assert.Equal(2, t.WithUnmet);
    }

    [Fact]
    public async Task Tiles_CountsByAttribute_AreThoseOfTheVillageOnly()
    {
        var t = (await TilesAsync()).Value!;

        Assert.Equal(
            [(HouseholdAttribute.Tekun, 1, 1), (HouseholdAttribute.Dibao, 1, 0), (HouseholdAttribute.General, 1, 1)],
            t.Counts.Select(c => (c.Attribute, c.Households, c.Poor)));
        Assert.Equal(t.Tiles.Count, t.Counts.Sum(c => c.Households));
    }

    [Fact]
    public async Task Tiles_AgreeWithTheHouseholdTestOfTheAssessment()
    {
        await using var db = _db.NewContext();
        var report = (await new TestHousehold(db, _db.Clock).HandleAsync(new TestHouseholdRequest(_jia, 2018), default)).Value!;
        var failing = report.Test.Indicators.Where(i => i.State == IndicatorState.NotMet && i.Indicator != Indicator.Income).Select(i => i.Indicator);

        Assert.Equal(failing, (await TilesAsync()).Value!.Tiles[0].Unmet);
    }

    [Fact]
    public async Task Tiles_OutsideTheUsersRegions_NotFound()
    {
        var other = await TilesAsync(AccessScope.For(9, Role.VillageCadre, ["411321304202"]));
        Assert.Equal(FailureKind.NotFound, other.Failure!.Kind);

        var own = await TilesAsync(AccessScope.For(9, Role.VillageCadre, [RegistryBuilder.Village]));
        Assert.Equal(3, own.Value!.Tiles.Count);
    }
}
