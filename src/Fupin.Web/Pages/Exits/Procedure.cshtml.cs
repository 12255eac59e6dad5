using Fupin.Assessment;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Exits;

/// <summary>
/// One exit procedure: the household and its test with each indicator's evidence, the step timeline,
/// and — for those allowed — the form for the next step, the county administrator's override and cancelling.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class ProcedureModel(GetExitProcedure get, RecordExitStep record, OverrideExitTest over, CancelExitProcedure cancel, CurrentUser me, TimeProvider clock) : PageModel
{
    public ExitProcedureDetails Procedure { get; private set; } = null!;

    [BindProperty] public long Version { get; set; }
    [BindProperty] public ExitStep? Step { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Conflict { get; private set; }

    /// <summary>Which form the errors belong to: step, override or cancel.</summary>
    public string? Form { get; private set; }
    public string? Saved { get; private set; }

    public DateOnly Today => clock.Today();
    public bool CanRecordNext => Procedure.NextStep is { } s && me.Role is { } r && ExitWorkflow.CanRecord(s, r);
    /// <summary>Offered only while the test does not pass: an override of a passing test would say nothing.</summary>
    public bool CanOverride => Procedure.Status == ExitProcedureStatus.InProgress && Procedure.Override is null && Procedure.Test is { Test.MeetsExitStandard: false }
        && me.Can(ExitWorkflow.CanOverride);
    public bool CanCancel => Procedure.Status == ExitProcedureStatus.InProgress && me.Can(ExitWorkflow.CanCancel);

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "started" => "退出程序已启动，并已记入该户的变更记录。",
            "step" => "步骤已登记，并已记入该户的变更记录。",
            "override" => "例外已登记：该户可继续办理退出程序。",
            "cancel" => "退出程序已终止，该户脱贫状态不变。",
            _ => null,
        };
        Version = Procedure.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !ExitWorkflow.CanWork(role)) return Forbid();
        Form = "step";
        if (Step is null || Date is null)
        {
            var missing = new List<FieldError>();
            if (Step is null) missing.Add(new FieldError(nameof(Step), "exit.step_invalid", "请选择要登记的步骤"));
            if (Date is null) missing.Add(new FieldError(nameof(Date), "exit.date_required", "请填写日期（yyyy-MM-dd）"));
            return Refused(missing);
        }
        return Answer(await record.HandleAsync(new RecordExitStepRequest(id, Version, Step.Value, Date.Value, Note, Editor.Of(HttpContext), role), ct), id, "step");
    }

    public async Task<IActionResult> OnPostOverrideAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !ExitWorkflow.CanWork(role)) return Forbid();
        Form = "override";
        return Answer(await over.HandleAsync(new OverrideExitTestRequest(id, Version, Reason, Editor.Of(HttpContext), role), ct), id, "override");
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !ExitWorkflow.CanWork(role)) return Forbid();
        Form = "cancel";
        return Answer(await cancel.HandleAsync(new CancelExitProcedureRequest(id, Version, Reason, Editor.Of(HttpContext), role), ct), id, "cancel");
    }

    IActionResult Answer(Result<ExitProcedureSaved> result, long id, string saved)
    {
        switch (result.Failure)
        {
            case null:
                return Redirect($"/exits/{id}?saved={saved}");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case var failure:
                return Refused(failure.Errors);
        }
    }

    PageResult Refused(IReadOnlyList<FieldError> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetExitProcedureRequest(id), ct);
        if (!result.IsOk) return false;
        Procedure = result.Value;
        return true;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>The date the step form suggests: today, or the earliest allowed date when that is later.</summary>
    public DateOnly SuggestedDate => Date ?? (Procedure.EarliestNextDate is { } e && e > Today ? e : Today);
}
