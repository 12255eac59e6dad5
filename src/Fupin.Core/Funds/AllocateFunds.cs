using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

public sealed record AllocateFundsRequest
{
    public long SourceId { get; init; }
    public long ProjectId { get; init; }
    public long AmountFen { get; init; }
    public DateOnly AllocatedOn { get; init; }
    public string? DocumentNo { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record AllocationSaved(long Id, long SourceId, long ProjectId, long AmountFen, long SourceRemainingFen, long ProjectAllocatedFen);

/// <summary>
/// 资金下达: gives part of a source to a project. The allocation, the source's <see cref="FundSource.AllocatedFen"/>
/// and the project's <see cref="Project.AllocatedFen"/> are written in one transaction, each row's
/// Version bumped, so that two allocations racing for the last of a source cannot both pass: the one
/// that saves second finds the Version changed, re-reads and is judged against what is left.
/// Refused (nothing written) when:
/// <list type="bullet">
/// <item>funds.over_allocation — the amount exceeds the source's remaining (到位 − 已下达); the message names the remaining in 元.</item>
/// <item>funds.project_not_pooled — the project has not reached 入库: money follows the project pool
/// (未纳入项目库的项目不得安排资金), so a project still at 村申报 … 公示 gets nothing; 实施, 验收 and 移交 may.</item>
/// <item>funds.county_mismatch — the project is in another county than the source.</item>
/// <item>funds.date_* — the date is after today or before the money arrived (到位日期).</item>
/// </list>
/// </summary>
public sealed class AllocateFunds(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<AllocationSaved>> HandleAsync(AllocateFundsRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanManageFunds(request.Role))
            return Result.Invalid([new FieldError(nameof(request.AmountFen), ProjectRoles.NotAllowedCode, FundRules.NotAllowedMessage)]);
        return await FundRules.RetryOnConflictAsync(db, () => TryAsync(request, ct), "资金来源或项目正被他人同时修改，请刷新后重试");
    }

    async Task<Result<AllocationSaved>> TryAsync(AllocateFundsRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var errors = new List<FieldError>();
        var source = await db.FundSources.SingleOrDefaultAsync(s => s.Id == request.SourceId, ct);
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == request.ProjectId, ct);
        if (source is null) errors.Add(new FieldError(nameof(request.SourceId), "funds.source_unknown", "资金来源不存在"));
        if (project is null) errors.Add(new FieldError(nameof(request.ProjectId), "funds.project_unknown", "项目不存在或不在您的管理范围内"));
        else if (project.Stage < ProjectStage.Pooled)
            errors.Add(new FieldError(nameof(request.ProjectId), FundRules.ProjectNotPooled,
                $"项目“{project.Name}”尚未入库（当前：{ProjectLabels.Label(project.Stage)}），未纳入项目库的项目不能下达资金"));
        if (source is not null && project is not null && !string.Equals(source.CountyCode, project.CountyCode, StringComparison.Ordinal))
            errors.Add(new FieldError(nameof(request.ProjectId), "funds.county_mismatch", "项目与资金来源不在同一个县"));
        var document = FundRules.Optional(request.DocumentNo, AddFundSource.MaxDocument, nameof(request.DocumentNo), "下达文号", errors);
        if (request.AllocatedOn == default)
            errors.Add(new FieldError(nameof(request.AllocatedOn), "funds.date_required", "请填写下达日期"));
        else if (request.AllocatedOn > today)
            errors.Add(new FieldError(nameof(request.AllocatedOn), FundRules.DateInFuture, $"下达日期不能晚于今天（{FundRules.Date(today)}）"));
        else if (source is not null && request.AllocatedOn < source.ReceivedOn)
            errors.Add(new FieldError(nameof(request.AllocatedOn), "funds.date_before_received", $"下达日期不能早于资金到位日期（{FundRules.Date(source.ReceivedOn)}）"));
        if (request.AmountFen <= 0 || request.AmountFen > FundRules.MaxFen)
            errors.Add(new FieldError(nameof(request.AmountFen), FundRules.AmountInvalid, "下达金额应大于0元"));
        else if (source is not null && request.AmountFen > source.AmountFen - source.AllocatedFen)
            errors.Add(new FieldError(nameof(request.AmountFen), FundRules.OverAllocation,
                $"下达金额超出该资金来源的可下达余额：“{source.Name}”到位{FundRules.Yuan(source.AmountFen)}，已下达{FundRules.Yuan(source.AllocatedFen)}，剩余{FundRules.Yuan(source.AmountFen - source.AllocatedFen)}，本次{FundRules.Yuan(request.AmountFen)}"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var allocation = new FundAllocation
        {
            CountyCode = source!.CountyCode, SourceId = source.Id, ProjectId = project!.Id, AmountFen = request.AmountFen,
            AllocatedOn = request.AllocatedOn, DocumentNo = document, By = FundRules.Clip(request.User, 64), At = clock.GetUtcNow(),
        };
        source.AllocatedFen += request.AmountFen;
        source.Version++;
        project.AllocatedFen += request.AmountFen;
        project.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.FundAllocations.Add(allocation);
        await db.SaveChangesAsync(ct);
        FundRules.Log(db, allocation.CountyCode, request.User, nameof(FundAllocation), allocation.Id, "新增", "资金下达",
            $"{source.Name} → {project.Code} {project.Name}：{FundRules.Yuan(request.AmountFen)}",
            $"下达#{allocation.Id}，{FundRules.Date(request.AllocatedOn)}{(document is null ? "" : "，文号" + document)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AllocationSaved(allocation.Id, source.Id, project.Id, allocation.AmountFen, source.AmountFen - source.AllocatedFen, project.AllocatedFen);
    }
}
