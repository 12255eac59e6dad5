using Fupin.Board;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Briefings;

/// <summary>A briefing as a printable page (A4 print stylesheet: no navigation when printed).</summary>
[Authorize(Policy = BoardPolicies.SeeBoard)]
public sealed class DetailsModel(GetBriefing get) : PageModel
{
    public BriefingView Briefing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var found = await get.HandleAsync(id, ct);
        if (!found.IsOk) return NotFound();
        Briefing = found.Value;
        return Page();
    }

    public static string Value(decimal? value) => value is { } v ? v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Change(decimal? change) => change switch
    {
        null => "—",
        0 => "持平",
        > 0 => "+" + Value(change),
        _ => "−" + Value(-change),
    };

    public static string ChangeClass(decimal? change) => change switch { > 0 => "up", < 0 => "down", _ => "" };
}
