using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

/// <param name="Month">Any day of the month reported; kept as its first day.</param>
public sealed record RecordWorkshopMonthRequest(long WorkshopId, DateOnly Month, int Workers, int PoorWorkers, long WagesFen, long PoorWagesFen,
    long SubsidyFen, string? Note, string User, Role Role);

public sealed record WorkshopMonthSaved(long Id, DateOnly Month);

/// <summary>
/// A workshop's monthly report (月报), once per month (<see cref="WorkshopRules.MonthExistsCode"/>), not for
/// a month still to come; poor workers are among the workers and their wages among the wages. Bad input writes nothing.
/// </summary>
public sealed class RecordWorkshopMonth(AppDbContext db, TimeProvider clock)
{
    public const long MaxFen = 100_000_000_000;

    public async Task<Result<WorkshopMonthSaved>> HandleAsync(RecordWorkshopMonthRequest request, CancellationToken ct)
    {
        var w = await db.Workshops.AsNoTracking().Where(x => x.Id == request.WorkshopId).Select(x => new { x.Id, x.CountyCode }).SingleOrDefaultAsync(ct);
        if (w is null) return Result.NotFound("未找到该车间");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([WorkshopRules.NotAllowed(nameof(request.Month))]);
        var errors = new List<FieldError>();
        var month = WorkshopRules.MonthOf(request.Month);
        if (request.Month == default) errors.Add(new FieldError(nameof(request.Month), "workshops.month_required", "请选择月份"));
        else if (month > WorkshopRules.MonthOf(clock.Today())) errors.Add(new FieldError(nameof(request.Month), "workshops.month_future", "不能填报尚未到来的月份"));
        else if (await db.WorkshopMonths.AnyAsync(x => x.WorkshopId == w.Id && x.Month == month, ct))
            errors.Add(new FieldError(nameof(request.Month), WorkshopRules.MonthExistsCode, $"{month.Year}年{month.Month}月的月报已填报"));
        if (request.Workers is < 0 or > 100_000) errors.Add(new FieldError(nameof(request.Workers), "workshops.count_invalid", "务工人数应为0或正整数"));
        if (request.PoorWorkers < 0) errors.Add(new FieldError(nameof(request.PoorWorkers), "workshops.count_invalid", "贫困务工人数应为0或正整数"));
        else if (request.PoorWorkers > request.Workers)
            errors.Add(new FieldError(nameof(request.PoorWorkers), "workshops.poor_over_workers", $"贫困务工人数（{request.PoorWorkers}）不能超过务工总人数（{request.Workers}）"));
        foreach (var (field, value) in new[] { (nameof(request.WagesFen), request.WagesFen), (nameof(request.PoorWagesFen), request.PoorWagesFen), (nameof(request.SubsidyFen), request.SubsidyFen) })
        {
            if (value is < 0 or > MaxFen) errors.Add(new FieldError(field, "workshops.amount_invalid", "金额无效"));
        }
        if (request.PoorWagesFen > request.WagesFen)
            errors.Add(new FieldError(nameof(request.PoorWagesFen), "workshops.poor_wages_over_wages", "贫困务工人员工资不能超过工资总额"));
        if (request.Note?.Trim().Length > 500) errors.Add(new FieldError(nameof(request.Note), "workshops.note_too_long", "备注不能超过500字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var row = new WorkshopMonth
        {
            WorkshopId = w.Id, CountyCode = w.CountyCode, Month = month, Workers = request.Workers, PoorWorkers = request.PoorWorkers,
            WagesFen = request.WagesFen, PoorWagesFen = request.PoorWagesFen, SubsidyFen = request.SubsidyFen,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), By = Relocation.RelocationRules.Clip(request.User, 64), At = clock.GetUtcNow(),
        };
        db.WorkshopMonths.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index (workshop, month) decides between two reports sent at once.
            db.ChangeTracker.Clear();
            return Result.Invalid([new FieldError(nameof(request.Month), WorkshopRules.MonthExistsCode, $"{month.Year}年{month.Month}月的月报已填报")]);
        }
        return new WorkshopMonthSaved(row.Id, month);
    }
}
