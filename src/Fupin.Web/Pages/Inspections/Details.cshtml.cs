using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Inspections;

/// <summary>
/// One plan: sealed — the counts and a 启封 button once the day has come (inspectors and leaders only; for everyone
/// else a sealed plan answers 404 like one that does not exist); open — the targets by township and stratum.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(GetInspectionPlan get, OpenInspectionPlan open, CloseInspectionPlan close, CurrentUser me) : PageModel
{
    public InspectionPlanDetails Plan { get; private set; } = null!;
    public bool CanInspect => me.Can(SupervisionRoles.CanInspect);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await get.HandleAsync(id, ct) is not { } plan) return NotFound();
        Plan = plan;
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken ct) =>
        await ChangeAsync(id, () => open.HandleAsync(new ChangeInspectionPlanRequest(id, Editor.Of(HttpContext), me.Role!.Value), ct), ct);

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        await ChangeAsync(id, () => close.HandleAsync(new ChangeInspectionPlanRequest(id, Editor.Of(HttpContext), me.Role!.Value), ct), ct);

    async Task<IActionResult> ChangeAsync(long id, Func<Task<Common.Result<InspectionPlanSaved>>> run, CancellationToken ct)
    {
        if (!CanInspect) return Forbid();
        var result = await run();
        if (result.IsOk) return Redirect($"/inspections/{id}");
        if (await get.HandleAsync(id, ct) is not { } plan) return NotFound();
        Plan = plan;
        Error = result.Failure.Errors.Count > 0 ? result.Failure.Errors[0].Message : result.Failure.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
