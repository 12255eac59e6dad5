using Fupin.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Households;

public sealed class DetailsModel(GetHousehold get) : PageModel
{
    public HouseholdDetails Household { get; private set; } = null!;

    /// <summary>Set after a successful edit (redirected here with ?saved=1).</summary>
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? saved, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetHouseholdRequest(id), ct);
        if (!result.IsOk) return NotFound();
        Household = result.Value;
        Saved = saved == 1;
        return Page();
    }
}
