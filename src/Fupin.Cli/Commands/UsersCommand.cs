using System.CommandLine;
using System.Globalization;
using Fupin.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin users add NAME --role ROLE --region CODE…` (prints a one-time password; the first admin
/// is made this way) and `fupin users list`.
/// </summary>
public static class UsersCommand
{
    /// <summary>Role names on the command line.</summary>
    public static readonly IReadOnlyDictionary<string, Role> RoleNames = new Dictionary<string, Role>(StringComparer.Ordinal)
    {
        ["county-admin"] = Role.CountyAdmin,
        ["county-leader"] = Role.CountyLeader,
        ["department"] = Role.Department,
        ["township-officer"] = Role.TownshipOfficer,
        ["village-cadre"] = Role.VillageCadre,
        ["pairing-cadre"] = Role.PairingCadre,
        ["inspector"] = Role.Inspector,
        ["auditor"] = Role.Auditor,
    };

    public static string NameOf(Role role) => RoleNames.Single(p => p.Value == role).Key;

    public static Command Create(CliContext ctx)
    {
        var name = new Argument<string>("NAME") { Description = "用户名（字母、数字、. _ -）/ user name" };
        var role = new Option<string>("--role") { Description = "角色 / role: " + string.Join(", ", RoleNames.Keys), Required = true };
        role.AcceptOnlyFromAmong([.. RoleNames.Keys]);
        var region = new Option<string[]>("--region") { Description = "区划代码，可多次给出 / region code (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false };
        var displayName = new Option<string?>("--display-name") { Description = "显示姓名或单位 / display name" };
        var add = new Command("add", "新建用户并给出一次性密码 / create a user, print a one-time password") { name, role, region, displayName };
        add.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            var result = await new CreateUser(db).HandleAsync(new CreateUserRequest(
                parse.GetValue(name)!, RoleNames[parse.GetValue(role)!], parse.GetValue(region) ?? [], parse.GetValue(displayName), db.Audit.User), ct);
            if (!result.IsOk)
            {
                foreach (var e in result.Failure.Errors) await ctx.Err.WriteLineAsync("错误：" + e.Message);
                return 1;
            }
            await ctx.Out.WriteLineAsync($"已创建用户 {result.Value.UserName}（{Roles.Label(RoleNames[parse.GetValue(role)!])}）");
            await ctx.Out.WriteLineAsync($"一次性密码：{result.Value.OneTimePassword}");
            await ctx.Out.WriteLineAsync("请当面或以安全方式交给本人；首次登录须修改密码。此密码不会再次显示。");
            return 0;
        });

        var list = new Command("list", "列出用户 / list users");
        list.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var users = await db.Users.AsNoTracking().Include(u => u.Regions).OrderBy(u => u.UserName).ToListAsync(ct);
            var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAt == null).GroupBy(t => t.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            foreach (var u in users)
            {
                var state = !u.IsActive ? "已停用" : u.MustChangePassword ? "待改初始密码" : "正常";
                await ctx.Out.WriteLineAsync(string.Join("\t",
                    u.Id.ToString(CultureInfo.InvariantCulture), u.UserName, u.DisplayName, NameOf(u.Role), Roles.Label(u.Role),
                    string.Join(",", u.Regions.Select(r => r.RegionCode)), state, "令牌 " + tokens.GetValueOrDefault(u.Id).ToString(CultureInfo.InvariantCulture)));
            }
            if (users.Count == 0) await ctx.Out.WriteLineAsync("（还没有用户；用 fupin users add 创建第一个管理员）");
            return 0;
        });
        return new Command("users", "用户管理 / users") { add, list };
    }
}
