using System.Diagnostics;
using System.Globalization;
using Fupin.Data;
using Fupin.Demo;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Generate;

/// <param name="County">One county of the province (its chain, townships and villages) instead of the whole province.</param>
public sealed record AddGeneratedRegionsRequest(string Province = "41", string? County = null);

public sealed record AddGeneratedRegionsResult(int Added, int Counties, int Townships, int Villages);

/// <summary>
/// Writes the places a generated registry file names into the database: the province down to its
/// townships from the region catalogue (<see cref="LoadRegions"/>) and the villages
/// <see cref="GenerateRegistryFile"/> synthesizes (the same for every seed and size), in bulk, in one
/// transaction (about 43,000 villages for Henan). Without them the import cannot place a household
/// (乡镇或行政村不存在). Regions already present are left as they are.
/// </summary>
public sealed class AddGeneratedRegions(AppDbContext db)
{
    public async Task<AddGeneratedRegionsResult> HandleAsync(AddGeneratedRegionsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var plan = ProvincePlan.For(request.Province);
        if (request.County is { } only) plan = plan.OnlyCounty(only);
        var placeName = request.County is null ? plan.Province.Name : plan.Counties[0].Name;
        var known = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var villages = new List<Region>();
        string? county = null;
        DemoLocale locale = null!;
        foreach (var t in plan.Townships)
        {
            if (t.CountyCode != county)
            {
                county = t.CountyCode;
                locale = DemoLocale.For(county);
            }
            villages.AddRange(t.Villages(locale).Select(v => v.Region));
        }
        var fresh = villages.Where(r => !known.Contains(r.Code)).ToList();

        var added = 0;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.Audit.Suppressed = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The catalogue's province, cities, counties and townships; then the synthesized villages in bulk.
            var catalogue = await new LoadRegions(db).HandleAsync(new LoadRegionsRequest(request.County ?? plan.Province.Code), ct);
            added = (catalogue?.Added ?? 0) + fresh.Count;
            await using (var writer = new BulkWriter(db)) await writer.InsertAsync(fresh, ct);
            db.Changes.Add(new ChangeRecord
            {
                CountyCode = ChangeRecord.NoCounty, // regions of many counties
                At = db.Clock.GetUtcNow(),
                User = db.Audit.User,
                Entity = "GeneratedRegions",
                Action = "新增",
                NewValue = string.Create(CultureInfo.InvariantCulture, $"{placeName}：新增区划{added}个（县级{plan.Counties.Count}个，乡镇{plan.AllTownships.Count}个，生成的行政村{villages.Count}个）"),
                Reason = "生成测试数据所需的区划",
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.Audit.Suppressed = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        progress?.Report($"已写入{placeName}的区划 {added} 个（{watch.Elapsed.TotalSeconds:0.0} 秒）");
        return new AddGeneratedRegionsResult(added, plan.Counties.Count, plan.AllTownships.Count, villages.Count);
    }
}
