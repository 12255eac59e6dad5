using System.Text.Json;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Registry;

public sealed record FreezeSnapshotRequest(int Year, string RegionCode);

public sealed record FreezeSnapshotResult(int Year, int Households, int Replaced);

/// <summary>
/// Freezes every household under a region as of a year ("the register as of 2017"): the household,
/// its members and that year's income as one JSON document. Freezing a year again replaces that
/// year's snapshots of the region, in one transaction.
/// </summary>
public sealed class FreezeSnapshot(AppDbContext db, TimeProvider clock)
{
    const int Batch = 1000;

    public async Task<FreezeSnapshotResult> HandleAsync(FreezeSnapshotRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var (year, code) = (request.Year, request.RegionCode);
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var replaced = await db.Snapshots.Where(s => s.Year == year && s.VillageCode.StartsWith(code)).ExecuteDeleteAsync(ct);

        var ids = await db.Households.AsNoTracking().Where(h => h.VillageCode.StartsWith(code)).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(ct);
        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var i = 0; i < ids.Count; i += Batch)
            {
                var batch = ids.GetRange(i, Math.Min(Batch, ids.Count - i));
                var households = await db.Households.AsNoTracking().AsSplitQuery()
                    .Where(h => batch.Contains(h.Id))
                    .Include(h => h.Members)
                    .Include(h => h.Incomes.Where(x => x.Year == year))
                    .ToListAsync(ct);
                foreach (var h in households)
                {
                    db.Snapshots.Add(new HouseholdSnapshot
                    {
                        Year = year,
                        HouseholdId = h.Id,
                        CountyCode = h.CountyCode,
                        VillageCode = h.VillageCode,
                        Number = h.Number,
                        Status = h.Status,
                        Attribute = h.Attribute,
                        MemberCount = h.Members.Count,
                        FrozenAt = now,
                        Document = SnapshotDocument.Serialize(h),
                    });
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report($"已冻结 {Math.Min(i + Batch, ids.Count)}/{ids.Count} 户");
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = previous;
        }
        await tx.CommitAsync(ct);
        return new FreezeSnapshotResult(year, ids.Count, replaced);
    }
}

/// <summary>The JSON form of a frozen household, read back by <see cref="SnapshotDocument.Deserialize"/>.</summary>
public static class SnapshotDocument
{
    static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new ResidentIdJsonConverter() },
        ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles,
    };

    public static string Serialize(Household household) => JsonSerializer.Serialize(household, Options);

    public static Household Deserialize(string document) =>
        JsonSerializer.Deserialize<Household>(document, Options) ?? throw new InvalidDataException("empty snapshot document");

    sealed class ResidentIdJsonConverter : System.Text.Json.Serialization.JsonConverter<ResidentId>
    {
        public override ResidentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ResidentId.FromKey(reader.GetInt64());
        public override void Write(Utf8JsonWriter writer, ResidentId value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Key);
    }
}
