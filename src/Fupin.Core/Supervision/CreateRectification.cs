using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// A problem to rectify as the county office registers it. From a verification finding (<see cref="FindingId"/>) the
/// region, household and source come from the finding and <see cref="RegionCode"/> and <see cref="HouseholdNumber"/>
/// are ignored.
/// </summary>
public sealed record RectificationInput
{
    public RectificationSource Source { get; init; } = RectificationSource.PatrolFeedback;
    public string? SourceDocument { get; init; }
    public string? RegionCode { get; init; }
    public string? HouseholdNumber { get; init; }
    public long? FindingId { get; init; }
    public string? Problem { get; init; }
    public string? Requirement { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? ResponsiblePerson { get; init; }
    public long? OwnerUserId { get; init; }
    public DateOnly? FoundOn { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? RequiredEvidence { get; init; }
}

public sealed record CreateRectificationRequest(RectificationInput Item, string User, Role Role);

public sealed record RectificationSaved(long Id, string Number, RectificationStatus Status, long Version);

/// <summary>
/// Registers an item found by 巡视反馈, 年度考核, 第三方评估, 审计, 排查核对 or another source (暗访 items are raised by the
/// inspection visits themselves): a region of the user's scope, a household of that region if any, the problem, the
/// unit responsible, a found-on day not after today and a deadline not before it. One open item per finding.
/// The item and its first history line are written together; bad input writes nothing.
/// </summary>
public sealed class CreateRectification(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationSaved>> HandleAsync(CreateRectificationRequest request, CancellationToken ct)
    {
        var input = request.Item;
        if (!SupervisionRoles.CanManageRectifications(request.Role))
            return Result.Invalid([RectificationRules.NotAllowed(nameof(input.Problem), "登记整改事项")]);
        var errors = new List<FieldError>();
        var today = clock.Today();
        var source = input.Source;
        var region = input.RegionCode?.Trim() ?? "";
        long? householdId = null;
        string? findingProblem = null, findingUnit = null;

        if (input.FindingId is { } findingId)
        {
            var finding = await db.Findings.AsNoTracking().Where(f => f.Id == findingId)
                .Select(f => new { f.VillageCode, f.HouseholdId, f.Rule, f.Evidence }).SingleOrDefaultAsync(ct);
            if (finding is null) return Result.NotFound("未找到该疑点");
            if (await db.Rectifications.AsNoTracking().Where(r => r.FindingId == findingId && r.Status != RectificationStatus.Closed)
                .Select(r => r.Number).FirstOrDefaultAsync(ct) is { } taken)
                return RectificationRules.ConflictWith(nameof(input.FindingId), RectificationRules.FindingTakenCode,
                    $"该疑点已有未销号的整改事项 {taken}，不能重复立项");
            source = RectificationSource.Verification;
            region = finding.VillageCode;
            householdId = finding.HouseholdId;
            findingProblem = FindingProblem(finding.Rule, finding.Evidence);
            var township = finding.VillageCode[..9];
            findingUnit = await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(x => x.Code == township).Select(x => x.Name + "人民政府").FirstOrDefaultAsync(ct);
        }
        else
        {
            if (!Enum.IsDefined(source) || source is RectificationSource.Inspection or RectificationSource.Verification)
                errors.Add(new FieldError(nameof(input.Source), "rectification.source_invalid",
                    "请选择问题来源（暗访问题由暗访检查生成，排查核对问题请从疑点页面转为整改事项）"));
            if (await CheckRegionAsync(region, ct) is { } regionError) errors.Add(regionError);
            else if (RectificationRules.Text(input.HouseholdNumber) is { } number)
            {
                var household = await db.Households.AsNoTracking().Where(h => h.Number == number)
                    .Select(h => new { h.Id, h.VillageCode }).FirstOrDefaultAsync(ct);
                if (household is null)
                    errors.Add(new FieldError(nameof(input.HouseholdNumber), "rectification.household_unknown", $"未找到户编号为“{number}”的农户"));
                else if (!household.VillageCode.StartsWith(region, StringComparison.Ordinal))
                    errors.Add(new FieldError(nameof(input.HouseholdNumber), "rectification.household_region", $"户“{number}”不在所选地区"));
                else householdId = household.Id;
            }
        }

        var problem = RectificationRules.Text(input.Problem) ?? findingProblem;
        if (problem is null) errors.Add(new FieldError(nameof(input.Problem), "rectification.problem_required", "请填写问题描述"));
        RectificationRules.MaxLength(errors, nameof(input.Problem), problem, 1000, "问题描述");
        var unit = RectificationRules.Text(input.ResponsibleUnit) ?? findingUnit;
        if (unit is null) errors.Add(new FieldError(nameof(input.ResponsibleUnit), "rectification.unit_required", "请填写责任单位"));
        RectificationRules.MaxLength(errors, nameof(input.ResponsibleUnit), unit, 100, "责任单位");
        var requirement = RectificationRules.Text(input.Requirement);
        RectificationRules.MaxLength(errors, nameof(input.Requirement), requirement, 1000, "整改要求");
        var person = RectificationRules.Text(input.ResponsiblePerson);
        RectificationRules.MaxLength(errors, nameof(input.ResponsiblePerson), person, 40, "责任人");
        var document = RectificationRules.Text(input.SourceDocument);
        RectificationRules.MaxLength(errors, nameof(input.SourceDocument), document, 200, "来源文件");
        var evidence = RectificationRules.Text(input.RequiredEvidence) ?? RectificationRules.DefaultRequiredEvidence;
        RectificationRules.MaxLength(errors, nameof(input.RequiredEvidence), evidence, 500, "佐证材料要求");
        if (input.FoundOn is not { } foundOn) errors.Add(new FieldError(nameof(input.FoundOn), "rectification.found_on_required", "请填写发现日期"));
        else if (foundOn > today) errors.Add(new FieldError(nameof(input.FoundOn), "rectification.found_on_future", "发现日期不能晚于今天"));
        if (input.Deadline is not { } deadline) errors.Add(new FieldError(nameof(input.Deadline), "rectification.deadline_required", "请填写整改时限"));
        else if (input.FoundOn is { } f && deadline < f) errors.Add(new FieldError(nameof(input.Deadline), "rectification.deadline_before_found", "整改时限不能早于发现日期"));
        if (region.Length > 0 && errors.All(e => e.Field != nameof(input.RegionCode))
            && await RectificationRules.CheckOwnerAsync(db, nameof(input.OwnerUserId), input.OwnerUserId, region, ct) is { } ownerError)
            errors.Add(ownerError);
        if (errors.Count > 0) return Result.Invalid(errors);

        var item = new Rectification
        {
            CountyCode = region[..6],
            RegionCode = region,
            Number = "",
            Source = source,
            SourceDocument = document,
            FindingId = input.FindingId,
            HouseholdId = householdId,
            Problem = problem!,
            Requirement = requirement,
            ResponsibleUnit = unit!,
            ResponsiblePerson = person,
            OwnerUserId = input.OwnerUserId,
            FoundOn = input.FoundOn!.Value,
            Deadline = input.Deadline!.Value,
            RequiredEvidence = evidence,
            Status = RectificationStatus.Pending,
            CreatedBy = RectificationRules.Clip(request.User, 64),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        item.Number = (await RectificationItems.NextNumbersAsync(db, item.CountyCode, item.FoundOn.Year, 1, ct))[0];
        db.Rectifications.Add(item);
        await db.SaveChangesAsync(ct);
        db.RectificationEvents.Add(RectificationItems.Created(item, item.CreatedBy, today, item.CreatedAt));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RectificationSaved(item.Id, item.Number, item.Status, item.Version);
    }

    /// <summary>The problem of an item raised from a finding, unless the user words it: the rule's title and what the list says.</summary>
    public static string FindingProblem(string rule, string evidence) =>
        RectificationRules.Clip($"【{RuleCatalog.All.FirstOrDefault(r => r.Code == rule)?.Title ?? rule}】{evidence}", 1000);

    /// <summary>A county, township or village the user may see entirely (not just lying above their own region).</summary>
    async Task<FieldError?> CheckRegionAsync(string code, CancellationToken ct)
    {
        const string field = nameof(RectificationInput.RegionCode);
        if (code.Length == 0) return new FieldError(field, "rectification.region_required", "请选择问题所在的县、乡镇或村");
        if (!code.All(char.IsAsciiDigit) || code.Length is not (6 or 9 or 12) || !db.Scope.Covers(code) || !await db.Regions.AnyAsync(r => r.Code == code, ct))
            return new FieldError(field, "rectification.region_unknown", "所选地区不存在或不在您的管辖范围内");
        return null;
    }
}
