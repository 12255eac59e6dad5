using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

public sealed record RemoveJobRequest(long Id, string User, Role Role);

/// <summary>Removes a job recorded by mistake (the user must see its household). Answers the household it belonged to.</summary>
public sealed class RemoveJob(AppDbContext db)
{
    public async Task<Result<long>> HandleAsync(RemoveJobRequest request, CancellationToken ct)
    {
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == request.Id, ct);
        if (job is null) return Result.NotFound("未找到该就业记录");
        if (!IndustryRoles.CanRecordEmployment(request.Role)) return Result.Invalid([EmploymentRules.NotAllowed(nameof(request.Id))]);
        db.Jobs.Remove(job);
        await db.SaveChangesAsync(ct);
        return job.HouseholdId;
    }
}
