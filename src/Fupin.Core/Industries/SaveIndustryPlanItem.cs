using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>A plan line to add (<see cref="Id"/> null, <see cref="IndustryId"/> given) or change (<see cref="Id"/> and the <see cref="Version"/> read; the industry is the line's).</summary>
public sealed record SaveIndustryPlanItemRequest
{
    public long? Id { get; init; }
    public long IndustryId { get; init; }
    public long? Version { get; init; }
    public PlanItemKind Kind { get; init; }
    public string? Name { get; init; }

    /// <summary>A township or village of the industry's county, or null.</summary>
    public string? RegionCode { get; init; }
    public string? Unit { get; init; }
    public double? Target { get; init; }
    public double? Actual { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? Detail { get; init; }

    /// <summary>Position within its kind; null: after the last (a new line) or unchanged.</summary>
    public int? SortOrder { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>
/// Adds or changes one line of an industry's development plan (目标, 基地, 加工园区, 奖补政策): a name, an optional
/// place (a township or village of the county), unit, target and actual (not negative), deadline and detail.
/// The county office only; a stale version is a conflict. Bad input writes nothing.
/// </summary>
public sealed class SaveIndustryPlanItem(AppDbContext db, TimeProvider clock)
{
    public const int MaxName = 100;
    public const int MaxUnit = 16;
    public const int MaxDetail = 1000;
    public const string ConflictMessage = "该规划条目已被他人修改，请刷新后重新填写";

    public async Task<Result<IndustryPlanLine>> HandleAsync(SaveIndustryPlanItemRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanManageIndustries(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), IndustryRoles.NotAllowedCode, IndustryPlanRules.NotAllowedMessage)]);
        IndustryPlanItem? item = null;
        var industryId = request.IndustryId;
        if (request.Id is { } id)
        {
            item = await db.IndustryPlanItems.SingleOrDefaultAsync(p => p.Id == id, ct);
            if (item is null || (industryId != 0 && industryId != item.IndustryId)) return Result.NotFound("规划条目不存在");
            industryId = item.IndustryId;
        }
        var industry = await db.Industries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == industryId, ct);
        if (industry is null || !db.Scope.Covers(industry.CountyCode)) return Result.NotFound(item is null ? "特色产业不存在" : "规划条目不存在");
        if (item is not null && (request.Version is not { } v || v != item.Version)) return Result.Conflict(ConflictMessage);

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(request.Kind)) errors.Add(new FieldError(nameof(request.Kind), "industry.plan_kind_invalid", "请选择规划条目类型"));
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(request.Name), "industry.plan_name_required", "请填写规划条目名称"));
        else if (name.Length > MaxName) errors.Add(new FieldError(nameof(request.Name), "industry.too_long", $"名称不能超过{MaxName}字"));
        var region = string.IsNullOrWhiteSpace(request.RegionCode) ? null : request.RegionCode.Trim();
        if (region is not null && !(region.Length is 9 or 12 && region.StartsWith(industry.CountyCode, StringComparison.Ordinal)
                && await db.Regions.IgnoreQueryFilters().AnyAsync(r => r.Code == region, ct)))
            errors.Add(new FieldError(nameof(request.RegionCode), "industry.region_invalid", $"地点“{region}”不是本县的乡镇或村"));
        var unit = IndustryPlanRules.Optional(request.Unit, MaxUnit, nameof(request.Unit), "单位", errors);
        var detail = IndustryPlanRules.Optional(request.Detail, MaxDetail, nameof(request.Detail), "说明", errors);
        Amount(request.Target, nameof(request.Target), "目标", errors);
        Amount(request.Actual, nameof(request.Actual), "完成", errors);
        if (request.Deadline is { } d && (d.Year < 2000 || d.Year > 2100))
            errors.Add(new FieldError(nameof(request.Deadline), "industry.deadline_invalid", "完成期限应在2000年至2100年之间"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var add = item is null;
        if (item is null)
        {
            var order = request.SortOrder ?? 1 + (await db.IndustryPlanItems.Where(p => p.IndustryId == industry.Id && p.Kind == request.Kind)
                .Select(p => (int?)p.SortOrder).MaxAsync(ct) ?? 0);
            item = new IndustryPlanItem { CountyCode = industry.CountyCode, IndustryId = industry.Id, Name = name, UpdatedBy = "", SortOrder = order };
            db.IndustryPlanItems.Add(item);
        }
        else
        {
            item.Version++;
            if (request.SortOrder is { } o) item.SortOrder = o;
        }
        item.Kind = request.Kind;
        item.Name = name;
        item.RegionCode = region;
        item.Unit = unit;
        item.Target = request.Target;
        item.Actual = request.Actual;
        item.Deadline = request.Deadline;
        item.Detail = detail;
        item.UpdatedBy = IndustryPlanRules.Clip(request.User, 64);
        item.UpdatedAt = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(ConflictMessage);
        }
        var inv = CultureInfo.InvariantCulture;
        IndustryPlanRules.Log(db, item.CountyCode, request.User, nameof(IndustryPlanItem), item.Id, add ? "新增" : "修改", "产业规划",
            $"{IndustryLabels.Label(item.Kind)} {name} 目标{(item.Target is { } t ? IndustryPlanRules.Number(t) : "—")}{unit} 完成{(item.Actual is { } a ? IndustryPlanRules.Number(a) : "—")}{unit}"
                + (item.Deadline is { } dl ? " 期限" + dl.ToString("yyyy-MM-dd", inv) : ""),
            $"{industry.Name}产业规划条目#{item.Id.ToString(inv)}", null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var place = region is null ? null : string.Concat(await db.Regions.IgnoreQueryFilters()
            .Where(r => r.Code == region || r.Code == IndustryPlanRules.TownshipOf(region)).OrderBy(r => r.Code).Select(r => r.Name).ToListAsync(ct));
        return GetIndustry.Line(item, place, clock.Today());
    }

    static void Amount(double? value, string field, string label, List<FieldError> errors)
    {
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < 0 || v > 1e12))
            errors.Add(new FieldError(field, "industry.plan_amount_invalid", $"{label}数应为不小于0的数"));
    }
}
