using System.Globalization;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Inspections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Checklists;

public sealed record ChecklistTemplateBody(ChecklistKind Kind, string? Name, string? Description, bool IsActive, List<ChecklistQuestionInput>? Questions,
    long Version = 0, bool AsCopy = false);

/// <summary>检查表和问卷: /api/checklists.</summary>
public static class ChecklistsApi
{
    /// <summary>Editing templates: <see cref="SupervisionPolicies.ManageSurveys"/> or <see cref="SupervisionPolicies.Inspect"/>.</summary>
    public const string EditPolicy = "EditChecklists";

    public static IServiceCollection AddChecklists(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(EditPolicy, p => p.RequireAuthenticatedUser()
            .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && SaveChecklistTemplate.CanEdit(role)));
        return services.AddScoped<ListChecklistTemplates>().AddScoped<GetChecklistTemplate>().AddScoped<SaveChecklistTemplate>();
    }

    public static IEndpointRouteBuilder MapChecklistsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checklists").WithTags("检查表和问卷");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var edit = api.MapGroup("").RequireAuthorization(EditPolicy);
        read.MapGet("", List).WithName("ListChecklistTemplates").WithSummary("暗访检查表和满意度问卷（kind=Inspection|Survey）：问题数、是否已被使用");
        read.MapGet("/{id:long}", Get).WithName("GetChecklistTemplate").WithSummary("一个检查表或问卷及其问题");
        edit.MapPost("", Add).WithName("AddChecklistTemplate").WithSummary("新建检查表或问卷（问题按给出的顺序）");
        edit.MapPut("/{id:long}", Save).WithName("SaveChecklistTemplate")
            .WithSummary("保存检查表（须带版本号）；已被暗访或调查使用的不改原表，另存为新表（copied=true）；asCopy=true 另存为副本");
        return app;
    }

    public static async Task<Ok<List<ChecklistTemplateRow>>> List([FromQuery(Name = "kind")] ChecklistKind? kind, ListChecklistTemplates list, CancellationToken ct) =>
        TypedResults.Ok(await list.HandleAsync(kind, ct));

    public static async Task<Results<Ok<ChecklistTemplateDetails>, NotFound<ProblemDetails>>> Get(long id, GetChecklistTemplate get, CancellationToken ct) =>
        await get.HandleAsync(id, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound(ApiProblems.NotFound("未找到该检查表"));

    public static async Task<Results<Created<ChecklistTemplateSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Add(
        ChecklistTemplateBody body, SaveChecklistTemplate save, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Created(await save.HandleAsync(Request(null, body, me, http), ct), v => Url(v.Id));

    public static async Task<Results<Ok<ChecklistTemplateSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Save(
        long id, ChecklistTemplateBody body, SaveChecklistTemplate save, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await save.HandleAsync(Request(id, body, me, http), ct));

    static SaveChecklistTemplateRequest Request(long? id, ChecklistTemplateBody b, CurrentUser me, HttpContext http) =>
        new(id, b.Version, InspectionsApi.CountyOf(me), b.Kind, b.Name, b.Description, b.IsActive, b.Questions ?? [], b.AsCopy, Editor.Of(http), me.Role!.Value);

    static string Url(long id) => "/api/checklists/" + id.ToString(CultureInfo.InvariantCulture);
}
