using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Inspections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Rectifications;

/// <summary>
/// 登记整改事项: a problem from 巡视反馈, 年度考核, 第三方评估, 审计 or another source; with <c>?finding=ID</c> a verification
/// finding becomes an item (its village, household and the rule's finding prefilled).
/// </summary>
[Authorize(Policy = SupervisionPolicies.ManageRectifications)]
public sealed class NewModel(AppDbContext db, CreateRectification create, GetFinding getFinding, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Owners { get; private set; } = [];
    public FindingDetails? Finding { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? TakenMessage { get; private set; }

    [BindProperty] public NewRectificationForm Form { get; set; } = new();

    public static readonly RectificationSource[] Sources =
        [RectificationSource.PatrolFeedback, RectificationSource.AnnualReview, RectificationSource.ThirdPartyEvaluation, RectificationSource.Audit, RectificationSource.Other];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "finding")] long? finding, CancellationToken ct)
    {
        var today = clock.Today();
        Form = new NewRectificationForm { FoundOn = today, Deadline = today.AddDays(RectificationItems.DefaultDeadlineDays), RequiredEvidence = RectificationRules.DefaultRequiredEvidence };
        if (finding is { } id)
        {
            if (!await LoadFindingAsync(id, ct)) return NotFound();
            var f = Finding!;
            Form.FindingId = id;
            Form.Problem = $"【{f.RuleTitle}】户 {f.Household.Number}（户主 {f.Household.HeadName}）{(f.Member is { } m ? "成员 " + m.Name + "：" : "：")}{f.Evidence}";
            Form.Requirement = "核实后" + f.Remedy.Text + "，并说明处理情况。";
            Form.ResponsibleUnit = f.TownshipName + "人民政府";
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.Role is not { } role) return Forbid();
        var result = await create.HandleAsync(new CreateRectificationRequest(Form.ToInput(), Editor.Of(HttpContext), role), ct);
        if (result.IsOk) return Redirect($"/rectifications/{result.Value.Id}?saved=created");
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        if (result.Failure.Kind == FailureKind.Conflict) TakenMessage = result.Failure.Message;
        Errors = result.Failure.Errors;
        Response.StatusCode = result.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        if (Form.FindingId is { } id) await LoadFindingAsync(id, ct);
        await LoadAsync(ct);
        return Page();
    }

    async Task<bool> LoadFindingAsync(long id, CancellationToken ct)
    {
        var found = await getFinding.HandleAsync(new GetFindingRequest(id), ct);
        if (!found.IsOk) return false;
        Finding = found.Value;
        TakenMessage ??= await db.Rectifications.AsNoTracking().Where(r => r.FindingId == id && r.Status != RectificationStatus.Closed)
            .Select(r => "该疑点已有未销号的整改事项 " + r.Number).FirstOrDefaultAsync(ct);
        return true;
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role }).ToListAsync(ct);
        Owners = [.. users.Where(u => SupervisionRoles.CanWorkOnRectifications(u.Role)).OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => (u.Id, $"{u.DisplayName}（{u.UserName}）"))];
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;
}

public sealed class NewRectificationForm
{
    public RectificationSource Source { get; set; } = RectificationSource.PatrolFeedback;
    public string? SourceDocument { get; set; }
    public string? RegionCode { get; set; }
    public string? HouseholdNumber { get; set; }
    public long? FindingId { get; set; }
    public string? Problem { get; set; }
    public string? Requirement { get; set; }
    public string? ResponsibleUnit { get; set; }
    public string? ResponsiblePerson { get; set; }
    public long? OwnerUserId { get; set; }
    public DateOnly? FoundOn { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? RequiredEvidence { get; set; }

    public RectificationInput ToInput() => new()
    {
        Source = Source, SourceDocument = SourceDocument, RegionCode = RegionCode, HouseholdNumber = HouseholdNumber, FindingId = FindingId, Problem = Problem,
        Requirement = Requirement, ResponsibleUnit = ResponsibleUnit, ResponsiblePerson = ResponsiblePerson, OwnerUserId = OwnerUserId, FoundOn = FoundOn,
        Deadline = Deadline, RequiredEvidence = RequiredEvidence,
    };
}
