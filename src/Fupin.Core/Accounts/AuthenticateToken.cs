using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

/// <summary>The user a request acts for, with what decides their access.</summary>
public sealed record AuthenticatedUser(long Id, string UserName, string DisplayName, Role Role, IReadOnlyList<string> RegionCodes, string SecurityStamp, bool MustChangePassword);

/// <summary>
/// The user behind a bearer token: null for an unknown, revoked or malformed token, or an inactive
/// user. Looked up by hash; the last use is kept at most once a minute.
/// </summary>
public sealed class AuthenticateToken(AppDbContext db)
{
    public async Task<AuthenticatedUser?> HandleAsync(string token, CancellationToken ct)
    {
        if (!ApiTokenText.LooksLikeToken(token)) return null;
        var hash = ApiTokenText.HashOf(token);
        var row = await db.ApiTokens.Include(t => t.User).ThenInclude(u => u!.Regions)
            .SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        if (row?.User is not { IsActive: true } user) return null;

        var now = db.Clock.GetUtcNow();
        if (row.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return new AuthenticatedUser(user.Id, user.UserName, user.DisplayName, user.Role, [.. user.Regions.Select(r => r.RegionCode)], user.SecurityStamp, MustChangePassword: false);
    }
}
