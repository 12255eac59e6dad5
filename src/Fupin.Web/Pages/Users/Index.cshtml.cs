using Fupin.Accounts;
using Fupin.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Users;

public sealed record UserRow(long Id, string UserName, string DisplayName, Role Role, IReadOnlyList<string> Regions, bool IsActive, bool MustChangePassword, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil);

/// <summary>The accounts, read-only; users are created with `fupin users add`.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Regions).OrderBy(u => u.UserName).ToListAsync(ct);
        var codes = users.SelectMany(u => u.Regions.Select(r => r.RegionCode)).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        Users = [.. users.Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Role,
            [.. u.Regions.Select(r => $"{names.GetValueOrDefault(r.RegionCode, "")}（{r.RegionCode}）")], u.IsActive, u.MustChangePassword, u.LastSignInAt, u.LockedUntil))];
    }
}
