using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Audit;

/// <summary>The audit log, read-only: no page or API changes or deletes it.</summary>
public sealed class IndexModel(SearchAuditLog search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "household")] public long? Household { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionFilter { get; set; }
    public int? PageNumber { get; private set; }

    public AuditPage? Results { get; private set; }
    public string? Error { get; private set; }

    /// <summary>"page" is also a route value of Razor Pages: taken from the query string explicitly.</summary>
    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page;
        if (!ModelState.IsValid)
        {
            Error = "查询条件有误：日期应为 yyyy-MM-dd，户 ID 应为数字";
            return;
        }
        var result = await search.HandleAsync(new SearchAuditLogRequest
        {
            User = UserFilter,
            HouseholdId = Household,
            From = From,
            To = To,
            Action = ActionFilter,
            Page = PageNumber ?? 1,
        }, ct);
        if (result.IsOk) Results = result.Value;
        else Error = result.Failure.Errors.Count > 0 ? result.Failure.Errors[0].Message : result.Failure.Message;
    }

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public string Link(int page) => QueryHelpers.AddQueryString("/audit", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["user"] = UserFilter,
        ["household"] = Household?.ToString(CultureInfo.InvariantCulture),
        ["from"] = From is null ? null : Date(From),
        ["to"] = To is null ? null : Date(To),
        ["action"] = ActionFilter,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public static string Entity(string entity) => entity switch
    {
        "User" => "用户",
        "ApiToken" => "接口令牌",
        "DemoSeed" => "演示数据",
        _ => Fupin.Households.FieldLabels.Entity(entity),
    };

    public static string Field(AuditEntry e) => e.Field is null ? "—" : Fupin.Households.FieldLabels.Field(e.Field);

    public static string Value(AuditEntry e, string? value) => Web.Infrastructure.Ui.OrDash(Fupin.Households.FieldLabels.Value(e.Field, value));
}
