using Fupin.Accounts;
using Fupin.Supervision;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

/// <summary>`fupin rectifications` on one item of 石门村 with the deadline 2018-09-20, 18 days before the business date 2018-10-08.</summary>
public class RectifyCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<long> OverdueItemAsync()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var db = _db.NewContext();
        var r = await new CreateRectification(db, _db.Clock).HandleAsync(new CreateRectificationRequest(new RectificationInput
        {
            Source = RectificationSource.Audit, RegionCode = RegistryBuilder.Village, Problem = "报账手续不全", ResponsibleUnit = "石门乡财政所",
            FoundOn = new DateOnly(2018, 8, 1), Deadline = new DateOnly(2018, 9, 20),
        }, "admin", Role.CountyAdmin), default);
        return r.Value!.Id;
    }

    [Fact]
    public async Task Escalate_UrgesTheOverdueItemOnce_ThenExport_WritesTheLedger()
    {
        var id = await OverdueItemAsync();
        var (code, output, err) = await CliRunner.RunAsync(_db, "rectifications", "escalate");
        Assert.True(code == 0, output + err);
        Assert.Contains("整改督办（2018-10-08）：新增督办 0 项，新增催办 1 项", output, StringComparison.Ordinal);
        Assert.Contains("新增催办 0 项", (await CliRunner.RunAsync(_db, "rectifications", "escalate")).Out, StringComparison.Ordinal);
        await using (var db = _db.NewContext())
        {
            var item = await db.Rectifications.AsNoTracking().SingleAsync(r => r.Id == id);
            Assert.Equal((EscalationLevel.Urged, RegistryBuilder.Township), (item.Escalation, item.EscalatedTo));
        }

        var file = Path.Combine(Path.GetTempPath(), $"zg-{Guid.NewGuid():N}.xlsx");
        try
        {
            var export = await CliRunner.RunAsync(_db, "rectifications", "export", "--region", RegistryBuilder.Township, "--out", file);
            Assert.True(export.ExitCode == 0, export.Out + export.Err);
            Assert.Contains("整改台账 1 项已导出", export.Out, StringComparison.Ordinal);
            Assert.True(new FileInfo(file).Length > 1000);
            Assert.Equal(2, (await CliRunner.RunAsync(_db, "rectifications", "export", "--region", "419999", "--out", file)).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
