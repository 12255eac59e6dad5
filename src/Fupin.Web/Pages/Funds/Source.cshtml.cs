using Fupin.Funds;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Funds;

/// <summary>One fund source: its figures as of today, every allocation of it and every 拨付 and 支出 against them.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class SourceModel(GetFundSource get) : PageModel
{
    public FundSourceDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return NotFound();
        Details = result.Value;
        return Page();
    }
}
