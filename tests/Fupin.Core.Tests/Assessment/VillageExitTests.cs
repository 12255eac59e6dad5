using Fupin.Assessment;
using Fupin.Common;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>Village exit on <see cref="HandBuiltCounty"/> (see there for the numbers).</summary>
public class VillageExitTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await HandBuiltCounty.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<VillageExitReport> AssessAsync(string region = RegistryBuilder.County)
    {
        await using var ctx = _db.NewContext();
        var result = await new AssessVillages(ctx, _db.Clock).HandleAsync(new AssessVillagesRequest(region, 2018), null, default);
        Assert.True(result.IsOk, result.Failure?.Message);
        return result.Value;
    }

    [Fact]
    public async Task Villages_StateAndReasons_FromIncidenceChecklistAndExitYear()
    {
        var r = await AssessAsync();
        var v = r.Villages.ToDictionary(x => x.Code);
        Assert.Equal(4, r.Villages.Count);

        // V1 exited in 2017, whatever its incidence (1/50 = 2%).
        Assert.Equal((VillageExitState.Exited, "已退出（2017年）", 0.02m), (v[HandBuiltCounty.V1].State, v[HandBuiltCounty.V1].StateLabel, v[HandBuiltCounty.V1].Incidence!.Value));
        Assert.Empty(v[HandBuiltCounty.V1].Reasons);

        // V2: every item met but 2/100 = 2.00% is not below 2%.
        Assert.Equal((VillageExitState.NotReady, 0.02m, false, true), (v[HandBuiltCounty.V2].State, v[HandBuiltCounty.V2].Incidence!.Value, v[HandBuiltCounty.V2].IncidencePasses!.Value, v[HandBuiltCounty.V2].ChecklistMet));
        Assert.Equal(["贫困发生率2.00%，未低于2.00%"], v[HandBuiltCounty.V2].Reasons);

        // V3: 1/100 = 1% passes, but the clinic is not there.
        Assert.Equal((VillageExitState.NotReady, 0.01m, true, false), (v[HandBuiltCounty.V3].State, v[HandBuiltCounty.V3].Incidence!.Value, v[HandBuiltCounty.V3].IncidencePasses!.Value, v[HandBuiltCounty.V3].ChecklistMet));
        Assert.Equal(["未达标：有标准化卫生室"], v[HandBuiltCounty.V3].Reasons);
        // Optional items (产业发展, 村集体经济收入) are shown unanswered but decide nothing.
        Assert.Equal(11, v[HandBuiltCounty.V3].Checklist.Count);
        Assert.Equal(2, v[HandBuiltCounty.V3].Checklist.Count(c => !c.Required && c.Met is null));

        Assert.Equal((VillageExitState.NotPoorVillage, "非贫困村"), (v[HandBuiltCounty.V4].State, v[HandBuiltCounty.V4].StateLabel));
        Assert.Equal(("城关镇", "石门乡"), (v[HandBuiltCounty.V3].TownshipName, v[HandBuiltCounty.V2].TownshipName));

        // A village asked for by itself is the same row.
        var alone = Assert.Single((await AssessAsync(HandBuiltCounty.V3)).Villages);
        Assert.Equal((HandBuiltCounty.V3, "北关村", "城关镇", 0.01m), (alone.Code, alone.Name, alone.TownshipName, alone.Incidence!.Value));
        Assert.Equal(["未达标：有标准化卫生室"], alone.Reasons);
    }

    [Fact]
    public async Task Checklist_RecordingTheClinicMakesTheVillageReady_AndAnUnansweredItemIsNotMet()
    {
        await using (var ctx = _db.NewContext())
        {
            var result = await new RecordVillageChecklist(ctx, _db.Clock).HandleAsync(
                new RecordVillageChecklistRequest(HandBuiltCounty.V3, 2018, [new ChecklistAnswerInput(7, true, "2018年9月新建卫生室80平方米")], "乡镇干部"), default);
            Assert.True(result.IsOk);
        }
        var v3 = (await AssessAsync()).Villages.Single(x => x.Code == HandBuiltCounty.V3);
        Assert.Equal((VillageExitState.Ready, "可退出"), (v3.State, v3.StateLabel));
        Assert.Equal("2018年9月新建卫生室80平方米", v3.Checklist.Single(c => c.Key == "clinic").Evidence);

        // Removing V3's broadband answer: 未填报 does not pass.
        await using (var ctx = _db.NewContext())
        {
            await ctx.VillageChecklistAnswers.Where(a => a.VillageCode == HandBuiltCounty.V3 && a.ItemId == 9).ExecuteDeleteAsync();
        }
        v3 = (await AssessAsync()).Villages.Single(x => x.Code == HandBuiltCounty.V3);
        Assert.Equal(["未填报：基本实现通宽带"], v3.Reasons);
    }

    [Fact]
    public async Task Checklist_AnUnknownItemAmongGoodOnes_WritesNothing()
    {
        await using var ctx = _db.NewContext();
        var result = await new RecordVillageChecklist(ctx, _db.Clock).HandleAsync(
            new RecordVillageChecklistRequest(HandBuiltCounty.V1, 2018, [new ChecklistAnswerInput(1, true, null), new ChecklistAnswerInput(999, true, null)], "test"), default);
        Assert.Equal(FailureKind.Invalid, result.Failure!.Kind);
        Assert.Contains(result.Failure.Errors, e => e.Code == "checklist.item_unknown");
        await using var check = _db.NewContext();
        Assert.False(await check.VillageChecklistAnswers.AnyAsync(a => a.VillageCode == HandBuiltCounty.V1));
    }
}
