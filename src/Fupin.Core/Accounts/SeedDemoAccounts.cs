using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record DemoAccount(string UserName, string DisplayName, Role Role, string RegionCode);

public sealed record SeedDemoAccountsResult(IReadOnlyList<DemoAccount> Accounts, int PairedHouseholds);

/// <summary>
/// The demo's accounts, one per role, all with <see cref="Password"/> (documented in the README).
/// Only the demo has them: a real deployment creates users with `fupin users add`. Does nothing when
/// users exist already.
/// </summary>
public sealed class SeedDemoAccounts(AppDbContext db)
{
    public const string Password = "fupin2018";
    public const string County = "411321";
    public const string Township = "411321304";
    public const int PairedCount = 5;

    public async Task<SeedDemoAccountsResult?> HandleAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct)) return null;
        var village = await db.Regions.IgnoreQueryFilters()
            .Where(r => r.ParentCode == Township && r.Level == RegionLevel.Village)
            .OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("演示数据中没有石门乡的行政村");

        DemoAccount[] accounts =
        [
            new("admin", "县扶贫办管理员", Role.CountyAdmin, County),
            new("leader", "县领导", Role.CountyLeader, County),
            new("dept", "县卫健委", Role.Department, County),
            new("township", "石门乡干部", Role.TownshipOfficer, Township),
            new("village", "村第一书记", Role.VillageCadre, village),
            new("pairing", "帮扶责任人", Role.PairingCadre, village),
            new("inspector", "县督查组", Role.Inspector, County),
            new("auditor", "县审计局", Role.Auditor, County),
        ];
        var now = db.Clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var users = accounts.Select(a =>
        {
            var u = new User
            {
                UserName = a.UserName,
                DisplayName = a.DisplayName,
                Role = a.Role,
                PasswordHash = "",
                SecurityStamp = Passwords.NewSecurityStamp(),
                CreatedAt = now,
                Regions = [new UserRegion { RegionCode = a.RegionCode }],
            };
            u.PasswordHash = Passwords.Hash(u, Password);
            return u;
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);

        var pairing = users.Single(u => u.Role == Role.PairingCadre);
        var households = await db.Households.IgnoreQueryFilters().Where(h => h.VillageCode == village)
            .OrderBy(h => h.Number).Select(h => h.Id).Take(PairedCount).ToListAsync(ct);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        db.Pairings.AddRange(households.Select(id => new Pairing { UserId = pairing.Id, CadreName = pairing.DisplayName, HouseholdId = id, CountyCode = County, From = new DateOnly(today.Year, 1, 1) }));
        foreach (var u in users) AccountLog.Add(db, "demo", "User", u.Id, "新增", field: "Role", newValue: $"{u.UserName} {Roles.Label(u.Role)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SeedDemoAccountsResult(accounts, households.Count);
    }
}
