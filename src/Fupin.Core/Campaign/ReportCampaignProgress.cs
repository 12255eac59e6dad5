using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

/// <param name="Month">Any day of the month reported on (stored as its first day).</param>
/// <param name="Achieved">The cumulative amount reached by the end of the month.</param>
/// <param name="UserId">The reporting account; a department's <see cref="User.Department"/> is read from it.</param>
public sealed record ReportCampaignProgressRequest(long TaskId, string CountyCode, DateOnly? Month, decimal? Achieved, string? Note, string User, long? UserId, Role Role);

public sealed record CampaignProgressSaved(long Id, long TaskId, DateOnly Month, decimal Achieved, bool Replaced, CampaignJudgement Status);

/// <summary>
/// A monthly progress report on a task line: the cumulative amount reached by the end of a month not after the business
/// month (and not before the month the task starts). A department reports only on lines whose
/// <see cref="CampaignTask.Department"/> equals its account's <see cref="User.Department"/>
/// (<see cref="CampaignRules.NotOwnLineCode"/>); the county office on any. One report per task and month: a second report
/// of the same month replaces the first, and the replaced figure is logged.
/// </summary>
public sealed class ReportCampaignProgress(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<CampaignProgressSaved>> HandleAsync(ReportCampaignProgressRequest r, CancellationToken ct)
    {
        var task = await db.CampaignTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == r.TaskId && t.CountyCode == r.CountyCode, ct);
        if (task is null) return Result.NotFound("任务不存在");
        if (r.Role != Role.CountyAdmin)
        {
            var department = r.Role == Role.Department && r.UserId is { } uid
                ? await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => u.Department).SingleOrDefaultAsync(ct)
                : null;
            if (department is null || !string.Equals(department.Trim(), task.Department, StringComparison.Ordinal))
                return Result.Invalid([new FieldError(nameof(r.TaskId), CampaignRules.NotOwnLineCode,
                    $"此项任务的责任单位是{task.Department}，只能由{task.Department}或县扶贫办填报进展")]);
        }
        var errors = new List<FieldError>();
        var today = clock.Today();
        DateOnly? month = r.Month is { } m ? CampaignStatus.MonthOf(m) : null;
        if (month is null) errors.Add(new FieldError(nameof(r.Month), "campaign.required", "请选择填报月份"));
        else if (month > CampaignStatus.MonthOf(today))
            errors.Add(new FieldError(nameof(r.Month), "campaign.month_future", $"不能填报 {CampaignRules.Month(CampaignStatus.MonthOf(today))} 以后的月份"));
        else if (month < CampaignStatus.MonthOf(task.StartsOn))
            errors.Add(new FieldError(nameof(r.Month), "campaign.month_before_start", $"任务从 {CampaignRules.Month(CampaignStatus.MonthOf(task.StartsOn))} 开始"));
        if (r.Achieved is not { } achieved || achieved < 0)
            errors.Add(new FieldError(nameof(r.Achieved), "campaign.achieved_invalid", "累计完成数须为 0 或正数"));
        else if (achieved > 9_999_999_999m)
            errors.Add(new FieldError(nameof(r.Achieved), "campaign.achieved_invalid", "累计完成数过大"));
        var note = CampaignRules.Text(r.Note);
        CampaignRules.MaxLength(errors, nameof(r.Note), note, CampaignRules.MaxNote, "进展说明");
        if (errors.Count > 0) return Result.Invalid(errors);

        var value = r.Achieved!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await db.CampaignProgress.SingleOrDefaultAsync(p => p.TaskId == task.Id && p.Month == month!.Value, ct);
        var replaced = report is not null;
        var old = report is null ? null : $"{CampaignRules.Number(report.Achieved)}{task.Unit}（{report.ReportedBy}）";
        if (report is null)
        {
            report = new CampaignProgress { TaskId = task.Id, CountyCode = task.CountyCode, Month = month!.Value, Achieved = value, Note = note, ReportedBy = r.User, ReportedAt = clock.GetUtcNow() };
            db.CampaignProgress.Add(report);
        }
        else
        {
            (report.Achieved, report.Note, report.ReportedBy, report.ReportedAt) = (value, note, r.User, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(ct);
        CampaignRules.Log(db, task.CountyCode, r.User, CampaignRules.ProgressEntity, report.Id, replaced ? "修改" : "新增", "Achieved", old,
            $"{CampaignRules.Number(value)}{task.Unit}", $"{task.Name} {CampaignRules.Month(month!.Value)} 月度进展" + (replaced ? "（重报，替换原报数）" : ""));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var latest = await db.CampaignProgress.AsNoTracking().Where(p => p.TaskId == task.Id && p.Month <= today)
            .OrderByDescending(p => p.Month).Select(p => (decimal?)p.Achieved).FirstOrDefaultAsync(ct);
        var status = CampaignStatus.Judge(task.Target, task.StartsOn, task.Deadline, latest, today);
        return new CampaignProgressSaved(report.Id, task.Id, report.Month, report.Achieved, replaced, status);
    }
}
