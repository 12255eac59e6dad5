using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;

namespace Fupin.Relocation;

/// <summary>What the township reports about a site: where, how, how big, how far the houses are, which of 五个有 are in place.</summary>
public sealed record SiteInput
{
    public string? Name { get; init; }
    public SettlementKind Kind { get; init; }
    public string? RegionCode { get; init; }
    public long? ProjectId { get; init; }
    public int CapacityPersons { get; init; }
    public int HousesPlanned { get; init; }
    public int HousesBuilt { get; init; }
    public int HousesHandedOver { get; init; }
    public IReadOnlyList<SiteFacility> Facilities { get; init; } = [];
    public string? FollowUpNote { get; init; }
}

public sealed record AddSettlementSiteRequest(SiteInput Site, string User, Role Role);

public sealed record SettlementSiteSaved(long Id, long Version);

/// <summary>
/// A new settlement site. Houses built never exceed houses planned, houses handed over never exceed
/// houses built; the site stands in a village or township of the user's scope; a linked project is a
/// relocation project. Bad input writes nothing.
/// </summary>
public sealed class AddSettlementSite(AppDbContext db, TimeProvider clock)
{
    public const int MaxName = 64;
    public const int MaxNote = 1000;
    public const int MaxCount = 1_000_000;

    public async Task<Result<SettlementSiteSaved>> HandleAsync(AddSettlementSiteRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([RelocationRules.NotAllowed(nameof(SiteInput.Name))]);
        var errors = await ValidateAsync(db, request.Site, ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        var region = request.Site.RegionCode!.Trim();
        var site = new SettlementSite { CountyCode = region[..6], RegionCode = region, Name = "" };
        Apply(site, request.Site, request.User, clock.Today());
        db.SettlementSites.Add(site);
        await db.SaveChangesAsync(ct);
        return new SettlementSiteSaved(site.Id, site.Version);
    }

    internal static void Apply(SettlementSite site, SiteInput input, string user, DateOnly today)
    {
        site.Name = input.Name!.Trim();
        site.Kind = input.Kind;
        site.ProjectId = input.ProjectId;
        site.CapacityPersons = input.CapacityPersons;
        site.HousesPlanned = input.HousesPlanned;
        site.HousesBuilt = input.HousesBuilt;
        site.HousesHandedOver = input.HousesHandedOver;
        site.Facilities = [.. input.Facilities.Distinct().Order()];
        site.FollowUpNote = string.IsNullOrWhiteSpace(input.FollowUpNote) ? null : input.FollowUpNote.Trim();
        site.UpdatedOn = today;
        site.UpdatedBy = RelocationRules.Clip(user, 64);
    }

    internal static async Task<List<FieldError>> ValidateAsync(AppDbContext db, SiteInput s, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = s.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(s.Name), "relocation.name_required", "请填写安置点名称"));
        else if (name.Length > MaxName) errors.Add(new FieldError(nameof(s.Name), "relocation.name_too_long", $"安置点名称不能超过{MaxName}字"));
        if (!Enum.IsDefined(s.Kind)) errors.Add(new FieldError(nameof(s.Kind), "relocation.kind_invalid", "请选择安置方式（集中安置或分散安置）"));
        if (await RelocationRules.CheckRegionAsync(db, nameof(s.RegionCode), s.RegionCode?.Trim() ?? "", villageOnly: false, "relocation", ct) is { } r) errors.Add(r);
        if (await RelocationRules.CheckProjectAsync(db, nameof(s.ProjectId), s.ProjectId, ProjectCategory.Relocation, "relocation", ct) is { } p) errors.Add(p);
        foreach (var (field, value) in new[] { (nameof(s.CapacityPersons), s.CapacityPersons), (nameof(s.HousesPlanned), s.HousesPlanned), (nameof(s.HousesBuilt), s.HousesBuilt), (nameof(s.HousesHandedOver), s.HousesHandedOver) })
        {
            if (value is < 0 or > MaxCount) errors.Add(new FieldError(field, "relocation.count_invalid", "数量应为0或正整数"));
        }
        if (s.HousesBuilt > s.HousesPlanned)
            errors.Add(new FieldError(nameof(s.HousesBuilt), "relocation.built_over_planned", $"已建成套数（{s.HousesBuilt}）不能超过计划套数（{s.HousesPlanned}）"));
        if (s.HousesHandedOver > s.HousesBuilt)
            errors.Add(new FieldError(nameof(s.HousesHandedOver), "relocation.handed_over_over_built", $"已交付套数（{s.HousesHandedOver}）不能超过已建成套数（{s.HousesBuilt}）"));
        if (s.Facilities.Any(f => !Enum.IsDefined(f))) errors.Add(new FieldError(nameof(s.Facilities), "relocation.facility_invalid", "配套设施无效"));
        if (s.FollowUpNote?.Trim().Length > MaxNote) errors.Add(new FieldError(nameof(s.FollowUpNote), "relocation.note_too_long", $"后续扶持说明不能超过{MaxNote}字"));
        return errors;
    }
}
