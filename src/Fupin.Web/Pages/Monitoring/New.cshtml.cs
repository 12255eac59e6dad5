using Fupin.Common;
using Fupin.Data;
using Fupin.Monitoring;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Monitoring;

/// <summary>人工录入: a registered exited household by 户编号, or a household not in the register by village, head, ID and persons.</summary>
[Authorize(Policy = MonitoringPolicies.WorkMonitoring)]
public sealed class NewModel(AppDbContext db, AddMonitoringObject add, CurrentUser me) : PageModel
{
    public IReadOnlyList<(string Code, string Name)> Villages { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>registered or other.</summary>
    [BindProperty] public string Kind { get; set; } = "registered";
    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public string? VillageCode { get; set; }
    [BindProperty] public string? HeadName { get; set; }
    [BindProperty] public string? HeadIdNumber { get; set; }
    [BindProperty] public int? Persons { get; set; }
    [BindProperty] public MonitoringType Type { get; set; } = MonitoringType.UnstableExited;
    [BindProperty] public List<RiskType> Risks { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        long? householdId = null;
        if (Kind != "other")
        {
            var number = HouseholdNumber?.Trim() ?? "";
            householdId = number.Length == 0 ? null : await db.Households.AsNoTracking().Where(h => h.Number == number).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            if (householdId is null)
                return await InvalidAsync([new FieldError(nameof(HouseholdNumber), "monitoring.household_unknown", number.Length == 0 ? "请填写户编号" : $"户编号“{number}”不存在或不在您的管理范围内")], ct);
        }
        var result = await add.HandleAsync(new AddMonitoringObjectRequest
        {
            HouseholdId = householdId,
            VillageCode = householdId is null ? VillageCode : null,
            HeadName = HeadName, HeadIdNumber = HeadIdNumber, Persons = Persons,
            Type = Type, Risks = Risks, Reason = Reason, User = Editor.Of(HttpContext), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => Redirect($"/monitoring/{result.Value!.Id}?saved=new"),
            { Kind: FailureKind.NotFound } f => await InvalidAsync([new FieldError(nameof(HouseholdNumber), "monitoring.household_unknown", f.Message)], ct),
            var f => await InvalidAsync([.. f.Errors.Select(e => e.Field == "HouseholdId" ? e with { Field = nameof(HouseholdNumber) } : e)], ct),
        };
    }

    async Task<IActionResult> InvalidAsync(IReadOnlyList<FieldError> errors, CancellationToken ct)
    {
        Errors = errors;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task LoadAsync(CancellationToken ct) =>
        Villages = [.. (await ChecksApi.RegionsAsync(db, ct)).Where(r => r.Level == RegionLevel.Village).Select(r => (r.Code, r.Name))];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    public string? CodeFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Code;
}
