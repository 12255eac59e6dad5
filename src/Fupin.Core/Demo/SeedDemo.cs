using System.Diagnostics;
using System.Globalization;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

public sealed record SeedDemoRequest(int Seed = DemoCounty.DefaultSeed);

public sealed record SeedDemoResult(int Villages, int PoorVillages, int Households, int Members, int IncomeRecords, int Visits = 0, int Exits = 0);

/// <summary>
/// Writes the demo county 南召县 (see <see cref="DemoGenerator"/>) into an empty database: the
/// region chain and the 16 townships (the state factories listed under the county are left out),
/// the villages through EF, then the households with members and income in batches of raw
/// inserts (binary COPY on PostgreSQL; EF took over 30 s for the 130k rows on SQLite), all in one
/// transaction and without per-row history; one change record notes the seed.
/// </summary>
public sealed class SeedDemo(AppDbContext db)
{
    const int BatchSize = 2000;

    public async Task<SeedDemoResult> HandleAsync(SeedDemoRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var existing = await db.Households.CountAsync(ct);
        if (existing > 0)
            throw new InvalidOperationException($"数据库中已有 {existing} 户建档立卡户，演示数据只能写入空库（seed={request.Seed}）。");

        progress?.Report($"正在生成演示县数据（seed={request.Seed}）……");
        var watch = Stopwatch.StartNew();
        var registry = DemoGenerator.Generate(request.Seed, db.Clock.Today());
        var timeline = registry.Timeline;
        progress?.Report($"已生成 {registry.Villages.Count} 个村、{registry.Households.Count} 户、{registry.MemberCount} 人（{watch.ElapsedMilliseconds} ms）");

        var now = db.Clock.GetUtcNow();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.Audit.Suppressed = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            var known = (await db.Regions.Select(r => r.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            db.Regions.AddRange(registry.Regions.Concat(registry.Villages).Where(r => !known.Contains(r.Code)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var total = registry.Households.Count;
            await using (var writer = new BulkWriter(db))
            {
                var householdId = await writer.NextIdAsync<Household>(ct);
                var memberId = await writer.NextIdAsync<Member>(ct);
                var incomeId = await writer.NextIdAsync<IncomeRecord>(ct);
                var visitId = await writer.NextIdAsync<HouseholdVisit>(ct);
                var exitId = await writer.NextIdAsync<ExitProcedure>(ct);
                var stepId = await writer.NextIdAsync<ExitProcedureStep>(ct);
                for (var start = 0; start < total; start += BatchSize)
                {
                    var batch = registry.Households.Skip(start).Take(BatchSize).ToList();
                    foreach (var h in batch)
                    {
                        h.Id = householdId++;
                        h.CreatedAt = now;
                        h.UpdatedAt = now;
                        foreach (var m in h.Members)
                        {
                            m.Id = memberId++;
                            m.HouseholdId = h.Id;
                        }
                        foreach (var i in h.Incomes)
                        {
                            i.Id = incomeId++;
                            i.HouseholdId = h.Id;
                        }
                        foreach (var v in timeline.Visits.GetValueOrDefault(h) ?? [])
                        {
                            v.Id = visitId++;
                            v.HouseholdId = h.Id;
                        }
                        if (timeline.Exits.GetValueOrDefault(h) is { } exit)
                        {
                            exit.Id = exitId++;
                            exit.HouseholdId = h.Id;
                            foreach (var step in exit.Steps)
                            {
                                step.Id = stepId++;
                                step.ProcedureId = exit.Id;
                                step.HouseholdId = h.Id;
                            }
                        }
                    }
                    await writer.InsertAsync(batch, ct);
                    await writer.InsertAsync(batch.SelectMany(h => h.Members), ct);
                    await writer.InsertAsync(batch.SelectMany(h => h.Incomes), ct);
                    await writer.InsertAsync(batch.SelectMany(h => timeline.Visits.GetValueOrDefault(h) ?? []), ct);
                    var exits = batch.Select(h => timeline.Exits.GetValueOrDefault(h)).OfType<ExitProcedure>().ToList();
                    await writer.InsertAsync(exits, ct);
                    await writer.InsertAsync(exits.SelectMany(e => e.Steps), ct);
                    progress?.Report($"已写入 {start + batch.Count}/{total} 户");
                }
                await writer.AdvanceIdentityAsync<Household>(ct);
                await writer.AdvanceIdentityAsync<Member>(ct);
                await writer.AdvanceIdentityAsync<IncomeRecord>(ct);
                await writer.AdvanceIdentityAsync<HouseholdVisit>(ct);
                await writer.AdvanceIdentityAsync<ExitProcedure>(ct);
                await writer.AdvanceIdentityAsync<ExitProcedureStep>(ct);
            }

            var result = new SeedDemoResult(
                registry.Villages.Count,
                registry.Villages.Count(v => v.IsPoorVillage),
                total,
                registry.MemberCount,
                registry.IncomeRecordCount,
                timeline.VisitCount,
                timeline.Exits.Count);
            db.Changes.Add(new ChangeRecord
            {
                CountyCode = DemoCounty.CountyCode,
                At = now,
                User = db.Audit.User,
                Entity = "DemoSeed",
                Action = "新增",
                NewValue = string.Create(CultureInfo.InvariantCulture,
                    $"{result.Villages}个村（贫困村{result.PoorVillages}个），{result.Households}户，{result.Members}人，收入记录{result.IncomeRecords}条，入户走访{result.Visits}次，退出程序{result.Exits}个"),
                Reason = string.Create(CultureInfo.InvariantCulture, $"生成演示县数据 seed={request.Seed}"),
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);

            progress?.Report($"演示县数据写入完成，用时 {watch.Elapsed.TotalSeconds:0.0} 秒");
            return result;
        }
        finally
        {
            db.Audit.Suppressed = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}

public static class DemoCounty
{
    public const int DefaultSeed = 20181008;
    public const string CountyCode = "411321";
    public static readonly DateOnly BusinessDate = new(2018, 10, 8);

    /// <summary>The county's 摘帽 target: the demo timeline does the planned exits by then, the plan counts down to it.</summary>
    public static readonly DateOnly ExitTargetDate = new(2019, 12, 31);
}
