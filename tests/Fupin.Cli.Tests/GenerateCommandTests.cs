using System.Text.Json;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public sealed class GenerateCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(migrate: false);
        _dir = Directory.CreateTempSubdirectory("fupin-cli-generate-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task GenerateRegistry_ThenRegionsThenImport_SummaryLineAndZeroErrors()
    {
        var path = Path.Combine(_dir, "henan.csv");

        var generated = await CliRunner.RunAsync(null, "generate", "registry", "--households", "60", "--out", path, "--seed", "3");

        Assert.True(generated.ExitCode == 0, generated.Err);
        var summary = Assert.Single(generated.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"rows \d+, households 60, bytes \d+, seconds \d+\.\d", summary);
        Assert.Contains(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), summary);
        Assert.Contains("已写入", generated.Err);

        var regions = await CliRunner.RunAsync(_db, "generate", "regions", "--province", "41");
        Assert.True(regions.ExitCode == 0, regions.Err);
        Assert.Contains("生成的行政村", regions.Out);

        var import = await CliRunner.RunAsync(_db, "import", "households", path, "--json");
        Assert.True(import.ExitCode == 0, import.Out + import.Err);
        using var json = JsonDocument.Parse(import.Out);
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(60, json.RootElement.GetProperty("households").GetInt32());
        await using var ctx = _db.NewContext();
        Assert.Equal(60, await ctx.Households.CountAsync());
    }

    [Fact]
    public async Task GenerateRegistry_WithAnomalies_WritesManifestBesideTheFile()
    {
        var path = Path.Combine(_dir, "dirty.csv");

        var (code, output, err) = await CliRunner.RunAsync(null, "generate", "registry", "--households", "200", "--out", path, "--anomalies", "0.1");

        Assert.True(code == 0, err);
        var manifest = Path.Combine(_dir, "dirty.anomalies.csv");
        Assert.Contains("anomalies ", output);
        Assert.Contains(manifest, output);
        Assert.True(File.ReadAllLines(manifest).Length > 5);
    }

    [Fact]
    public async Task GenerateRegistry_UnknownProvince_ExitTwoWithMessage()
    {
        var (code, _, err) = await CliRunner.RunAsync(null, "generate", "registry", "--households", "5", "--out", Path.Combine(_dir, "x.csv"), "--province", "99");

        Assert.Equal(2, code);
        Assert.Contains("99", err);
    }
}
