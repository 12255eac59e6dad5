using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Relocation;
using Fupin.Workshops;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Workshops;

/// <summary>One workshop: the poor workers today, wages and subsidies, monthly reports, the building project's schedule; forms for those who maintain it.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(AppDbContext db, GetWorkshop get, UpdateWorkshop update, AddWorkshopWorker addWorker, EndWorkshopWorker endWorker,
    RecordWorkshopMonth recordMonth, CurrentUser me) : PageModel
{
    public WorkshopDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FormName { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(ProjectRoles.CanManageSites);
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Code, string Name)> Projects { get; private set; } = [];

    [BindProperty] public WorkshopForm Form { get; set; } = new();
    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public decimal? WageYuan { get; set; }
    [BindProperty] public long WorkerId { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public DateOnly? Month { get; set; }
    [BindProperty] public int Workers { get; set; }
    [BindProperty] public int PoorWorkers { get; set; }
    [BindProperty] public decimal? WagesYuan { get; set; }
    [BindProperty] public decimal? PoorWagesYuan { get; set; }
    [BindProperty] public decimal? SubsidyYuan { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "workshop" => "车间信息已保存。", "worker" => "贫困务工人员已登记。", "ended" => "已登记离岗。", "month" => "月报已保存。", _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostWorkshopAsync(long id, CancellationToken ct) =>
        RunAsync(id, "workshop", role => update.HandleAsync(new UpdateWorkshopRequest(id, Form.Version, Form.ToInput(), Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostWorkerAsync(long id, CancellationToken ct) =>
        RunAsync(id, "worker", async role =>
        {
            var number = HouseholdNumber?.Trim() ?? "";
            var name = MemberName?.Trim() ?? "";
            var member = number.Length == 0 ? null : await db.Members.AsNoTracking()
                .Where(m => m.Household!.Number == number && m.Name == name).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
            if (member is null)
                return (Result<WorkshopWorkerSaved>)Result.Invalid([new FieldError("HouseholdNumber", "workshops.member_unknown",
                    $"未找到户编号“{number}”中名为“{name}”的成员，或不在您的管理范围内")]);
            if (RelocationApi.FenOf(WageYuan ?? 0) is not { } wage)
                return Result.Invalid([new FieldError("WageYuan", "workshops.wage_invalid", "月工资无效（元，最多两位小数）")]);
            return await addWorker.HandleAsync(new AddWorkshopWorkerRequest(id, member.Value, StartedOn ?? default, wage, Editor.Of(HttpContext), role), ct);
        }, ct);

    public Task<IActionResult> OnPostEndAsync(long id, CancellationToken ct) =>
        RunAsync(id, "ended", role => endWorker.HandleAsync(new EndWorkshopWorkerRequest(WorkerId, EndedOn, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostMonthAsync(long id, CancellationToken ct) =>
        RunAsync(id, "month", async role =>
        {
            var wages = RelocationApi.FenOf(WagesYuan ?? 0);
            var poor = RelocationApi.FenOf(PoorWagesYuan ?? 0);
            var subsidy = RelocationApi.FenOf(SubsidyYuan ?? 0);
            if (wages is null || poor is null || subsidy is null)
                return (Result<WorkshopMonthSaved>)Result.Invalid([new FieldError("WagesYuan", "workshops.amount_invalid", "金额无效（元，最多两位小数）")]);
            return await recordMonth.HandleAsync(new RecordWorkshopMonthRequest(id, Month ?? default, Workers, PoorWorkers, wages.Value, poor.Value, subsidy.Value,
                Note, Editor.Of(HttpContext), role), ct);
        }, ct);

    async Task<IActionResult> RunAsync<T>(long id, string form, Func<Role, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !ProjectRoles.CanManageSites(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/workshops/{id}?saved={form}");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Conflict = failure.Kind == FailureKind.Conflict;
                Errors = failure.Errors;
                FormName = form;
                Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        if (CanManage)
        {
            Regions = await ChecksApi.RegionsAsync(db, ct);
            Projects = await Relocation.IndexModel.ProjectsOfAsync(db, ProjectCategory.Workshop, ct);
            if (Request.Method == HttpMethods.Get)
            {
                var w = await db.Workshops.AsNoTracking().SingleAsync(x => x.Id == id, ct);
                Form = new WorkshopForm
                {
                    VillageCode = w.VillageCode, Name = w.Name, ProjectId = w.ProjectId, Status = w.Status, Company = w.Company, Contact = w.Contact,
                    ContactPhone = w.ContactPhone, Products = w.Products, OpenedOn = w.OpenedOn, JobsPlanned = w.JobsPlanned, WorkersTotal = w.WorkersTotal, Version = w.Version,
                };
            }
        }
        return true;
    }

    public string? ErrorFor(string form, string field) =>
        FormName == form ? Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message : null;

    public string? WorkshopError(string field) => ErrorFor("workshop", field);

    public string? FormErrors(string form) => FormName == form && Errors.Count > 0 ? string.Join("；", Errors.Select(e => e.Message)) : null;
}
