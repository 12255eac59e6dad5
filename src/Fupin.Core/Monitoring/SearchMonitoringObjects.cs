using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <summary>
/// Filters combine with AND. <see cref="Region"/> is a county, township or village code;
/// <see cref="Text"/> matches the head's name or a 户编号 from its start; <see cref="Flagged"/> true
/// keeps the objects with the 6-month flag, false those without.
/// </summary>
public sealed record SearchMonitoringObjectsRequest
{
    public string? Region { get; init; }
    public MonitoringType? Type { get; init; }
    public MonitoringStatus? Status { get; init; }
    public RiskType? Risk { get; init; }
    public bool? Flagged { get; init; }
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchMonitoringObjects.DefaultPageSize;
}

/// <summary>A monitoring object as listed: the head's ID number masked.</summary>
public sealed record MonitoringRow(
    long Id, string VillageCode, string VillageName, string TownshipName, long? HouseholdId, string? HouseholdNumber,
    string HeadName, string? HeadIdMasked, int Persons, MonitoringType Type, string TypeLabel, IReadOnlyList<RiskType> Risks, string RisksLabel,
    string? RuleCode, string Source, MonitoringStatus Status, string StatusLabel, DateOnly ProposedOn, DateOnly? IncludedOn, DateOnly? ClosedOn,
    string Reason, bool Flagged, int DevelopmentMeasures, long Version);

public sealed record LabelCount<T>(T Value, string Label, int Count);

/// <summary>
/// The overview of the region (filters other than the region ignored): objects by status; open
/// objects (拟纳入 and 监测中) by type and by risk; how many carry the 6-month flag.
/// </summary>
public sealed record MonitoringCounts(
    int Total, int Open, int Flagged, IReadOnlyList<LabelCount<MonitoringStatus>> ByStatus,
    IReadOnlyList<LabelCount<MonitoringType>> ByType, IReadOnlyList<LabelCount<RiskType>> ByRisk);

