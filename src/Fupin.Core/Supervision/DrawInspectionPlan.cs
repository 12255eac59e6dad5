using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="TownshipCodes">The townships to inspect (9-digit codes of the county).</param>
/// <param name="Seed">The random seed; null draws one (and stores it, so the sample can be drawn again).</param>
/// <param name="TemplateId">The checklist; null: the county's active inspection checklist (seeded when there is none).</param>
public sealed record DrawInspectionPlanRequest(string CountyCode, IReadOnlyList<string> TownshipCodes, DateOnly PlannedOn, int? Seed,
    InspectionSampleSize? Size, long? TemplateId, string? Name, string User, long? UserId, Role Role);

public sealed record InspectionPlanDrawn(long Id, string Name, int Seed, int Targets, int Villages, int Households, int Workshops, int Sites);

/// <summary>
/// Draws an unannounced inspection (四不两直): per chosen township its poor and other villages, per sampled village
/// still-poor, exited and non-registered household slots, and per township relocated households, workshops and
/// settlement sites. One seeded generator over lists in code (number, id) order, so the same seed over the same
/// registry draws the same targets. The plan is saved sealed, with its targets, in one transaction.
/// </summary>
public sealed class DrawInspectionPlan(AppDbContext db, TimeProvider clock)
{
    public const int MaxVillagesPerTownship = 20;
    public const int MaxPerVillage = 30;
    public const int MaxPerTownship = 50;

    public async Task<Result<InspectionPlanDrawn>> HandleAsync(DrawInspectionPlanRequest request, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!SupervisionRoles.CanInspect(request.Role))
            return Result.Invalid([new FieldError(nameof(request.TownshipCodes), SupervisionRoles.NotAllowedCode, "只有督查人员和县领导可以抽取暗访样本")]);
        var county = request.CountyCode?.Trim() ?? "";
        if (county.Length != 6 || !db.Scope.Covers(county)) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");
        var countyExists = await db.Regions.AsNoTracking().AnyAsync(r => r.Code == county && r.Level == RegionLevel.County, ct);
        if (!countyExists) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");

