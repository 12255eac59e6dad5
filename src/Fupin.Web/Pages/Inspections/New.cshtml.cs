using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Inspections;

/// <summary>抽取暗访样本: townships, the day, the sizes and an optional seed; saved sealed.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
[Authorize(Policy = SupervisionPolicies.Inspect)]
public sealed class NewModel(AppDbContext db, DrawInspectionPlan draw, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(string Code, string Name)> Townships { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    [BindProperty] public List<string> TownshipCodes { get; set; } = [];
    [BindProperty] public DateOnly? PlannedOn { get; set; }
    [BindProperty] public int? Seed { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public InspectionSampleSize Size { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        PlannedOn = clock.Today();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await draw.HandleAsync(new DrawInspectionPlanRequest(InspectionsApi.CountyOf(me), TownshipCodes, PlannedOn ?? DateOnly.MinValue, Seed, Size,
            null, Name, Editor.Of(HttpContext), me.Id, me.Role!.Value), ct);
        if (result.IsOk) return Redirect($"/inspections/{result.Value.Id}");
        Errors = result.Failure.Errors.Count > 0 ? result.Failure.Errors : [new FieldError("", "inspection.not_found", result.Failure.Message)];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var county = InspectionsApi.CountyOf(me);
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var rows = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(county))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
#pragma warning restore CA1310
        Townships = [.. rows.Select(r => (r.Code, r.Name))];
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}
