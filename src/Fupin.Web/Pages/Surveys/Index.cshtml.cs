using Fupin.Common;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Surveys;

/// <summary>满意度调查: the surveys of the user's counties by year, each with its progress (visited ÷ sampled) and 认可度.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(ListSatisfactionSurveys list, CurrentUser me) : PageModel
{
    [FromQuery(Name = "year")] public int? Year { get; set; }
    [FromQuery(Name = "county")] public string? County { get; set; }

    public IReadOnlyList<SatisfactionSurveySummary> Surveys { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public bool CanManage => me.Can(SupervisionRoles.CanManageSurveys);
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var all = await list.HandleAsync(new ListSatisfactionSurveysRequest(County), ct);
        if (!all.IsOk)
        {
            Errors = all.Failure.Errors;
            return Page();
        }
        Years = [.. all.Value.Select(s => s.Year).Distinct().OrderDescending()];
        Surveys = Year is { } y ? [.. all.Value.Where(s => s.Year == y)] : all.Value;
        return Page();
    }
}
