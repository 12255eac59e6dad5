using Fupin.Common;
using Fupin.Households;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Households;

public sealed class EditModel(GetHousehold get, EditHousehold edit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public HouseholdEdit Input { get; set; } = new();

    public HouseholdDetails Household { get; private set; } = null!;

    /// <summary>Someone else saved first; nothing of this form was saved.</summary>
    public bool Conflict { get; private set; }

    public int Year => clock.Today().Year;

    /// <param name="reason">A reason to start from, e.g. 核实疑点#12 when the edit follows a confirmed finding.</param>
    public async Task<IActionResult> OnGetAsync(long id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = HouseholdEdit.From(Household) with { Reason = Clip(reason) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();

        var result = await edit.HandleAsync(new EditHouseholdRequest(id, Input, Editor.Of(HttpContext)), ct);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/households/{id}?saved=1");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                return Page();
            case var failure:
                foreach (var e in failure.Errors) ModelState.AddModelError($"{nameof(Input)}.{e.Field}", e.Message);
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetHouseholdRequest(id), ct);
        if (!result.IsOk) return false;
        Household = result.Value;
        return true;
    }

    static string? Clip(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 100)];
}
