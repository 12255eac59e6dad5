using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Inspections;

/// <summary>
/// The phone checklist of one target: what the register says, the questions by section, photos, location and a
/// note, posted by inspection-target.js to the API with a ClientKey (kept in IndexedDB while offline).
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class TargetModel(GetInspectionTarget get, GetInspectionVisit getVisit, CurrentUser me) : PageModel
{
    public InspectionTargetDetails Target { get; private set; } = null!;
    public InspectionVisitDetails? LastVisit { get; private set; }
    public bool CanRecord => Target.CanRecord && me.Can(SupervisionRoles.CanInspect);

    public async Task<IActionResult> OnGetAsync(long id, long targetId, CancellationToken ct)
    {
        if (await get.HandleAsync(id, targetId, ct) is not { } target) return NotFound();
        Target = target;
        if (target.Visits.Count > 0) LastVisit = await getVisit.HandleAsync(target.Visits[^1].Id, ct);
        return Page();
    }
}
