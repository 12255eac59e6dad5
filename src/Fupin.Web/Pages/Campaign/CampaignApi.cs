using System.Globalization;
using Fupin.Campaign;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Campaign;

/// <summary>Query string of the ledger, shared by the API, the page and the export.</summary>
public sealed record CampaignQuery
{
    [FromQuery(Name = "county")] public string? County { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "group")] public string? Group { get; init; }
    [FromQuery(Name = "department")] public string? Department { get; init; }
    [FromQuery(Name = "status")] public CampaignLight? Status { get; init; }
    [FromQuery(Name = "region")] public string? Region { get; init; }

    public SearchCampaignRequest ToRequest(string county) => new()
    {
        CountyCode = county, Year = Year, Group = Group, Department = Department, Light = Status, Region = Region,
    };

    /// <summary>The filters as a query string, for links and the export.</summary>
    public string QueryString()
    {
        var pairs = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["county"] = County, ["year"] = Year?.ToString(CultureInfo.InvariantCulture), ["group"] = Group, ["department"] = Department,
            ["status"] = Status?.ToString(), ["region"] = Region,
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!.Trim())).ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }
}

public sealed record CampaignTaskBody(long HeadingId, string? Name, string? Indicator, decimal? Target, string? Unit, string? Department, string? RegionCode,
    DateOnly? StartsOn, DateOnly? Deadline, string? Note);

public sealed record CampaignProgressBody(DateOnly? Month, decimal? Achieved, string? Note);

public sealed record CampaignHeadingsBody(int? Year, IReadOnlyList<CampaignHeadingInput>? Headings);

/// <summary>攻坚台账: /api/campaign — the ledger, task lines, monthly progress, headings and the export.</summary>
public static class CampaignApi
{
    public static IServiceCollection AddCampaign(this IServiceCollection services) =>
        services.AddScoped<SearchCampaign>()
            .AddScoped<GetCampaignTask>()
            .AddScoped<SaveCampaignTask>()
            .AddScoped<SaveCampaignHeadings>()
            .AddScoped<ReportCampaignProgress>()
            .AddScoped<ExportCampaignLedger>();

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/campaign").WithTags("攻坚台账");
        var read = api.MapGroup("").RequireAuthorization(BoardPolicies.SeeCampaign);
        var manage = api.MapGroup("").RequireAuthorization(BoardPolicies.ManageCampaign);
        var report = api.MapGroup("").RequireAuthorization(BoardPolicies.ReportCampaign);
        read.MapGet("", Search).WithName("SearchCampaign")
            .WithSummary("攻坚台账（county 默认本人所在县，year 默认业务年度；group 标题分组、department 责任单位、status=Green|Amber|Red、region 区域）：按标题分组的任务，各附最新月报、应完成数和红黄绿灯");
        read.MapGet("/export", Export).WithName("ExportCampaignLedger").WithSummary("按同样的条件导出攻坚台账（.xlsx；导出记入审计日志）");
        read.MapGet("/tasks/{id:long}", GetTask).WithName("GetCampaignTask").WithSummary("任务：指标、目标、责任单位、时限、状态，各月进展和逐月应完成数");
        read.MapGet("/headings", Headings).WithName("ListCampaignHeadings").WithSummary("本县某年度的台账标题（分组、名称、顺序、任务数）");
        manage.MapPut("/headings", SaveHeadings).WithName("SaveCampaignHeadings")
            .WithSummary("保存本县某年度的台账标题（按顺序的完整列表：id 为空为新增，缺少的删除；仍有任务的标题不能删除：campaign.heading_in_use）");
        manage.MapPost("/tasks", CreateTask).WithName("CreateCampaignTask")
            .WithSummary("新增任务（headingId、name、indicator、target > 0、unit、department 责任单位、regionCode 本县区域、startsOn ≤ deadline、note）");
        manage.MapPut("/tasks/{id:long}", UpdateTask).WithName("UpdateCampaignTask").WithSummary("修改任务（字段同新增；逐项记入审计日志）");
        report.MapPost("/tasks/{id:long}/progress", Progress).WithName("ReportCampaignProgress")
            .WithSummary("填报月度进展（month 不晚于当月，achieved 截至月底累计完成数，note）：行业部门只能填报本单位（账户的责任单位）的任务，否则 403 campaign.not_own_line；同一月份再次填报替换原报数并记入审计日志");

