using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Verification;

/// <summary>Who does what in 排查核对, as authorization policies.</summary>
public static class VerificationPolicies
{
    /// <summary>Move findings on and add evidence: county office, townships, villages.</summary>
    public const string WorkFindings = "WorkFindings";

    /// <summary>Start a comparison run: the county office and townships, for their regions.</summary>
    public const string RunVerification = "RunVerification";

    /// <summary>Load department lists: the county office and the departments.</summary>
    public const string LoadLists = "LoadLists";

    /// <summary>See the list history: whoever reads the registry, and the departments.</summary>
    public const string ViewLists = "ViewLists";

    public static bool CanRun(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer;

    public static bool CanLoadLists(Role role) => role is Role.CountyAdmin or Role.Department;

    public static bool CanViewLists(Role role) => Roles.CanReadRegistry(role) || role == Role.Department;
}

/// <summary>Query string of the findings list, shared by the API, the list page, the export and the print page.</summary>
public sealed record FindingQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "rule")] public string? Rule { get; init; }
    [FromQuery(Name = "status")] public FindingStatus? Status { get; init; }

    /// <summary>pending, closed, gone; all = every finding including gone ones; empty = every finding whose cause is still there.</summary>
    [FromQuery(Name = "stage")] public string? Stage { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }
    [FromQuery(Name = "household")] public long? HouseholdId { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public (SearchFindingsRequest? Request, Failure? Failure) ToRequest(int? pageSize = null)
    {
        var stage = Stage?.Trim().ToLowerInvariant() ?? "";
        FindingStage? parsed = stage switch
        {
            "pending" => FindingStage.Pending,
            "closed" => FindingStage.Closed,
            "gone" => FindingStage.Gone,
            _ => null,
        };
        if (parsed is null && stage is not ("" or "all"))
            return (null, Result.Invalid([new FieldError(nameof(Stage), "stage.invalid", "stage 应为 pending（待办）、closed（已办结）、gone（已消除）或 all（全部）")]));
        return (new SearchFindingsRequest
        {
            Region = Region,
            Rule = Rule,
            Status = Status,
            Stage = parsed,
            IncludeGone = stage == "all",
            Text = Text,
            HouseholdId = HouseholdId,
            Page = Page ?? 1,
            PageSize = pageSize ?? PageSize ?? SearchFindings.DefaultPageSize,
        }, null);
    }

    /// <summary>A region outside the user's scope (not in it and not above it) answers 404, as a finding outside it does.</summary>
    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    /// <summary>These filters as a query string (without the page), for links.</summary>
    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["rule"] = Rule,
        ["status"] = Status?.ToString(),
        ["stage"] = Stage,
        ["q"] = Text,
        ["household"] = HouseholdId?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>The body of POST /api/verification/findings/{id}/status: the version seen, and what changes (null: unchanged).</summary>
public sealed record FindingStatusBody(long Version, FindingStatus? Status, string? AssignedTo, string? Note);

public sealed record RunBody(string? Region);

/// <summary>A run's report as the API and the dashboard show it: lists compared, rules skipped and why, counts.</summary>
public sealed record RunReportJson(
    long RunId, string Region, string RegionName, int Households, int Members, IReadOnlyList<ListUsed> Lists,
    IReadOnlyList<SkippedRuleJson> Skipped, IReadOnlyList<RuleFindingsJson> ByRule, int Found, int New, int Reopened, int Gone)
{
    public static RunReportJson From(VerificationReport r) => new(
        r.RunId, r.Region, r.RegionName, r.Households, r.Members, r.Lists,
        [.. r.Skipped.Select(s => new SkippedRuleJson(s.Code, s.Title, [.. s.Lists],
            "未导入" + string.Join("或", s.Lists.Select(l => $"《{ListTypes.Find(l)?.Title ?? l}》")) + "名单"))],
        [.. r.ByRule.Select(b => new RuleFindingsJson(b.Rule, b.Title, ChecksApi.SeverityCode(b.Severity), b.Found, b.New))],
        r.Found, r.New, r.Reopened, r.Gone);
}

public sealed record SkippedRuleJson(string Rule, string Title, IReadOnlyList<string> Lists, string Reason);

public sealed record RuleFindingsJson(string Rule, string Title, string Severity, int Found, int New);

public sealed record CatalogRuleJson(string Code, string Title, string Kind, string Lists, string Severity, string Rationale, string Action);

public sealed record ListTypeJson(string Key, string Title, string Department, string Meaning, IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    public static ListTypeJson From(ListType t) => new(t.Key, t.Title, t.Department, t.Meaning,
        [ListTypes.Name.Header, ListTypes.IdNumber.Header, .. t.RequiredColumns.Select(c => c.Header)],
        [.. t.Columns.Where(c => !c.Required).Select(c => c.Header)]);
}

/// <summary>A list upload as the page and the API receive it.</summary>
public sealed record ListUpload(string Type, string FileName, long Length, Func<Stream> Open, DateOnly? AsOf, string? Department, string? Region, string Via);

/// <summary>
/// Loads a department list for the signed-in user. A department reads no registry (its scope is
/// empty), so the load runs in a context of its own, after checking the list's region against the
/// user's regions; the upload is saved to a temporary file for <see cref="ImportDepartmentList"/>.
/// </summary>
public sealed class ListLoader(IServiceProvider services, CurrentUser me)
{
    public const long MaxUploadBytes = RegistryTransfer.MaxUploadBytes;

    /// <summary>The regions a list may cover for this user: theirs, and the townships under them.</summary>
    public async Task<IReadOnlyList<(string Code, string Name, RegionLevel Level)>> RegionsAsync(CancellationToken ct)
    {
        var mine = me.Regions;
        await using var db = Authentication.SystemContext(services);
        var rows = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County || r.Level == RegionLevel.Township)
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        return [.. rows.Where(r => mine.Any(m => r.Code.StartsWith(m, StringComparison.Ordinal)))
            .OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.Name, r.Level))];
    }

    public async Task<Result<ImportDepartmentListReport>> LoadAsync(ListUpload upload, string user, CancellationToken ct)
    {
        var fileName = Path.GetFileName(upload.FileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(fileName) || upload.Length == 0)
            return Result.Invalid([new FieldError("File", "file.missing", "请选择要上传的名单文件")]);
        if (!RegistryTransfer.AllowedExtension(fileName))
            return Result.Invalid([new FieldError("File", "file.type", "名单只能是 .xlsx 或 .csv 文件")]);
        if (upload.Length > MaxUploadBytes)
            return Result.Invalid([new FieldError("File", "file.too_large", "名单文件超过 50 MB")]);
        if (ListTypes.Find(upload.Type) is null)
        {
            return Result.Invalid([new FieldError("Type", "list.type_unknown",
                $"没有名单类型“{upload.Type}”，可选：{string.Join("，", ListTypes.All.Select(t => $"{t.Key}（{t.Title}）"))}")]);
        }

        var region = string.IsNullOrWhiteSpace(upload.Region) ? me.Regions.OrderBy(r => r.Length).FirstOrDefault() : upload.Region.Trim();
        if (region is null || !me.Regions.Any(m => region.StartsWith(m, StringComparison.Ordinal)))
            return Result.Invalid([new FieldError("Region", "region.unknown", $"区划代码“{region}”不存在或不在您的管理范围内")]);

        var dir = Directory.CreateTempSubdirectory("fupin-list-");
        try
        {
            var path = Path.Combine(dir.FullName, "list" + Path.GetExtension(fileName).ToLowerInvariant());
            await using (var source = upload.Open())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, ct);
            await using var db = Authentication.SystemContext(services);
            db.Audit.User = user;
            var result = await new ImportDepartmentList(db, db.Clock).HandleAsync(
                new ImportDepartmentListRequest(upload.Type, path, upload.AsOf, region, upload.Department, fileName, upload.Via), null, ct);
            // The file is a temporary copy: errors about it are about the upload.
            return result.IsOk || result.Failure.Kind != FailureKind.Invalid
                ? result
                : result.Failure with { Errors = [.. result.Failure.Errors.Select(e => e.Field == "Path" ? e with { Field = "File" } : e)] };
        }
        finally
        {
            RegistryTransfer.TryDelete(dir);
        }
    }
}

