using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Employment;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Employment;

/// <summary>
/// 就业台账: the jobs of a region and year (filter by kind) with totals by kind, the export, and for those who
/// record employment the form to record a job (户编号 + 姓名) and the removal of a job recorded by mistake. Also
/// takes the willingness form of the household page and sends the user back there.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchJobs search, RecordJob record, RemoveJob remove, RecordWillingness willingness,
    CurrentUser me, TimeProvider clock) : PageModel
{
    public JobsQuery Query { get; private set; } = new();
    public JobList List { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Saved { get; private set; }
    public bool CanRecord => me.Can(IndustryRoles.CanRecordEmployment);
    public DateOnly Today => clock.Today();

    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public int? JobYear { get; set; }
    [BindProperty] public JobKind? Kind { get; set; }
    [BindProperty] public int? Months { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public string? Post { get; set; }
    [BindProperty] public string? Income { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] JobsQuery query, [FromQuery(Name = "household")] long? household,
        [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        Saved = saved switch { "job" => "就业记录已登记。", "removed" => "就业记录已删除。", _ => null };
        if (household is { } hid)
            HouseholdNumber = await db.Households.AsNoTracking().Where(h => h.Id == hid).Select(h => h.Number).SingleOrDefaultAsync(ct);
        return await LoadAsync(query, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostJobAsync([FromQuery] JobsQuery query, CancellationToken ct)
    {
        if (!CanRecord) return Forbid();
        var errors = new List<FieldError>();
        var number = HouseholdNumber?.Trim() ?? "";
        var name = MemberName?.Trim() ?? "";
        var members = await db.Members.AsNoTracking().Where(m => m.Household!.Number == number && m.Name == name).Select(m => m.Id).Take(2).ToListAsync(ct);
        if (members.Count != 1)
            errors.Add(new FieldError("MemberId", "employment.member_unknown",
                members.Count == 0 ? $"户编号“{number}”中没有名为“{name}”的成员，或该户不在您的管理范围内" : $"该户有同名成员“{name}”，请在户页面登记"));
        var income = Income is { Length: > 0 } text
            ? decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan) ? EmploymentApi.IncomeFen(yuan) : null
            : 0;
        if (income is null) errors.Add(new FieldError("MonthlyIncomeFen", "employment.income_invalid", "月收入无效：请按元填写，0或以上，最多两位小数"));
        if (errors.Count == 0)
        {
            var result = await record.HandleAsync(new RecordJobRequest
            {
                MemberId = members[0], Year = JobYear ?? 0, Kind = Kind ?? 0, Months = Months ?? 0, Place = Place, Employer = Employer, Post = Post,
                MonthlyIncomeFen = income!.Value, User = Editor.Of(HttpContext), Role = me.Role!.Value,
            }, ct);
            if (result.IsOk) return Redirect(Link(query, saved: "job"));
            errors.AddRange(result.Failure.Errors);
        }
        Errors = errors;
        if (!await LoadAsync(query, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromQuery] JobsQuery query, [FromForm(Name = "jobId")] long jobId, CancellationToken ct)
    {
        if (!CanRecord) return Forbid();
        var result = await remove.HandleAsync(new RemoveJobRequest(jobId, Editor.Of(HttpContext), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => Redirect(Link(query, saved: "removed")),
            { Kind: FailureKind.NotFound } => NotFound(),
            _ => Forbid(),
        };
    }

    /// <summary>The household page's willingness form: back to the household, with the outcome's code on failure.</summary>
    public async Task<IActionResult> OnPostWillingnessAsync([FromForm(Name = "memberId")] long memberId, [FromForm(Name = "willing")] bool willing,
        [FromForm(Name = "recordedOn")] DateOnly? recordedOn, [FromForm(Name = "note")] string? note, [FromForm(Name = "household")] long household, CancellationToken ct)
    {
        if (!CanRecord) return Forbid();
        var result = await willingness.HandleAsync(new RecordWillingnessRequest(memberId, willing, recordedOn ?? default, note, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk) return Redirect($"/households/{result.Value.HouseholdId.ToString(CultureInfo.InvariantCulture)}?employment=saved#employment");
        if (result.Failure.Errors.Any(e => e.Code == "employment.member_unknown")) return NotFound();
        var error = result.Failure.Errors[0];
        return Redirect(QueryHelpers.AddQueryString($"/households/{household.ToString(CultureInfo.InvariantCulture)}",
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["employment"] = error.Code, ["member"] = memberId.ToString(CultureInfo.InvariantCulture) }) + "#employment");
    }

    async Task<bool> LoadAsync(JobsQuery query, CancellationToken ct)
    {
        Query = query;
        Years = [.. Enumerable.Range(2016, Math.Max(1, Today.Year - 2015)).Reverse()];
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var result = await search.HandleAsync(new SearchJobsRequest(query.Region, query.Year, query.Kind, Math.Max(0, query.Offset ?? 0), SearchJobs.DefaultLimit), ct);
        if (!result.IsOk)
        {
            if (result.Failure.Kind == FailureKind.NotFound) return false;
            Errors = [.. Errors, .. result.Failure.Errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Query = new JobsQuery();
            result = await search.HandleAsync(new SearchJobsRequest(), ct);
            if (!result.IsOk) return false;
        }
        List = result.Value;
        return true;
    }

    public string? ErrorFor(params string[] fields) => Errors.FirstOrDefault(e => fields.Contains(e.Field, StringComparer.Ordinal))?.Message;

    public string? OtherErrors(params string[] fields) =>
        Errors.Where(e => !fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;

    static Dictionary<string, string?> Values(JobsQuery q) => new(StringComparer.Ordinal)
    {
        ["region"] = q.Region,
        ["year"] = q.Year?.ToString(CultureInfo.InvariantCulture),
        ["kind"] = q.Kind?.ToString(),
    };

    public static string Link(JobsQuery q, int? offset = null, string? saved = null, string? handler = null, string path = "/employment")
    {
        var values = Values(q);
        values["offset"] = offset is > 0 ? offset.Value.ToString(CultureInfo.InvariantCulture) : null;
        values["saved"] = saved;
        values["handler"] = handler;
        return QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }

    public string ExportLink => Link(new JobsQuery { Region = List.RegionCode, Year = List.Year, Kind = Query.Kind }, path: "/employment/export");

    public string CoverageLink => QueryHelpers.AddQueryString("/employment/coverage", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["region"] = List.RegionCode,
        ["year"] = List.Year.ToString(CultureInfo.InvariantCulture),
    }.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
}
