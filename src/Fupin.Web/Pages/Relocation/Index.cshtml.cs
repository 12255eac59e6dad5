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

/// <summary>易地扶贫搬迁: the settlement sites with their headline numbers; a new site for those who maintain them.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchSettlementSites search, AddSettlementSite add, CurrentUser me) : PageModel
{
    public RelocationQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public SettlementSiteList? Results { get; private set; }
    public IReadOnlyList<(long Id, string Code, string Name)> Projects { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanManage => me.Can(ProjectRoles.CanManageSites);
    public bool ShowForm { get; private set; }

    [BindProperty] public SiteForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery] RelocationQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Role is not { } role || !ProjectRoles.CanManageSites(role)) return Forbid();
        var result = await add.HandleAsync(new AddSettlementSiteRequest(Form.ToInput(), Editor.Of(HttpContext), role), ct);
        if (result.IsOk) return Redirect($"/relocation/{result.Value.Id}?saved=site");
        Errors = result.Failure.Errors;
        ShowForm = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var found = await search.HandleAsync(new SearchSettlementSitesRequest(Query.Region, Query.Kind), ct);
        if (found.IsOk) Results = found.Value;
        else Errors = found.Failure.Errors;
        if (CanManage) Projects = await ProjectsOfAsync(db, ProjectCategory.Relocation, ct);
    }

    public static async Task<IReadOnlyList<(long Id, string Code, string Name)>> ProjectsOfAsync(AppDbContext db, ProjectCategory category, CancellationToken ct) =>
        [.. (await db.Projects.AsNoTracking().Where(p => p.Category == category).OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct)).Select(p => (p.Id, p.Code, p.Name))];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}

/// <summary>The site form of the list and site pages.</summary>
public sealed class SiteForm
{
    public string? Name { get; set; }
    public SettlementKind Kind { get; set; } = SettlementKind.Concentrated;
    public string? RegionCode { get; set; }
    public long? ProjectId { get; set; }
    public int CapacityPersons { get; set; }
    public int HousesPlanned { get; set; }
    public int HousesBuilt { get; set; }
    public int HousesHandedOver { get; set; }
    public List<SiteFacility> Facilities { get; set; } = [];
    public string? FollowUpNote { get; set; }
    public long Version { get; set; }

    public SiteInput ToInput() => new()
    {
        Name = Name, Kind = Kind, RegionCode = RegionCode, ProjectId = ProjectId, CapacityPersons = CapacityPersons, HousesPlanned = HousesPlanned,
        HousesBuilt = HousesBuilt, HousesHandedOver = HousesHandedOver, Facilities = Facilities, FollowUpNote = FollowUpNote,
    };
}
