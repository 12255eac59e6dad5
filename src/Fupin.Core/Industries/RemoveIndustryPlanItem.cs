using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <param name="Version">The version read; null removes whatever is there.</param>
public sealed record RemoveIndustryPlanItemRequest(long Id, long? Version, string User, Role Role);

/// <summary>Removes one plan line (the county office only); the change history keeps what it said.</summary>
public sealed class RemoveIndustryPlanItem(AppDbContext db)
{
    public async Task<Result<long>> HandleAsync(RemoveIndustryPlanItemRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanManageIndustries(request.Role))
            return Result.Invalid([new FieldError("Id", IndustryRoles.NotAllowedCode, IndustryPlanRules.NotAllowedMessage)]);
        var item = await db.IndustryPlanItems.SingleOrDefaultAsync(p => p.Id == request.Id, ct);
        if (item is null || !db.Scope.Covers(item.CountyCode)) return Result.NotFound("规划条目不存在");
        if (request.Version is { } v && v != item.Version) return Result.Conflict(SaveIndustryPlanItem.ConflictMessage);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.IndustryPlanItems.Remove(item);
        IndustryPlanRules.Log(db, item.CountyCode, request.User, nameof(IndustryPlanItem), item.Id, "删除", "产业规划", null,
            $"删除产业规划条目#{item.Id.ToString(CultureInfo.InvariantCulture)}", null,
            $"{IndustryLabels.Label(item.Kind)} {item.Name} 目标{(item.Target is { } t ? IndustryPlanRules.Number(t) : "—")} 完成{(item.Actual is { } a ? IndustryPlanRules.Number(a) : "—")}{item.Unit}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(SaveIndustryPlanItem.ConflictMessage);
        }
        await tx.CommitAsync(ct);
        return item.Id;
    }
}
