using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Relocation;
using Fupin.Workshops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Workshops;

public sealed record WorkshopQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "status")] public WorkshopStatus? Status { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => !string.IsNullOrWhiteSpace(Region) && !scope.Overlaps(Region.Trim());
}

public sealed record WorkshopBody(string? VillageCode, string? Name, long? ProjectId, WorkshopStatus Status, string? Company, string? Contact,
    string? ContactPhone, string? Products, DateOnly? OpenedOn, int JobsPlanned, int WorkersTotal, long Version = 0)
{
    public WorkshopInput ToInput() => new()
    {
        VillageCode = VillageCode, Name = Name, ProjectId = ProjectId, Status = Status, Company = Company, Contact = Contact, ContactPhone = ContactPhone,
        Products = Products, OpenedOn = OpenedOn, JobsPlanned = JobsPlanned, WorkersTotal = WorkersTotal,
    };
}

public sealed record WorkerBody(long MemberId, DateOnly StartedOn, decimal MonthlyWageYuan);

public sealed record EndWorkerBody(DateOnly? EndedOn);

public sealed record MonthBody(DateOnly Month, int Workers, int PoorWorkers, decimal WagesYuan, decimal PoorWagesYuan, decimal SubsidyYuan, string? Note);

public static class WorkshopsApi
{
    public static IServiceCollection AddWorkshops(this IServiceCollection services) =>
        services.AddScoped<SearchWorkshops>()
            .AddScoped<GetWorkshop>()
            .AddScoped<AddWorkshop>()
            .AddScoped<UpdateWorkshop>()
            .AddScoped<AddWorkshopWorker>()
            .AddScoped<EndWorkshopWorker>()
            .AddScoped<RecordWorkshopMonth>();

    public static IEndpointRouteBuilder MapWorkshopsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workshops").WithTags("扶贫就业车间");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(RelocationPolicies.ManageSites);
        read.MapGet("", Search).WithName("SearchWorkshops")
            .WithSummary("车间列表（region、status=Building|Operating|Suspended）：每个车间的岗位、务工人数、今天在岗的贫困务工人数，及合计（建成、运营、贫困务工）");
        read.MapGet("/{id:long}", Get).WithName("GetWorkshop")
            .WithSummary("车间详情：在岗和已离岗的贫困务工人员（姓名、户、村、上岗日期、月工资，无证件号码）、月报、本年贫困务工工资和补贴、建设项目倒排工期");
        manage.MapPost("", Add).WithName("AddWorkshop").WithSummary("新增车间");
        manage.MapPut("/{id:long}", Update).WithName("UpdateWorkshop").WithSummary("修改车间（须带版本号）");
        manage.MapPost("/{id:long}/workers", AddWorker).WithName("AddWorkshopWorker")
            .WithSummary("登记贫困务工人员（memberId 建档立卡户成员、startedOn、monthlyWageYuan；上岗时满16周岁；在岗不重复登记）");
        manage.MapPost("/workers/{workerId:long}/end", EndWorker).WithName("EndWorkshopWorker").WithSummary("离岗（endedOn 默认今天，自该日起不再计入在岗）");
        manage.MapPost("/{id:long}/months", RecordMonth).WithName("RecordWorkshopMonth")
            .WithSummary("填报月报（month、workers、poorWorkers、wagesYuan、poorWagesYuan、subsidyYuan；每月一次：workshops.month_exists）");
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    public static async Task<Results<Ok<WorkshopList>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] WorkshopQuery query, SearchWorkshops search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(new SearchWorkshopsRequest(query.Region, query.Status), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<WorkshopDetails>, NotFound<ProblemDetails>>> Get(long id, GetWorkshop get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Created<WorkshopSaved>, ValidationProblem, NotFound<ProblemDetails>>> Add(
        WorkshopBody body, AddWorkshop add, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Created(await add.HandleAsync(new AddWorkshopRequest(body.ToInput(), Editor.Of(http), me.Role!.Value), ct), v => Url(v.Id));

    public static async Task<Results<Ok<WorkshopSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        long id, WorkshopBody body, UpdateWorkshop update, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await update.HandleAsync(new UpdateWorkshopRequest(id, body.Version, body.ToInput(), Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<WorkshopWorkerSaved>, ValidationProblem, NotFound<ProblemDetails>>> AddWorker(
        long id, WorkerBody body, AddWorkshopWorker add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (RelocationApi.FenOf(body.MonthlyWageYuan) is not { } wage)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("MonthlyWageYuan", "workshops.wage_invalid", "月工资无效（元，最多两位小数）")]));
        return Created(await add.HandleAsync(new AddWorkshopWorkerRequest(id, body.MemberId, body.StartedOn, wage, Editor.Of(http), me.Role!.Value), ct), _ => Url(id));
    }

    public static async Task<Results<Ok<WorkshopWorkerSaved>, ValidationProblem, NotFound<ProblemDetails>>> EndWorker(
        long workerId, EndWorkerBody body, EndWorkshopWorker end, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await end.HandleAsync(new EndWorkshopWorkerRequest(workerId, body.EndedOn, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<WorkshopMonthSaved>, ValidationProblem, NotFound<ProblemDetails>>> RecordMonth(
        long id, MonthBody body, RecordWorkshopMonth record, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var wages = RelocationApi.FenOf(body.WagesYuan);
        var poorWages = RelocationApi.FenOf(body.PoorWagesYuan);
        var subsidy = RelocationApi.FenOf(body.SubsidyYuan);
        if (wages is null) errors.Add(new FieldError("WagesYuan", "workshops.amount_invalid", "工资总额无效（元，最多两位小数）"));
        if (poorWages is null) errors.Add(new FieldError("PoorWagesYuan", "workshops.amount_invalid", "贫困务工工资无效（元，最多两位小数）"));
        if (subsidy is null) errors.Add(new FieldError("SubsidyYuan", "workshops.amount_invalid", "补贴金额无效（元，最多两位小数）"));
        if (errors.Count > 0) return ApiProblems.Invalid(Result.Invalid(errors));
        return Created(await record.HandleAsync(new RecordWorkshopMonthRequest(id, body.Month, body.Workers, body.PoorWorkers, wages!.Value, poorWages!.Value,
            subsidy!.Value, body.Note, Editor.Of(http), me.Role!.Value), ct), _ => Url(id));
    }

    static Results<Created<T>, ValidationProblem, NotFound<ProblemDetails>> Created<T>(Result<T> result, Func<T, string> url) => result.Failure switch
    {
        null => TypedResults.Created(url(result.Value!), result.Value),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
        var f => ApiProblems.Invalid(f),
    };

    public static string Url(long id) => "/api/workshops/" + id.ToString(CultureInfo.InvariantCulture);

    public static string StatusClass(WorkshopStatus s) => "wstatus wstatus-" + s.ToString().ToLowerInvariant();
}