        var errors = new List<FieldError>();
        var size = request.Size ?? new InspectionSampleSize();
        var codes = (request.TownshipCodes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderBy(c => c, StringComparer.Ordinal).ToList();
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var townships = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(county))
            .Select(r => new { r.Code, r.Name }).ToListAsync(ct);
#pragma warning restore CA1310
        var townshipNames = townships.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal);
        if (codes.Count == 0) errors.Add(new FieldError(nameof(request.TownshipCodes), "inspection.townships_required", "请至少选择一个乡镇"));
        foreach (var c in codes.Where(c => !townshipNames.ContainsKey(c)))
            errors.Add(new FieldError(nameof(request.TownshipCodes), "inspection.township_unknown", $"乡镇“{c}”不是本县的乡镇"));
        if (request.PlannedOn < clock.Today())
            errors.Add(new FieldError(nameof(request.PlannedOn), "inspection.planned_past", "暗访日期不能早于今天"));
        else if (request.PlannedOn > clock.Today().AddYears(1))
            errors.Add(new FieldError(nameof(request.PlannedOn), "inspection.planned_far", "暗访日期不能晚于一年以后"));
        foreach (var (field, value, max, label) in new[]
        {
            (nameof(size.PoorVillages), size.PoorVillages, MaxVillagesPerTownship, "每乡镇贫困村数"),
            (nameof(size.OtherVillages), size.OtherVillages, MaxVillagesPerTownship, "每乡镇非贫困村数"),
            (nameof(size.NotExitedPerVillage), size.NotExitedPerVillage, MaxPerVillage, "每村未脱贫户数"),
            (nameof(size.ExitedPerVillage), size.ExitedPerVillage, MaxPerVillage, "每村已脱贫户数"),
            (nameof(size.NonRegisteredPerVillage), size.NonRegisteredPerVillage, MaxPerVillage, "每村非建档立卡户数"),
            (nameof(size.RelocatedPerTownship), size.RelocatedPerTownship, MaxPerTownship, "每乡镇易地搬迁户数"),
            (nameof(size.Workshops), size.Workshops, MaxVillagesPerTownship, "每乡镇扶贫车间数"),
            (nameof(size.SettlementSites), size.SettlementSites, MaxVillagesPerTownship, "每乡镇安置点数"),
        })
        {
            if (value < 0 || value > max) errors.Add(new FieldError(field, "inspection.size", $"{label}应在0到{max.ToString(inv)}之间"));
        }
        if (size.PoorVillages + size.OtherVillages + size.RelocatedPerTownship + size.Workshops + size.SettlementSites == 0)
            errors.Add(new FieldError(nameof(size.PoorVillages), "inspection.size_empty", "抽取数量不能全为0"));
        long? templateId = request.TemplateId;
        if (templateId is { } tid && !await db.ChecklistTemplates.AnyAsync(t => t.Id == tid && t.CountyCode == county && t.Kind == ChecklistKind.Inspection, ct))
            errors.Add(new FieldError(nameof(request.TemplateId), "inspection.template_unknown", "请选择本县的暗访检查表"));
        var name = string.IsNullOrWhiteSpace(request.Name)
            ? $"{request.PlannedOn.Year.ToString(inv)}年{request.PlannedOn.Month.ToString(inv)}月{string.Join("、", codes.Where(townshipNames.ContainsKey).Select(c => townshipNames[c]))}暗访"
            : request.Name.Trim();
        if (name.Length > 100) errors.Add(new FieldError(nameof(request.Name), "inspection.name_too_long", "暗访名称不能超过100字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var seed = request.Seed ?? Random.Shared.Next();
        var targets = await DrawAsync(county, codes, size, seed, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = request.User.Length > 64 ? request.User[..64] : request.User;
        templateId ??= await DefaultInspectionTemplate.EnsureAsync(db, county, user, ct);
        var plan = new InspectionPlan
        {
            CountyCode = county, Name = name, PlannedOn = request.PlannedOn, TownshipCodes = string.Join(",", codes), Seed = seed,
            Parameters = JsonSerializer.Serialize(size), TemplateId = templateId.Value, Status = InspectionStatus.Sealed,
            CreatedBy = user, CreatedByUserId = request.UserId, CreatedAt = clock.GetUtcNow(),
        };
        db.InspectionPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        foreach (var t in targets) t.PlanId = plan.Id;
        db.InspectionTargets.AddRange(targets);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new InspectionPlanDrawn(plan.Id, name, seed, targets.Count,
            targets.Count(t => t.Kind == InspectionTargetKind.Village), targets.Count(t => t.Kind == InspectionTargetKind.Household),
            targets.Count(t => t.Kind == InspectionTargetKind.Workshop), targets.Count(t => t.Kind == InspectionTargetKind.SettlementSite));
    }

    async Task<List<InspectionTarget>> DrawAsync(string county, List<string> townships, InspectionSampleSize size, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var prefixes = townships;
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var villages = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(county))
            .Select(r => new { r.Code, r.IsPoorVillage }).ToListAsync(ct);
        var households = await db.Households.AsNoTracking().Where(h => h.CountyCode == county)
            .Select(h => new { h.Id, h.Number, h.VillageCode, h.Status }).ToListAsync(ct);
        var relocated = await db.RelocatedHouseholds.AsNoTracking().Where(r => r.CountyCode == county)
            .Join(db.SettlementSites, r => r.SiteId, s => s.Id, (r, s) => new { r.Id, r.HouseholdId, SiteRegion = s.RegionCode })
            .Join(db.Households, r => r.HouseholdId, h => h.Id, (r, h) => new { r.Id, r.HouseholdId, h.Number, h.VillageCode, r.SiteRegion })
            .ToListAsync(ct);
        var workshops = await db.Workshops.AsNoTracking().Where(w => w.CountyCode == county).Select(w => new { w.Id, w.VillageCode }).ToListAsync(ct);
        var sites = await db.SettlementSites.AsNoTracking().Where(s => s.CountyCode == county).Select(s => new { s.Id, s.RegionCode }).ToListAsync(ct);
#pragma warning restore CA1310
        var byVillage = households.GroupBy(h => h.VillageCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.Number, StringComparer.Ordinal).ThenBy(h => h.Id).ToList(), StringComparer.Ordinal);
        bool In(string code, string township) => code.StartsWith(township, StringComparison.Ordinal);

        var rows = new List<InspectionTarget>();
        var drawn = new HashSet<long>(); // a household is drawn once in a plan (a relocated family may belong to two townships)
        foreach (var township in prefixes)
        {
            InspectionTarget Add(InspectionStratum stratum, InspectionTargetKind kind, string region, int slot) =>
                new() { CountyCode = county, TownshipCode = township, RegionCode = region, Stratum = stratum, Kind = kind, Slot = slot };

            var own = villages.Where(v => In(v.Code, township)).OrderBy(v => v.Code, StringComparer.Ordinal).ToList();
            var poorVillages = Pick(random, own.Where(v => v.IsPoorVillage).Select(v => v.Code).ToList(), size.PoorVillages);
            var otherVillages = Pick(random, own.Where(v => !v.IsPoorVillage).Select(v => v.Code).ToList(), size.OtherVillages);
            var slot = 0;
            foreach (var v in poorVillages) rows.Add(Add(InspectionStratum.PoorVillage, InspectionTargetKind.Village, v, ++slot));
            slot = 0;
            foreach (var v in otherVillages) rows.Add(Add(InspectionStratum.OtherVillage, InspectionTargetKind.Village, v, ++slot));

            int notExitedSlot = 0, exitedSlot = 0, nonRegisteredSlot = 0;
            foreach (var village in poorVillages.Concat(otherVillages).OrderBy(v => v, StringComparer.Ordinal))
            {
                var list = byVillage.GetValueOrDefault(village) ?? [];
                foreach (var h in Pick(random, list.Where(h => h.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).ToList(), size.NotExitedPerVillage))
                {
                    drawn.Add(h.Id);
                    var t = Add(InspectionStratum.NotExited, InspectionTargetKind.Household, village, ++notExitedSlot);
                    t.HouseholdId = h.Id;
                    rows.Add(t);
                }
                foreach (var h in Pick(random, list.Where(h => h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy).ToList(), size.ExitedPerVillage))
                {
                    drawn.Add(h.Id);
                    var t = Add(InspectionStratum.Exited, InspectionTargetKind.Household, village, ++exitedSlot);
                    t.HouseholdId = h.Id;
                    rows.Add(t);
                }
                for (var k = 0; k < size.NonRegisteredPerVillage; k++)
                    rows.Add(Add(InspectionStratum.NonRegistered, InspectionTargetKind.Household, village, ++nonRegisteredSlot));
            }

            var movers = relocated.Where(r => (In(r.VillageCode, township) || In(r.SiteRegion, township)) && !drawn.Contains(r.HouseholdId))
                .OrderBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.Id)
                .DistinctBy(r => r.HouseholdId).ToList();
            slot = 0;
            foreach (var r in Pick(random, movers, size.RelocatedPerTownship))
            {
                var t = Add(InspectionStratum.Relocated, InspectionTargetKind.Household, In(r.VillageCode, township) ? r.VillageCode : r.SiteRegion, ++slot);
                t.HouseholdId = r.HouseholdId;
                drawn.Add(r.HouseholdId);
                rows.Add(t);
            }

            slot = 0;
            foreach (var w in Pick(random, workshops.Where(w => In(w.VillageCode, township)).OrderBy(w => w.Id).ToList(), size.Workshops))
            {
                var t = Add(InspectionStratum.Workshop, InspectionTargetKind.Workshop, w.VillageCode, ++slot);
                t.WorkshopId = w.Id;
                rows.Add(t);
            }

            slot = 0;
            foreach (var s in Pick(random, sites.Where(s => In(s.RegionCode, township)).OrderBy(s => s.Id).ToList(), size.SettlementSites))
            {
                var t = Add(InspectionStratum.SettlementSite, InspectionTargetKind.SettlementSite, s.RegionCode, ++slot);
                t.SiteId = s.Id;
                rows.Add(t);
            }
        }
        return rows;
    }

    /// <summary><paramref name="count"/> items drawn without replacement (partial Fisher–Yates over the indexes), returned in list order.</summary>
    static List<T> Pick<T>(Random random, IReadOnlyList<T> items, int count)
    {
        var n = Math.Min(count, items.Count);
        var index = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < n; i++)
        {
            var j = i + random.Next(items.Count - i);
            (index[i], index[j]) = (index[j], index[i]);
        }
        var taken = index.Take(n).Order().ToList();
        return [.. taken.Select(i => items[i])];
    }
}
