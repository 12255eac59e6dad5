using Fupin.Common;
using Fupin.Data;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Verification;

/// <summary>
/// The village's findings on paper for the door-to-door check: a plain table with blank 核实情况 and
/// 签字 columns, the page's own print styles, no navigation. Pending findings unless asked otherwise.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class PrintModel(AppDbContext db, SearchFindings search, TimeProvider clock) : PageModel
{
    public const int MaxRows = 2000;

    public string VillageCode { get; private set; } = "";
    public string VillageName { get; private set; } = "";
    public string TownshipName { get; private set; } = "";
    public string StageLabel { get; private set; } = "";
    public string? RuleTitle { get; private set; }
    public IReadOnlyList<FindingRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string Today => Ui.Today(clock);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "village")] string? village, [FromQuery(Name = "rule")] string? rule, [FromQuery(Name = "stage")] string? stage, CancellationToken ct)
    {
        if (village?.Trim() is not { Length: 12 } code || !code.All(char.IsAsciiDigit)) return BadRequest();
        if (!db.Scope.Covers(code)) return NotFound();
        var township = code[..9];
        var names = await db.Regions.AsNoTracking().Where(r => r.Code == code || r.Code == township).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        if (!names.TryGetValue(code, out var name)) return NotFound();
        VillageCode = code;
        VillageName = name;
        TownshipName = names.GetValueOrDefault(township, "");

        var query = new FindingQuery { Region = code, Rule = rule, Stage = string.IsNullOrWhiteSpace(stage) ? "pending" : stage };
        var (request, failure) = query.ToRequest();
        if (failure is not null) return BadRequest();
        var (findings, bad) = search.Filter(request!);
        if (bad is not null) return BadRequest();
        Total = await findings.CountAsync(ct);
        Rows = await search.RowsAsync(SearchFindings.Ordered(findings).Take(MaxRows), ct);
        StageLabel = FindingsModel.Stages.FirstOrDefault(s => s.Value == query.Stage).Label ?? "";
        RuleTitle = ComparisonRules.Find(rule?.Trim())?.Title;
        return Page();
    }
}
