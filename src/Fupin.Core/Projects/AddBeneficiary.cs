using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>A beneficiary household (带贫户) of a project: the kind of benefit, in words, and the money per year if any.</summary>
public sealed record AddBeneficiaryRequest
{
    public long ProjectId { get; init; }
    public long HouseholdId { get; init; }
    public BenefitKind Kind { get; init; }
    public string? Benefit { get; init; }
    public long? AmountFen { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record BeneficiarySaved(long Id, long ProjectId, long HouseholdId);

/// <summary>
/// Links a registered household the user can see, of the project's county, to a project once. Removing
/// it (<see cref="RemoveBeneficiary"/>) is as simple: the link carries no money of its own.
/// </summary>
public sealed class AddBeneficiary(AppDbContext db, TimeProvider clock)
{
    /// <summary>100万元 a year: more is a typing error for one household's benefit.</summary>
    public const long MaxAmountFen = 100_000_000;

    public async Task<Result<BeneficiarySaved>> HandleAsync(AddBeneficiaryRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanReport(request.Role))
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), ProjectRoles.NotAllowedCode, "您的角色不能登记带贫户")]);
        var p = await db.Projects.AsNoTracking().Where(x => x.Id == request.ProjectId).Select(x => new { x.Id, x.CountyCode }).SingleOrDefaultAsync(ct);
        if (p is null) return ProjectSave.NotFound();
        var errors = new List<FieldError>();
        var h = await db.Households.AsNoTracking().Where(x => x.Id == request.HouseholdId)
            .Select(x => new { x.Id, x.CountyCode, x.VillageCode }).SingleOrDefaultAsync(ct);
        if (h is null)
            errors.Add(new FieldError(nameof(request.HouseholdId), "household.unknown", "该户不存在或不在您的管理范围内"));
        else if (h.CountyCode != p.CountyCode)
            errors.Add(new FieldError(nameof(request.HouseholdId), "project.beneficiary_county", "带贫户须是项目所在县的建档立卡户"));
        else if (await db.ProjectBeneficiaries.IgnoreQueryFilters().AnyAsync(b => b.ProjectId == p.Id && b.HouseholdId == h.Id, ct))
            errors.Add(new FieldError(nameof(request.HouseholdId), "project.beneficiary_duplicate", "该户已是本项目的带贫户"));
        if (!Enum.IsDefined(request.Kind))
            errors.Add(new FieldError(nameof(request.Kind), "project.benefit_kind_invalid", "请选择带贫方式"));
        var benefit = ProjectText.Trim(request.Benefit);
        if (benefit is null)
            errors.Add(new FieldError(nameof(request.Benefit), "project.benefit_required", "请填写受益内容"));
        else if (benefit.Length > 200)
            errors.Add(new FieldError(nameof(request.Benefit), "project.benefit_too_long", "受益内容不能超过200字"));
        if (request.AmountFen is < 0 or > MaxAmountFen)
            errors.Add(new FieldError(nameof(request.AmountFen), "project.amount_invalid", "年受益金额应在0至100万元之间"));
        if (errors.Count > 0 || h is null) return Result.Invalid(errors);

        var b = new ProjectBeneficiary
        {
            ProjectId = p.Id, CountyCode = h.CountyCode, VillageCode = h.VillageCode, HouseholdId = h.Id, Kind = request.Kind,
            Benefit = benefit!, AmountFen = request.AmountFen, AddedBy = ProjectText.Clip(request.User, 64), AddedAt = clock.GetUtcNow(),
        };
        db.ProjectBeneficiaries.Add(b);
        await db.SaveChangesAsync(ct);
        return new BeneficiarySaved(b.Id, p.Id, h.Id);
    }
}
