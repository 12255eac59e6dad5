using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Funds;
using Fupin.Web.Pages.Inspections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Surveys;

/// <summary>抽取新调查: year, name, questionnaire, seed and the sample's size; drawn at once and shown.</summary>
[Authorize(Policy = SupervisionPolicies.ManageSurveys)]
public sealed class NewModel(AppDbContext db, DrawSatisfactionSurvey draw, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public int Year { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public long? TemplateId { get; set; }
    [BindProperty] public int? Seed { get; set; }
    [BindProperty] public int? VillagesPerTownship { get; set; } = SurveyParameters.DefaultVillagesPerTownship;
    [BindProperty] public string Size { get; set; } = "perVillage";
    [BindProperty] public int? HouseholdsPerVillage { get; set; } = SurveyParameters.DefaultHouseholdsPerVillage;
    [BindProperty] public int? Households { get; set; }
    [BindProperty] public int? ExitedPercent { get; set; }

    public string? County { get; private set; }
    public IReadOnlyList<(long Id, string Name)> Templates { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public int BusinessYear => clock.Today().Year;

    public string? Err(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = BusinessYear;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var p = new SurveyParameters(VillagesPerTownship, Size == "total" ? null : HouseholdsPerVillage, Size == "total" ? Households : null,
            ExitedPercent is { } pct ? pct / 100m : null);
        var result = await draw.HandleAsync(new DrawSatisfactionSurveyRequest(County ?? "", Year, Name, TemplateId, Seed, p, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk) return Redirect("/surveys/" + result.Value.Id.ToString(CultureInfo.InvariantCulture) + "?drawn=true");
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        Errors = result.Failure.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        County = FundsApi.DefaultCounty(me);
        Templates = County is null ? [] : (await db.ChecklistTemplates.AsNoTracking()
            .Where(t => t.CountyCode == County && t.Kind == ChecklistKind.Survey && t.IsActive)
            .OrderByDescending(t => t.Id).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();
    }
}
