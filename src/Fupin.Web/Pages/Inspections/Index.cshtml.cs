using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Inspections;

/// <summary>暗访督查: the plans the user sees (sealed ones only for inspectors and leaders), searchable by name.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(ListInspectionPlans list, CurrentUser me) : PageModel
{
    public bool CanInspect => me.Can(SupervisionRoles.CanInspect);
    public string? Q { get; private set; }
    public IReadOnlyList<InspectionPlanRow> Plans { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "q")] string? q, CancellationToken ct)
    {
        Q = q;
        Plans = await list.HandleAsync(q, ct);
    }
}
