using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Imports;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <summary>Where a finding stands, as the dashboard counts it: still to be worked, settled, or its cause gone.</summary>
public enum FindingStage
{
    /// <summary>待核实 or 核实中, cause still there.</summary>
    Pending,

    /// <summary>属实, 不属实 or 误报, cause still there.</summary>
    Closed,

    /// <summary>已消除: a later run no longer found it, whatever its status.</summary>
    Gone,
}

/// <summary>
/// Filters are optional and combine with AND. <see cref="Region"/> is a county, township or village
/// code; <see cref="Text"/> matches a 户编号 from its start or any member's name of the household.
/// Findings whose cause has gone are left out unless <see cref="IncludeGone"/> or the stage asks for them.
/// </summary>
public sealed record SearchFindingsRequest
{
    public string? Region { get; init; }
    public string? Rule { get; init; }
    public FindingStatus? Status { get; init; }
    public FindingStage? Stage { get; init; }
    public bool IncludeGone { get; init; }
    public string? Text { get; init; }
    public long? HouseholdId { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchFindings.DefaultPageSize;
}

/// <summary>A finding as listed: names, never ID numbers.</summary>
public sealed record FindingRow(
    long Id,
    string Rule,
    string RuleTitle,
    Severity Severity,
    long HouseholdId,
    string HouseholdNumber,
    string HeadName,
    long? MemberId,
    string? MemberName,
    string VillageCode,
    string VillageName,
    string TownshipName,
    string AssignedTo,
    string AssignedToName,
    string Evidence,
    FindingStatus Status,
    string StatusLabel,
    string? Note,
    bool Gone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

public sealed record FindingPage(IReadOnlyList<FindingRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>The findings of the user's scope (the query filter hides the rest), filtered and paged in the database.</summary>
public sealed class SearchFindings(AppDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<Result<FindingPage>> HandleAsync(SearchFindingsRequest request, CancellationToken ct)
    {
        var (query, failure) = Filter(request);
        if (failure is not null) return failure;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);
        var rows = await RowsAsync(Ordered(query).Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new FindingPage(rows, total, page, pageSize);
    }

    public static IQueryable<Finding> Ordered(IQueryable<Finding> query) =>
        query.OrderBy(f => f.VillageCode).ThenBy(f => f.HouseholdId).ThenBy(f => f.Rule).ThenBy(f => f.Id);

    /// <summary>The rows of a query of findings, with the names of village, township, household and member.</summary>
    public async Task<List<FindingRow>> RowsAsync(IQueryable<Finding> query, CancellationToken ct)
    {
        var rows = await query
            .Select(f => new
            {
                f.Id, f.Rule, f.HouseholdId, f.MemberId, f.VillageCode, f.AssignedTo, f.Evidence, f.Status, f.Note,
                Gone = f.GoneInRunId != null, f.CreatedAt, f.UpdatedAt, f.Version,
                HouseholdNumber = db.Households.Where(h => h.Id == f.HouseholdId).Select(h => h.Number).FirstOrDefault(),
                HeadName = db.Members.Where(m => m.HouseholdId == f.HouseholdId && m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                MemberName = db.Members.Where(m => m.Id == f.MemberId).Select(m => m.Name).FirstOrDefault(),
                VillageName = db.Regions.Where(r => r.Code == f.VillageCode).Select(r => r.Name).FirstOrDefault(),
                TownshipName = db.Regions.Where(r => r.Code == f.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                AssignedToName = db.Regions.Where(r => r.Code == f.AssignedTo).Select(r => r.Name).FirstOrDefault(),
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r =>
            {
                var rule = ComparisonRules.Find(r.Rule);
                return new FindingRow(r.Id, r.Rule, rule?.Title ?? r.Rule, rule?.Severity ?? Severity.Warning,
                    r.HouseholdId, r.HouseholdNumber ?? "", r.HeadName ?? "", r.MemberId, r.MemberName,
                    r.VillageCode, r.VillageName ?? r.VillageCode, r.TownshipName ?? "", r.AssignedTo, r.AssignedToName ?? r.AssignedTo,
                    r.Evidence, r.Status, FindingWorkflow.Label(r.Status), r.Note, r.Gone, r.CreatedAt, r.UpdatedAt, r.Version);
            }),
        ];
    }

    /// <summary>The findings matching the filters (the export uses them too), or what is wrong with the filters.</summary>
    public (IQueryable<Finding> Query, Failure? Failure) Filter(SearchFindingsRequest request)
    {
        var errors = new List<FieldError>();
        var query = db.Findings.AsNoTracking();

#pragma warning disable CA1307, CA1310 // translated to SQL: the database compares, ordinally
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region.Trim();
            if (region.Length is 2 or 4 or 6 or 9 or 12 && region.All(char.IsAsciiDigit))
                query = query.InCounty(Distribution.CountyOf(region)).Where(f => f.VillageCode.StartsWith(region));
            else
                errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        }
        if (!string.IsNullOrWhiteSpace(request.Rule))
        {
            var rule = request.Rule.Trim();
            if (ComparisonRules.Find(rule) is null)
                errors.Add(new FieldError(nameof(request.Rule), "rule.unknown", $"没有比对规则“{rule}”"));
            else
                query = query.Where(f => f.Rule == rule);
        }
        if (request.Status is { } status)
        {
            if (Enum.IsDefined(status)) query = query.Where(f => f.Status == status);
            else errors.Add(new FieldError(nameof(request.Status), "status.invalid", "核实状态无效"));
        }
        switch (request.Stage)
        {
            case null:
                if (!request.IncludeGone) query = query.Where(f => f.GoneInRunId == null);
                break;
            case FindingStage.Pending:
                query = query.Where(f => f.GoneInRunId == null && (f.Status == FindingStatus.Open || f.Status == FindingStatus.Verifying));
                break;
            case FindingStage.Closed:
                query = query.Where(f => f.GoneInRunId == null && f.Status != FindingStatus.Open && f.Status != FindingStatus.Verifying);
                break;
            case FindingStage.Gone:
                query = query.Where(f => f.GoneInRunId != null);
                break;
            default:
                errors.Add(new FieldError(nameof(request.Stage), "stage.invalid", "办理阶段无效"));
                break;
        }
        if (request.HouseholdId is { } householdId) query = query.Where(f => f.HouseholdId == householdId);
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var text = request.Text.Trim();
            if (text.Length > 40)
                errors.Add(new FieldError(nameof(request.Text), "text.too_long", "查询内容不能超过40字"));
            else
                query = query.Where(f => db.Households.Any(h => h.Id == f.HouseholdId && (h.Number.StartsWith(text) || h.Members.Any(m => m.Name.Contains(text)))));
        }
#pragma warning restore CA1307, CA1310
        return (query, errors.Count > 0 ? Result.Invalid(errors) : null);
    }
}
