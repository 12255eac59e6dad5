using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record RevokeApiTokenRequest(long TokenId, string RevokedBy);

public sealed record RevokedApiToken(long Id, string Name, string Prefix, DateTimeOffset RevokedAt);

/// <summary>A revoked token is refused from the next request on; revoking twice keeps the first time.</summary>
public sealed class RevokeApiToken(AppDbContext db)
{
    public async Task<Result<RevokedApiToken>> HandleAsync(RevokeApiTokenRequest request, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == request.TokenId, ct);
        if (token is null) return Result.NotFound($"令牌 {request.TokenId} 不存在");
        if (token.RevokedAt is null)
        {
            token.RevokedAt = db.Clock.GetUtcNow();
            AccountLog.Add(db, request.RevokedBy, "ApiToken", token.Id, "吊销", newValue: $"{token.Name} {token.Prefix}…");
            await db.SaveChangesAsync(ct);
        }
        return new RevokedApiToken(token.Id, token.Name, token.Prefix, token.RevokedAt.Value);
    }
}
