using Fupin.Generate;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Generate;

/// <summary>A generated province file goes through the real import, on the engine of the test run.</summary>
public sealed class GeneratedFileImportTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-generate-import-").FullName;
        await using var ctx = _db.NewContext();
        await new AddGeneratedRegions(ctx).HandleAsync(new AddGeneratedRegionsRequest("41"), null, default);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    Task<GenerateRegistryResult> Generate(string name, int households, int seed, double anomalies = 0) =>
        new GenerateRegistryFile().HandleAsync(new GenerateRegistryRequest(Path.Combine(_dir, name), households, "41", seed, anomalies), null, default);

    async Task<ImportReport> ImportAsync(string path, bool dryRun)
    {
        await using var ctx = _db.NewContext();
        return await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(path, ImportMode.AllOrNothing, dryRun), null, default);
    }

    [Fact]
    public async Task Import_CleanGeneratedFile_ZeroErrorsAndEveryHouseholdAndMemberStored()
    {
        var file = await Generate("clean.csv", 300, seed: 42);

        var report = await ImportAsync(file.Path, dryRun: false);

        var errors = report.Problems.Where(p => p.Severity == Severity.Error).Take(5).Select(p => $"{p.Row} {p.Rule} {p.Message}");
        Assert.True(report.Errors == 0, string.Join("\n", errors));
        Assert.True(report.Written);
        Assert.Equal(300, report.Households);
        Assert.Equal(file.Rows, report.Members);
        Assert.Equal(300, report.Added);
        await using var ctx = _db.NewContext();
        Assert.Equal(300, await ctx.Households.CountAsync());
        Assert.Equal(file.Rows, await ctx.Members.CountAsync());
        // Every household landed in a generated village (none made up by the import).
        var villageCodes = await ctx.Households.Select(h => h.VillageCode).Distinct().ToListAsync();
        var villages = await ctx.Regions.Where(r => villageCodes.Contains(r.Code)).ToListAsync();
        Assert.Equal(villageCodes.Count, villages.Count);
        Assert.All(villages, v => Assert.Equal('2', v.Code[9]));
        Assert.All(villages, v => Assert.NotNull(v.RuralPopulation));
        Assert.True(await ctx.Households.Select(h => h.CountyCode).Distinct().CountAsync() > 50);
    }

    [Fact]
    public async Task Import_GeneratedFileWithAnomalies_ReportsEachPlantedProblemAtItsRowAndNothingElse()
    {
        var file = await Generate("dirty.csv", 300, seed: 9, anomalies: 0.15);
        var manifest = AnomalyManifest.Read(file.ManifestPath!);
        Assert.NotEmpty(manifest);

        var report = await ImportAsync(file.Path, dryRun: true);

        foreach (var planted in manifest)
        {
            Assert.True(report.Problems.Any(p => p.Row == planted.Row && AnomalyManifest.IsReportedAs(planted.Rule, p.Rule)),
                $"row {planted.Row} ({planted.Kind}) not reported as {planted.Rule}; at that row: "
                + string.Join("; ", report.Problems.Where(p => p.Row == planted.Row).Select(p => p.Rule)));
        }
        // No error the generator did not plant.
        var unexpected = report.Problems.Where(p => p.Severity == Severity.Error
            && !manifest.Any(a => a.Row == p.Row && AnomalyManifest.IsReportedAs(a.Rule, p.Rule))).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(5).Select(p => $"{p.Row} {p.Rule} {p.Message}")));
        await using var ctx = _db.NewContext();
        Assert.Equal(0, await ctx.Households.CountAsync());
    }

    [Fact]
    public async Task AddGeneratedRegions_Twice_AddsNothingTheSecondTime()
    {
        await using var ctx = _db.NewContext();
        var again = await new AddGeneratedRegions(ctx).HandleAsync(new AddGeneratedRegionsRequest("41"), null, default);

        Assert.Equal(0, again.Added);
        Assert.InRange(again.Villages, 30_000, 70_000);
        Assert.Equal(again.Townships, await ctx.Regions.CountAsync(r => r.Level == RegionLevel.Township));
        Assert.Equal(again.Villages, await ctx.Regions.CountAsync(r => r.Level == RegionLevel.Village));
    }
}
