using System.CommandLine;
using System.Globalization;
using Fupin.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>`fupin tokens create --user NAME --name TEXT` (prints the token once) and `fupin tokens revoke ID`.</summary>
public static class TokensCommand
{
    public static Command Create(CliContext ctx)
    {
        var user = new Option<string>("--user") { Description = "令牌所属用户 / user the token acts as", Required = true };
        var name = new Option<string>("--name") { Description = "令牌用途，如“卫健委名单上报” / what the token is for", Required = true };
        var create = new Command("create", "新建接口令牌（只显示一次）/ create an API token, shown once") { user, name };
        create.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            var result = await new CreateApiToken(db).HandleAsync(new CreateApiTokenRequest(parse.GetValue(user)!, parse.GetValue(name)!, db.Audit.User), ct);
            if (!result.IsOk)
            {
                await ctx.Err.WriteLineAsync("错误：" + (result.Failure.Errors.Count > 0 ? result.Failure.Errors[0].Message : result.Failure.Message));
                return 1;
            }
            await ctx.Out.WriteLineAsync($"令牌编号：{result.Value.Id.ToString(CultureInfo.InvariantCulture)}");
            await ctx.Out.WriteLineAsync($"令牌：{result.Value.Token}");
            await ctx.Out.WriteLineAsync("请求时加请求头 Authorization: Bearer <令牌>。令牌只显示这一次，系统只保存其摘要。");
            return 0;
        });

        var id = new Argument<long>("ID") { Description = "令牌编号 / token id" };
        var revoke = new Command("revoke", "吊销接口令牌 / revoke an API token") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var result = await new RevokeApiToken(db).HandleAsync(new RevokeApiTokenRequest(parse.GetValue(id), db.Audit.User), ct);
            if (!result.IsOk)
            {
                await ctx.Err.WriteLineAsync("错误：" + result.Failure.Message);
                return 1;
            }
            await ctx.Out.WriteLineAsync($"已吊销令牌 {result.Value.Id.ToString(CultureInfo.InvariantCulture)}（{result.Value.Name}，{result.Value.Prefix}…）");
            return 0;
        });
        return new Command("tokens", "接口令牌 / API tokens") { create, revoke };
    }
}
