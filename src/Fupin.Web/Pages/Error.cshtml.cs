using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages;

/// <summary>
/// Where errors are re-executed: a Chinese page for people, ProblemDetails when the failed request
/// was for the API.
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public int Code { get; private set; }

    /// <summary>The database cancelled the request's statement for running too long.</summary>
    public bool Timeout { get; private set; }

    public (string Title, string Text) Message => Code switch
    {
        404 => ("页面不存在", "要找的户、成员或页面不存在，可能已被删除或地址有误。"),
        400 => ("请求有误", "提交的内容无法识别，请返回后重试。"),
        403 => ("没有权限", "您没有查看此页面的权限。"),
        401 => ("请先登录", "请先登录后再访问此页面。"),
        405 => ("不支持此操作", "该地址不支持这种请求方式。"),
        429 => ("请求过于频繁", "登录尝试过于频繁，请一分钟后再试。"),
        409 => ("信息已被他人修改", "该户信息已被他人修改，请刷新后重新编辑。"),
        503 when Timeout => (ErrorHandling.TimeoutTitle, "这次查询用时太长，已被系统中止，数据没有任何改动。请缩小范围（选择乡镇或村、加上筛选条件）后重试；如果反复出现，请联系县扶贫办信息管理员。"),
        503 => ("服务暂时不可用", "系统正忙，请稍后再试。"),
        _ => ("系统出错", "系统处理时出错，请稍后再试；如果反复出现，请联系县扶贫办信息管理员。"),
    };

    // The status comes from the route only: a re-executed form post may carry a field named "code".
    public Task<IActionResult> OnGetAsync([FromRoute] int? code) => RespondAsync(code);

    public Task<IActionResult> OnPostAsync([FromRoute] int? code) => RespondAsync(code);

    public Task<IActionResult> OnPutAsync([FromRoute] int? code) => RespondAsync(code);

    public Task<IActionResult> OnDeleteAsync([FromRoute] int? code) => RespondAsync(code);

    async Task<IActionResult> RespondAsync(int? code)
    {
        // An exception re-executes /error with the status already chosen (500, or 503 for a statement timeout).
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        Code = code ?? (failure is not null && Response.StatusCode >= 400 ? Response.StatusCode : 500);
        Timeout = Code == 503 && ErrorHandling.IsStatementTimeout(failure?.Error);
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        if (originalPath is not null && ErrorHandling.IsApi(originalPath))
        {
            Response.StatusCode = Code;
            var problem = new ProblemDetails { Status = Code };
            if (Timeout)
            {
                problem.Title = ErrorHandling.TimeoutTitle;
                problem.Extensions["code"] = ErrorHandling.TimeoutCode;
            }
            var written = await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = HttpContext, ProblemDetails = problem });
            if (written) return new EmptyResult();
        }
        if (originalPath is not null) Response.StatusCode = Code;
        return Page();
    }
}
