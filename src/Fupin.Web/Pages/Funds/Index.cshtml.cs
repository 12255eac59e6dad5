using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Funds;

/// <summary>
/// 资金: the overview of a region and year (tiles, the chart by source kind and the monthly cumulative
/// chart with their tables, townships, sources, projects), or with <c>?project=</c> that project's
/// allocations and payments; for the county office the forms to add a source, allocate and record a payment.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, GetFundsOverview overview, ListFundRecords records, AddFundSource addSource, AllocateFunds allocate,
    RecordPayment pay, CurrentUser me, TimeProvider clock) : PageModel
{
    public FundsQuery Query { get; private set; } = new();
    public FundsOverview? Overview { get; private set; }
    public FundRecords? Records { get; private set; }
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Label)> Projects { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Form { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(ProjectRoles.CanManageFunds);
    public DateOnly Today => clock.Today();

    [BindProperty] public int? SourceYear { get; set; }
    [BindProperty] public FundKind? SourceKind { get; set; }
    [BindProperty] public string? SourceName { get; set; }
    [BindProperty] public string? DocumentNo { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public long? SourceId { get; set; }
    [BindProperty] public long? ProjectId { get; set; }
    [BindProperty] public long? AllocationId { get; set; }
    [BindProperty] public PaymentKind? PaymentKind { get; set; }
    [BindProperty] public string? Payee { get; set; }
    [BindProperty] public string? VoucherNo { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] FundsQuery query, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        Saved = saved switch
        {
            "source" => "资金来源已登记。", "allocate" => "资金已下达到项目。", "pay" => "拨付或支出已登记。", _ => null,
        };
        return await LoadAsync(query, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostSourceAsync([FromQuery] FundsQuery query, CancellationToken ct) =>
        SubmitAsync(query, "source", async () =>
        {
            var fen = FundRules.ParseYuan(Amount);
            if (fen is null) return Bad("AmountFen");
            return Plain(await addSource.HandleAsync(new AddFundSourceRequest
            {
                CountyCode = FundsApi.DefaultCounty(me), Year = SourceYear ?? 0, Kind = SourceKind ?? 0, Name = SourceName, DocumentNo = DocumentNo,
                ReceivedOn = Date ?? default, AmountFen = fen.Value, User = Editor.Of(HttpContext), Role = me.Role!.Value,
            }, ct));
        }, ct);

    public Task<IActionResult> OnPostAllocateAsync([FromQuery] FundsQuery query, CancellationToken ct) =>
        SubmitAsync(query, "allocate", async () =>
        {
            var fen = FundRules.ParseYuan(Amount);
            if (fen is null) return Bad("AmountFen");
            return Plain(await allocate.HandleAsync(new AllocateFundsRequest
            {
                SourceId = SourceId ?? 0, ProjectId = ProjectId ?? 0, AmountFen = fen.Value, AllocatedOn = Date ?? default, DocumentNo = DocumentNo,
                User = Editor.Of(HttpContext), Role = me.Role!.Value,
            }, ct));
        }, ct);

    public Task<IActionResult> OnPostPayAsync([FromQuery] FundsQuery query, CancellationToken ct) =>
        SubmitAsync(query, "pay", async () =>
        {
            var fen = FundRules.ParseYuan(Amount);
            if (fen is null) return Bad("AmountFen");
            return Plain(await pay.HandleAsync(new RecordPaymentRequest
            {
                AllocationId = AllocationId ?? 0, Kind = PaymentKind ?? 0, AmountFen = fen.Value, PaidOn = Date ?? default, Payee = Payee, VoucherNo = VoucherNo,
                User = Editor.Of(HttpContext), Role = me.Role!.Value,
            }, ct));
        }, ct);

    static Result<bool> Bad(string field) => Result.Invalid([new FieldError(field, FundRules.AmountInvalid, FundRules.AmountFormatMessage)]);

    static Result<bool> Plain<T>(Result<T> r) => r.IsOk ? true : r.Failure;

    async Task<IActionResult> SubmitAsync(FundsQuery query, string form, Func<Task<Result<bool>>> run, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        var result = await run();
        if (result.IsOk)
            return Redirect(QueryHelpers.AddQueryString("/funds", query.Values().Append(new("saved", form)).Where(v => !string.IsNullOrWhiteSpace(v.Value))));
        Form = form;
        Errors = result.Failure.Errors;
        Conflict = result.Failure.Kind == FailureKind.Conflict;
        if (!await LoadAsync(query, ct)) return NotFound();
        Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(FundsQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return false;
        Query = query;
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var o = await overview.HandleAsync(new FundsOverviewRequest(query.Region, query.Year), ct);
        if (!o.IsOk)
        {
            if (o.Failure.Kind == FailureKind.NotFound) return false;
            Errors = [.. Errors, .. o.Failure.Errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Query = new FundsQuery { Project = query.Project };
            o = await overview.HandleAsync(new FundsOverviewRequest(), ct);
        }
        Overview = o.Value;
        if (query.Project is not null || CanManage)
        {
            var r = await records.HandleAsync(new ListFundRecordsRequest
            {
                ProjectId = query.Project, Region = Query.Region, Year = query.Project is null ? Overview!.Year : null,
            }, ct);
            if (!r.IsOk) return false;
            Records = r.Value;
        }
        if (CanManage) Projects = await ProjectChoicesAsync(ct);
        return true;
    }

    /// <summary>Projects that may receive money (入库 or later), in the region, for the allocation form.</summary>
    async Task<IReadOnlyList<(long, string)>> ProjectChoicesAsync(CancellationToken ct)
    {
        var q = db.Projects.AsNoTracking().Where(p => p.Stage >= ProjectStage.Pooled);
#pragma warning disable CA1310 // EF prefix match
        if (Query.Region is { Length: > 0 } region) q = q.Where(p => p.RegionCode.StartsWith(region));
#pragma warning restore CA1310
        var rows = await q.OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).Take(2000).ToListAsync(ct);
        return [.. rows.Select(p => (p.Id, $"{p.Code} {p.Name}"))];
    }

    public string? ErrorFor(string form, params string[] fields) =>
        Form == form ? Errors.FirstOrDefault(e => fields.Contains(e.Field, StringComparer.Ordinal))?.Message : null;

    public string? OtherErrors(string form, params string[] fields) =>
        Form == form && Errors.Where(e => !fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;

    public string Link(string? region = null, int? year = null, long? project = null) =>
        QueryHelpers.AddQueryString("/funds", new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["region"] = region,
            ["year"] = year?.ToString(CultureInfo.InvariantCulture),
            ["project"] = project?.ToString(CultureInfo.InvariantCulture),
        }.Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    public const int RecentRows = 20;

    /// <summary>Where a form posts: this page with its filters kept, and the handler.</summary>
    public string HandlerUrl(string handler) =>
        QueryHelpers.AddQueryString("/funds", Query.Values().Append(new("handler", handler)).Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    public string ExportLink => QueryHelpers.AddQueryString("/funds/export", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["region"] = Overview?.Region,
        ["year"] = Overview?.Year.ToString(CultureInfo.InvariantCulture),
    }.Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    static decimal Wan(long fen) => decimal.Round(fen / 1_000_000m, 2);

    static decimal? Wan(long? fen) => fen is { } f ? Wan(f) : null;

    /// <summary>The bar chart by source kind: 到位, 下达, 拨付, 支出 in 万元.</summary>
    public string KindChartJson => JsonSerializer.Serialize(new
    {
        kinds = Overview!.ByKind.Select(k => k.Label),
        amount = Overview.ByKind.Select(k => Wan(k.Figures.AmountFen)),
        allocated = Overview.ByKind.Select(k => Wan(k.Figures.AllocatedFen)),
        disbursed = Overview.ByKind.Select(k => Wan(k.Figures.DisbursedFen)),
        spent = Overview.ByKind.Select(k => Wan(k.Figures.SpentFen)),
    });

    /// <summary>The line chart of cumulative 下达, 拨付, 支出 at each month's end, 万元; null after today.</summary>
    public string MonthChartJson => JsonSerializer.Serialize(new
    {
        months = Overview!.Months.Select(m => m.Month.ToString(CultureInfo.InvariantCulture) + "月"),
        allocated = Overview.Months.Select(m => Wan(m.AllocatedFen)),
        disbursed = Overview.Months.Select(m => Wan(m.DisbursedFen)),
        spent = Overview.Months.Select(m => Wan(m.SpentFen)),
    });

    public static string Rate(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string RateClass(decimal? rate) => rate switch { null => "", < 50m => "rate rate-low", < 80m => "rate rate-mid", _ => "rate rate-high" };
}
