using System.Globalization;
using Fupin.Accounts;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Imports;

/// <summary>
/// 导入导出: upload a member list and export a region. An upload becomes a background job (checked
/// against the user's scope, then imported); with script the page shows its progress (imports.js
/// polls the job and reloads when it ends), without script the post waits for the job and shows
/// the report, as a plain form would.
/// </summary>
[Authorize(Policy = Policies.EditRegistry)]
[RequestSizeLimit(RegistryTransfer.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = RegistryTransfer.MaxUploadBytes)]
public sealed class IndexModel(RegistryTransfer transfer, ImportJobs jobs, CurrentUser me) : PageModel
{
    public const int ShownProblems = 500;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string Layout { get; set; } = "national";
    [BindProperty] public string Mode { get; set; } = "all";
    [BindProperty] public bool DryRun { get; set; }

    /// <summary>Set by imports.js: show the job's progress rather than wait for it.</summary>
    [BindProperty] public bool Live { get; set; }

    public ImportJobSnapshot? Job { get; private set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public bool CanReveal => me.Can(Roles.CanReveal);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "job")] string? job, CancellationToken ct)
    {
        Regions = await transfer.ExportRegionsAsync(ct);
        if (job is null) return Page();
        if (jobs.Find(job, me.Id) is not { } found) return NotFound();
        Show(found.Snapshot(jobs.Now));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Regions = await transfer.ExportRegionsAsync(ct);
        var mode = ImportsApi.ParseMode(Mode);
        if (Upload is null || Upload.Length == 0) Error = "请选择要导入的文件";
        else if (ImportsApi.ParseLayout(Layout) is null || mode is null) Error = "请选择文件格式和导入方式";
        if (Error is not null) return Page();

        var (job, bad, code) = await jobs.StartAsync(new ImportUpload(Upload!.FileName, Upload.Length, Upload.OpenReadStream, mode!.Value, DryRun),
            me.Id!.Value, Editor.Of(HttpContext), me.Scope, ct);
        if (job is null)
        {
            Error = bad;
            Response.StatusCode = code == "too_many_imports" ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Live) return RedirectToPage(new { job = job.Id });

        try
        {
            await job.Completion.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The browser left: as before jobs, an abandoned upload is not imported.
            job.Cancel();
            throw;
        }
        Show(job.Snapshot(jobs.Now));
        if (Outcome?.Rejected == true) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        else if (Error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public IActionResult OnPostCancel([FromQuery(Name = "job")] string? job)
    {
        if (jobs.Find(job, me.Id) is not { } found) return NotFound();
        found.Cancel();
        return RedirectToPage(new { job = found.Id });
    }

    void Show(ImportJobSnapshot job)
    {
        Job = job;
        Mode = job.Mode == ImportMode.ValidRowsOnly ? "valid" : "all";
        DryRun = job.DryRun;
        Outcome = job.Status == ImportJobStatus.Completed ? job.Outcome : null;
        if (job.Status == ImportJobStatus.Failed) Error = job.Error ?? job.Message;
    }

    public static string SeverityLabel(Severity s) => s == Severity.Error ? "错误" : "提示";

    /// <summary>"12 秒", "3 分 05 秒" (imports.js writes it the same way).</summary>
    public static string Elapsed(TimeSpan t)
    {
        var seconds = (long)Math.Max(0, t.TotalSeconds);
        return seconds < 60
            ? seconds.ToString(CultureInfo.InvariantCulture) + " 秒"
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} 分 {seconds % 60:00} 秒");
    }
}
