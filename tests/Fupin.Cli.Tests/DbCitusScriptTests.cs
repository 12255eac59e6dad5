using Fupin.Testing;

namespace Fupin.Tests;

/// <summary>`fupin db citus-script` prints the placement of every table (docs/operations.md, "Past one machine").</summary>
public sealed class DbCitusScriptTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task CitusScript_PrintsReferenceAndDistributedTables_AndTheExceptions()
    {
        var (code, output, error) = await CliRunner.RunAsync(_db, "db", "citus-script");

        Assert.True(code == 0, error);
        Assert.Contains("CREATE EXTENSION IF NOT EXISTS citus;", output, StringComparison.Ordinal);
        Assert.Contains("SELECT create_reference_table('regions');", output, StringComparison.Ordinal);
        Assert.Contains("SELECT create_distributed_table('households', 'county_code');", output, StringComparison.Ordinal);
        Assert.Contains("SELECT create_distributed_table('members', 'county_code', colocate_with => 'households');", output, StringComparison.Ordinal);
        Assert.Contains("--   finding_events: child of findings", output, StringComparison.Ordinal);
        Assert.DoesNotContain("create_distributed_table('finding_events'", output, StringComparison.Ordinal);
    }
}
