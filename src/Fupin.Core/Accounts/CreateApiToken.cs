using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record CreateApiTokenRequest(string UserName, string Name, string CreatedBy);

/// <summary>The token, shown once: only its hash is kept.</summary>
public sealed record CreatedApiToken(long Id, string Token, string Prefix);

public sealed class CreateApiToken(AppDbContext db)
{
    public async Task<Result<CreatedApiToken>> HandleAsync(CreateApiTokenRequest request, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == request.UserName.Trim(), ct);
        if (user is null) return Result.NotFound($"用户“{request.UserName}”不存在");
        var name = request.Name.Trim();
        if (name.Length is 0 or > 64)
            return Result.Invalid([new FieldError(nameof(request.Name), "name.invalid", "令牌名称应为1至64个字符")]);

        var token = ApiTokenText.New();
        var row = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = ApiTokenText.PrefixOf(token),
            Hash = ApiTokenText.HashOf(token),
            CreatedAt = db.Clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        AccountLog.Add(db, request.CreatedBy, "ApiToken", row.Id, "新增", newValue: $"{user.UserName} {name} {row.Prefix}…");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedApiToken(row.Id, token, row.Prefix);
    }
}
