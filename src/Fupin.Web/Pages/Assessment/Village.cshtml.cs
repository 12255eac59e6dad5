using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Assessment;

/// <summary>A village's exit indicators for a year and its checklist form (county office and townships).</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class VillageModel(AssessVillages assess, RecordVillageChecklist record, CurrentUser me, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "code")] public string Code { get; set; } = "";
    [FromQuery(Name = "year")] public int? Year { get; set; }

    public VillageExit Village { get; private set; } = null!;
    public VillageExitReport Report { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Saved { get; private set; }
    public bool CanEdit => me.Can(AssessmentPolicies.CanRecordChecklist);
    public int SelectedYear => Year ?? clock.Today().Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "year")] int year, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        Year = year;
        var answers = new List<ChecklistAnswerInput>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("met_", StringComparison.Ordinal)))
        {
            if (!int.TryParse(key.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture, out var id)) continue;
            var value = Request.Form[key].ToString();
            if (value is not ("yes" or "no")) continue;
            answers.Add(new ChecklistAnswerInput(id, value == "yes", Request.Form["evidence_" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)].ToString()));
        }
        var result = await record.HandleAsync(new RecordVillageChecklistRequest(Code, year, answers, Editor.Of(HttpContext)), ct);
        if (!result.IsOk)
        {
            if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
            Errors = result.Failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Saved = true;
        }
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Code.Length != 12) return NotFound();
        var result = await assess.HandleAsync(new AssessVillagesRequest(Code, SelectedYear), null, ct);
        if (!result.IsOk) return NotFound();
        Report = result.Value;
        var village = result.Value.Villages.FirstOrDefault(v => v.Code == Code);
        if (village is null) return NotFound();
        Village = village;
        return null;
    }
}
