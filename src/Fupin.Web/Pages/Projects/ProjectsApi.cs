using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Projects;

/// <summary>Query string of the project list, shared by the API, the page and the ledger export.</summary>
public sealed record ProjectQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "category")] public ProjectCategory? Category { get; init; }
    [FromQuery(Name = "stage")] public ProjectStage? Stage { get; init; }
    [FromQuery(Name = "status")] public ScheduleStatus? Status { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public SearchProjectsRequest ToRequest() => new()
    {
        Region = Region, Category = Category, Stage = Stage, Status = Status, Year = Year, Text = Text,
        Page = Page ?? 1, PageSize = PageSize ?? SearchProjects.DefaultPageSize,
    };

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    /// <summary>These filters as a query string (without the page), for links.</summary>
    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["category"] = Category?.ToString(),
        ["stage"] = Stage?.ToString(),
        ["status"] = Status?.ToString(),
        ["year"] = Year?.ToString(CultureInfo.InvariantCulture),
        ["q"] = Text,
    };
}

public sealed record CreateProjectBody(string? RegionCode, ProjectCategory Category, string? Name, string? Code, string? Content,
    string? ResponsibleUnit, string? ResponsiblePerson, string? ResponsiblePhone, decimal? BudgetYuan, int Year, DateOnly? AppliedOn, string? Note);

public sealed record AdvanceBody(ProjectStage ToStage, DateOnly? On, string? Reference, string? Note, long? Version);

public sealed record ReturnBody(string? Reason, DateOnly? On, string? Reference, long? Version);

public sealed record ResubmitBody(string? Note, DateOnly? On, long? Version);

public sealed record PlanBody(DateOnly? Deadline, IReadOnlyList<int>? Durations, string? Reason, long? Version);

public sealed record ProgressBody(int Seq, DateOnly? ReportedOn, int? Percent, string? Narrative);

public sealed record BeneficiaryBody(long HouseholdId, BenefitKind Kind, string? Benefit, decimal? AmountYuan);

public static class ProjectsApi
{
    public static IServiceCollection AddProjects(this IServiceCollection services) =>
        services.AddScoped<GetProjectSchedule>()
            .AddScoped<GetProject>()
            .AddScoped<SearchProjects>()
            .AddScoped<CreateProject>()
            .AddScoped<AdvanceProject>()
            .AddScoped<ReturnProject>()
            .AddScoped<ResubmitProject>()
            .AddScoped<PlanProject>()
            .AddScoped<ReportProgress>()
            .AddScoped<AddBeneficiary>()
            .AddScoped<RemoveBeneficiary>()
            .AddScoped<AddProjectDocument>()
            .AddScoped<GetProjectDocument>()
            .AddScoped<ExportProjectLedger>();

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        // Everyone who reads the registry reads projects in their regions; who may change what is
        // ProjectRoles' rule, answered by the use case as a validation problem with code project.not_allowed.
        var api = app.MapGroup("/api/projects").WithTags("项目库").RequireAuthorization(Policies.ReadRegistry);
        api.MapGet("", Search).WithName("SearchProjects")
            .WithSummary("查询项目（region、category、stage、status=按今天重新判定的工期状态、year、q=名称或编号；分页；含按类别、环节、工期状态的统计）");
        api.MapGet("/export", Export).WithName("ExportProjectLedger").WithSummary("按同样的条件导出项目台账（.xlsx，金额单位万元；导出记入审计日志）");
        api.MapGet("/{id:long}", Get).WithName("GetProject").WithSummary("项目详情：审批环节、材料、进度报告、带贫户、资金、倒排工期");
        api.MapGet("/{id:long}/schedule", Schedule).WithName("GetProjectSchedule").WithSummary("倒排工期：当前计划各里程碑的最迟开始/完成、实际进度和状态，历次计划");
        api.MapPost("", Create).WithName("CreateProject")
            .WithSummary("村申报：regionCode（乡镇或村）、category、name、code（可空，自动生成）、responsibleUnit、responsiblePerson、budgetYuan、year");
        api.MapPost("/{id:long}/advance", Advance).WithName("AdvanceProject")
            .WithSummary("进入下一审批环节：toStage 须是下一环节（否则 project.stage_skip），on 日期、reference 文号、note；进入实施须已排期");
        api.MapPost("/{id:long}/return", Return).WithName("ReturnProject").WithSummary("退回（乡镇审核或县级审定时）：reason 至少5个字；项目回到村申报");
        api.MapPost("/{id:long}/resubmit", Resubmit).WithName("ResubmitProject").WithSummary("退回后重新申报：note 说明修改情况");
        api.MapPost("/{id:long}/plan", Plan).WithName("PlanProject")
            .WithSummary("设定或调整完工期限（deadline）和各里程碑工期（durations，可空）：生成新一版倒排计划，保留历次计划；已不可能按期完成时照样保存并在 message 中说明需提前的天数");
        api.MapPost("/{id:long}/progress", Progress).WithName("ReportProgress")
            .WithSummary("填报进度：seq 里程碑序号、reportedOn、percent（0–100，不低于上次）、narrative；重算项目进度和工期状态");
        api.MapPost("/{id:long}/beneficiaries", AddBeneficiary).WithName("AddProjectBeneficiary").WithSummary("登记带贫户：householdId、kind、benefit、amountYuan（每年，可空）");
        api.MapDelete("/{id:long}/beneficiaries/{beneficiaryId:long}", RemoveBeneficiary).WithName("RemoveProjectBeneficiary").WithSummary("移除带贫户");
        api.MapPost("/{id:long}/documents", Upload).Accepts<IFormFile>("multipart/form-data").WithName("AddProjectDocument")
            .WithSummary("上传材料或照片（multipart：file；eventId 审批环节或 reportId 进度报告，二选一；PDF、JPG、PNG、XLSX、DOCX，按内容判断，不超过10MB）");
        api.MapGet("/{id:long}/documents/{documentId:long}", Download).WithName("GetProjectDocument").WithSummary("下载材料（照片可在页面内显示）");

