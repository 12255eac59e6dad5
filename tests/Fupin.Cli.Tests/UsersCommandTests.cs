using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public class UsersCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task UsersAdd_PrintsAOneTimePasswordThatSignsIn_AndMustBeChanged_ListShowsTheUser()
    {
        var (code, output, _) = await CliRunner.RunAsync(_db, "users", "add", "shimen01", "--role", "township-officer", "--region", RegistryBuilder.Township, "--region", RegistryBuilder.Village, "--display-name", "石门乡扶贫办");

        Assert.Equal(0, code);
        var password = Regex.Match(output, "一次性密码：(\\S+)").Groups[1].Value;
        Assert.True(password.Length >= 8, output);
        await using (var db = _db.NewContext())
        {
            var user = await db.Users.Include(u => u.Regions).SingleAsync(u => u.UserName == "shimen01");
            Assert.Equal((Role.TownshipOfficer, "石门乡扶贫办", true), (user.Role, user.DisplayName, user.MustChangePassword));
            Assert.Equal([RegistryBuilder.Township, RegistryBuilder.Village], user.Regions.Select(r => r.RegionCode).Order());
            Assert.DoesNotContain(password, user.PasswordHash, StringComparison.Ordinal);
            var signedIn = await new SignIn(db).HandleAsync(new SignInRequest("shimen01", password), default);
            Assert.True(signedIn.IsOk);
            Assert.True(signedIn.Value!.MustChangePassword);
        }

        var (listCode, list, _) = await CliRunner.RunAsync(_db, "users", "list");
        Assert.Equal(0, listCode);
        Assert.Contains("shimen01", list);
        Assert.Contains("township-officer", list);
        Assert.DoesNotContain(password, list);
    }

    [Theory]
    [InlineData("--role", "mayor", "--region", "411321")]
    [InlineData("--role", "auditor", "--region", "999999")]
    public async Task UsersAdd_UnknownRoleOrRegion_FailsAndCreatesNothing(params string[] options)
    {
        var (code, _, err) = await CliRunner.RunAsync(_db, ["users", "add", "someone", .. options]);
        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(err));
        await using var db = _db.NewContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task TokensCreate_PrintsTheTokenOnce_StoresOnlyItsHash_RevokeStopsIt()
    {
        await CliRunner.RunAsync(_db, "users", "add", "weijian", "--role", "department", "--region", RegistryBuilder.County);

        var (code, output, _) = await CliRunner.RunAsync(_db, "tokens", "create", "--user", "weijian", "--name", "卫健委上报");

        Assert.Equal(0, code);
        var token = Regex.Match(output, "令牌：(fp_[A-Za-z0-9_-]{32})").Groups[1].Value;
        var id = Regex.Match(output, "令牌编号：(\\d+)").Groups[1].Value;
        Assert.NotEmpty(token);
        await using (var db = _db.NewContext())
        {
            var row = await db.ApiTokens.SingleAsync();
            Assert.Equal(ApiTokenText.HashOf(token), row.Hash);
            Assert.NotEqual(token, row.Hash);
            Assert.NotNull(await new AuthenticateToken(db).HandleAsync(token, default));
        }

        Assert.Equal(0, (await CliRunner.RunAsync(_db, "tokens", "revoke", id)).ExitCode);
        await using (var db = _db.NewContext())
            Assert.Null(await new AuthenticateToken(db).HandleAsync(token, default));
        Assert.Equal(1, (await CliRunner.RunAsync(_db, "tokens", "revoke", "999")).ExitCode);
    }
}
