using System.Net;
using Fupin.Accounts;
using Fupin.Data;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Accounts;

public class SignInTests(FupinApp app) : IClassFixture<FupinApp>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenTheRightPasswordIsThenRefused_AndAllIsLoggedWithoutPasswords()
    {
        var user = await app.UserAsync(Role.CountyLeader, [RegistryBuilder.County]);
        using var client = app.AnonymousClient();

        for (var i = 1; i <= 4; i++)
        {
            var html = await (await FupinApp.PostLoginAsync(client, user.UserName, "wrong-pass-" + i)).Content.ReadAsStringAsync();
            Assert.Contains(SignIn.WrongCredentials, html);
        }
        var fifth = await (await FupinApp.PostLoginAsync(client, user.UserName, "wrong-pass-5")).Content.ReadAsStringAsync();
        Assert.Contains("已暂时锁定", fifth);
        var right = await FupinApp.PostLoginAsync(client, user.UserName, FupinApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("已暂时锁定", await right.Content.ReadAsStringAsync());

        await using var db = app.Db.NewContext();
        var records = await db.Changes.Where(c => c.Entity == "User" && c.User == user.UserName).ToListAsync();
        Assert.Equal(6, records.Count(c => c.Action == AccountLog.SignInFailed));
        Assert.DoesNotContain(records, c => c.Action == AccountLog.SignedIn);
        Assert.DoesNotContain(records, c => $"{c.OldValue}{c.NewValue}{c.Reason}{c.Field}".Contains("wrong-pass", StringComparison.Ordinal) || $"{c.NewValue}{c.Reason}".Contains(FupinApp.Password, StringComparison.Ordinal));
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        Assert.NotNull(stored.LockedUntil);
    }

    [Fact]
    public async Task UnknownUser_AndWrongPassword_GetTheSameMessage_SuccessIsLogged()
    {
        var user = await app.UserAsync(Role.Inspector, [RegistryBuilder.County]);
        using var client = app.AnonymousClient();

        var unknown = await (await FupinApp.PostLoginAsync(client, "nobody-here", "whatever1")).Content.ReadAsStringAsync();
        var wrong = await (await FupinApp.PostLoginAsync(client, user.UserName, "whatever1")).Content.ReadAsStringAsync();
        Assert.Contains(SignIn.WrongCredentials, unknown);
        Assert.Contains(SignIn.WrongCredentials, wrong);

        var ok = await FupinApp.PostLoginAsync(client, user.UserName, FupinApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.User == user.UserName && c.Action == AccountLog.SignedIn && c.EntityId == user.Id));
        Assert.True(await db.Changes.AnyAsync(c => c.User == "nobody-here" && c.Action == AccountLog.SignInFailed));
    }

    [Fact]
    public async Task SignOut_IsAPost_AndEndsTheSession()
    {
        var user = await app.SignInAsync(await app.UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        using var client = app.ClientFor(user, bearerForApi: false);
        var home = await client.GetStringAsync("/");
        var form = Api.HiddenFields(home[home.IndexOf("action=\"/logout\"", StringComparison.Ordinal)..]);
        Assert.True(form.ContainsKey("__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/logout", new FormUrlEncodedContent(form))).StatusCode);

        var after = await client.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task OneTimePassword_ForcesAChange_WhichEndsOtherSessions()
    {
        await RegistryBuilder.EnsureVillageAsync(app.Db);
        CreatedUser created;
        await using (var db = app.Db.NewContext())
            created = (await new CreateUser(db).HandleAsync(new CreateUserRequest("newcomer", Role.TownshipOfficer, [RegistryBuilder.Township], "新来的", "test"), default)).Value!;

        var cookies = new CookieContainer();
        using var client = app.Factory.CreateDefaultClient(new CookieContainerHandler(cookies));
        var signIn = await FupinApp.PostLoginAsync(client, "newcomer", created.OneTimePassword);
        Assert.Equal("/account/password", signIn.Headers.Location!.ToString());
        Assert.Equal("/account/password", (await client.GetAsync("/households")).Headers.Location!.ToString());

        var otherSession = new CookieContainer();
        using var other = app.Factory.CreateDefaultClient(new CookieContainerHandler(otherSession));
        await FupinApp.PostLoginAsync(other, "newcomer", created.OneTimePassword);
        Assert.Equal("/account/password", (await other.GetAsync("/households")).Headers.Location!.ToString()); // this session's user is now read and kept

        var form = Api.HiddenFields(await client.GetStringAsync("/account/password"));
        form["CurrentPassword"] = created.OneTimePassword;
        form["NewPassword"] = "short1";
        form["ConfirmPassword"] = "short1";
        Assert.Contains("密码至少8位", await (await client.PostAsync("/account/password", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync());
        form["NewPassword"] = form["ConfirmPassword"] = "shimen2018ok";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/account/password", new FormUrlEncodedContent(form))).StatusCode);

        // the other session ends at once, even though its user was read moments ago
        var stale = await other.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("/login", stale.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/households")).StatusCode);
    }
}

/// <summary>The real limit of sign-in attempts (the other fixtures raise it).</summary>
public sealed class RateLimitedApp : FupinApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fupin:SignInPerMinute"] = "3" };

    public override async Task InitializeAsync()
    {
        Limited = true;
        await base.InitializeAsync();
    }

    public bool Limited { get; private set; }
}

public class SignInRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task TooManySignInPosts_FromOneAddress_Answer429InChinese()
    {
        using var client = app.AnonymousClient();
        // The fixture's own sign-in used one of the three.
        await FupinApp.PostLoginAsync(client, "x1", "y1");
        await FupinApp.PostLoginAsync(client, "x2", "y2");
        var response = await FupinApp.PostLoginAsync(client, "x3", "y3");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("过于频繁", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }
}
