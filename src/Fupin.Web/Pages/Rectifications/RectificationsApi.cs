using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Inspections;
using Fupin.Web.Pages.Projects;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Rectifications;

/// <summary>Query string of the ledger, shared by the API, the page and the export.</summary>
public sealed record RectificationQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "status")] public RectificationStatus? Status { get; init; }
    [FromQuery(Name = "source")] public RectificationSource? Source { get; init; }
    [FromQuery(Name = "overdue")] public bool? Overdue { get; init; }
    [FromQuery(Name = "escalated")] public bool? Escalated { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public SearchRectificationsRequest ToRequest() => new()
    {
        Region = Region, Status = Status, Source = Source, OverdueOnly = Overdue == true, EscalatedOnly = Escalated == true, Text = Text,
        Page = Page ?? 1, PageSize = PageSize ?? SearchRectifications.DefaultPageSize,
    };

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["status"] = Status?.ToString(),
        ["source"] = Source?.ToString(),
        ["overdue"] = Overdue == true ? "true" : null,
        ["escalated"] = Escalated == true ? "true" : null,
        ["q"] = Text,
    };

    /// <summary>The filters as a query string (without paging), for links and the export.</summary>
    public string QueryString(int? page = null)
    {
        var pairs = Values().Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!.Trim())).ToList();
        if (page is > 1) pairs.Add("page=" + page.Value.ToString(CultureInfo.InvariantCulture));
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }
}

public sealed record RectificationBody(
    RectificationSource Source, string? SourceDocument, string? RegionCode, string? HouseholdNumber, long? FindingId, string? Problem, string? Requirement,
    string? ResponsibleUnit, string? ResponsiblePerson, long? OwnerUserId, DateOnly? FoundOn, DateOnly? Deadline, string? RequiredEvidence)
{
    public RectificationInput ToInput() => new()
    {
        Source = Source, SourceDocument = SourceDocument, RegionCode = RegionCode, HouseholdNumber = HouseholdNumber, FindingId = FindingId, Problem = Problem,
        Requirement = Requirement, ResponsibleUnit = ResponsibleUnit, ResponsiblePerson = ResponsiblePerson, OwnerUserId = OwnerUserId, FoundOn = FoundOn,
        Deadline = Deadline, RequiredEvidence = RequiredEvidence,
    };
}

public sealed record RectificationUpdateBody(long Version, string? ResponsibleUnit, string? ResponsiblePerson, long? OwnerUserId, bool ClearOwner,
    string? Requirement, string? RequiredEvidence, DateOnly? Deadline, string? DeadlineReason);

public sealed record RectificationStepBody(long Version, string? Note, string? Measures);

public sealed record RectificationReviewBody(long Version, ReviewDecision Decision, string? Note);

