using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Checklists;

/// <summary>检查表和问卷: the county's inspection checklists and satisfaction questionnaires.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
[Authorize(Policy = ChecklistsApi.EditPolicy)]
public sealed class IndexModel(ListChecklistTemplates list) : PageModel
{
    public IReadOnlyList<ChecklistTemplateRow> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Templates = await list.HandleAsync(null, ct);
}
