using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record RemoveIndustryEngagementRequest(long Id, string User, Role Role);

/// <summary>Removes a household's own-industry record (whoever may record it, for a household they see); the household's history keeps it.</summary>
public sealed class RemoveIndustryEngagement(AppDbContext db)
{
    public async Task<Result<long>> HandleAsync(RemoveIndustryEngagementRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanRecordEmployment(request.Role))
            return Result.Invalid([new FieldError("Id", IndustryRoles.NotAllowedCode, "您的角色不能登记农户的产业发展情况")]);
        var e = await db.IndustryEngagements.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (e is null) return Result.NotFound("产业登记不存在");
        var industry = await db.Industries.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.Id == e.IndustryId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.IndustryEngagements.Remove(e);
        IndustryPlanRules.Log(db, e.CountyCode, request.User, nameof(IndustryEngagement), e.Id, "删除", "自主发展产业", null,
            $"{e.Year.ToString(CultureInfo.InvariantCulture)}年{industry.Name}", e.HouseholdId, RecordIndustryEngagement.Text(e, industry.OutputUnit));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return e.Id;
    }
}
