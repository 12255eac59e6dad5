using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checklists;
using Fupin.Web.Pages.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Inspections;

/// <summary>A draw: the townships, the day, sizes (defaults when left out), an optional seed, template and name.</summary>
public sealed record DrawInspectionBody(string[]? TownshipCodes, DateOnly PlannedOn, int? Seed, InspectionSampleSize? Size, long? TemplateId, string? Name, string? CountyCode = null);

/// <summary>A photo sent inside a JSON visit (base64).</summary>
public sealed record VisitPhotoBody(string? QuestionCode, string? FileName, string? ContentBase64);

/// <summary>A visit as JSON (the page sends multipart: the same fields, answers as a JSON string, photos as files).</summary>
public sealed record VisitBody(Guid ClientKey, List<VisitAnswerInput>? Answers, string? HeadName, double? Latitude, double? Longitude, string? Note, List<VisitPhotoBody>? Photos);

/// <summary>暗访督查: /api/inspections.</summary>
public static class InspectionsApi
{
    public static IServiceCollection AddInspections(this IServiceCollection services) =>
        services.AddScoped<DrawInspectionPlan>()
            .AddScoped<OpenInspectionPlan>()
            .AddScoped<CloseInspectionPlan>()
            .AddScoped<ListInspectionPlans>()
            .AddScoped<GetInspectionPlan>()
            .AddScoped<GetInspectionTarget>()
            .AddScoped<RecordInspectionVisit>()
            .AddScoped<GetInspectionVisit>()
            .AddChecklists();

    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/inspections").WithTags("暗访督查");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var inspect = api.MapGroup("").RequireAuthorization(SupervisionPolicies.Inspect);
        read.MapGet("", List).WithName("ListInspectionPlans")
            .WithSummary("暗访列表（q 按名称查找）：名称、日期、乡镇、状态、抽查对象数、已走访数、发现问题数。密封的暗访只有督查人员和县领导能看到");
        read.MapGet("/{id:long}", Get).WithName("GetInspectionPlan")
            .WithSummary("一次暗访：密封时只有各乡镇、各类对象的数量；启封后按乡镇和类别列出抽查对象及走访、问题数。对乡镇、村用户，密封的暗访不存在（404）");
        inspect.MapPost("", Draw).WithName("DrawInspectionPlan")
            .WithSummary("抽取暗访样本（townshipCodes、plannedOn 不早于今天、seed 可空、size 各类数量、templateId 可空、name 可空）：分乡镇分层随机抽取，同一种子同一结果；保存为密封状态");
        inspect.MapPost("/{id:long}/open", Open).WithName("OpenInspectionPlan").WithSummary("启封（暗访当天或以后）：inspection.open_too_early、inspection.not_sealed");
        inspect.MapPost("/{id:long}/close", Close).WithName("CloseInspectionPlan").WithSummary("结束暗访：inspection.not_open");
        read.MapGet("/{id:long}/targets/{targetId:long}", Target).WithName("GetInspectionTarget")
            .WithSummary("抽查对象的检查表：该类对象的问题，及系统登记的情况（家庭成员年龄、在校、医保、低保特困、住房等级、饮水、帮扶责任人；车间状态和贫困务工；安置点入住；村的贫困户数）");
        inspect.MapPost("/{id:long}/targets/{targetId:long}/visits", Visit).WithName("RecordInspectionVisit")
            .WithSummary("提交检查表（multipart：clientKey、answers（JSON 数组 [{questionCode,value,note}]）、headName、latitude、longitude、note、文件 photos 或 photo.问题编号；或 JSON）。同一 clientKey 再次提交返回已保存的记录。不合格的回答各生成一条整改事项");
        read.MapGet("/visits/{visitId:long}", GetVisit).WithName("GetInspectionVisit").WithSummary("一次走访：回答、照片和生成的整改事项");
        read.MapGet("/photos/{photoId:long}", Photo).WithName("GetInspectionPhoto").WithSummary("照片（已去除位置等元数据）");
        app.MapChecklistsApi();
        return app;
    }

    static readonly NotFound<ProblemDetails> PlanNotFound = TypedResults.NotFound(ApiProblems.NotFound("未找到该暗访"));

    public static async Task<Ok<List<InspectionPlanRow>>> List([FromQuery(Name = "q")] string? q, ListInspectionPlans list, CancellationToken ct) =>
        TypedResults.Ok(await list.HandleAsync(q, ct));

    public static async Task<Results<Ok<InspectionPlanDetails>, NotFound<ProblemDetails>>> Get(long id, GetInspectionPlan get, CancellationToken ct) =>
        await get.HandleAsync(id, ct) is { } plan ? TypedResults.Ok(plan) : PlanNotFound;

    public static async Task<Results<Created<InspectionPlanDrawn>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Draw(
        DrawInspectionBody body, DrawInspectionPlan draw, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var county = body.CountyCode ?? CountyOf(me);
        var result = await draw.HandleAsync(new DrawInspectionPlanRequest(county, body.TownshipCodes ?? [], body.PlannedOn, body.Seed, body.Size, body.TemplateId,
            body.Name, Editor.Of(http), me.Id, me.Role!.Value), ct);
        return ApiProblems.Created(result, v => $"/api/inspections/{v.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The county of the user (the first six digits of their first region).</summary>
    public static string CountyOf(CurrentUser me) => me.Regions is [{ Length: >= 6 } r, ..] ? r[..6] : "";

    public static async Task<Results<Ok<InspectionPlanSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Open(
        long id, OpenInspectionPlan open, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await open.HandleAsync(new ChangeInspectionPlanRequest(id, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<InspectionPlanSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Close(
        long id, CloseInspectionPlan close, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await close.HandleAsync(new ChangeInspectionPlanRequest(id, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<InspectionTargetDetails>, NotFound<ProblemDetails>>> Target(long id, long targetId, GetInspectionTarget get, CancellationToken ct) =>
        await get.HandleAsync(id, targetId, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound(ApiProblems.NotFound("未找到该抽查对象"));

    public static async Task<Results<Ok<InspectionVisitDetails>, NotFound<ProblemDetails>>> GetVisit(long visitId, GetInspectionVisit get, CancellationToken ct) =>
        await get.HandleAsync(visitId, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound(ApiProblems.NotFound("未找到该走访记录"));

    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Photo(long photoId, GetInspectionVisit get, HttpContext http, CancellationToken ct)
    {
        if (await get.PhotoAsync(photoId, ct) is not { } p) return TypedResults.NotFound(ApiProblems.NotFound("未找到该照片"));
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(p.Content, p.ContentType);
    }

    public static async Task<Results<Created<InspectionVisitSaved>, Ok<InspectionVisitSaved>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> Visit(
        long id, long targetId, HttpContext http, RecordInspectionVisit record, CurrentUser me, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = InspectionPhotos.MaxPerVisit * (long)InspectionPhotos.MaxBytes + 4 * 1024 * 1024;
        VisitBody body;
        var photos = new List<VisitPhoto>();
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    MultipartBodyLengthLimit = InspectionPhotos.MaxPerVisit * (long)InspectionPhotos.MaxBytes + 2 * 1024 * 1024,
                }, ct);
            }
            catch (InvalidDataException)
            {
                return BadRequest("照片过大或上传内容有误");
            }
            List<VisitAnswerInput>? answers;
            try
            {
                answers = string.IsNullOrWhiteSpace(form["answers"]) ? [] : JsonSerializer.Deserialize<List<VisitAnswerInput>>(form["answers"].ToString(), JsonSerializerOptions.Web);
            }
            catch (JsonException)
            {
                return BadRequest("answers 应为 JSON 数组：[{\"questionCode\":\"H-FOOD\",\"value\":\"是\",\"note\":null}]");
            }
            if (!Guid.TryParse(form["clientKey"], out var key)) return BadRequest("缺少或无效的 clientKey（GUID）");
            body = new VisitBody(key, answers, form["headName"], Number(form["latitude"]), Number(form["longitude"]), form["note"], null);
            foreach (var f in form.Files)
            {
                if (f.Length == 0) continue;
                var code = f.Name.StartsWith("photo.", StringComparison.Ordinal) ? f.Name["photo.".Length..] : null;
                photos.Add(new VisitPhoto(code, await ProjectUploads.ReadAsync(f, ct)));
            }
        }
        else
        {
            try
            {
                body = await http.Request.ReadFromJsonAsync<VisitBody>(JsonSerializerOptions.Web, ct) ?? throw new JsonException();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return BadRequest("请以 multipart/form-data 或 JSON 提交检查表");
            }
            foreach (var p in body.Photos ?? [])
            {
                byte[] bytes;
                try { bytes = Convert.FromBase64String(p.ContentBase64 ?? ""); }
                catch (FormatException) { return BadRequest("照片内容应为 base64"); }
                photos.Add(new VisitPhoto(p.QuestionCode, new UploadedFile(p.FileName ?? "照片", bytes)));
            }
        }
        var result = await record.HandleAsync(new RecordInspectionVisitRequest(id, targetId, body.ClientKey, body.Answers ?? [], body.HeadName,
            body.Latitude, body.Longitude, body.Note, photos, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null when result.Value!.Repeated => TypedResults.Ok(result.Value),
            null => TypedResults.Created($"/api/inspections/visits/{result.Value!.Id.ToString(CultureInfo.InvariantCulture)}", result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    static double? Number(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    static ProblemHttpResult BadRequest(string message) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "请求有误",
        Detail = message,
    });
}
