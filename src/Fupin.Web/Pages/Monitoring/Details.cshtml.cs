using Fupin.Accounts;
using Fupin.Common;
using Fupin.Monitoring;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Monitoring;

/// <summary>One monitoring object: household, risks, events, measures, the flag; for those who work it the decide, clear, measure and event forms.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(GetMonitoringObject get, DecideMonitoringObject decide, ClearRisk clear, AddMonitoringMeasure addMeasure,
    ReportRiskEvent report, CurrentUser me, TimeProvider clock) : PageModel
{
    public MonitoringDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Form { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanWork => me.Can(MonitoringRoles.CanWork);
    public DateOnly Today => clock.Today();

    [BindProperty] public long Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public MeasureKind? Kind { get; set; }
    [BindProperty] public RiskType? Risk { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public decimal? SpendingYuan { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "include" => "已纳入监测。", "reject" => "已标注不予纳入。", "clear" => "已标注风险消除。", "measure" => "帮扶措施已登记。", "event" => "风险事件已登记。",
            "new" => "已录入为拟纳入监测对象，请经村评议、乡镇核实后决定是否纳入。", _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostIncludeAsync(long id, CancellationToken ct) => DecideAsync(id, true, ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) => DecideAsync(id, false, ct);

    async Task<IActionResult> DecideAsync(long id, bool include, CancellationToken ct) =>
        await HandleAsync(id, include ? "include" : "reject", role => decide.HandleAsync(new DecideMonitoringObjectRequest(id, Version, include, Note, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostClearAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "clear", role => clear.HandleAsync(new ClearRiskRequest(id, Version, Note, Date, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostMeasureAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "measure", async role => Plain(await addMeasure.HandleAsync(
            new AddMonitoringMeasureRequest(id, Kind ?? 0, Date ?? default, Description, Editor.Of(HttpContext), role), ct)), ct);

    public Task<IActionResult> OnPostEventAsync(long id, CancellationToken ct) =>
        HandleAsync(id, "event", async role =>
        {
            var fen = MonitoringApi.FenOf(SpendingYuan);
            if (SpendingYuan is not null && fen is null)
                return (Result<bool>)Result.Invalid([new FieldError("SpendingYuan", "monitoring.amount_invalid", "刚性支出金额无效（元，最多两位小数）")]);
            return Plain(await report.HandleAsync(new ReportRiskEventRequest
            {
                MonitoringObjectId = id, Risk = Risk ?? 0, OccurredOn = Date ?? default, Description = Description, SpendingFen = fen,
                User = Editor.Of(HttpContext), Role = role,
            }, ct));
        }, ct);

    static Result<bool> Plain<T>(Result<T> r) => r.IsOk ? true : r.Failure;

    async Task<IActionResult> HandleAsync<T>(long id, string form, Func<Role, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !MonitoringRoles.CanWork(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/monitoring/{id}?saved={form}");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case { Kind: FailureKind.Conflict }:
                Conflict = true;
                Form = form;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case var failure:
                Errors = failure.Errors;
                Form = form;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetMonitoringObjectRequest(id), ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        return true;
    }

    public string? ErrorFor(string form, string field) =>
        Form == form ? Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message : null;

    public string? OtherErrors(string form, params string[] fields) =>
        Form == form && Errors.Where(e => !fields.Contains(e.Field)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;
}
