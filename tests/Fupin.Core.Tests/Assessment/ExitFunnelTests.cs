using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>
/// Five households of the 2018 cohort in 石门村, all passing the 2018 test (as in <see cref="ExitProcedureTests"/>):
/// <code>
/// H1  民主评议, 核实 done          in progress, next 户认可
/// H2  started, no step             in progress, next 民主评议, overridden
/// H3  no procedure                 not started
/// H4  民主评议 done, then cancelled
/// H5  all six steps                completed (now 已脱贫)
/// </code>
/// Funnel for 石门乡 2018: planned 5, not started 2 (H3; H4, whose only procedure was cancelled, is poor and needs a new one),
/// started 3 (H1 H2 H5), in progress 2, completed 1,
/// cancelled 1; reached (cancelled left out) 民主评议 2 (H1 H5), 核实 2, 户认可 1, 公示 1, 公告 1, 销号 1;
/// waiting 民主评议 1 (H2), 户认可 1 (H1), the rest 0.
/// </summary>
public class ExitFunnelTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    readonly Dictionary<string, long> _procedures = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        foreach (var (name, steps) in new[] { ("H1", 2), ("H2", 0), ("H3", -1), ("H4", 1), ("H5", 6) })
        {
            var h = await RegistryBuilder.AddHouseholdAsync(_db, x =>
            {
                x.PlannedExitYear = 2018;
                x.Members[0].Name = name;
                x.Incomes.Add(new IncomeRecord { CountyCode = x.CountyCode, Year = 2018, HouseholdSize = 1, Wage = 400_000 });
            });
            await using var ctx = _db.NewContext();
            ctx.Visits.Add(new HouseholdVisit
            {
                HouseholdId = h, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, VisitedOn = new DateOnly(2018, 9, 1),
                Visitor = "王帮扶", FoodSecure = true, ClothingSecure = true, RecordedBy = "test",
            });
            await ctx.SaveChangesAsync();
            if (steps < 0) continue;
            var saved = (await new StartExitProcedure(ctx, _db.Clock).HandleAsync(new StartExitProcedureRequest(h, null, "t", Role.CountyAdmin), default)).Value!;
            DateOnly[] dates = [new(2018, 9, 10), new(2018, 9, 12), new(2018, 9, 14), new(2018, 9, 20), new(2018, 9, 27), new(2018, 9, 28)];
            for (var i = 0; i < steps; i++)
            {
                saved = (await new RecordExitStep(ctx, _db.Clock).HandleAsync(
                    new RecordExitStepRequest(saved.Id, saved.Version, ExitWorkflow.Steps[i], dates[i], "评议通过", "t", Role.CountyAdmin), default)).Value!;
            }
            if (name == "H2")
                Assert.True((await new OverrideExitTest(ctx, _db.Clock).HandleAsync(new OverrideExitTestRequest(saved.Id, saved.Version, "县扶贫办研究同意按例外处理", "t", Role.CountyAdmin), default)).IsOk);
            if (name == "H4")
                Assert.True((await new CancelExitProcedure(ctx).HandleAsync(new CancelExitProcedureRequest(saved.Id, saved.Version, "暂缓", "t", Role.CountyAdmin), default)).IsOk);
            _procedures[name] = saved.Id;
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Funnel_CountsEachStep()
    {
        await using var ctx = _db.NewContext();
        var f = (await new SearchExitProcedures(ctx).FunnelAsync(new ExitFunnelRequest(RegistryBuilder.Township, 2018), default)).Value!;

        Assert.Equal((5, 2, 3, 2, 1, 1), (f.Planned, f.NotStarted, f.Started, f.InProgress, f.Completed, f.Cancelled));
        Assert.Equal([2, 2, 1, 1, 1, 1], f.Steps.Select(s => s.Reached));
        Assert.Equal([1, 0, 1, 0, 0, 0], f.Steps.Select(s => s.Waiting));
        Assert.Equal("石门乡", f.RegionName);
    }

    [Fact]
    public async Task Search_ByNextStep_Overridden_Status_Year()
    {
        await using var ctx = _db.NewContext();
        var search = new SearchExitProcedures(ctx);
        async Task<long[]> Ids(SearchExitProceduresRequest r) => [.. (await search.HandleAsync(r, default)).Value!.Rows.Select(x => x.Id)];

        Assert.Equal([_procedures["H1"]], await Ids(new() { Region = RegistryBuilder.Village, NextStep = ExitStep.Consent }));
        Assert.Equal([_procedures["H2"]], await Ids(new() { Overridden = true }));
        Assert.Equal([_procedures["H4"]], await Ids(new() { Status = ExitProcedureStatus.Cancelled }));
        Assert.Equal([_procedures["H5"]], await Ids(new() { Text = "H5" }));
        Assert.Empty(await Ids(new() { Year = 2017 }));

        var h1 = (await search.HandleAsync(new() { NextStep = ExitStep.Consent }, default)).Value!.Rows.Single();
        Assert.Equal((2, ExitStep.Verification, new DateOnly(2018, 9, 12), "户认可"), (h1.StepsDone, h1.LastStep!.Value, h1.LastStepDate!.Value, h1.NextStepLabel!));
        Assert.Equal("region.invalid", Assert.Single((await search.HandleAsync(new() { Region = "4113" + "x" }, default)).Failure!.Errors).Code);
    }

    [Fact]
    public async Task Export_WritesRowsAndLogsTheExport()
    {
        await using var ctx = _db.NewContext();
        var export = await new ExportExitProcedures(ctx, new SearchExitProcedures(ctx)).HandleAsync(
            new ExportExitProceduresRequest(new SearchExitProceduresRequest { Year = 2018 }, "year=2018", "导出人"), default);

        Assert.Equal(4, export.Value!.Rows);
        using var stream = new MemoryStream(export.Value.Content);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        var h5 = rows.Single(r => (string?)r["户主"] == "H5");
        Assert.Equal(("已完成（已销号）", "销号", "2018-09-28"), ((string?)h5["状态"], (string?)h5["已完成步骤"], (string?)h5["销号日期"]));
        Assert.True(await ctx.Changes.AnyAsync(c => c.Action == "导出" && c.Field == "退出程序台账" && c.User == "导出人" && c.NewValue == "year=2018"));
    }
}
