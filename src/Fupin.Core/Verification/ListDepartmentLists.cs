using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <param name="Regions">Only lists whose region covers or lies inside one of these (null: every list).</param>
/// <param name="Type">Only lists of this type.</param>
public sealed record ListDepartmentListsRequest(IReadOnlyList<string>? Regions = null, string? Type = null, int Page = 1, int PageSize = ListDepartmentLists.DefaultPageSize);

public sealed record DepartmentListEntry(
    long Id, string Type, string TypeTitle, string Department, string RegionCode, string RegionName, DateOnly AsOf,
    string FileName, string Sha256, int Rows, int Refused, string Via, string LoadedBy, DateTimeOffset LoadedAt);

public sealed record DepartmentListPage(IReadOnlyList<DepartmentListEntry> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>The history of department lists, newest upload first: every upload is kept, none overwritten.</summary>
public sealed class ListDepartmentLists(AppDbContext db)
{
    public const int DefaultPageSize = 50;

    public async Task<Result<DepartmentListPage>> HandleAsync(ListDepartmentListsRequest request, CancellationToken ct)
    {
        var query = db.DepartmentLists.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Type))
        {
            var type = ListTypes.Find(request.Type);
            if (type is null)
                return Result.Invalid([new FieldError(nameof(request.Type), "list.type_unknown", $"没有名单类型“{request.Type.Trim()}”")]);
            query = query.Where(l => l.Type == type.Key);
        }
        if (request.Regions is { } regions)
        {
            // The regions lists cover are few (the county, its townships): decided here, not in SQL.
            var codes = await query.Select(l => l.RegionCode).Distinct().ToListAsync(ct);
            var shown = codes.Where(c => regions.Any(r => c.StartsWith(r, StringComparison.Ordinal) || r.StartsWith(c, StringComparison.Ordinal))).ToList();
            query = query.Where(l => shown.Contains(l.RegionCode));
        }

        var pageSize = Math.Clamp(request.PageSize, 1, 200);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);
        var lists = await query.OrderByDescending(l => l.LoadedAt).ThenByDescending(l => l.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var regionCodes = lists.Select(l => l.RegionCode).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(r => regionCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return new DepartmentListPage(
            [.. lists.Select(l => new DepartmentListEntry(l.Id, l.Type, ListTypes.Find(l.Type)?.Title ?? l.Type, l.Department, l.RegionCode,
                names.GetValueOrDefault(l.RegionCode, l.RegionCode), l.AsOf, l.FileName, l.Sha256, l.Rows, l.Refused, l.Via, l.LoadedBy, l.LoadedAt))],
            total, page, pageSize);
    }
}