public sealed record MonitoringPage(IReadOnlyList<MonitoringRow> Rows, int Total, int Page, int PageSize, MonitoringCounts Counts)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>The monitoring objects of the user's scope (the query filter hides the rest), filtered, counted and paged.</summary>
public sealed class SearchMonitoringObjects(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<Result<MonitoringPage>> HandleAsync(SearchMonitoringObjectsRequest request, CancellationToken ct)
    {
        var (regionQuery, query, failure) = Filter(request);
        if (failure is not null) return failure;
        var today = clock.Today();
        var flagged = await MonitoringFlags.FlaggedAsync(db, regionQuery, today, ct);
        if (request.Flagged is { } f)
        {
            var ids = flagged.ToList();
            query = f ? query.Where(o => ids.Contains(o.Id)) : query.Where(o => !ids.Contains(o.Id));
        }
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);
        var rows = await RowsAsync(Ordered(query).Skip((page - 1) * pageSize).Take(pageSize), flagged, ct);
        return new MonitoringPage(rows, total, page, pageSize, await CountsAsync(regionQuery, flagged.Count, ct));
    }

    public static IQueryable<MonitoringObject> Ordered(IQueryable<MonitoringObject> query) =>
        query.OrderBy(o => o.VillageCode).ThenBy(o => o.Status).ThenBy(o => o.Id);

    static async Task<MonitoringCounts> CountsAsync(IQueryable<MonitoringObject> query, int flagged, CancellationToken ct)
    {
        var all = await query.Select(o => new { o.Status, o.Type, o.Risks }).ToListAsync(ct);
        var open = all.Where(o => MonitoringLabels.IsOpen(o.Status)).ToList();
        return new MonitoringCounts(all.Count, open.Count, flagged,
            [.. Enum.GetValues<MonitoringStatus>().Select(s => new LabelCount<MonitoringStatus>(s, MonitoringLabels.Label(s), all.Count(o => o.Status == s)))],
            [.. Enum.GetValues<MonitoringType>().Select(t => new LabelCount<MonitoringType>(t, MonitoringLabels.Label(t), open.Count(o => o.Type == t)))],
            [.. Enum.GetValues<RiskType>().Select(r => new LabelCount<RiskType>(r, MonitoringLabels.Label(r), open.Count(o => o.Risks.Contains(r))))]);
    }

    /// <summary>Rows with the names of village and township, the household number and the head's masked ID.</summary>
    public async Task<List<MonitoringRow>> RowsAsync(IQueryable<MonitoringObject> query, ISet<long> flagged, CancellationToken ct)
    {
        var rows = await query
            .Select(o => new
            {
                o.Id, o.VillageCode, o.HouseholdId, o.HeadName, o.HeadIdNumber, o.Persons, o.Type, o.Risks, o.RuleCode, o.Status,
                o.ProposedOn, o.IncludedOn, o.ClosedOn, o.Reason, o.Version,
                HouseholdNumber = db.Households.Where(h => h.Id == o.HouseholdId).Select(h => h.Number).FirstOrDefault(),
                MemberId = db.Members.Where(m => m.HouseholdId == o.HouseholdId && m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.IdNumber).FirstOrDefault(),
                VillageName = db.Regions.Where(r => r.Code == o.VillageCode).Select(r => r.Name).FirstOrDefault(),
                TownshipName = db.Regions.Where(r => r.Code == o.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                Development = db.MonitoringMeasures.Count(m => m.MonitoringObjectId == o.Id && m.Kind < MeasureKind.Dibao),
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new MonitoringRow(r.Id, r.VillageCode, r.VillageName ?? r.VillageCode, r.TownshipName ?? "", r.HouseholdId, r.HouseholdNumber,
                r.HeadName, (r.HeadIdNumber ?? r.MemberId)?.Masked, r.Persons, r.Type, MonitoringLabels.Label(r.Type), [.. r.Risks.Order()], MonitoringLabels.Risks(r.Risks),
                r.RuleCode, MonitoringRules.Title(r.RuleCode), r.Status, MonitoringLabels.Label(r.Status), r.ProposedOn, r.IncludedOn, r.ClosedOn,
                r.Reason, flagged.Contains(r.Id), r.Development, r.Version)),
        ];
    }

    /// <summary>The objects of the region (for the counts) and those matching every filter, or what is wrong with the filters.</summary>
    public (IQueryable<MonitoringObject> Region, IQueryable<MonitoringObject> Query, Failure? Failure) Filter(SearchMonitoringObjectsRequest request)
    {
        var errors = new List<FieldError>();
        var query = db.MonitoringObjects.AsNoTracking();
#pragma warning disable CA1307, CA1310 // translated to SQL: the database compares, ordinally
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region.Trim();
            if (region.Length is 6 or 9 or 12 && region.All(char.IsAsciiDigit))
                query = query.Where(o => o.VillageCode.StartsWith(region));
            else
                errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        }
        var regionQuery = query;
        if (request.Type is { } type)
        {
            if (Enum.IsDefined(type)) query = query.Where(o => o.Type == type);
            else errors.Add(new FieldError(nameof(request.Type), "monitoring.type_invalid", "监测对象类别无效"));
        }
        if (request.Status is { } status)
        {
            if (Enum.IsDefined(status)) query = query.Where(o => o.Status == status);
            else errors.Add(new FieldError(nameof(request.Status), "status.invalid", "监测状态无效"));
        }
        if (request.Risk is { } risk)
        {
            if (Enum.IsDefined(risk)) query = query.Where(o => o.Risks.Contains(risk));
            else errors.Add(new FieldError(nameof(request.Risk), "monitoring.risk_invalid", "风险类型无效"));
        }
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var text = request.Text.Trim();
            if (text.Length > 40)
                errors.Add(new FieldError(nameof(request.Text), "text.too_long", "查询内容不能超过40字"));
            else
                query = query.Where(o => o.HeadName.Contains(text) || db.Households.Any(h => h.Id == o.HouseholdId && h.Number.StartsWith(text)));
        }
#pragma warning restore CA1307, CA1310
        return (regionQuery, query, errors.Count > 0 ? Result.Invalid(errors) : null);
    }
}
