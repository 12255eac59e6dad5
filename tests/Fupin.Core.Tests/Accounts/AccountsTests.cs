using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Accounts;

public class AccountsTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<CreatedUser> NewUserAsync(string name, Role role = Role.CountyLeader)
    {
        await using var db = _db.NewContext();
        return (await new CreateUser(db).HandleAsync(new CreateUserRequest(name, role, [RegistryBuilder.County], null, "test"), default)).Value!;
    }

    [Fact]
    public async Task ChangeRecords_AreAppendOnly_UpdateAndDeleteThrowAndNothingChanges()
    {
        await RegistryBuilder.AddHouseholdAsync(_db);
        await using var db = _db.NewContext();
        var record = await db.Changes.FirstAsync();
        var user = record.User;

        record.User = "someone-else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Changes.Remove(await db.Changes.FirstAsync(c => c.Id == record.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var check = _db.NewContext();
        Assert.Equal(user, (await check.Changes.SingleAsync(c => c.Id == record.Id)).User);
    }

    [Fact]
    public async Task SignIn_LocksAfterFiveFailures_ForFifteenMinutes_ThenAcceptsTheRightPassword()
    {
        var created = await NewUserAsync("lock-me");
        await using var db = _db.NewContext();
        var signIn = new SignIn(db);
        for (var i = 0; i < SignIn.MaxFailures; i++)
            Assert.False((await signIn.HandleAsync(new SignInRequest("lock-me", "bad1234x"), default)).IsOk);

        var locked = await signIn.HandleAsync(new SignInRequest("lock-me", created.OneTimePassword), default);
        Assert.Equal(SignIn.LockedOut, locked.Failure!.Errors[0].Message);

        _db.Clock.Advance(SignIn.LockoutPeriod + TimeSpan.FromSeconds(1));
        Assert.True((await signIn.HandleAsync(new SignInRequest("lock-me", created.OneTimePassword), default)).IsOk);
        Assert.Equal(7, await db.Changes.CountAsync(c => c.User == "lock-me" && (c.Action == AccountLog.SignInFailed || c.Action == AccountLog.SignedIn)));
    }

    [Fact]
    public async Task SignIn_InactiveUser_IsRefusedWithTheUsualMessage()
    {
        var created = await NewUserAsync("gone");
        await using var db = _db.NewContext();
        (await db.Users.SingleAsync(u => u.Id == created.Id)).IsActive = false;
        await db.SaveChangesAsync();

        var result = await new SignIn(db).HandleAsync(new SignInRequest("gone", created.OneTimePassword), default);

        Assert.Equal(SignIn.WrongCredentials, result.Failure!.Errors[0].Message);
    }

    [Theory]
    [InlineData("abc123", "password.weak")]
    [InlineData("abcdefghij", "password.weak")]
    [InlineData("1234567890", "password.weak")]
    public async Task ChangePassword_WeakPassword_IsRefused(string password, string code)
    {
        var created = await NewUserAsync("weak-" + password);
        await using var db = _db.NewContext();
        var result = await new ChangePassword(db).HandleAsync(new ChangePasswordRequest(created.Id, created.OneTimePassword, password), default);
        Assert.Equal(code, result.Failure!.Errors[0].Code);
    }

    [Fact]
    public async Task ChangePassword_ClearsMustChange_AndRenewsTheSecurityStamp()
    {
        var created = await NewUserAsync("changer");
        await using var db = _db.NewContext();
        var before = (await db.Users.AsNoTracking().SingleAsync(u => u.Id == created.Id)).SecurityStamp;

        var result = await new ChangePassword(db).HandleAsync(new ChangePasswordRequest(created.Id, created.OneTimePassword, "newpass2018"), default);

        Assert.True(result.IsOk);
        var after = await db.Users.AsNoTracking().SingleAsync(u => u.Id == created.Id);
        Assert.False(after.MustChangePassword);
        Assert.NotEqual(before, after.SecurityStamp);
        Assert.Null(await new GetSessionUser(db).HandleAsync(created.Id, before, default));
    }

    [Fact]
    public async Task CreateApiToken_HasTheFormat_AndOnlyTheHashIsStored()
    {
        await NewUserAsync("machine", Role.Department);
        await using var db = _db.NewContext();
        var token = (await new CreateApiToken(db).HandleAsync(new CreateApiTokenRequest("machine", "上报", "test"), default)).Value!;

        Assert.Matches("^fp_[A-Za-z0-9_-]{32}$", token.Token);
        var row = await db.ApiTokens.SingleAsync(t => t.Id == token.Id);
        Assert.Equal(64, row.Hash.Length);
        Assert.Equal(token.Token[..8], row.Prefix);
        Assert.Equal("machine", (await new AuthenticateToken(db).HandleAsync(token.Token, default))!.UserName);
    }

    [Fact]
    public async Task SearchAuditLog_FiltersByUserActionAndDate_NewestFirst_PagedInTheDatabase()
    {
        await using (var db = _db.NewContext())
        {
            for (var i = 0; i < 5; i++)
            {
                AccountLog.Add(db, "a-user", "User", 1, AccountLog.SignedIn, reason: $"#{i}");
                await db.SaveChangesAsync();
                _db.Clock.Advance(TimeSpan.FromDays(1));
            }
            AccountLog.Add(db, "b-user", "User", 2, AccountLog.SignedIn);
            await db.SaveChangesAsync();
        }
        await using var ctx = _db.NewContext();
        var search = new SearchAuditLog(ctx);

        var page = (await search.HandleAsync(new SearchAuditLogRequest { User = "a-user", Action = AccountLog.SignedIn, PageSize = 2, Page = 1 }, default)).Value!;
        Assert.Equal((5, 3), (page.Total, page.PageCount));
        Assert.Equal(["#4", "#3"], page.Rows.Select(r => r.Reason));

        var day = (await search.HandleAsync(new SearchAuditLogRequest { User = "a-user", From = new DateOnly(2018, 10, 9), To = new DateOnly(2018, 10, 10) }, default)).Value!;
        Assert.Equal(["#2", "#1"], day.Rows.Select(r => r.Reason));
        Assert.False((await search.HandleAsync(new SearchAuditLogRequest { From = new DateOnly(2018, 10, 10), To = new DateOnly(2018, 10, 9) }, default)).IsOk);
    }

    [Fact]
    public async Task RevealPersonalData_OutsideTheScope_IsNotFound_AndNothingIsLogged()
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db, h => h.VillageCode = RegistryBuilder.Village);
        await RegistryBuilder.EnsureVillageAsync(_db, "411321304202", "杨树沟村");
        await using var db = _db.NewContext(AccessScope.For(99, Role.VillageCadre, ["411321304202"]));
        var memberId = await _db.NewContext().Members.Where(m => m.HouseholdId == id).Select(m => m.Id).FirstAsync();

        var result = await new RevealPersonalData(db).HandleAsync(new RevealPersonalDataRequest(id, memberId, "cadre", Role.VillageCadre), default);

        Assert.Equal(Fupin.Common.FailureKind.NotFound, result.Failure!.Kind);
        Assert.False(await db.Changes.AnyAsync(c => c.Action == AccountLog.Revealed));
    }

    [Fact]
    public async Task SeedDemoAccounts_MakesOneAccountPerRole_PairsTheFirstVillagesHouseholds_AndRunsOnce()
    {
        var first = await RegistryBuilder.AddHouseholdAsync(_db);
        await using var db = _db.NewContext();

        var result = await new SeedDemoAccounts(db).HandleAsync(default);

        Assert.Equal(Enum.GetValues<Role>().Order(), result!.Accounts.Select(a => a.Role).Order());
        Assert.Equal(RegistryBuilder.Village, result.Accounts.Single(a => a.UserName == "village").RegionCode);
        var pairing = await db.Users.SingleAsync(u => u.UserName == "pairing");
        Assert.Equal([first], await db.Pairings.Where(p => p.UserId == pairing.Id).Select(p => p.HouseholdId).ToListAsync());
        Assert.True((await new SignIn(db).HandleAsync(new SignInRequest("auditor", SeedDemoAccounts.Password), default)).IsOk);
        Assert.Null(await new SeedDemoAccounts(db).HandleAsync(default));
    }
}
