using System.Data.Common;
using System.Net;
using System.Text.Json;
using Fupin.Data;
using Fupin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fupin.Tests;

/// <summary>
/// A statement the database cancels for running past <c>Database:StatementTimeoutSeconds</c> answers 503 "查询超时" — a
/// Chinese page for people, ProblemDetails with the code <c>timeout</c> for the API — never a 500 or a stack trace. The
/// cancellation is the one PostgreSQL raises (SQLSTATE 57014), produced by an interceptor on the household queries so
/// the test does not depend on a slow query (the server side of the setting has its own test in Fupin.Core.Tests).
/// </summary>
public class StatementTimeoutTests(FupinApp app) : IClassFixture<FupinApp>
{
    sealed class CancelHouseholdQueries : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("households", StringComparison.Ordinal)
                ? throw new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled)
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task CancelledStatement_Answers503_ChinesePageForPeople_TimeoutCodeForTheApi()
    {
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new CancelHouseholdQueries()))));

        using (var pages = factory.CreateDefaultClient(new CookieContainerHandler(app.Admin.Cookies)))
        {
            var page = await pages.GetAsync("/households");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("查询超时", html, StringComparison.Ordinal);
            Assert.Contains("缩小范围", html, StringComparison.Ordinal);
            Assert.DoesNotContain("57014", html, StringComparison.Ordinal);
        }

        using var api = factory.CreateDefaultClient(new BearerForApi(app.Admin.User.Token));
        var response = await api.GetAsync("/api/households");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("timeout", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("查询超时", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OtherFailures_StillAnswer500()
    {
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new FailHouseholdQueries()))));
        using var api = factory.CreateDefaultClient(new BearerForApi(app.Admin.User.Token));
        var response = await api.GetAsync("/api/households");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.TryGetProperty("code", out _));
    }

    sealed class FailHouseholdQueries : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("households", StringComparison.Ordinal)
                ? throw new InvalidOperationException("a fault of the system")
                : ValueTask.FromResult(result);
    }
}
