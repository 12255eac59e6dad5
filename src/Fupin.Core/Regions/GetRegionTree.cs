using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

/// <summary>A region and its children. No code: the top of the registry (the county when there is one).</summary>
public sealed record GetRegionTreeRequest(string? Code = null);

public sealed record RegionCrumb(string Code, string Name, RegionLevel Level);

/// <summary>The region itself with its totals, the path from the top down to it, and its children.</summary>
public sealed record RegionTree(RegionStatsRow Region, IReadOnlyList<RegionCrumb> Path, IReadOnlyList<RegionStatsRow> Children);

public sealed class GetRegionTree(AppDbContext db, GetRegionStats stats)
{
    public async Task<Result<RegionTree>> HandleAsync(GetRegionTreeRequest request, CancellationToken ct)
    {
        var code = request.Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            code = await db.TopRegionCodeAsync(ct);
            if (code is null) return Result.NotFound("还没有区划数据");
        }
        var counted = await stats.HandleAsync(new GetRegionStatsRequest(code), ct);
        if (counted is null) return Result.NotFound($"未找到区划代码{code}");

        var path = new List<RegionCrumb>();
        for (var r = await db.Regions.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
             r is not null;
             r = r.ParentCode is null ? null : await db.Regions.AsNoTracking().SingleOrDefaultAsync(x => x.Code == r.ParentCode, ct))
        {
            path.Insert(0, new RegionCrumb(r.Code, r.Name, r.Level));
        }
        return new RegionTree(counted.Total, path, counted.Children);
    }
}