/// <summary>整改: /api/rectifications — the ledger, items, their flow, evidence and the export.</summary>
public static class RectificationsApi
{
    public static IServiceCollection AddRectifications(this IServiceCollection services)
    {
        services.AddScoped<SearchRectifications>()
            .AddScoped<GetRectification>()
            .AddScoped<CreateRectification>()
            .AddScoped<UpdateRectification>()
            .AddScoped<ReportRectificationProgress>()
            .AddScoped<AddRectificationEvidence>()
            .AddScoped<GetRectificationEvidence>()
            .AddScoped<SubmitRectification>()
            .AddScoped<ReviewRectification>()
            .AddScoped<ExportRectificationLedger>();
        services.AddHostedService<RectificationEscalationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rectifications").WithTags("整改");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(SupervisionPolicies.ManageRectifications);
        var work = api.MapGroup("").RequireAuthorization(SupervisionPolicies.WorkOnRectifications);
        read.MapGet("", Search).WithName("SearchRectifications")
            .WithSummary("整改台账（region、status=Pending|InProgress|AwaitingReview|Closed、source、overdue=true 只看逾期、escalated=true 只看督办催办、q=编号/问题/责任单位；分页）：催办、督办在前，附按状态、逾期、督办、催办的计数");
        read.MapGet("/export", Export).WithName("ExportRectificationLedger").WithSummary("按同样的条件导出整改台账（.xlsx；导出记入审计日志）");
        read.MapGet("/{id:long}", Get).WithName("GetRectification").WithSummary("整改事项：问题、要求、责任单位和责任人、时限与逾期天数、今天的督办级别、办理记录、佐证材料");
        read.MapGet("/{id:long}/evidence", ListEvidence).WithName("ListRectificationEvidence").WithSummary("整改事项的佐证材料列表");
        read.MapGet("/evidence/{evidenceId:long}", Download).WithName("GetRectificationEvidence").WithSummary("下载佐证材料（附件形式；照片加 ?inline 在页面内显示）");
        manage.MapPost("", Create).WithName("CreateRectification")
            .WithSummary("登记整改事项（source、sourceDocument、regionCode、householdNumber、problem、requirement、responsibleUnit、responsiblePerson、ownerUserId、foundOn ≤ 今天、deadline ≥ foundOn、requiredEvidence）；findingId 时从疑点立项（同一疑点只能有一个未销号事项：409 rectification.finding_taken）");
        manage.MapPut("/{id:long}", Update).WithName("UpdateRectification")
            .WithSummary("交办、调整：responsibleUnit、responsiblePerson、ownerUserId（clearOwner 取消）、requirement、requiredEvidence、deadline（须 deadlineReason）；须带版本号，过期 409");
        manage.MapPost("/{id:long}/review", Review).WithName("ReviewRectification")
            .WithSummary("验收（待验收时）：decision=Close 销号（须有佐证材料，验收人不能是责任人账户或提请人：rectification.own_item）或 Return 退回（note 原因必填）");
        work.MapPost("/{id:long}/progress", Progress).WithName("ReportRectificationProgress")
            .WithSummary("填报整改进展（note 必填，measures 整改措施）：第一次填报时 待整改 → 整改中");
        work.MapPost("/{id:long}/evidence", Upload).Accepts<IFormFile>("multipart/form-data").WithName("AddRectificationEvidence")
            .WithSummary("上传佐证材料（multipart：file，可多个；note、version 可选；PDF、JPG、PNG、XLSX、DOCX，按内容判断，不超过10MB）");
        work.MapPost("/{id:long}/submit", Submit).WithName("SubmitRectification")
            .WithSummary("提请验收（整改中且至少有一份佐证材料：rectification.evidence_required）：→ 待验收");

        app.MapGet("/rectifications/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        app.MapGet("/rectifications/evidence/{evidenceId:long}", Download).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    public static string Url(long id) => "/api/rectifications/" + id.ToString(CultureInfo.InvariantCulture);

    public static string EvidenceUrl(long evidenceId) => "/rectifications/evidence/" + evidenceId.ToString(CultureInfo.InvariantCulture);

    public static async Task<Results<Ok<RectificationPage>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] RectificationQuery query, SearchRectifications search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] RectificationQuery query, ExportRectificationLedger export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportRectificationLedgerRequest(query.ToRequest(), filterText, Editor.Of(http)), ct);
        if (!result.IsOk)
            return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportRectificationLedger.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<RectificationDetails>, NotFound<ProblemDetails>>> Get(long id, GetRectification get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<IReadOnlyList<RectificationEvidenceRow>>, NotFound<ProblemDetails>>> ListEvidence(long id, GetRectification get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value.Evidence) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Download(long evidenceId, GetRectificationEvidence get, HttpContext http, CancellationToken ct)
    {
        var result = await get.HandleAsync(evidenceId, ct);
        if (!result.IsOk) return TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
        http.Response.Headers.CacheControl = "private, no-store";
        var f = result.Value;
        // Photos (JPEG/PNG by their bytes) may show inline on the item page; everything else downloads. nosniff is global.
        return f.ContentType.StartsWith("image/", StringComparison.Ordinal) && http.Request.Query.ContainsKey("inline")
            ? TypedResults.File(f.Content, f.ContentType)
            : TypedResults.File(f.Content, f.ContentType, f.FileName);
    }

    public static async Task<Results<Created<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Create(
        RectificationBody body, CreateRectification create, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Created(await create.HandleAsync(new CreateRectificationRequest(body.ToInput(), Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        long id, RectificationUpdateBody body, UpdateRectification update, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await update.HandleAsync(new UpdateRectificationRequest
        {
            Id = id, Version = body.Version, ResponsibleUnit = body.ResponsibleUnit, ResponsiblePerson = body.ResponsiblePerson, OwnerUserId = body.OwnerUserId,
            ClearOwner = body.ClearOwner, Requirement = body.Requirement, RequiredEvidence = body.RequiredEvidence, Deadline = body.Deadline,
            DeadlineReason = body.DeadlineReason, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    public static async Task<Results<Ok<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Progress(
        long id, RectificationStepBody body, ReportRectificationProgress report, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await report.HandleAsync(new ReportRectificationProgressRequest(id, body.Version, body.Note, body.Measures, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Submit(
        long id, RectificationStepBody body, SubmitRectification submit, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await submit.HandleAsync(new SubmitRectificationRequest(id, body.Version, body.Note, body.Measures, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Review(
        long id, RectificationReviewBody body, ReviewRectification review, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await review.HandleAsync(new ReviewRectificationRequest(id, body.Version, body.Decision, body.Note, Editor.Of(http), me.Id, me.Role!.Value), ct));

    public static async Task<Results<Created<RectificationEvidenceSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Upload(
        long id, HttpContext http, AddRectificationEvidence add, CurrentUser me, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = ProjectFiles.MaxFilesPerRequest * (ProjectFiles.MaxBytes + 1024L * 1024);
        if (!http.Request.HasFormContentType) return BadRequest("请以 multipart/form-data 上传文件（字段 file）");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MultipartBodyLengthLimit = ProjectFiles.MaxFilesPerRequest * (ProjectFiles.MaxBytes + 1024L * 1024),
            }, ct);
        }
        catch (InvalidDataException)
        {
            return BadRequest("文件超过10MB或上传内容有误");
        }
        if (form.Files.Count == 0) return BadRequest("请上传文件（字段 file）");
        long? version = long.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await add.HandleAsync(new AddRectificationEvidenceRequest(id, version, await ProjectUploads.ReadAllAsync(form.Files, ct),
            form["note"].ToString(), Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Created(Url(id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    /// <summary>As <see cref="ApiProblems.Created{T}"/>, with a conflict's own code (rectification.finding_taken) when it has one.</summary>
    static Results<Created<RectificationSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> Created(Result<RectificationSaved> result) =>
        result.Failure is { Kind: FailureKind.Conflict, Errors: [var e, ..] } f
            ? TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = f.Message, Extensions = { ["code"] = e.Code },
            })
            : ApiProblems.Created(result, v => Url(v.Id));

    static ProblemHttpResult BadRequest(string message) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "请求有误",
        Detail = message,
        Extensions = { ["code"] = "bad_file" },
    });

    public static string StatusClass(RectificationStatus s) => "rstatus rstatus-" + s.ToString().ToLowerInvariant();

    public static string LevelClass(EscalationLevel l) => "rlevel rlevel-" + l.ToString().ToLowerInvariant();

    /// <summary>Days left or overdue as the pages say it.</summary>
    public static string DaysText(RectificationStatus status, int daysLeft, int daysOverdue) => status switch
    {
        RectificationStatus.Closed => daysOverdue > 0 ? $"逾期 {daysOverdue} 天销号" : "按期销号",
        _ when daysLeft < 0 => $"已逾期 {-daysLeft} 天",
        _ when daysLeft == 0 => "今天到期",
        _ => $"剩余 {daysLeft} 天",
    };
}
