using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record ChangePasswordRequest(long UserId, string CurrentPassword, string NewPassword);

/// <summary>
/// A user chooses a new password (at least 8 characters, letters and digits). The security stamp
/// changes, so every other session of the user ends.
/// </summary>
public sealed class ChangePassword(AppDbContext db)
{
    public async Task<Result<SignedInUser>> HandleAsync(ChangePasswordRequest request, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId && u.IsActive, ct);
        if (user is null) return Result.NotFound("用户不存在");
        if (!Passwords.Verify(user, request.CurrentPassword))
            return Result.Invalid([new FieldError(nameof(request.CurrentPassword), "password.wrong", "当前密码不正确")]);
        if (Passwords.Problem(request.NewPassword) is { } problem)
            return Result.Invalid([new FieldError(nameof(request.NewPassword), "password.weak", problem)]);
        if (request.NewPassword == request.CurrentPassword)
            return Result.Invalid([new FieldError(nameof(request.NewPassword), "password.same", "新密码不能与当前密码相同")]);

        user.PasswordHash = Passwords.Hash(user, request.NewPassword);
        user.MustChangePassword = false;
        user.SecurityStamp = Passwords.NewSecurityStamp();
        AccountLog.Add(db, user.UserName, "User", user.Id, "修改密码");
        await db.SaveChangesAsync(ct);
        return new SignedInUser(user.Id, user.UserName, user.DisplayName, user.Role, user.SecurityStamp, user.MustChangePassword);
    }
}
