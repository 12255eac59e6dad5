using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Workshops;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Workshops;

/// <summary>扶贫就业车间: built, operating, jobs and poor workers employed today; the list; a new workshop for those who maintain them.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchWorkshops search, AddWorkshop add, CurrentUser me) : PageModel
{
    public WorkshopQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public WorkshopList? Results { get; private set; }
    public IReadOnlyList<(long Id, string Code, string Name)> Projects { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanManage => me.Can(ProjectRoles.CanManageSites);
    public bool ShowForm { get; private set; }

    [BindProperty] public WorkshopForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([FromQuery] WorkshopQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Role is not { } role || !ProjectRoles.CanManageSites(role)) return Forbid();
        var result = await add.HandleAsync(new AddWorkshopRequest(Form.ToInput(), Editor.Of(HttpContext), role), ct);
        if (result.IsOk) return Redirect($"/workshops/{result.Value.Id}?saved=workshop");
        Errors = result.Failure.Errors;
        ShowForm = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var found = await search.HandleAsync(new SearchWorkshopsRequest(Query.Region, Query.Status), ct);
        if (found.IsOk) Results = found.Value;
        else Errors = found.Failure.Errors;
        if (CanManage) Projects = await Relocation.IndexModel.ProjectsOfAsync(db, ProjectCategory.Workshop, ct);
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}

public sealed class WorkshopForm
{
    public string? VillageCode { get; set; }
    public string? Name { get; set; }
    public long? ProjectId { get; set; }
    public WorkshopStatus Status { get; set; } = WorkshopStatus.Building;
    public string? Company { get; set; }
    public string? Contact { get; set; }
    public string? ContactPhone { get; set; }
    public string? Products { get; set; }
    public DateOnly? OpenedOn { get; set; }
    public int JobsPlanned { get; set; }
    public int WorkersTotal { get; set; }
    public long Version { get; set; }

    public WorkshopInput ToInput() => new()
    {
        VillageCode = VillageCode, Name = Name, ProjectId = ProjectId, Status = Status, Company = Company, Contact = Contact, ContactPhone = ContactPhone,
        Products = Products, OpenedOn = OpenedOn, JobsPlanned = JobsPlanned, WorkersTotal = WorkersTotal,
    };
}
