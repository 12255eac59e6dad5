using System.Globalization;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Assessment;

/// <summary>
/// One sample, village by village; each row opens into its result form (usable on a phone in the
/// field). ?filter=wrong|missed|disapprove|pending narrows the list to what a readiness card links to.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class SampleModel(GetEvaluationSample get, RecordSampleResult record, CurrentUser me, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "filter")] public string? Filter { get; set; }

    public EvaluationSampleDetails Sample { get; private set; } = null!;
    public IReadOnlyList<SampledHouseholdRow> Rows { get; private set; } = [];
    public long? FailedRow { get; private set; }
    public long? SavedRow { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool CanEnter => me.Can(AssessmentPolicies.CanSample) && !Sample.Closed;
    public string Today => clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "row")] long row, [FromForm(Name = "version")] long version,
        [FromForm(Name = "surveyedOn")] string? surveyedOn, [FromForm(Name = "surveyor")] string? surveyor, [FromForm(Name = "persons")] int? persons,
        [FromForm(Name = "wrong")] int? wrong, [FromForm(Name = "missed")] int? missed, [FromForm(Name = "headName")] string? headName,
        [FromForm(Name = "approves")] string? approves, [FromForm(Name = "policy")] bool policy, [FromForm(Name = "measures")] bool measures,
        [FromForm(Name = "exit")] bool exit, [FromForm(Name = "cadres")] bool cadres, [FromForm(Name = "note")] string? note, CancellationToken ct)
    {
        if (!me.Can(AssessmentPolicies.CanSample)) return Forbid();
        DateOnly? on = DateOnly.TryParseExact(surveyedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        bool? approve = approves switch { "yes" => true, "no" => false, _ => null };
        var result = await record.HandleAsync(new RecordSampleResultRequest(row, version, on, surveyor, persons, wrong, missed, headName,
            approve, policy, measures, exit, cadres, note, Editor.Of(HttpContext)), ct);
        if (result.IsOk)
        {
            SavedRow = row;
        }
        else
        {
            if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
            FailedRow = row;
            Errors = result.Failure.Errors;
            Message = result.Failure.Kind == FailureKind.Conflict ? result.Failure.Message : null;
            Response.StatusCode = result.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var result = await get.HandleAsync(Id, ct);
        if (!result.IsOk) return NotFound();
        Sample = result.Value;
        Rows = Filter switch
        {
            "wrong" => [.. Sample.Households.Where(h => h.WrongExitPersons > 0)],
            "missed" => [.. Sample.Households.Where(h => h.MissedPersons > 0)],
            "disapprove" => [.. Sample.Households.Where(h => h.Approves == false)],
            "pending" => [.. Sample.Households.Where(h => h.SurveyedOn is null)],
            _ => Sample.Households,
        };
        return null;
    }

    public string FilterLabel => Filter switch
    {
        "wrong" => "有错退人口的脱贫户",
        "missed" => "有漏评人口的非建档立卡户",
        "disapprove" => "不认可的户",
        "pending" => "未调查的户",
        _ => "全部",
    };
}
