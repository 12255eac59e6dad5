using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

public sealed record AddWorkshopWorkerRequest(long WorkshopId, long MemberId, DateOnly StartedOn, long MonthlyWageFen, string User, Role Role);

public sealed record WorkshopWorkerSaved(long Id, long WorkshopId);

/// <summary>
/// A registry member of the user's scope starts work at a workshop: 16 or older on the start date,
/// started not after today, not already working there. Bad input writes nothing.
/// </summary>
public sealed class AddWorkshopWorker(AppDbContext db, TimeProvider clock)
{
    public const long MaxWageFen = 10_000_000;

    public async Task<Result<WorkshopWorkerSaved>> HandleAsync(AddWorkshopWorkerRequest request, CancellationToken ct)
    {
        if (!await db.Workshops.AnyAsync(w => w.Id == request.WorkshopId, ct)) return Result.NotFound("未找到该车间");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([WorkshopRules.NotAllowed(nameof(request.MemberId))]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var m = await db.Members.AsNoTracking().Where(x => x.Id == request.MemberId)
            .Select(x => new { x.Id, x.HouseholdId, x.CountyCode, x.BirthDate, x.Name, Village = x.Household!.VillageCode }).SingleOrDefaultAsync(ct);
        if (m is null)
            errors.Add(new FieldError(nameof(request.MemberId), "workshops.member_unknown", "该人员不是建档立卡户成员或不在您的管理范围内"));
        if (request.StartedOn == default)
            errors.Add(new FieldError(nameof(request.StartedOn), "workshops.start_required", "请填写上岗日期"));
        else if (request.StartedOn > today)
            errors.Add(new FieldError(nameof(request.StartedOn), "workshops.start_future", "上岗日期不能晚于今天"));
        else if (m is not null && Registry.Member.Age(m.BirthDate, request.StartedOn) < WorkshopRules.MinWorkingAge)
            errors.Add(new FieldError(nameof(request.MemberId), "workshops.under_age", $"{m.Name}上岗时未满{WorkshopRules.MinWorkingAge}周岁，不能登记务工"));
        if (request.MonthlyWageFen is < 0 or > MaxWageFen)
            errors.Add(new FieldError(nameof(request.MonthlyWageFen), "workshops.wage_invalid", "月工资应为0至10万元"));
        if (m is not null && await db.WorkshopWorkers.AnyAsync(w => w.WorkshopId == request.WorkshopId && w.MemberId == m.Id
                && (w.EndedOn == null || w.EndedOn > request.StartedOn), ct))
            errors.Add(new FieldError(nameof(request.MemberId), "workshops.worker_active", $"{m.Name}已在本车间务工，未离岗前不能重复登记"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var row = new WorkshopWorker
        {
            WorkshopId = request.WorkshopId, CountyCode = m!.CountyCode, VillageCode = m.Village, HouseholdId = m.HouseholdId, MemberId = m.Id,
            StartedOn = request.StartedOn, MonthlyWageFen = request.MonthlyWageFen, AddedBy = Relocation.RelocationRules.Clip(request.User, 64), AddedAt = clock.GetUtcNow(),
        };
        db.WorkshopWorkers.Add(row);
        await db.SaveChangesAsync(ct);
        return new WorkshopWorkerSaved(row.Id, row.WorkshopId);
    }
}
