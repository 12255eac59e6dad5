using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

/// <param name="Id">Null for a new line.</param>
/// <param name="RegionCode">The township or village the line is about; null or empty for the county.</param>
public sealed record SaveCampaignTaskRequest
{
    public long? Id { get; init; }
    public required string CountyCode { get; init; }
    public long HeadingId { get; init; }
    public string? Name { get; init; }
    public string? Indicator { get; init; }
    public decimal? Target { get; init; }
    public string? Unit { get; init; }
    public string? Department { get; init; }
    public string? RegionCode { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? Note { get; init; }
    public required string User { get; init; }
}

public sealed record CampaignTaskSaved(long Id, long HeadingId);

/// <summary>
/// Adds or changes a task line (the county office): a heading of the county, a name, the indicator, a target &gt; 0 with
/// its unit, the owner department (责任单位), a region in the county, and starts ≤ deadline. Changes are logged field by field.
/// </summary>
public sealed class SaveCampaignTask(AppDbContext db)
{
    public async Task<Result<CampaignTaskSaved>> HandleAsync(SaveCampaignTaskRequest r, CancellationToken ct)
    {
        CampaignTask? task = null;
        if (r.Id is { } id)
        {
            task = await db.CampaignTasks.SingleOrDefaultAsync(t => t.Id == id && t.CountyCode == r.CountyCode, ct);
            if (task is null) return Result.NotFound("任务不存在");
        }
        var errors = new List<FieldError>();
        var heading = await db.CampaignHeadings.AsNoTracking().Where(h => h.Id == r.HeadingId && h.CountyCode == r.CountyCode)
            .Select(h => new { h.Id, h.Year }).SingleOrDefaultAsync(ct);
        if (heading is null) errors.Add(new FieldError(nameof(r.HeadingId), "campaign.heading_unknown", "请选择本县的台账标题"));
        var name = CampaignRules.Text(r.Name);
        var indicator = CampaignRules.Text(r.Indicator);
        var unit = CampaignRules.Text(r.Unit);
        var department = CampaignRules.Text(r.Department);
        var note = CampaignRules.Text(r.Note);
        CampaignRules.Required(errors, nameof(r.Name), name, CampaignRules.MaxTaskName, "任务名称");
        CampaignRules.Required(errors, nameof(r.Indicator), indicator, CampaignRules.MaxIndicator, "考核指标");
        CampaignRules.Required(errors, nameof(r.Unit), unit, CampaignRules.MaxUnit, "计量单位");
        CampaignRules.Required(errors, nameof(r.Department), department, CampaignRules.MaxDepartment, "责任单位");
        CampaignRules.MaxLength(errors, nameof(r.Note), note, CampaignRules.MaxNote, "备注");
        if (r.Target is not { } target || target <= 0)
            errors.Add(new FieldError(nameof(r.Target), "campaign.target_invalid", "目标任务须大于 0"));
        else if (target > 9_999_999_999m)
            errors.Add(new FieldError(nameof(r.Target), "campaign.target_invalid", "目标任务过大"));
        var region = CampaignRules.Text(r.RegionCode) ?? r.CountyCode;
        if (!region.StartsWith(r.CountyCode, StringComparison.Ordinal)
            || !await db.Regions.IgnoreQueryFilters().AnyAsync(x => x.Code == region, ct))
            errors.Add(new FieldError(nameof(r.RegionCode), "campaign.region_invalid", "区域须为本县或本县的乡镇、行政村"));
        if (r.StartsOn is null) errors.Add(new FieldError(nameof(r.StartsOn), "campaign.required", "请填写开始日期"));
        if (r.Deadline is null) errors.Add(new FieldError(nameof(r.Deadline), "campaign.required", "请填写完成时限"));
        if (r.StartsOn is { } s && r.Deadline is { } d && d < s)
            errors.Add(new FieldError(nameof(r.Deadline), "campaign.deadline_before_start", "完成时限不能早于开始日期"));
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (task is null)
        {
            var order = await db.CampaignTasks.Where(t => t.HeadingId == r.HeadingId).MaxAsync(t => (int?)t.Order, ct) ?? 0;
            task = new CampaignTask
            {
                CountyCode = r.CountyCode, HeadingId = r.HeadingId, Name = name!, Indicator = indicator!, Target = r.Target!.Value, Unit = unit!,
                Department = department!, RegionCode = region, StartsOn = r.StartsOn!.Value, Deadline = r.Deadline!.Value, Note = note, Order = order + 10,
            };
            db.CampaignTasks.Add(task);
            await db.SaveChangesAsync(ct);
            CampaignRules.Log(db, r.CountyCode, r.User, CampaignRules.TaskEntity, task.Id, "新增", "Name", null,
                $"{task.Name}：{task.Indicator} {CampaignRules.Number(task.Target)}{task.Unit}，{task.Department}，{D(task.StartsOn)}至{D(task.Deadline)}");
        }
        else
        {
            void Set(string field, string? old, string? now)
            {
                if (old != now) CampaignRules.Log(db, r.CountyCode, r.User, CampaignRules.TaskEntity, task.Id, "修改", field, old, now);
            }
            Set(nameof(task.HeadingId), task.HeadingId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.HeadingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(nameof(task.Name), task.Name, name);
            Set(nameof(task.Indicator), task.Indicator, indicator);
            Set(nameof(task.Target), CampaignRules.Number(task.Target), CampaignRules.Number(r.Target!.Value));
            Set(nameof(task.Unit), task.Unit, unit);
            Set(nameof(task.Department), task.Department, department);
            Set(nameof(task.RegionCode), task.RegionCode, region);
            Set(nameof(task.StartsOn), D(task.StartsOn), D(r.StartsOn!.Value));
            Set(nameof(task.Deadline), D(task.Deadline), D(r.Deadline!.Value));
            Set(nameof(task.Note), task.Note, note);
            if (task.HeadingId != r.HeadingId)
                task.Order = (await db.CampaignTasks.Where(t => t.HeadingId == r.HeadingId).MaxAsync(t => (int?)t.Order, ct) ?? 0) + 10;
            (task.HeadingId, task.Name, task.Indicator, task.Target, task.Unit, task.Department, task.RegionCode, task.StartsOn, task.Deadline, task.Note) =
                (r.HeadingId, name!, indicator!, r.Target!.Value, unit!, department!, region, r.StartsOn!.Value, r.Deadline!.Value, note);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CampaignTaskSaved(task.Id, task.HeadingId);
    }

    static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
