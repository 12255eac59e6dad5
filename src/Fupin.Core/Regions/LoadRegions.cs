using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

/// <param name="Code">A province, city or county code: that region, the regions above it and every region below it down to township.</param>
public sealed record LoadRegionsRequest(string Code);

public sealed record LoadRegionsResult(int Added, int Known);

/// <summary>
/// Adds a region of the national division catalogue to the database, with its parents and all its
/// counties and townships, so a registry file naming them can be imported (villages come from the
/// file or the county). Regions already present are left as they are; running it again adds nothing.
/// </summary>
public sealed class LoadRegions(AppDbContext db)
{
    public async Task<LoadRegionsResult?> HandleAsync(LoadRegionsRequest request, CancellationToken ct)
    {
        if (RegionCatalog.Find(request.Code) is not { Level: < RegionLevel.Village } root) return null;
        var wanted = new List<Region>();
        for (var r = RegionCatalog.Find(root.ParentCode ?? ""); r is not null; r = r.ParentCode is null ? null : RegionCatalog.Find(r.ParentCode)) wanted.Insert(0, r);
        var queue = new Queue<Region>([root]);
        while (queue.TryDequeue(out var r))
        {
            wanted.Add(r);
            foreach (var child in RegionCatalog.ChildrenOf(r.Code)) queue.Enqueue(child);
        }

        var codes = wanted.Select(r => r.Code).ToList();
        var known = (await db.Regions.IgnoreQueryFilters().Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = wanted.Where(r => !known.Contains(r.Code))
            .Select(r => new Region { Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode }).ToList();
        db.Regions.AddRange(added);
        await db.SaveChangesAsync(ct);
        return new LoadRegionsResult(added.Count, known.Count);
    }
}
