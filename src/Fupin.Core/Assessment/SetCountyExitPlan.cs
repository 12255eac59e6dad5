using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

public sealed record SetCountyExitPlanRequest(string CountyCode, DateOnly TargetDate, string? Note, string User);

/// <summary>Sets (or moves) a county's 摘帽 target date, the date the readiness countdown runs to.</summary>
public sealed class SetCountyExitPlan(AppDbContext db, TimeProvider clock)
{
    public const int MaxNote = 500;

    public async Task<Result<CountyExitPlan>> HandleAsync(SetCountyExitPlanRequest request, CancellationToken ct)
    {
        var county = request.CountyCode.Trim();
        if (county.Length != 6 || !county.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.CountyCode), "county.invalid", $"“{county}”不是6位县级区划代码")]);
        if (!db.Scope.Covers(county) || !await db.Regions.AnyAsync(r => r.Code == county && r.Level == RegionLevel.County, ct))
            return Result.NotFound($"县{county}不存在或不在您的管辖范围内");
        var errors = new List<FieldError>();
        if (request.TargetDate.Year is < 2015 or > 2030)
            errors.Add(new FieldError(nameof(request.TargetDate), "target.invalid", $"摘帽目标日期{request.TargetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}不合理（应在2015至2030年之间）"));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNote }) errors.Add(new FieldError(nameof(request.Note), "note.too_long", $"说明不能超过{MaxNote}字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var plan = await db.CountyExitPlans.FirstOrDefaultAsync(p => p.CountyCode == county, ct);
        if (plan is null) db.CountyExitPlans.Add(plan = new CountyExitPlan { CountyCode = county, UpdatedBy = request.User });
        plan.TargetDate = request.TargetDate;
        plan.Note = note;
        plan.UpdatedBy = request.User.Length > 64 ? request.User[..64] : request.User;
        plan.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
