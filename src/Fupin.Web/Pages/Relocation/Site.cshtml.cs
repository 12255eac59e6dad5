using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Relocation;

/// <summary>
/// One settlement site: 搬得出、稳得住、能致富 in numbers, the building project's plan against actual, the
/// relocated families with the no-work gap marked; for those who maintain sites the site, family and follow-up forms.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class SiteModel(AppDbContext db, GetSettlementSite get, UpdateSettlementSite update, AddRelocatedHousehold addFamily,
    UpdateRelocatedHousehold updateFamily, RemoveRelocatedHousehold removeFamily, CurrentUser me) : PageModel
{
    public SettlementSiteDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FormName { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(ProjectRoles.CanManageSites);
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Code, string Name)> Projects { get; private set; } = [];

    /// <summary>The family whose follow-up form is open (?edit=).</summary>
    public RelocatedRow? Editing { get; private set; }

    [BindProperty] public SiteForm Form { get; set; } = new();
    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public long FamilyId { get; set; }
    [BindProperty] public long FamilyVersion { get; set; }
    [BindProperty] public DateOnly? MovedInOn { get; set; }
    [BindProperty] public bool OldHouseDemolished { get; set; }
    [BindProperty] public int StableJobs { get; set; }
    [BindProperty] public string? IndustrySupport { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, [FromQuery(Name = "edit")] long? edit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "site" => "安置点信息已保存。", "family" => "搬迁户已登记。", "followup" => "后续扶持情况已保存。", "removed" => "已移出该搬迁户。", _ => null,
        };
        if (edit is { } e && CanManage)
        {
            Editing = Details.Families.FirstOrDefault(f => f.Id == e);
            if (Editing is { } f)
                (FamilyId, FamilyVersion, MovedInOn, OldHouseDemolished, StableJobs, IndustrySupport) = (f.Id, f.Version, f.MovedInOn, f.OldHouseDemolished, f.StableJobs, f.IndustrySupport);
        }
        return Page();
    }

    public Task<IActionResult> OnPostSiteAsync(long id, CancellationToken ct) =>
        RunAsync(id, "site", role => update.HandleAsync(new UpdateSettlementSiteRequest(id, Form.Version, Form.ToInput(), Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostFamilyAsync(long id, CancellationToken ct) =>
        RunAsync(id, "family", async role =>
        {
            var number = HouseholdNumber?.Trim() ?? "";
            var household = number.Length == 0 ? null : await db.Households.AsNoTracking().Where(h => h.Number == number).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            if (household is null)
                return (Result<RelocatedHouseholdSaved>)Result.Invalid([new FieldError("HouseholdNumber", "relocation.household_unknown",
                    number.Length == 0 ? "请填写户编号" : $"户编号“{number}”不存在或不在您的管理范围内")]);
            return await addFamily.HandleAsync(new AddRelocatedHouseholdRequest(id, household.Value, MovedInOn, OldHouseDemolished, StableJobs, IndustrySupport,
                Editor.Of(HttpContext), role), ct);
        }, ct);

    public Task<IActionResult> OnPostFollowUpAsync(long id, CancellationToken ct) =>
        RunAsync(id, "followup", role => updateFamily.HandleAsync(new UpdateRelocatedHouseholdRequest(FamilyId, FamilyVersion, MovedInOn, OldHouseDemolished,
            StableJobs, IndustrySupport, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "removed", role => removeFamily.HandleAsync(new RemoveRelocatedHouseholdRequest(FamilyId, FamilyVersion, Editor.Of(HttpContext), role), ct), ct);

    async Task<IActionResult> RunAsync<T>(long id, string form, Func<Role, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !ProjectRoles.CanManageSites(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/relocation/{id}?saved={form}" + (form == "family" ? "#families" : ""));
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Conflict = failure.Kind == FailureKind.Conflict;
                Errors = failure.Errors;
                FormName = form;
                Editing = form is "followup" or "removed" ? Details.Families.FirstOrDefault(f => f.Id == FamilyId) : null;
                Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        if (CanManage)
        {
            Regions = await ChecksApi.RegionsAsync(db, ct);
            Projects = await IndexModel.ProjectsOfAsync(db, ProjectCategory.Relocation, ct);
            if (Request.Method == HttpMethods.Get)
            {
                var s = await db.SettlementSites.AsNoTracking().SingleAsync(x => x.Id == id, ct);
                Form = new SiteForm
                {
                    Name = s.Name, Kind = s.Kind, RegionCode = s.RegionCode, ProjectId = s.ProjectId, CapacityPersons = s.CapacityPersons,
                    HousesPlanned = s.HousesPlanned, HousesBuilt = s.HousesBuilt, HousesHandedOver = s.HousesHandedOver, Facilities = s.Facilities,
                    FollowUpNote = s.FollowUpNote, Version = s.Version,
                };
            }
        }
        return true;
    }

    public string? ErrorFor(string form, string field) =>
        FormName == form ? Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message : null;

    public string? SiteError(string field) => ErrorFor("site", field);

    public string? OtherErrors(string form, params string[] fields) =>
        FormName == form && Errors.Where(e => !fields.Contains(e.Field)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;
}