        app.MapGet("/campaign/export", Export).RequireAuthorization(BoardPolicies.SeeCampaign).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> CountyNotFound = TypedResults.NotFound(ApiProblems.NotFound("县不存在或不在您的管辖范围内"));

    /// <summary>
    /// The county whose ledger the user works on: the one asked for when it overlaps the user's regions, else the county of
    /// the user's first region. Ledger lines are county business: every role but pairing cadres of the county reads them,
    /// departments included (whose scope holds no registry data).
    /// </summary>
    public static string? CountyOf(CurrentUser me, string? requested)
    {
        var regions = me.Regions;
        var asked = requested?.Trim();
        if (!string.IsNullOrEmpty(asked))
            return asked.Length == 6 && asked.All(char.IsAsciiDigit)
                && regions.Any(r => r.StartsWith(asked, StringComparison.Ordinal) || asked.StartsWith(r, StringComparison.Ordinal)) ? asked : null;
        return regions.Where(r => r.Length >= 6).Select(r => r[..6]).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    public static ProblemHttpResult NotOwnLine(Failure failure) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "没有权限",
        Detail = failure.Errors.Count > 0 ? failure.Errors[0].Message : null,
        Extensions = { ["code"] = CampaignRules.NotOwnLineCode },
    });

    public static bool IsNotOwnLine(Failure? failure) => failure?.Errors.Any(e => e.Code == CampaignRules.NotOwnLineCode) == true;

    public static async Task<Results<Ok<CampaignLedger>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] CampaignQuery query, SearchCampaign search, CurrentUser me, CancellationToken ct)
    {
        if (CountyOf(me, query.County) is not { } county) return CountyNotFound;
        var result = await search.HandleAsync(query.ToRequest(county), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] CampaignQuery query, ExportCampaignLedger export, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (CountyOf(me, query.County) is not { } county) return CountyNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportCampaignLedgerRequest(query.ToRequest(county), filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportCampaignLedger.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<CampaignTaskDetails>, NotFound<ProblemDetails>>> GetTask(long id, string? county, GetCampaignTask get, CurrentUser me, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        var result = await get.HandleAsync(id, c, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<List<CampaignHeadingRow>>, NotFound<ProblemDetails>>> Headings(
        string? county, int? year, Fupin.Data.AppDbContext db, TimeProvider clock, CurrentUser me, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        return TypedResults.Ok(await SaveCampaignHeadings.ListAsync(db, c, year ?? clock.Today().Year, ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<CampaignHeadingRow>>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> SaveHeadings(
        string? county, CampaignHeadingsBody body, SaveCampaignHeadings save, TimeProvider clock, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        return ApiProblems.Answer(await save.HandleAsync(new SaveCampaignHeadingsRequest(c, body.Year ?? clock.Today().Year, body.Headings ?? [], Editor.Of(http)), ct));
    }

    public static async Task<Results<Created<CampaignTaskSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CreateTask(
        string? county, CampaignTaskBody body, SaveCampaignTask save, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        return ApiProblems.Created(await save.HandleAsync(Request(null, c, body, Editor.Of(http)), ct), s => "/api/campaign/tasks/" + s.Id.ToString(CultureInfo.InvariantCulture));
    }

    public static async Task<Results<Ok<CampaignTaskSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateTask(
        long id, string? county, CampaignTaskBody body, SaveCampaignTask save, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        return ApiProblems.Answer(await save.HandleAsync(Request(id, c, body, Editor.Of(http)), ct));
    }

    static SaveCampaignTaskRequest Request(long? id, string county, CampaignTaskBody b, string user) => new()
    {
        Id = id, CountyCode = county, HeadingId = b.HeadingId, Name = b.Name, Indicator = b.Indicator, Target = b.Target, Unit = b.Unit,
        Department = b.Department, RegionCode = b.RegionCode, StartsOn = b.StartsOn, Deadline = b.Deadline, Note = b.Note, User = user,
    };

    public static async Task<Results<Ok<CampaignProgressSaved>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> Progress(
        long id, string? county, CampaignProgressBody body, ReportCampaignProgress report, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (CountyOf(me, county) is not { } c) return CountyNotFound;
        var result = await report.HandleAsync(new ReportCampaignProgressRequest(id, c, body.Month, body.Achieved, body.Note, Editor.Of(http), me.Id, me.Role!.Value), ct);
        if (result.IsOk) return TypedResults.Ok(result.Value);
        if (IsNotOwnLine(result.Failure)) return NotOwnLine(result.Failure);
        return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
    }
}