public static class VerificationApi
{
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.AddScoped<SearchFindings>()
            .AddScoped<CountFindings>()
            .AddScoped<GetFinding>()
            .AddScoped<UpdateFinding>()
            .AddScoped<AddFindingEvidence>()
            .AddScoped<GetFindingEvidence>()
            .AddScoped<ExportFindings>()
            .AddScoped<ListDepartmentLists>()
            .AddScoped<RunVerification>()
            .AddScoped<ListLoader>();
        services.AddAuthorizationBuilder()
            .AddPolicy(VerificationPolicies.WorkFindings, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, FindingWorkflow.CanWork)))
            .AddPolicy(VerificationPolicies.RunVerification, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, VerificationPolicies.CanRun)))
            .AddPolicy(VerificationPolicies.LoadLists, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, VerificationPolicies.CanLoadLists)))
            .AddPolicy(VerificationPolicies.ViewLists, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, VerificationPolicies.CanViewLists)));
        return services;
    }

    static bool Allowed(System.Security.Claims.ClaimsPrincipal user, Func<Role, bool> rule) => CurrentUser.RoleOf(user) is { } role && rule(role);

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/verification").WithTags("排查核对");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        read.MapGet("/findings", Search).WithName("SearchFindings")
            .WithSummary("查询疑点（region、rule、status、stage=pending|closed|gone|all、q=户编号或姓名、household；分页；只含本人管辖范围，不含证件号码）");
        read.MapGet("/findings/export", Export).WithName("ExportFindings")
            .WithSummary("按同样的条件导出疑点核实清单（.xlsx，含空白“核实情况”列；导出记入审计日志）");
        read.MapGet("/findings/{id:long}", Get).WithName("GetFinding").WithSummary("疑点详情：依据、户和成员（脱敏）、办理记录、证据文件");
        api.MapPost("/findings/{id:long}/status", UpdateStatus).RequireAuthorization(VerificationPolicies.WorkFindings).WithName("UpdateFinding")
            .WithSummary("办理疑点：改状态（待核实→核实中→属实/不属实/误报，办结须填核实情况）、改派（本村或本乡镇）、填写核实情况；须带版本号，版本过期返回 409");
        api.MapPost("/findings/{id:long}/evidence", UploadEvidence).RequireAuthorization(VerificationPolicies.WorkFindings).Accepts<IFormFile>("multipart/form-data")
            .WithName("AddFindingEvidence").WithSummary("上传证据文件（multipart 字段 file：JPEG、PNG 或 PDF，按内容判断，不超过 10 MB）");
        read.MapGet("/evidence/{id:long}", DownloadEvidence).WithName("GetFindingEvidence").WithSummary("下载证据文件（附件形式，内容类型按上传时识别的类型）");
        read.MapGet("/counts", Counts).WithName("CountFindings")
            .WithSummary("疑点统计：按规则和下一级区域（县→乡镇→村），分待核实、核实中、已办结、已消除；region 默认为本人管辖区域");
        api.MapPost("/runs", Run).RequireAuthorization(VerificationPolicies.RunVerification).WithName("RunVerification")
            .WithSummary("对区域（县、乡镇或村）与最新部门名单开始比对，返回比对报告（使用的名单、因缺少名单而跳过的规则、新增/再次发现/已消除数）");
        api.MapGet("/lists", Lists).RequireAuthorization(VerificationPolicies.ViewLists).WithName("ListDepartmentLists")
            .WithSummary("部门名单导入历史（最新在前）：类型、来源部门、地区、截止日期、文件、行数、拒收行数、导入人");
        api.MapPost("/lists/{type}", UploadList).RequireAuthorization(VerificationPolicies.LoadLists).Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportDepartmentList")
            .WithSummary("导入部门名单（multipart：file 为 .xlsx 或 .csv，asOf 数据截止日期 yyyy-MM-dd，department 来源部门，region 覆盖地区）；成功返回 201 和导入报告");
        api.MapGet("/list-types", ListTypesInfo).WithName("ListTypes").WithSummary("名单类型及各自的必需列、可选列");
        api.MapGet("/rules", RuleList).WithName("VerificationRules").WithSummary("规则目录：数据质量规则和部门比对规则（代码、名称、类别、所需名单、级别、依据、处理方式）");

        // The list page's download link: same filters, same file, an HTML error page if something is wrong.
        app.MapGet("/verification/findings/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    public static bool OutOfScope(string? region, AccessScope scope) =>
        region?.Trim() is { Length: 2 or 4 or 6 or 9 or 12 } code && code.All(char.IsAsciiDigit) && !scope.Overlaps(code);

    public static async Task<Results<Ok<FindingPage>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] FindingQuery query, SearchFindings search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var (request, bad) = query.ToRequest();
        if (bad is not null) return ApiProblems.Invalid(bad);
        var result = await search.HandleAsync(request!, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] FindingQuery query, ExportFindings export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var (request, bad) = query.ToRequest();
        if (bad is not null) return ApiProblems.Invalid(bad);
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportFindingsRequest(request!, filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportFindings.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<FindingDetails>, NotFound<ProblemDetails>>> Get(long id, GetFinding get, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetFindingRequest(id), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<FindingSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateStatus(
        long id, FindingStatusBody body, UpdateFinding update, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await update.HandleAsync(new UpdateFindingRequest(id, body.Version, body.Status, body.AssignedTo, body.Note, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<EvidenceFile>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> UploadEvidence(
        long id, HttpContext http, AddFindingEvidence add, CurrentUser me, CancellationToken ct)
    {
        var (file, error) = await ReadFileAsync(http, AddFindingEvidence.MaxBytes + 1024 * 1024, ct);
        if (file is null) return error!;
        var result = await add.HandleAsync(new AddFindingEvidenceRequest(id, file.FileName, file.Length, file.OpenReadStream, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Created(EvidenceUrl(result.Value!.Id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> DownloadEvidence(long id, GetFindingEvidence get, HttpContext http, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetFindingEvidenceRequest(id), ct);
        if (!result.IsOk) return TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
        http.Response.Headers.CacheControl = "private, no-store";
        // The content type is the one found in the file's bytes; with nosniff and attachment the browser neither guesses nor renders it inline.
        return TypedResults.File(result.Value.Content, result.Value.ContentType, result.Value.FileName);
    }

    public static string EvidenceUrl(long id) => "/api/verification/evidence/" + id.ToString(CultureInfo.InvariantCulture);

    public static async Task<Results<Ok<FindingCountReport>, ValidationProblem, NotFound<ProblemDetails>>> Counts(
        AppDbContext db, CountFindings count, CancellationToken ct, [FromQuery(Name = "region")] string? region = null)
    {
        var code = string.IsNullOrWhiteSpace(region) ? await ChecksApi.DefaultRegionAsync(db, ct) : region.Trim();
        if (code is null) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await count.HandleAsync(new CountFindingsRequest(code), ct);
        if (result.IsOk) return TypedResults.Ok(result.Value);
        return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<RunReportJson>, ValidationProblem, NotFound<ProblemDetails>>> Run(
        AppDbContext db, RunVerification run, HttpContext http, CancellationToken ct, RunBody? body = null, [FromQuery(Name = "region")] string? region = null)
    {
        var asked = body?.Region ?? region;
        var code = string.IsNullOrWhiteSpace(asked) ? await ChecksApi.DefaultRegionAsync(db, ct) : asked.Trim();
        if (code is null) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        db.Audit.User = Editor.Of(http);
        var result = await run.HandleAsync(new RunVerificationRequest(code), null, ct);
        if (result.IsOk) return TypedResults.Ok(RunReportJson.From(result.Value));
        return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<DepartmentListPage>, ValidationProblem>> Lists(
        ListDepartmentLists lists, CurrentUser me, CancellationToken ct,
        [FromQuery(Name = "type")] string? type = null, [FromQuery(Name = "page")] int? page = null, [FromQuery(Name = "pageSize")] int? pageSize = null)
    {
        var result = await lists.HandleAsync(new ListDepartmentListsRequest(me.Regions, type, page ?? 1, pageSize ?? ListDepartmentLists.DefaultPageSize), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    /// <summary>The form is read here, under the 50 MB limit, rather than bound, so the limit applies before reading.</summary>
    public static async Task<Results<Created<ImportDepartmentListReport>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> UploadList(
        string type, HttpContext http, ListLoader loader, CancellationToken ct)
    {
        var (file, error) = await ReadFileAsync(http, ListLoader.MaxUploadBytes, ct);
        if (file is null) return error!;
        var form = http.Request.Form;
        DateOnly? asOf = null;
        if (form["asOf"].ToString() is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return ApiProblems.Invalid(Result.Invalid([new FieldError("AsOf", "list.as_of_invalid", $"数据截止日期“{text}”应写作 yyyy-MM-dd")]));
            asOf = d;
        }
        var upload = new ListUpload(type, file.FileName, file.Length, file.OpenReadStream, asOf,
            form["department"].ToString() is { Length: > 0 } dep ? dep : null, form["region"].ToString() is { Length: > 0 } reg ? reg : null, "接口");
        var result = await loader.LoadAsync(upload, Editor.Of(http), ct);
        return result.Failure switch
        {
            null => TypedResults.Created("/api/verification/lists", result.Value),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "名单已导入过", Detail = f.Message, Extensions = { ["code"] = "list.duplicate" },
            }),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static Ok<IReadOnlyList<ListTypeJson>> ListTypesInfo() => TypedResults.Ok<IReadOnlyList<ListTypeJson>>([.. ListTypes.All.Select(ListTypeJson.From)]);

    public static Ok<IReadOnlyList<CatalogRuleJson>> RuleList() => TypedResults.Ok<IReadOnlyList<CatalogRuleJson>>(
        [.. RuleCatalog.All.Select(r => new CatalogRuleJson(r.Code, r.Title, r.Kind, r.Lists, ChecksApi.SeverityCode(r.Severity), r.Rationale, r.Action))]);

    /// <summary>The multipart form's file (field file, or the only file), read under the limit; or the 400 that says what is wrong.</summary>
    static async Task<(IFormFile? File, ProblemHttpResult? Error)> ReadFileAsync(HttpContext http, long limit, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 1024 * 1024;
        if (!http.Request.HasFormContentType) return (null, BadRequest("请以 multipart/form-data 上传文件（字段 file）", "file"));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (InvalidDataException)
        {
            return (null, BadRequest(string.Create(CultureInfo.InvariantCulture, $"文件超过 {limit / 1024 / 1024} MB 或上传内容有误"), "file"));
        }
        if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file) return (null, BadRequest("请上传文件（字段 file）", "file"));
        return (file, null);
    }

    static ProblemHttpResult BadRequest(string message, string code) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "请求有误",
        Detail = message,
        Extensions = { ["code"] = "bad_" + code },
    });

    public static string SeverityLabel(Severity s) => s == Severity.Error ? "错误" : "提示";

    /// <summary>A CSS class per status, for the badges.</summary>
    public static string StatusClass(FindingStatus s, bool gone) => gone ? "fstatus fstatus-gone" : "fstatus fstatus-" + s.ToString().ToLowerInvariant();

    public static string Count(int n) => n == 0 ? "—" : n.ToString("#,0", CultureInfo.InvariantCulture);
}
