using Fupin.Regions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Regions;

public sealed class IndexModel(GetRegionTree tree) : PageModel
{
    public RegionTree? Tree { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        var result = await tree.HandleAsync(new GetRegionTreeRequest(code), ct);
        if (!result.IsOk)
        {
            if (code is not null) return NotFound();
            return Page();
        }
        Tree = result.Value;
        return Page();
    }
}
