using System.Diagnostics;
using System.Globalization;
using Fupin.Data;
using Fupin.Demo;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Generate;

public sealed record AddGeneratedRegionsRequest(string Province = "41");

public sealed record AddGeneratedRegionsResult(int Added, int Counties, int Townships, int Villages);

/// <summary>
/// Writes the places a generated registry file names into the database: the province, its cities,
/// counties and townships from the region catalogue and the villages <see cref="GenerateRegistryFile"/>
/// synthesizes (the same for every seed and size). Without them the import cannot place a household
/// (乡镇或行政村不存在). Regions already present are left as they are; rows go in with bulk inserts in
/// one transaction (about 50,000 villages for Henan).
/// </summary>
public sealed class AddGeneratedRegions(AppDbContext db)
{
    public async Task<AddGeneratedRegionsResult> HandleAsync(AddGeneratedRegionsRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var plan = ProvincePlan.For(request.Province);
        var known = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        static Region Copy(Region r) => new() { Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode };
        var regions = new List<Region> { Copy(plan.Province) };
        regions.AddRange(plan.Cities.Select(Copy));
        regions.AddRange(plan.Counties.Select(Copy));
        regions.AddRange(plan.AllTownships.Select(Copy));
        var villages = 0;
        string? county = null;
        DemoLocale locale = null!;
        foreach (var t in plan.Townships)
        {
            if (t.CountyCode != county)
            {
                county = t.CountyCode;
                locale = DemoLocale.For(county);
            }
            foreach (var v in t.Villages(locale))
            {
                regions.Add(v.Region);
                villages++;
            }
        }
        var fresh = regions.Where(r => !known.Contains(r.Code)).ToList();

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.Audit.Suppressed = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using (var writer = new BulkWriter(db)) await writer.InsertAsync(fresh, ct);
            db.Changes.Add(new ChangeRecord
            {
                At = db.Clock.GetUtcNow(),
                User = db.Audit.User,
                Entity = "GeneratedRegions",
                Action = "新增",
                NewValue = string.Create(CultureInfo.InvariantCulture, $"{plan.Province.Name}：新增区划{fresh.Count}个（县级{plan.Counties.Count}个，乡镇{plan.AllTownships.Count}个，生成的行政村{villages}个）"),
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
        progress?.Report($"已写入{plan.Province.Name}的区划 {fresh.Count} 个（{watch.Elapsed.TotalSeconds:0.0} 秒）");
        return new AddGeneratedRegionsResult(fresh.Count, plan.Counties.Count, plan.AllTownships.Count, villages);
    }
}
