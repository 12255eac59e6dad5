using System.Net;
using System.Text.Json;
using Fupin.Data;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fupin.Tests;

public class HostTests(FupinApp app) : IClassFixture<FupinApp>
{
    [Fact]
    public void Startup_UsesTheConfiguredTestDatabase_NotTheDefaultFile()
    {
        // The web app's own setting adds the statement timeout (appsettings.json) to the test database's.
        Assert.Equal(app.Db.Settings with { StatementTimeoutSeconds = 60 }, app.Factory.Database);
    }

    [Fact]
    public async Task Startup_WithoutDemo_MigratesAndSeedsNothing()
    {
        await using var db = app.Db.NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(await db.Changes.AnyAsync(c => c.Entity == "DemoSeed"));
    }

    [Fact]
    public async Task Health_DatabaseReachable_Returns200Healthy()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("reachable", json.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryApiEndpoint()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/regions/{code}/children").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/households").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/households/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/households/{id}").TryGetProperty("put", out var put));
        Assert.True(paths.GetProperty("/api/members/{id}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/health").TryGetProperty("get", out _));
        var responses = put.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "404", "409" }) Assert.True(responses.TryGetProperty(status, out _), $"PUT /api/households/{{id}} documents {status}");
    }

    [Fact]
    public async Task UnknownPage_Returns404PageInChinese_AndUnknownApi_ReturnsProblemDetails()
    {
        using var client = app.Client();

        var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync());

        var api = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>A database that goes away under a running app: /health says so.</summary>
public class HealthUnreachableTests(FupinApp app) : IClassFixture<FupinApp>
{
    [Fact]
    public async Task Health_DatabaseGone_Returns503Unreachable()
    {
        // A probe is anonymous: nothing is read from the database to know who it is.
        using var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await DropDatabaseAsync(app.Db.Settings);
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unreachable", json.RootElement.GetProperty("database").GetString());
    }

    static async Task DropDatabaseAsync(DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
            return;
        }
        var name = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("FUPIN_TEST_PG"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
