using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Assessment;

/// <summary>The county's evaluation samples and, for the county office and inspectors, the form that draws one.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class SamplesModel(AppDbContext db, ListEvaluationSamples list, DrawEvaluationSample draw, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<EvaluationSampleSummary> Samples { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanDraw => me.Can(AssessmentPolicies.CanSample);
    public int DefaultYear => clock.Today().Year;
    public SampleParameters Defaults { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "year")] int year, [FromForm(Name = "seed")] int? seed, [FromForm(Name = "name")] string? name,
        [FromForm(Name = "villages")] int villages, [FromForm(Name = "poorShare")] decimal poorShare,
        [FromForm(Name = "exited")] int exited, [FromForm(Name = "poor")] int poor, [FromForm(Name = "nonRegistered")] int nonRegistered,
        CancellationToken ct)
    {
        if (!CanDraw) return Forbid();
        var county = await AssessmentApi.DefaultCountyAsync(db, ct);
        if (county is null) return NotFound();
        var result = await draw.HandleAsync(new DrawEvaluationSampleRequest(county, year, seed, new SampleParameters(villages, null, poorShare / 100m, exited, poor, nonRegistered), name, Editor.Of(HttpContext)), ct);
        if (result.IsOk) return Redirect("/assessment/samples/" + result.Value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        Errors = result.Failure.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var county = await AssessmentApi.DefaultCountyAsync(db, ct);
        if (county is null) return NotFound();
        Samples = await list.HandleAsync(county, ct);
        return null;
    }
}
