using System.Globalization;
using Fupin.Common;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Surveys;

/// <summary>
/// The answer form of one sampled household, made for a phone in the field: date, surveyor, each question as a row
/// of large choices, or “未能调查” with its reason. Saving goes back to the village's households or on to the next one.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class HouseholdModel(GetSurveyedHousehold get, RecordSurveyAnswers record, CurrentUser me, TimeProvider clock) : PageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [FromRoute(Name = "sid")] public long Sid { get; set; }

    public SurveyedHouseholdDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Saved { get; private set; }
    public bool CanEnter => me.Can(SupervisionRoles.CanManageSurveys) && !Details.Survey.Closed;

    // What the form shows: the posted values after a refusal, else the saved ones.
    public Dictionary<string, string> Answers { get; private set; } = new(StringComparer.Ordinal);
    public string SurveyedOn { get; private set; } = "";
    public string Surveyor { get; private set; } = "";
    public string Mode { get; private set; } = "answered";
    public string? Reason { get; private set; }
    public string? Note { get; private set; }

    public string? Err(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "saved")] bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Saved = saved;
        var h = Details.Household;
        Answers = new Dictionary<string, string>(h.Answers, StringComparer.Ordinal);
        SurveyedOn = (h.SurveyedOn ?? clock.Today()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Surveyor = h.Surveyor ?? me.DisplayName;
        Mode = h.Unreached ? "unreached" : "answered";
        if (h.Unreached && h.Note is { } n)
        {
            var reason = RecordSurveyAnswers.UnreachedReasons.FirstOrDefault(x => n.StartsWith(x, StringComparison.Ordinal));
            Reason = reason ?? n;
            Note = reason is null ? null : n[reason.Length..].TrimStart('：');
        }
        else Note = h.Note;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "version")] long version, [FromForm(Name = "surveyedOn")] string? surveyedOn,
        [FromForm(Name = "surveyor")] string? surveyor, [FromForm(Name = "mode")] string? mode, [FromForm(Name = "reason")] string? reason,
        [FromForm(Name = "note")] string? note, [FromForm(Name = "next")] string? next, CancellationToken ct)
    {
        if (!me.Can(SupervisionRoles.CanManageSurveys)) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        var answers = Request.Form.Keys.Where(k => k.StartsWith("a.", StringComparison.Ordinal))
            .ToDictionary(k => k[2..], k => (string?)Request.Form[k].ToString(), StringComparer.Ordinal);
        var unreached = mode == "unreached";
        DateOnly? on = DateOnly.TryParseExact(surveyedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var result = await record.HandleAsync(new RecordSurveyAnswersRequest(Sid, version, on, surveyor, unreached ? null : answers,
            unreached ? (string.IsNullOrWhiteSpace(reason) ? "其他" : reason) : null, note, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk)
        {
            var inv = CultureInfo.InvariantCulture;
            if (next is not null && Details.NextPending is { } n)
                return Redirect($"/surveys/{Id.ToString(inv)}/households/{n.ToString(inv)}");
            return Redirect($"/surveys/{Id.ToString(inv)}?region={Details.Household.VillageCode}&saved={Sid.ToString(inv)}#households");
        }
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        Errors = result.Failure.Errors;
        Message = result.Failure.Kind == FailureKind.Conflict ? result.Failure.Message : "有题目未答或答案有误，请按提示修改";
        Response.StatusCode = result.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Answers = answers.Where(a => !string.IsNullOrEmpty(a.Value)).ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        (SurveyedOn, Surveyor, Mode, Reason, Note) = (surveyedOn ?? "", surveyor ?? "", unreached ? "unreached" : "answered", reason, note);
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await get.HandleAsync(Id, Sid, ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        return true;
    }
}
