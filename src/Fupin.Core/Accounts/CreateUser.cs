using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record CreateUserRequest(string UserName, Role Role, IReadOnlyList<string> RegionCodes, string? DisplayName, string CreatedBy);

/// <summary>The new user and the one-time password, shown once; it must be changed at the first sign-in.</summary>
public sealed record CreatedUser(long Id, string UserName, string OneTimePassword);

public sealed class CreateUser(AppDbContext db)
{
    public async Task<Result<CreatedUser>> HandleAsync(CreateUserRequest request, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = request.UserName.Trim();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors.Add(new FieldError(nameof(request.UserName), "username.invalid", "用户名应为1至64位字母、数字或 . _ -"));
        else if (await db.Users.AnyAsync(u => u.UserName == name, ct))
            errors.Add(new FieldError(nameof(request.UserName), "username.taken", $"用户名“{name}”已存在"));
        if (!Enum.IsDefined(request.Role))
            errors.Add(new FieldError(nameof(request.Role), "role.invalid", "角色无效"));
        var codes = request.RegionCodes.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
            errors.Add(new FieldError(nameof(request.RegionCodes), "region.missing", "至少指定一个区域"));
        // Existence is checked without the caller's scope: users are managed by the county.
        var known = await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct);
        foreach (var missing in codes.Except(known, StringComparer.Ordinal))
            errors.Add(new FieldError(nameof(request.RegionCodes), "region.unknown", $"区划代码“{missing}”不存在"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var password = Passwords.OneTime();
        var user = new User
        {
            UserName = name,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim(),
            Role = request.Role,
            PasswordHash = "",
            MustChangePassword = true,
            SecurityStamp = Passwords.NewSecurityStamp(),
            CreatedAt = db.Clock.GetUtcNow(),
            Regions = [.. codes.Select(c => new UserRegion { RegionCode = c })],
        };
        user.PasswordHash = Passwords.Hash(user, password);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        AccountLog.Add(db, request.CreatedBy, "User", user.Id, "新增", field: "Role", newValue: $"{name} {Roles.Label(user.Role)} {string.Join(",", codes)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedUser(user.Id, user.UserName, password);
    }
}
