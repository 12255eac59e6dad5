using Fupin.Common;
using Fupin.Households;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Infrastructure;

/// <summary>
/// Errors answer as ProblemDetails with Chinese titles under /api, and as a Chinese error page
/// elsewhere. A concurrency conflict that escapes a use case becomes 409, never a 500.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddFupinErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status is { } status && Titles.TryGetValue(status, out var title)
                && !(c.ProblemDetails.Extensions.TryGetValue("code", out var code) && Equals(code, TimeoutCode)))
                c.ProblemDetails.Title = title;
        });
        services.AddExceptionHandler<ConcurrencyExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Exceptions and empty error responses are re-executed on /error/{code}, which answers
    /// ProblemDetails for the API and a Chinese page for people.
    /// </summary>
    public static WebApplication UseFupinErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // A statement the database cancelled for running too long is not a fault of the system: 503, "查询超时".
            StatusCodeSelector = e => IsStatementTimeout(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        return app;
    }

    /// <summary>PostgreSQL cancelled the statement at <c>Database:StatementTimeoutSeconds</c> (SQLSTATE 57014), however EF wrapped it.</summary>
    public static bool IsStatementTimeout(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.QueryCanceled }) return true;
        }
        return false;
    }

    public const string TimeoutCode = "timeout";
    public const string TimeoutTitle = "查询超时";

    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "请求有误",
        [401] = "请先登录",
        [403] = "没有权限",
        [404] = "未找到",
        [405] = "不支持此操作",
        [409] = Failure.ConflictMessage,
        [415] = "不支持的内容类型",
        [429] = "请求过于频繁，请稍后再试",
        [500] = "系统出错，请稍后再试",
        [503] = "服务暂时不可用",
    };
}

/// <summary>Another user saved first: 409 with the conflict code, nothing overwritten.</summary>
public sealed class ConcurrencyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = ApiProblems.Conflict(Failure.ConflictMessage),
        });
    }
}

/// <summary>Use-case failures as HTTP results: 400 with a code per error, 404, 409 with code "conflict".</summary>
public static class ApiProblems
{
    public static ProblemDetails Conflict(string message) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = message,
        Detail = "提交的版本号已过期，未保存任何修改。",
        Extensions = { ["code"] = "conflict" },
    };

    public static ProblemDetails NotFound(string message) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = message,
        Extensions = { ["code"] = "not_found" },
    };

    /// <summary>Errors keyed by the JSON (camelCase) field name; <c>codes</c> lists the machine-readable code of each message in the same order.</summary>
    public static ValidationProblem Invalid(Failure failure)
    {
        var groups = failure.Errors.GroupBy(e => JsonName(e.Field), StringComparer.Ordinal).ToList();
        var errors = groups.ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var codes = groups.ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors, detail: failure.Message, title: "提交的信息有误",
            extensions: new Dictionary<string, object?> { ["code"] = "validation", ["codes"] = codes });
    }

    static string JsonName(string field) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(field);

    /// <summary>A use case's result as the API answers it: 200 with the value, 404, 409 (a stale version) or 400 with the field codes.</summary>
    public static Results<Ok<T>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> Answer<T>(Result<T> result) => result.Failure switch
    {
        null => TypedResults.Ok(result.Value!),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(NotFound(f.Message)),
        { Kind: FailureKind.Conflict } f => TypedResults.Conflict(Conflict(f.Message)),
        var f => Invalid(f),
    };

    /// <summary>As <see cref="Answer{T}"/>, with 201 and the new record's address.</summary>
    public static Results<Created<T>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> Created<T>(Result<T> result, Func<T, string> url) => result.Failure switch
    {
        null => TypedResults.Created(url(result.Value!), result.Value),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(NotFound(f.Message)),
        { Kind: FailureKind.Conflict } f => TypedResults.Conflict(Conflict(f.Message)),
        var f => Invalid(f),
    };
}
