using Fupin.Common;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Households;

public sealed class EditMemberModel(GetHousehold get, EditMember edit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MemberEdit Input { get; set; } = new();

    /// <summary>健康状况 is a multi-select; the form posts one value per ticked box.</summary>
    [BindProperty]
    public List<HealthConditions> Health { get; set; } = [];

    public HouseholdDetails Household { get; private set; } = null!;
    public MemberDetails Member { get; private set; } = null!;
    public bool Conflict { get; private set; }
    public int Year => clock.Today().Year;

    /// <param name="reason">A reason to start from, e.g. 核实疑点#12 when the edit follows a confirmed finding.</param>
    public async Task<IActionResult> OnGetAsync(long householdId, long id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(householdId, id, ct)) return NotFound();
        Input = MemberEdit.From(Member) with { Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 100)] };
        Health = [.. Enum.GetValues<HealthConditions>().Where(f => f != HealthConditions.None && Member.Health.HasFlag(f))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long householdId, long id, CancellationToken ct)
    {
        if (!await LoadAsync(householdId, id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();

        Input = Input with { Health = Health.Aggregate(HealthConditions.None, (all, f) => all | f) };
        var result = await edit.HandleAsync(new EditMemberRequest(id, Input, Editor.Of(HttpContext)), ct);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/households/{householdId}?saved=1");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                return Page();
            case var failure:
                foreach (var e in failure.Errors) ModelState.AddModelError($"{nameof(Input)}.{e.Field}", e.Message);
                return Page();
        }
    }

    async Task<bool> LoadAsync(long householdId, long memberId, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetHouseholdRequest(householdId), ct);
        if (!result.IsOk || result.Value.Members.FirstOrDefault(m => m.Id == memberId) is not { } member) return false;
        Household = result.Value;
        Member = member;
        return true;
    }
}
