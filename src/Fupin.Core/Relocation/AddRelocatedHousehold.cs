using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

public sealed record AddRelocatedHouseholdRequest(long SiteId, long HouseholdId, DateOnly? MovedInOn, bool OldHouseDemolished, int StableJobs,
    string? IndustrySupport, string User, Role Role);

public sealed record RelocatedHouseholdSaved(long Id, long SiteId, long Version);

/// <summary>
/// Relocates a registered household of the user's scope to a site: it moves out of its own village
/// (<see cref="RelocatedHousehold.FromVillageCode"/>) with all its members. A household is relocated
/// once, to one site (<see cref="RelocationRules.AlreadyRelocatedCode"/>). Bad input writes nothing.
/// </summary>
public sealed class AddRelocatedHousehold(AppDbContext db, TimeProvider clock)
{
    public const int MaxSupport = 200;

    public async Task<Result<RelocatedHouseholdSaved>> HandleAsync(AddRelocatedHouseholdRequest request, CancellationToken ct)
    {
        if (!await db.SettlementSites.AnyAsync(s => s.Id == request.SiteId, ct)) return Result.NotFound("未找到该安置点");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([RelocationRules.NotAllowed(nameof(request.HouseholdId))]);
        var h = await db.Households.AsNoTracking().Where(x => x.Id == request.HouseholdId)
            .Select(x => new { x.Id, x.CountyCode, x.VillageCode, Persons = x.Members.Count }).SingleOrDefaultAsync(ct);
        var errors = new List<FieldError>();
        if (h is null)
            errors.Add(new FieldError(nameof(request.HouseholdId), "relocation.household_unknown", "该户不存在或不在您的管理范围内"));
        else
        {
            var other = await db.RelocatedHouseholds.IgnoreQueryFilters().Where(r => r.HouseholdId == h.Id)
                .Join(db.SettlementSites.IgnoreQueryFilters(), r => r.SiteId, s => s.Id, (r, s) => s.Name).FirstOrDefaultAsync(ct);
            if (other is not null)
                errors.Add(new FieldError(nameof(request.HouseholdId), RelocationRules.AlreadyRelocatedCode, $"该户已登记搬迁到“{other}”，一户只能登记一个安置点"));
        }
        errors.AddRange(ValidateFollowUp(request.MovedInOn, request.StableJobs, request.IndustrySupport, h?.Persons, clock.Today()));
        if (errors.Count > 0) return Result.Invalid(errors);

        var row = new RelocatedHousehold
        {
            SiteId = request.SiteId, CountyCode = h!.CountyCode, HouseholdId = h.Id, FromVillageCode = h.VillageCode, Persons = h.Persons,
            MovedInOn = request.MovedInOn, OldHouseDemolished = request.OldHouseDemolished, StableJobs = request.StableJobs,
            IndustrySupport = Support(request.IndustrySupport), AddedBy = RelocationRules.Clip(request.User, 64), AddedAt = clock.GetUtcNow(),
        };
        db.RelocatedHouseholds.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two clerks adding the same household at once: the unique index on HouseholdId decides.
            db.ChangeTracker.Clear();
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), RelocationRules.AlreadyRelocatedCode, "该户已登记到安置点，一户只能登记一个安置点")]);
        }
        return new RelocatedHouseholdSaved(row.Id, row.SiteId, row.Version);
    }

    internal static string? Support(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static IEnumerable<FieldError> ValidateFollowUp(DateOnly? movedInOn, int stableJobs, string? support, int? persons, DateOnly today)
    {
        if (movedInOn is { } d && d > today)
            yield return new FieldError("MovedInOn", "relocation.moved_in_future", "入住日期不能晚于今天");
        if (stableJobs < 0 || (persons is { } p && stableJobs > p))
            yield return new FieldError("StableJobs", "relocation.stable_jobs_invalid", persons is { } n ? $"乡镇登记稳定就业人数应为0至{n}人（家庭人口）" : "乡镇登记稳定就业人数应为0或正整数");
        if (support?.Trim().Length > MaxSupport)
            yield return new FieldError("IndustrySupport", "relocation.support_too_long", $"产业扶持说明不能超过{MaxSupport}字");
    }
}
