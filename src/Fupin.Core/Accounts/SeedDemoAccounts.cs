using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

public sealed record DemoAccount(string UserName, string DisplayName, Role Role, string RegionCode);

public sealed record SeedDemoAccountsResult(IReadOnlyList<DemoAccount> Accounts, int PairedHouseholds);

/// <summary>
/// The demo's accounts, one per role, all with <see cref="Password"/> (documented in the README).
/// The `pairing` account is the cadre of the first household of 石门乡's first village: when the demo county already
/// names that household's cadre (<see cref="Demo.SeedDemoIndustry"/>), the account takes over that cadre's current
/// pairings in the village, so no household has two; otherwise it is paired with the village's first households.
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
                Department = a.Role == Role.Department ? a.DisplayName : null,
                Regions = [new UserRegion { RegionCode = a.RegionCode }],
            };
            u.PasswordHash = Passwords.Hash(u, Password);
            return u;
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);

        var pairing = users.Single(u => u.Role == Role.PairingCadre);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var households = await db.Households.IgnoreQueryFilters().Where(h => h.VillageCode == village)
            .OrderBy(h => h.Number).Select(h => h.Id).Take(PairedCount).ToListAsync(ct);
        var current = await db.Pairings.IgnoreQueryFilters()
            .Where(p => p.CountyCode == County && p.From <= today && (p.To == null || p.To >= today)
                && db.Households.IgnoreQueryFilters().Any(h => h.Id == p.HouseholdId && h.VillageCode == village))
            .ToListAsync(ct);
        if (households.Count > 0 && current.FirstOrDefault(p => p.HouseholdId == households[0] && p.UserId == null) is { } first)
        {
            // The demo county already names a cadre for every household: the account becomes the cadre of the village's first household.
            var theirs = current.Where(p => p.UserId == null && p.CadreName == first.CadreName && p.CadrePhone == first.CadrePhone).ToList();
            foreach (var p in theirs) p.UserId = pairing.Id;
            households = [.. theirs.Select(p => p.HouseholdId)];
        }
        else
        {
            // No cadres yet: pair the account with the village's first households that have none.
            var taken = current.Select(p => p.HouseholdId).ToHashSet();
            households = [.. households.Where(id => !taken.Contains(id))];
            db.Pairings.AddRange(households.Select(id => new Pairing { UserId = pairing.Id, CadreName = pairing.DisplayName, HouseholdId = id, CountyCode = County, From = new DateOnly(today.Year, 1, 1) }));
        }
        foreach (var u in users) AccountLog.Add(db, "demo", "User", u.Id, "新增", field: "Role", newValue: $"{u.UserName} {Roles.Label(u.Role)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SeedDemoAccountsResult(accounts, households.Count);
    }
}
