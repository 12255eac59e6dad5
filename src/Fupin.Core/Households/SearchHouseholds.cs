using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Households;

public enum HouseholdSort { Number, Village, Status, MemberCount, IdentificationYear }

/// <summary>
/// Filters are optional and combine with AND. <see cref="Region"/> is a county, township or village
/// code and matches every household below it; <see cref="Number"/> matches from the start.
/// </summary>
public sealed record SearchHouseholdsRequest
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public string? Number { get; init; }
    public string? Region { get; init; }
    public HouseholdAttribute? Attribute { get; init; }
    public PovertyStatus? Status { get; init; }
    public PovertyCause? MainCause { get; init; }

    /// <summary>Only the registered poor: 未脱贫 and 返贫 (the board's 未脱贫户).</summary>
    public bool PoorOnly { get; init; }

    /// <summary>Households whose 脱贫年度 is this year.</summary>
    public int? ExitYear { get; init; }

    /// <summary>Households whose 计划脱贫年度 is this year.</summary>
    public int? PlannedExitYear { get; init; }
    public HouseholdSort Sort { get; init; } = HouseholdSort.Number;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchHouseholds.DefaultPageSize;
}

public sealed record HouseholdRow(
    long Id,
    string Number,
    string VillageCode,
    string VillageName,
    string TownshipName,
    string HeadName,
    string HeadIdNumberMasked,
    int MemberCount,
    HouseholdAttribute Attribute,
    PovertyStatus Status,
    PovertyCause MainCause,
    int IdentificationYear,
    int? PlannedExitYear);

