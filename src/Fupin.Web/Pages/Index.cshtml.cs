using Fupin.Regions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages;

public sealed class IndexModel(GetRegionTree tree) : PageModel
{
    /// <summary>The top of the registry with its children; null while the database is empty.</summary>
    public RegionTree? Tree { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await tree.HandleAsync(new GetRegionTreeRequest(), ct);
        Tree = result.IsOk ? result.Value : null;
    }
}
