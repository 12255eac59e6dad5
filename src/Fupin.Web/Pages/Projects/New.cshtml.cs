using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Projects;

/// <summary>村申报: a new project of the pool, with its application documents.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 10 * 1024 * 1024)]
[RequestSizeLimit(11 * 10 * 1024 * 1024)]
public sealed class NewModel(AppDbContext db, CreateProject create, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public DateOnly Today => clock.Today();

    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public ProjectCategory? Category { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty(Name = "Content")] public string? ProjectContent { get; set; }
    [BindProperty] public string? ResponsibleUnit { get; set; }
    [BindProperty] public string? ResponsiblePerson { get; set; }
    [BindProperty] public string? ResponsiblePhone { get; set; }
    [BindProperty] public decimal? BudgetYuan { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public DateOnly? AppliedOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<IFormFile>? Documents { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(ProjectRoles.CanApply)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Role is not { } role || !ProjectRoles.CanApply(role)) return Forbid();
        var fen = ProjectsApi.FenOf(BudgetYuan);
        Result<ProjectSaved> result = fen is null
            ? Result.Invalid([new FieldError(nameof(CreateProjectRequest.BudgetFen), "project.budget_invalid", "请填写总投资（元，大于0，最多两位小数）")])
            : await create.HandleAsync(new CreateProjectRequest
            {
                RegionCode = RegionCode, Category = Category ?? 0, Name = Name, Code = Code, Content = ProjectContent, ResponsibleUnit = ResponsibleUnit,
                ResponsiblePerson = ResponsiblePerson, ResponsiblePhone = ResponsiblePhone, BudgetFen = fen.Value, Year = Year ?? 0,
                AppliedOn = AppliedOn, Note = Note, Documents = await ProjectUploads.ReadAllAsync(Documents, ct),
                User = Editor.Of(HttpContext), Role = role,
            }, ct);
        if (result.IsOk) return Redirect($"/projects/{result.Value.Id}?saved=new");
        Errors = result.Failure.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct) =>
        Regions = [.. (await ChecksApi.RegionsAsync(db, ct)).Where(r => r.Level is RegionLevel.Township or RegionLevel.Village)];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}
