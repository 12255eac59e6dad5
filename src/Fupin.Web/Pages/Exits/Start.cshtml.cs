using Fupin.Assessment;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Exits;

/// <summary>启动退出程序: the household's exit test for the year, then the confirmation that starts the procedure.</summary>
[Authorize(Policy = ExitPolicies.WorkExits)]
public sealed class StartModel(GetExitProcedure get, StartExitProcedure start, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "household")] public long HouseholdId { get; set; }
    [BindProperty] public int? Year { get; set; }

    public HouseholdExit Exit { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public int CurrentYear => clock.Today().Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var result = await start.HandleAsync(new StartExitProcedureRequest(HouseholdId, Year, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk) return Redirect($"/exits/{result.Value.Id}?saved=started");
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        Errors = result.Failure.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await get.ForHouseholdAsync(HouseholdId, ct) is not { } exit) return false;
        Exit = exit;
        return true;
    }
}
