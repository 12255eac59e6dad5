using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Rectifications;

/// <summary>
/// One item: the problem, requirement, who is responsible, the deadline with the days left or overdue, the status
/// stepper, the history and the evidence; the forms of the flow for those who may use them.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(AppDbContext db, GetRectification get, ReportRectificationProgress progress, AddRectificationEvidence addEvidence,
    SubmitRectification submit, UpdateRectification update, ReviewRectification review, CurrentUser me) : PageModel
{
    public RectificationDetails Item { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FormName { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public IReadOnlyList<(long Id, string Name)> Owners { get; private set; } = [];

    public bool CanWork => me.Can(SupervisionRoles.CanWorkOnRectifications);
    public bool CanManage => me.Can(SupervisionRoles.CanManageRectifications);

    /// <summary>The signed-in user is the owner account or the submitter: the page says so instead of offering 销号.</summary>
    public bool IsOwn => (me.Id is { } id && Item.OwnerUserId == id) || string.Equals(Item.SubmittedBy, me.UserName, StringComparison.Ordinal);

    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Measures { get; set; }
    [BindProperty] public List<IFormFile>? Files { get; set; }
    [BindProperty] public string? ResponsibleUnit { get; set; }
    [BindProperty] public string? ResponsiblePerson { get; set; }
    [BindProperty] public long? OwnerUserId { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public string? DeadlineReason { get; set; }
    [BindProperty] public ReviewDecision Decision { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "created" => "整改事项已登记。", "progress" => "整改进展已保存。", "evidence" => "佐证材料已上传。", "submit" => "已提请验收。",
            "assign" => "交办信息已保存。", "closed" => "已验收销号。", "returned" => "已退回整改。", _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostProgressAsync(long id, CancellationToken ct) =>
        RunAsync(id, "progress", SupervisionRoles.CanWorkOnRectifications,
            role => progress.HandleAsync(new ReportRectificationProgressRequest(id, Version, Note, Measures, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostEvidenceAsync(long id, CancellationToken ct) =>
        RunAsync(id, "evidence", SupervisionRoles.CanWorkOnRectifications, async role =>
        {
            var files = await ProjectUploads.ReadAllAsync(Files, ct);
            return await addEvidence.HandleAsync(new AddRectificationEvidenceRequest(id, Version, files, Note, Editor.Of(HttpContext), role), ct);
        }, ct);

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) =>
        RunAsync(id, "submit", SupervisionRoles.CanWorkOnRectifications,
            role => submit.HandleAsync(new SubmitRectificationRequest(id, Version, Note, Measures, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, "assign", SupervisionRoles.CanManageRectifications, role => update.HandleAsync(new UpdateRectificationRequest
        {
            Id = id, Version = Version, ResponsibleUnit = ResponsibleUnit ?? "", ResponsiblePerson = ResponsiblePerson ?? "", OwnerUserId = OwnerUserId,
            ClearOwner = OwnerUserId is null, Deadline = Deadline, DeadlineReason = DeadlineReason, User = Editor.Of(HttpContext), Role = role,
        }, ct), ct);

    public Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct) =>
        RunAsync(id, Decision == ReviewDecision.Close ? "closed" : "returned", SupervisionRoles.CanManageRectifications,
            role => review.HandleAsync(new ReviewRectificationRequest(id, Version, Decision, Note, Editor.Of(HttpContext), me.Id, role), ct), ct);

    async Task<IActionResult> RunAsync<T>(long id, string form, Func<Role, bool> allowed, Func<Role, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !allowed(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/rectifications/{id}?saved={form}");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Conflict = failure.Kind == FailureKind.Conflict;
                Errors = failure.Errors;
                FormName = form is "closed" or "returned" ? "review" : form;
                Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                await LoadAsync(id, ct);
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return false;
        Item = result.Value;
        if (Request.Method == HttpMethods.Get)
        {
            ResponsibleUnit = Item.ResponsibleUnit;
            ResponsiblePerson = Item.ResponsiblePerson;
            OwnerUserId = Item.OwnerUserId;
            Deadline = Item.Deadline;
            Measures = Item.Measures;
        }
        if (CanManage) Owners = await OwnersAsync(db, Item.RegionCode, ct);
        return true;
    }

    /// <summary>Active accounts that may work on the item and whose regions cover its region: the owner accounts to choose from.</summary>
    public static async Task<IReadOnlyList<(long Id, string Name)>> OwnersAsync(AppDbContext db, string regionCode, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, Regions = u.Regions.Select(r => r.RegionCode).ToList() }).ToListAsync(ct);
        return [.. users.Where(u => SupervisionRoles.CanWorkOnRectifications(u.Role) && u.Regions.Any(r => regionCode.StartsWith(r, StringComparison.Ordinal)))
            .OrderBy(u => u.UserName, StringComparer.Ordinal).Select(u => (u.Id, $"{u.DisplayName}（{u.UserName}）"))];
    }

    public string? ErrorFor(string form, string field) =>
        FormName == form ? Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message : null;

    public string? FormErrors(string form) => FormName == form && Errors.Count > 0 ? string.Join("；", Errors.Select(e => e.Message)) : null;

    public string? FormCodes(string form) => FormName == form && Errors.Count > 0 ? string.Join(" ", Errors.Select(e => e.Code)) : null;
}
