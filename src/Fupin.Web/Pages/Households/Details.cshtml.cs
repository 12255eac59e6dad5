using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Households;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Households;

public sealed class DetailsModel(GetHousehold get, RevealPersonalData reveal, CurrentUser me, GetExitProcedure exits) : PageModel
{
    public HouseholdDetails Household { get; private set; } = null!;

    /// <summary>The exit test of the year and the latest exit procedure.</summary>
    public HouseholdExit? Exit { get; private set; }

    public bool CanStartExit => me.Can(ExitWorkflow.CanWork);

    /// <summary>Set after a successful edit (redirected here with ?saved=1).</summary>
    public bool Saved { get; private set; }

    public bool CanEdit => me.Can(Roles.CanEditRegistry);
    public bool CanReveal => me.Can(Roles.CanReveal);

    /// <summary>A member's full ID number and phone, shown once in answer to the button (and logged).</summary>
    public RevealedPersonalData? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved == 1;
        return Page();
    }

    public async Task<IActionResult> OnPostRevealAsync(long id, long memberId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !Roles.CanReveal(role)) return Forbid();
        var result = await reveal.HandleAsync(new RevealPersonalDataRequest(id, memberId, me.UserName, role), ct);
        if (!result.IsOk) return NotFound();
        Revealed = result.Value;
        // The full numbers must not linger in caches or the browser's history.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetHouseholdRequest(id), ct);
        if (!result.IsOk) return false;
        Household = result.Value;
        Exit = await exits.ForHouseholdAsync(id, ct);
        return true;
    }
}
