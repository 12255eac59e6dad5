using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Industry.Entities;

/// <summary>经营主体名录: the entities with their linkage this year, filters, totals and the export.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchBusinessEntities search, CurrentUser me) : PageModel
{
    public EntityQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Industries { get; private set; } = [];
    public BusinessEntityList? Results { get; private set; }
    public string? Error { get; private set; }
    public bool CanManage => me.Can(IndustryRoles.CanManageEntities);

    public async Task<IActionResult> OnGetAsync([FromQuery] EntityQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        Regions = await ChecksApi.RegionsAsync(db, ct);
        Industries = await EntityChoices.IndustriesAsync(db, ct);
        var found = await search.HandleAsync(query.ToRequest(), ct);
        if (found.IsOk) Results = found.Value;
        else Error = string.Join("；", found.Failure.Errors.Select(e => e.Message));
        return Page();
    }

    /// <summary>The export link with the current filters.</summary>
    public string ExportUrl => "/api/industry/entities/export" + Request.QueryString.Value;
}
