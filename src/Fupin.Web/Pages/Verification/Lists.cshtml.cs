using System.Globalization;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Verification;

/// <summary>部门名单: the upload form (county office and departments) and the history of every list loaded, newest first.</summary>
[Authorize(Policy = VerificationPolicies.ViewLists)]
[RequestSizeLimit(ListLoader.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ListLoader.MaxUploadBytes)]
public sealed class ListsModel(ListDepartmentLists lists, ListLoader loader, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Type { get; set; }
    [BindProperty] public DateOnly? AsOf { get; set; }
    [BindProperty] public string? Department { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public DepartmentListPage History { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public ImportDepartmentListReport? Report { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Refused { get; private set; }
    public bool CanLoad => me.Can(VerificationPolicies.CanLoadLists);
    public string Today => Ui.Today(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanLoad) return Forbid();
        if (!ModelState.IsValid)
        {
            Errors = [.. ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => new FieldError(e.Key, "form.invalid", e.Value!.Errors[0].ErrorMessage))];
        }
        else if (Upload is null || Upload.Length == 0)
        {
            Errors = [new FieldError("File", "file.missing", "请选择要上传的名单文件")];
        }
        else
        {
            var result = await loader.LoadAsync(new ListUpload(Type ?? "", Upload.FileName, Upload.Length, Upload.OpenReadStream, AsOf, Department, Region, "文件上传"),
                Editor.Of(HttpContext), ct);
            if (result.IsOk) Report = result.Value;
            else if (result.Failure.Kind == FailureKind.Conflict) Refused = result.Failure.Message;
            else Errors = result.Failure.Errors;
        }
        if (Report is null) Response.StatusCode = Refused is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var result = await lists.HandleAsync(new ListDepartmentListsRequest(me.Regions, null, Math.Max(PageNumber ?? 1, 1)), ct);
        History = result.Value!;
        if (CanLoad) Regions = await loader.RegionsAsync(ct);
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    public static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
