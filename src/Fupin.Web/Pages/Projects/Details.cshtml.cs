using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Projects;

/// <summary>
/// One project: the approval path as a stepper, the schedule, progress reports with photos, plans, beneficiaries
/// and funds; the forms each role may use.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
[RequestFormLimits(MultipartBodyLengthLimit = 11 * 10 * 1024 * 1024)]
[RequestSizeLimit(11 * 10 * 1024 * 1024)]
public sealed class DetailsModel(AppDbContext db, GetProject get, AdvanceProject advance, ReturnProject @return, ResubmitProject resubmit,
    PlanProject plan, ReportProgress report, AddBeneficiary addBeneficiary, RemoveBeneficiary removeBeneficiary, CurrentUser me, TimeProvider clock) : PageModel
{
    public ProjectDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Form { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public DateOnly Today => clock.Today();

    [BindProperty] public long? Version { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<IFormFile>? Files { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public List<int>? Durations { get; set; }
    [BindProperty] public int? Seq { get; set; }
    [BindProperty] public int? Percent { get; set; }
    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public BenefitKind? Kind { get; set; }
    [BindProperty] public string? Benefit { get; set; }
    [BindProperty] public decimal? AmountYuan { get; set; }
    [BindProperty] public long? BeneficiaryId { get; set; }

    public bool CanAdvance => Details.NextStage is { } next && Details.ReturnedReason is null && me.Role is { } r && ProjectRoles.CanAdvanceTo(r, next);

    public bool CanReturn => me.Role is { } r && Details.Row.Stage switch
    {
        ProjectStage.Applied => Details.ReturnedReason is null && ProjectRoles.CanAdvanceTo(r, ProjectStage.TownshipReviewed),
        ProjectStage.TownshipReviewed => ProjectRoles.CanAdvanceTo(r, ProjectStage.CountyApproved),
        _ => false,
    };

    public bool CanResubmit => Details.ReturnedReason is not null && me.Can(ProjectRoles.CanApply);
    public bool CanPlan => Details.Row.Stage < ProjectStage.Accepted && me.Can(ProjectRoles.CanPlan);
    public bool CanReport => me.Can(ProjectRoles.CanReport);

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, [FromQuery(Name = "short")] int? shortfall, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "new" => "已申报，等待乡镇审核。",
            "advance" => $"已进入“{Details.Row.StageLabel}”。",
            "return" => "已退回村里修改。",
            "resubmit" => "已重新申报，等待乡镇审核。",
            "plan" => shortfall is > 0 ? $"已保存新的倒排计划。{PlanProject.ShortfallMessage(shortfall.Value)}。" : "已保存新的倒排计划。",
            "progress" => "进度已填报，工期状态已重新判定。",
            "beneficiary" => "带贫户已登记。",
            "removed" => "带贫户已移除。",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAdvanceAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "advance", async role => Plain(await advance.HandleAsync(new AdvanceProjectRequest
        {
            ProjectId = id, ToStage = Details.NextStage ?? ProjectStage.HandedOver + 1, On = Date, Reference = Reference, Note = Note, Version = Version,
            Documents = await ProjectUploads.ReadAllAsync(Files, ct), User = Editor.Of(HttpContext), Role = role,
        }, ct)), ct);

    public Task<IActionResult> OnPostReturnAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "return", async role => Plain(await @return.HandleAsync(new ReturnProjectRequest
        {
            ProjectId = id, Reason = Note, On = Date, Reference = Reference, Version = Version, User = Editor.Of(HttpContext), Role = role,
        }, ct)), ct);

    public Task<IActionResult> OnPostResubmitAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "resubmit", async role => Plain(await resubmit.HandleAsync(new ResubmitProjectRequest
        {
            ProjectId = id, Note = Note, On = Date, Version = Version, Documents = await ProjectUploads.ReadAllAsync(Files, ct),
            User = Editor.Of(HttpContext), Role = role,
        }, ct)), ct);

    public Task<IActionResult> OnPostPlanAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "plan", async role =>
        {
            var result = await plan.HandleAsync(new PlanProjectRequest
            {
                ProjectId = id, Deadline = Deadline, Durations = Durations is { Count: > 0 } d ? d : null, Reason = Note, Version = Version,
                User = Editor.Of(HttpContext), Role = role,
            }, ct);
            return result.IsOk ? (Result<string>)("&short=" + result.Value.ShortfallDays.ToString(CultureInfo.InvariantCulture)) : result.Failure;
        }, ct);

    public Task<IActionResult> OnPostProgressAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "progress", async role => Plain(await report.HandleAsync(new ReportProgressRequest
        {
            ProjectId = id, Seq = Seq ?? 0, ReportedOn = Date, Percent = Percent, Narrative = Note, Photos = await ProjectUploads.ReadAllAsync(Files, ct),
            User = Editor.Of(HttpContext), Role = role,
        }, ct)), ct);

    public Task<IActionResult> OnPostBeneficiaryAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "beneficiary", async role =>
        {
            var number = HouseholdNumber?.Trim() ?? "";
            var household = number.Length == 0 ? null : await db.Households.AsNoTracking().Where(h => h.Number == number).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
            if (household is null)
                return (Result<string>)Result.Invalid([new FieldError(nameof(HouseholdNumber), "household.unknown", number.Length == 0 ? "请填写户编号" : $"户编号“{number}”不存在或不在您的管理范围内")]);
            long? fen = null;
            if (AmountYuan is not null && (fen = ProjectsApi.FenOf(AmountYuan, allowZero: true)) is null)
                return Result.Invalid([new FieldError(nameof(AmountYuan), "project.amount_invalid", "年受益金额无效（元，最多两位小数）")]);
            return Plain(await addBeneficiary.HandleAsync(new AddBeneficiaryRequest
            {
                ProjectId = id, HouseholdId = household.Value, Kind = Kind ?? 0, Benefit = Benefit, AmountFen = fen, User = Editor.Of(HttpContext), Role = role,
            }, ct));
        }, ct);

    public Task<IActionResult> OnPostRemoveBeneficiaryAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "removed", async role => Plain(await removeBeneficiary.HandleAsync(new RemoveBeneficiaryRequest
        {
            ProjectId = id, BeneficiaryId = BeneficiaryId ?? 0, User = Editor.Of(HttpContext), Role = role,
        }, ct)), ct);

    static Result<string> Plain<T>(Result<T> r) => r.IsOk ? "" : r.Failure;

    async Task<IActionResult> HandleAsync(long id, string form, Func<Role, Task<Result<string>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/projects/{id}?saved={form}{result.Value}"));
            case { Kind: FailureKind.NotFound } f when f.Errors.Count == 0 && form != "removed":
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                Form = form;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case var failure:
                Errors = failure.Errors.Count > 0 ? failure.Errors : [new FieldError("", "not_found", failure.Message)];
                Form = form;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        return true;
    }

    public string? ErrorFor(string form, params string[] fields) =>
        Form == form ? Errors.FirstOrDefault(e => fields.Contains(e.Field, StringComparer.Ordinal))?.Message : null;

    public string Err(string form, params string[] fields) => ErrorFor(form, fields) is null ? "" : "has-error";

    /// <summary>The errors of the form not shown next to one of <paramref name="fields"/>.</summary>
    public string? OtherErrors(string form, params string[] fields) =>
        Form == form && Errors.Where(e => !fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;

    public string Value(string form, string? posted, string fallback = "") => Form == form ? posted ?? "" : fallback;

    public static string DocUrl(long projectId, DocumentRow d, bool inline = false) =>
        ProjectsApi.DocumentUrl(projectId, d.Id) + (inline ? "?inline=1" : "");

    public static string Size(int bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";
}