public sealed record HouseholdPage(IReadOnlyList<HouseholdRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed class SearchHouseholds(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<Result<HouseholdPage>> HandleAsync(SearchHouseholdsRequest request, CancellationToken ct)
    {
        var (query, failure) = Filter(request);
        if (failure is not null) return failure;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);

        var sorted = (request.Sort, request.Descending) switch
        {
            (HouseholdSort.Village, false) => query.OrderBy(h => h.VillageCode).ThenBy(h => h.Number),
            (HouseholdSort.Village, true) => query.OrderByDescending(h => h.VillageCode).ThenBy(h => h.Number),
            (HouseholdSort.Status, false) => query.OrderBy(h => h.Status).ThenBy(h => h.Number),
            (HouseholdSort.Status, true) => query.OrderByDescending(h => h.Status).ThenBy(h => h.Number),
            (HouseholdSort.MemberCount, false) => query.OrderBy(h => h.Members.Count).ThenBy(h => h.Number),
            (HouseholdSort.MemberCount, true) => query.OrderByDescending(h => h.Members.Count).ThenBy(h => h.Number),
            (HouseholdSort.IdentificationYear, false) => query.OrderBy(h => h.IdentificationYear).ThenBy(h => h.Number),
            (HouseholdSort.IdentificationYear, true) => query.OrderByDescending(h => h.IdentificationYear).ThenBy(h => h.Number),
            (_, true) => query.OrderByDescending(h => h.Number),
            _ => query.OrderBy(h => h.Number),
        };

        var rows = await sorted
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(h => new
            {
                h.Id,
                h.Number,
                h.VillageCode,
                VillageName = db.Regions.Where(r => r.Code == h.VillageCode).Select(r => r.Name).FirstOrDefault(),
                TownshipName = db.Regions.Where(r => r.Code == h.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                // Two scalar subqueries, each answered by the household's members in the index: projected as one object,
                // EF ranked every member of the database with a window function (a province-size search timed out).
                HeadName = h.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                HeadId = h.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.IdNumber).FirstOrDefault(),
                MemberCount = h.Members.Count,
                h.Attribute,
                h.Status,
                h.MainCause,
                h.IdentificationYear,
                h.PlannedExitYear,
            })
            .ToListAsync(ct);

        return new HouseholdPage(
            [.. rows.Select(r => new HouseholdRow(r.Id, r.Number, r.VillageCode, r.VillageName ?? "", r.TownshipName ?? "",
                r.HeadName ?? "", r.HeadId?.Masked ?? "", r.MemberCount, r.Attribute, r.Status, r.MainCause,
                r.IdentificationYear, r.PlannedExitYear))],
            total, page, pageSize);
    }

    /// <summary>The households matching the filters (the export uses them too), or what is wrong with the filters.</summary>
    public (IQueryable<Household> Query, Failure? Failure) Filter(SearchHouseholdsRequest request)
    {
        var errors = new List<FieldError>();
        var query = db.Households.AsNoTracking();

        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            var name = request.Name.Trim();
#pragma warning disable CA1307 // translated to SQL: the database compares, not .NET
            query = query.Where(h => h.Members.Any(m => m.Name.Contains(name)));
#pragma warning restore CA1307
        }
        if (!string.IsNullOrWhiteSpace(request.IdNumber))
        {
            var parsed = ResidentId.Parse(request.IdNumber, clock.Today());
            if (parsed.IsValid)
            {
                ResidentId? id = parsed.Id.Value;
                query = query.Where(h => h.Members.Any(m => m.IdNumber == id));
            }
            else
            {
                errors.Add(new FieldError(nameof(request.IdNumber), MemberRules.IdErrorCode(parsed.Error), parsed.MessageZh!));
            }
        }
        if (!string.IsNullOrWhiteSpace(request.Number))
        {
            var number = request.Number.Trim();
            query = query.Where(h => h.Number.StartsWith(number));
        }
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region.Trim();
            if (region.Length is 6 or 9 or 12 && region.All(char.IsAsciiDigit))
            {
                // The county too, so the list is read in number order from (county_code, number) within the county: by the
                // region prefix alone, PostgreSQL walked the whole province's number index (a million rows for page 2).
                var county = region[..6];
                query = query.Where(h => h.CountyCode == county && h.VillageCode.StartsWith(region));
            }
            else if (region.Length is 2 or 4 && region.All(char.IsAsciiDigit))
                query = query.Where(h => h.VillageCode.StartsWith(region));
            else
                errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        }
        if (request.Attribute is { } attribute)
        {
            if (Enum.IsDefined(attribute)) query = query.Where(h => h.Attribute == attribute);
            else errors.Add(new FieldError(nameof(request.Attribute), "code.invalid", "贫困户属性不在代码表中"));
        }
        if (request.Status is { } status)
        {
            if (Enum.IsDefined(status)) query = query.Where(h => h.Status == status);
            else errors.Add(new FieldError(nameof(request.Status), "code.invalid", "脱贫状态不在代码表中"));
        }
        if (request.MainCause is { } cause)
        {
            if (Enum.IsDefined(cause)) query = query.Where(h => h.MainCause == cause);
            else errors.Add(new FieldError(nameof(request.MainCause), "code.invalid", "主要致贫原因不在代码表中"));
        }
        if (request.PoorOnly) query = query.Where(h => h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed);
        if (request.ExitYear is { } exitYear)
        {
            if (exitYear is >= 2000 and <= 2100) query = query.Where(h => h.ExitYear == exitYear);
            else errors.Add(new FieldError(nameof(request.ExitYear), "year.invalid", "脱贫年度无效"));
        }
        if (request.PlannedExitYear is { } plannedYear)
        {
            if (plannedYear is >= 2000 and <= 2100) query = query.Where(h => h.PlannedExitYear == plannedYear);
            else errors.Add(new FieldError(nameof(request.PlannedExitYear), "year.invalid", "计划脱贫年度无效"));
        }
        if (!Enum.IsDefined(request.Sort))
            errors.Add(new FieldError(nameof(request.Sort), "sort.invalid", "不支持按此列排序"));
        return (query, errors.Count > 0 ? Result.Invalid(errors) : null);
    }
}
