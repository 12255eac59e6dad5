using Fupin.Common;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Inspections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Checklists;

/// <summary>One template: its questions, editable in place (add a row, remove by clearing its code, reorder by the order numbers); one in use is saved as a copy.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
[Authorize(Policy = ChecklistsApi.EditPolicy)]
public sealed class DetailsModel(GetChecklistTemplate get, SaveChecklistTemplate save, CurrentUser me) : PageModel
{
    public ChecklistTemplateDetails Template { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Saved { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public bool IsActive { get; set; }
    [BindProperty] public long Version { get; set; }
    [BindProperty] public bool AsCopy { get; set; }
    [BindProperty] public List<QuestionRow> Questions { get; set; } = [];

    public sealed class QuestionRow
    {
        public int Order { get; set; }
        public string? Code { get; set; }
        public string? Section { get; set; }
        public string? Text { get; set; }
        public ChecklistSubject Subject { get; set; } = ChecklistSubject.Household;
        public AnswerKind Answer { get; set; } = AnswerKind.YesNo;
        public string? Options { get; set; }
        public string? FailValues { get; set; }
        public string? FindingText { get; set; }
        public bool Required { get; set; }
        public bool CountsForApproval { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (await get.HandleAsync(id, ct) is not { } t) return NotFound();
        Template = t;
        Name = t.Name;
        Description = t.Description;
        IsActive = t.IsActive;
        Version = t.Version;
        Questions = [.. t.Questions.Select((q, i) => new QuestionRow
        {
            Order = i + 1, Code = q.Code, Section = q.Section, Text = q.Text, Subject = q.Subject, Answer = q.Answer, Options = string.Join("|", q.Options),
            FailValues = string.Join("|", q.FailValues), FindingText = q.FindingText, Required = q.Required, CountsForApproval = q.CountsForApproval,
        }), new QuestionRow { Order = t.Questions.Count + 1, Required = true }];
        Saved = saved switch { "copy" => "原表已被使用，已另存为新表。", "1" => "已保存。", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await get.HandleAsync(id, ct) is not { } t) return NotFound();
        var rows = Questions.Where(q => !string.IsNullOrWhiteSpace(q.Code)).OrderBy(q => q.Order).ToList();
        var result = await save.HandleAsync(new SaveChecklistTemplateRequest(id, Version, InspectionsApi.CountyOf(me), t.Kind, Name, Description, IsActive,
            [.. rows.Select(q => new ChecklistQuestionInput(q.Code, q.Section, q.Text, q.Subject, q.Answer, q.Options, q.FailValues, q.FindingText, q.Required, q.CountsForApproval))],
            AsCopy, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk) return Redirect($"/checklists/{result.Value.Id}?saved={(result.Value.Copied ? "copy" : "1")}");
        Template = t;
        Errors = result.Failure.Errors.Count > 0 ? result.Failure.Errors : [new FieldError("", "checklist.conflict", result.Failure.Message)];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
