using Fupin.Accounts;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Imports;

/// <summary>导入导出: upload a member list (checked against the user's scope, then imported) and export a region.</summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(RegistryTransfer.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RegistryTransfer.MaxUploadBytes)]
public sealed class IndexModel(RegistryTransfer transfer, CurrentUser me) : PageModel
{
    public const int ShownProblems = 500;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Layout { get; set; } = "national";
    [BindProperty] public string Mode { get; set; } = "all";
    [BindProperty] public bool DryRun { get; set; }

    public ImportOutcome? Outcome { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public bool CanReveal => me.Can(Roles.CanReveal);

    public async Task OnGetAsync(CancellationToken ct) => Regions = await transfer.ExportRegionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Regions = await transfer.ExportRegionsAsync(ct);
        var mode = ImportsApi.ParseMode(Mode);
        if (Upload is null || Upload.Length == 0) Error = "请选择要导入的文件";
        else if (ImportsApi.ParseLayout(Layout) is null || mode is null) Error = "请选择文件格式和导入方式";
        if (Error is not null) return Page();

        Outcome = await transfer.ImportAsync(new ImportUpload(Upload!.FileName, Upload.Length, Upload.OpenReadStream, mode!.Value, DryRun), Editor.Of(HttpContext), ct);
        Error = Outcome.BadFile;
        if (Outcome.Rejected) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        else if (Error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string SeverityLabel(Severity s) => s == Severity.Error ? "错误" : "提示";
}
