using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

public sealed record RemoveBeneficiaryRequest
{
    public long ProjectId { get; init; }
    public long BeneficiaryId { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>Removes a beneficiary household from a project; the household must be visible to the user.</summary>
public sealed class RemoveBeneficiary(AppDbContext db)
{
    public async Task<Result<BeneficiarySaved>> HandleAsync(RemoveBeneficiaryRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanReport(request.Role))
            return Result.Invalid([new FieldError(nameof(request.BeneficiaryId), ProjectRoles.NotAllowedCode, "您的角色不能调整带贫户")]);
        if (!await db.Projects.AnyAsync(x => x.Id == request.ProjectId, ct)) return ProjectSave.NotFound();
        var b = await db.ProjectBeneficiaries.SingleOrDefaultAsync(x => x.Id == request.BeneficiaryId && x.ProjectId == request.ProjectId, ct);
        if (b is null) return Result.NotFound("未找到该带贫户");
        db.ProjectBeneficiaries.Remove(b);
        await db.SaveChangesAsync(ct);
        return new BeneficiarySaved(b.Id, b.ProjectId, b.HouseholdId);
    }
}
