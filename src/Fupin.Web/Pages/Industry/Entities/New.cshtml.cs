using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Industry.Entities;

/// <summary>A new business entity, for those who keep them.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class NewModel(AppDbContext db, AddBusinessEntity add, CurrentUser me) : PageModel
{
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Industries { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Workshops { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    [BindProperty] public EntityForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.Can(IndustryRoles.CanManageEntities)) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Role is not { } role || !IndustryRoles.CanManageEntities(role)) return Forbid();
        if (Form.ToInput() is not { } input)
            Errors = [new FieldError("AnnualOutputFen", "entity.size_invalid", "年产值无效（元，最多两位小数）")];
        else
        {
            var result = await add.HandleAsync(new AddBusinessEntityRequest(input, Editor.Of(HttpContext), role), ct);
            if (result.IsOk) return Redirect($"/industry/entities/{result.Value.Id}?saved=entity");
            Errors = result.Failure.Errors;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        Industries = await EntityChoices.IndustriesAsync(db, ct);
        Workshops = await EntityChoices.WorkshopsAsync(db, ct);
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}
