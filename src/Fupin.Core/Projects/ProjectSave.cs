using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>Saving a change of a project against the version the user saw, and the dates of its approval path.</summary>
internal static class ProjectSave
{
    public const string ConflictMessage = "该项目已被他人修改，请刷新后重试";

    /// <summary>
    /// Saves inside the caller's transaction with <paramref name="version"/> (when the caller gave one) as the
    /// concurrency token, bumping it; a newer version in the database is a conflict and the caller rolls back.
    /// </summary>
    public static async Task<bool> SaveAsync(AppDbContext db, Project p, long? version, CancellationToken ct)
    {
        var seen = version ?? p.Version;
        db.Entry(p).Property(x => x.Version).OriginalValue = seen;
        p.Version = seen + 1;
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>The date of the last step of the approval path, or null before the first.</summary>
    public static async Task<DateOnly?> LastStepOnAsync(AppDbContext db, long projectId, CancellationToken ct) =>
        await db.ProjectEvents.Where(e => e.ProjectId == projectId).OrderByDescending(e => e.On).Select(e => (DateOnly?)e.On).FirstOrDefaultAsync(ct);

    /// <summary>Checks the date of a step: not after today and not before the step before it.</summary>
    public static DateOnly CheckStepDate(DateOnly? requested, DateOnly today, DateOnly? previous, string field, List<FieldError> errors)
    {
        var on = requested ?? today;
        if (on > today)
            errors.Add(new FieldError(field, "project.date_future", "日期不能晚于今天"));
        else if (previous is { } prev && on < prev)
            errors.Add(new FieldError(field, "project.date_before_previous", $"日期不能早于上一环节的日期（{prev.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}）"));
        return on;
    }

    public static Failure NotFound() => Result.NotFound("未找到该项目");
}
