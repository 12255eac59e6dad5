using Fupin.Accounts;
using Fupin.Board;
using Fupin.Campaign;
using Fupin.Data;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Campaign;

/// <summary>攻坚台账: the county's lines under their headings with the light of each, filters and the export.</summary>
[Authorize(Policy = BoardPolicies.SeeCampaign)]
public sealed class IndexModel(AppDbContext db, SearchCampaign search, CurrentUser me) : PageModel
{
    public CampaignQuery Query { get; private set; } = new();
    public CampaignLedger? Ledger { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Townships { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Department { get; private set; }
    public bool CanManage => me.Can(BoardRoles.CanManageCampaign);

    public async Task<IActionResult> OnGetAsync([FromQuery] CampaignQuery query, CancellationToken ct)
    {
        if (CampaignApi.CountyOf(me, query.County) is not { } county) return NotFound();
        Query = query;
        Department = await DepartmentAsync(db, me, ct);
        Townships = [.. (await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => r.ParentCode == county && r.Level == RegionLevel.Township)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct)).Select(r => (r.Code, r.Name))];
        var found = await search.HandleAsync(query.ToRequest(county), ct);
        if (found.IsOk) Ledger = found.Value;
        else Error = string.Join("；", found.Failure.Errors.Select(e => e.Message));
        return Page();
    }

    public string ExportLink => "/campaign/export" + Query.QueryString();

    /// <summary>A department account's 责任单位 (null for other roles).</summary>
    public static async Task<string?> DepartmentAsync(AppDbContext db, CurrentUser me, CancellationToken ct) =>
        me.Role == Role.Department && me.Id is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Department).SingleOrDefaultAsync(ct)
            : null;

    public static string LightClass(CampaignLight light) => light switch
    {
        CampaignLight.Green => "light light-green",
        CampaignLight.Amber => "light light-amber",
        _ => "light light-red",
    };

    public static string LightText(CampaignTaskRow r) =>
        r.Light == CampaignLight.Red && r.PastDeadline && !r.Done ? "红灯（逾期未完成）" : r.Done ? "绿灯（已完成）" : r.LightLabel;
}
