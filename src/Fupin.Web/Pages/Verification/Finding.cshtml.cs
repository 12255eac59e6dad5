using Fupin.Accounts;
using Fupin.Common;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Verification;

/// <summary>
/// One finding: what the list says, the household and member, the history, and for those who work
/// findings the status form (with the note a settled finding needs) and the evidence upload.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
[RequestSizeLimit(AddFindingEvidence.MaxBytes + 2 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AddFindingEvidence.MaxBytes + 1024 * 1024)]
public sealed class FindingModel(GetFinding get, UpdateFinding update, AddFindingEvidence addEvidence, CurrentUser me) : PageModel
{
    public FindingDetails Finding { get; private set; } = null!;

    [BindProperty] public long Version { get; set; }
    [BindProperty] public FindingStatus? Status { get; set; }
    [BindProperty] public string? AssignedTo { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Conflict { get; private set; }

    /// <summary>What was just saved (after the redirect): status, note or evidence.</summary>
    public string? Saved { get; private set; }

    public bool CanWork => me.Can(FindingWorkflow.CanWork);
    public bool CanEditRegistry => me.Can(Roles.CanEditRegistry);
    public IReadOnlyList<FindingStatus> NextStatuses => me.Role is { } role ? FindingWorkflow.Next(Finding.Status, role) : [];

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch { "status" => "办理结果已保存，并已记入办理记录和审计日志。", "evidence" => "证据文件已上传。", _ => null };
        Version = Finding.Version;
        AssignedTo = Finding.AssignedTo;
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !FindingWorkflow.CanWork(role)) return Forbid();
        var result = await update.HandleAsync(new UpdateFindingRequest(id, Version, Status, AssignedTo, Note, Editor.Of(HttpContext), role), ct);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/verification/findings/{id}?saved=status");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case var failure:
                Errors = failure.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    public async Task<IActionResult> OnPostEvidenceAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !FindingWorkflow.CanWork(role)) return Forbid();
        Version = Finding.Version;
        AssignedTo = Finding.AssignedTo;
        Status = null;
        Note = null;
        if (Upload is null)
        {
            Errors = [new FieldError("File", "evidence.empty", "请选择要上传的证据文件")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await addEvidence.HandleAsync(new AddFindingEvidenceRequest(id, Upload.FileName, Upload.Length, Upload.OpenReadStream, Editor.Of(HttpContext), role), ct);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/verification/findings/{id}?saved=evidence#evidence");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Errors = failure.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetFindingRequest(id), ct);
        if (!result.IsOk) return false;
        Finding = result.Value;
        return true;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    public string? CodeFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Code;

    /// <summary>The registry edit page the remedy points to.</summary>
    public string RemedyLink => (Finding.Remedy.Member && Finding.Member is { } m
        ? $"/households/{Finding.Household.Id}/members/{m.Id}/edit"
        : $"/households/{Finding.Household.Id}/edit") + "?reason=" + Uri.EscapeDataString($"核实疑点#{Finding.Id}");
}