        app.MapGet("/projects/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        app.MapGet("/projects/{id:long}/documents/{documentId:long}", Download).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    public static string ProjectUrl(long id) => "/api/projects/" + id.ToString(CultureInfo.InvariantCulture);

    public static string DocumentUrl(long projectId, long documentId) =>
        string.Create(CultureInfo.InvariantCulture, $"/projects/{projectId}/documents/{documentId}");

    public static async Task<Results<Ok<ProjectPage>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] ProjectQuery query, SearchProjects search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] ProjectQuery query, ExportProjectLedger export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportProjectLedgerRequest(query.ToRequest() with { Page = 1 }, filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportProjectLedger.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<ProjectDetails>, NotFound<ProblemDetails>>> Get(long id, GetProject get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<ProjectScheduleView>, NotFound<ProblemDetails>>> Schedule(long id, GetProjectSchedule get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Created<ProjectSaved>, ValidationProblem, NotFound<ProblemDetails>>> Create(
        CreateProjectBody body, CreateProject create, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var fen = FenOf(body.BudgetYuan);
        if (fen is null)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("BudgetYuan", "project.budget_invalid", "总投资无效（元，大于0，最多两位小数）")]));
        var result = await create.HandleAsync(new CreateProjectRequest
        {
            RegionCode = body.RegionCode, Category = body.Category, Name = body.Name, Code = body.Code, Content = body.Content,
            ResponsibleUnit = body.ResponsibleUnit, ResponsiblePerson = body.ResponsiblePerson, ResponsiblePhone = body.ResponsiblePhone,
            BudgetFen = fen.Value, Year = body.Year, AppliedOn = body.AppliedOn, Note = body.Note, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(ProjectUrl(result.Value!.Id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<ProjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Advance(
        long id, AdvanceBody body, AdvanceProject advance, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await advance.HandleAsync(new AdvanceProjectRequest
        {
            ProjectId = id, ToStage = body.ToStage, On = body.On, Reference = body.Reference, Note = body.Note, Version = body.Version,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    public static async Task<Results<Ok<ProjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Return(
        long id, ReturnBody body, ReturnProject @return, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await @return.HandleAsync(new ReturnProjectRequest
        {
            ProjectId = id, Reason = body.Reason, On = body.On, Reference = body.Reference, Version = body.Version, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    public static async Task<Results<Ok<ProjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Resubmit(
        long id, ResubmitBody body, ResubmitProject resubmit, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await resubmit.HandleAsync(new ResubmitProjectRequest
        {
            ProjectId = id, Note = body.Note, On = body.On, Version = body.Version, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    public static async Task<Results<Ok<PlanSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Plan(
        long id, PlanBody body, PlanProject plan, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await plan.HandleAsync(new PlanProjectRequest
        {
            ProjectId = id, Deadline = body.Deadline, Durations = body.Durations, Reason = body.Reason, Version = body.Version,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    public static async Task<Results<Created<ProgressSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Progress(
        long id, ProgressBody body, ReportProgress report, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await report.HandleAsync(new ReportProgressRequest
        {
            ProjectId = id, Seq = body.Seq, ReportedOn = body.ReportedOn, Percent = body.Percent, Narrative = body.Narrative,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(ProjectUrl(id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<BeneficiarySaved>, ValidationProblem, NotFound<ProblemDetails>>> AddBeneficiary(
        long id, BeneficiaryBody body, AddBeneficiary add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        long? fen = null;
        if (body.AmountYuan is not null && (fen = FenOf(body.AmountYuan, allowZero: true)) is null)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("AmountYuan", "project.amount_invalid", "年受益金额无效（元，最多两位小数）")]));
        var result = await add.HandleAsync(new AddBeneficiaryRequest
        {
            ProjectId = id, HouseholdId = body.HouseholdId, Kind = body.Kind, Benefit = body.Benefit, AmountFen = fen,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(ProjectUrl(id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<BeneficiarySaved>, ValidationProblem, NotFound<ProblemDetails>>> RemoveBeneficiary(
        long id, long beneficiaryId, RemoveBeneficiary remove, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveBeneficiaryRequest { ProjectId = id, BeneficiaryId = beneficiaryId, User = Editor.Of(http), Role = me.Role!.Value }, ct);
        return result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<ProjectDocumentSaved>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> Upload(
        long id, HttpContext http, AddProjectDocument add, CurrentUser me, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = ProjectFiles.MaxBytes + 2 * 1024 * 1024;
        if (!http.Request.HasFormContentType) return BadRequest("请以 multipart/form-data 上传文件（字段 file）");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = ProjectFiles.MaxBytes + 1024 * 1024 }, ct);
        }
        catch (InvalidDataException)
        {
            return BadRequest("文件超过10MB或上传内容有误");
        }
        if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file) return BadRequest("请上传文件（字段 file）");
        static long? IdOf(string? s) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await add.HandleAsync(new AddProjectDocumentRequest
        {
            ProjectId = id, EventId = IdOf(form["eventId"]), ReportId = IdOf(form["reportId"]),
            File = await ProjectUploads.ReadAsync(file, ct), User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(DocumentUrl(id, result.Value!.Id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Download(long id, long documentId, GetProjectDocument get, HttpContext http, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, documentId, ct);
        if (!result.IsOk) return TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
        http.Response.Headers.CacheControl = "private, no-store";
        var d = result.Value;
        // Photos (JPEG/PNG by their bytes) show inline on the project page; everything else downloads. nosniff is global.
        return d.ContentType.StartsWith("image/", StringComparison.Ordinal) && http.Request.Query.ContainsKey("inline")
            ? TypedResults.File(d.Content, d.ContentType)
            : TypedResults.File(d.Content, d.ContentType, d.FileName);
    }

    static ProblemHttpResult BadRequest(string message) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "请求有误",
        Detail = message,
        Extensions = { ["code"] = "bad_file" },
    });

    /// <summary>Yuan with at most two decimals to fen; null when not a positive amount (or zero, when allowed) up to 10 亿元.</summary>
    public static long? FenOf(decimal? yuan, bool allowZero = false) =>
        yuan is { } y && (y > 0 || (allowZero && y == 0)) && y <= 1_000_000_000m && decimal.Round(y, 2) == y ? (long)(y * 100) : null;

    public static string StatusClass(ScheduleStatus s) => "pstatus pstatus-" + s.ToString().ToLowerInvariant();
}

/// <summary>Reading uploaded form files into <see cref="UploadedFile"/> under the size limit (a larger one is cut at the limit + 1 so the use case refuses it).</summary>
public static class ProjectUploads
{
    public static Task<UploadedFile> ReadAsync(IFormFile file, CancellationToken ct) => ReadAsync(file, ProjectFiles.MaxBytes, ct);

    /// <summary>The file's bytes, cut at <paramref name="maxBytes"/> + 1 so a larger file is refused as too large without reading all of it.</summary>
    public static async Task<UploadedFile> ReadAsync(IFormFile file, long maxBytes, CancellationToken ct)
    {
        var size = (int)Math.Min(file.Length, maxBytes + 1L);
        var buffer = new byte[size];
        await using var stream = file.OpenReadStream();
        var read = 0;
        while (read < size)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, size - read), ct);
            if (n == 0) break;
            read += n;
        }
        return new UploadedFile(file.FileName, read == size ? buffer : buffer[..read]);
    }

    public static async Task<List<UploadedFile>> ReadAllAsync(IEnumerable<IFormFile>? files, CancellationToken ct)
    {
        var list = new List<UploadedFile>();
        foreach (var f in files ?? [])
            if (f.Length > 0) list.Add(await ReadAsync(f, ct));
        return list;
    }
}
