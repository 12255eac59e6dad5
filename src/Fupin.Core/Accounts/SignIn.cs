using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record SignInRequest(string UserName, string Password, string? From = null);

/// <summary>Who signed in, as the web app puts it in the session.</summary>
public sealed record SignedInUser(long Id, string UserName, string DisplayName, Role Role, string SecurityStamp, bool MustChangePassword);

/// <summary>
/// Checks a user name and password. Five failures in a row lock the account for 15 minutes; an
/// inactive account is refused. Every attempt is logged (never the password tried). The message of a
/// refusal does not tell whether the user exists.
/// </summary>
public sealed class SignIn(AppDbContext db)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);
    public const string WrongCredentials = "用户名或密码错误";
    public const string LockedOut = "登录失败次数过多，账户已暂时锁定，请15分钟后再试";

    public async Task<Result<SignedInUser>> HandleAsync(SignInRequest request, CancellationToken ct)
    {
        var name = request.UserName.Trim();
        var now = db.Clock.GetUtcNow();
        var from = request.From is null ? null : "来自 " + request.From;
        var user = name.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct);

        if (user is null)
        {
            // Same work as a real check, so timing does not tell whether the user exists.
            Passwords.Verify(Dummy, request.Password);
            return await FailAsync(name, 0, "用户不存在", from, WrongCredentials, ct);
        }
        if (user.LockedUntil is { } until && until > now)
            return await FailAsync(name, user.Id, "账户已锁定", from, LockedOut, ct);
        if (!Passwords.Verify(user, request.Password))
        {
            user.FailedSignIns++;
            var locked = user.FailedSignIns >= MaxFailures;
            if (locked)
            {
                user.LockedUntil = now + LockoutPeriod;
                user.FailedSignIns = 0;
            }
            return await FailAsync(name, user.Id, locked ? "密码错误，账户已锁定" : "密码错误", from, locked ? LockedOut : WrongCredentials, ct);
        }
        if (!user.IsActive)
            return await FailAsync(name, user.Id, "账户已停用", from, WrongCredentials, ct);

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        AccountLog.Add(db, name, "User", user.Id, AccountLog.SignedIn, reason: from);
        await db.SaveChangesAsync(ct);
        return new SignedInUser(user.Id, user.UserName, user.DisplayName, user.Role, user.SecurityStamp, user.MustChangePassword);
    }

    async Task<Result<SignedInUser>> FailAsync(string name, long userId, string why, string? from, string message, CancellationToken ct)
    {
        AccountLog.Add(db, name.Length == 0 ? "（空）" : name, "User", userId, AccountLog.SignInFailed, reason: from is null ? why : $"{why}，{from}");
        await db.SaveChangesAsync(ct);
        return Result.Invalid([new FieldError(nameof(SignInRequest.Password), "signin.failed", message)]);
    }

    static readonly User Dummy = NewDummy();

    static User NewDummy()
    {
        var user = new User { UserName = "", DisplayName = "", PasswordHash = "", SecurityStamp = "" };
        user.PasswordHash = Passwords.Hash(user, Passwords.OneTime());
        return user;
    }
}
