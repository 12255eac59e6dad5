using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

/// <summary>A signed-in user as the database has them now: null when gone, inactive or their stamp changed.</summary>
public sealed class GetSessionUser(AppDbContext db)
{
    public async Task<AuthenticatedUser?> HandleAsync(long userId, string securityStamp, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Regions).SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is not { IsActive: true } || user.SecurityStamp != securityStamp) return null;
        return new AuthenticatedUser(user.Id, user.UserName, user.DisplayName, user.Role, [.. user.Regions.Select(r => r.RegionCode)], user.SecurityStamp, user.MustChangePassword);
    }
}
