using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Imports;

/// <summary>The import report as the API returns it: the same shape as <c>fupin import households --json</c>.</summary>
public sealed record ImportReportJson(
    string File, bool DryRun, bool Written, int DataRows, int SkippedRows, int Households, int Members,
    int Added, int Changed, int Unchanged, int Rejected, int Errors, int Warnings, IReadOnlyList<ImportProblemJson> Problems)
{
    public static ImportReportJson From(ImportReport r, bool dryRun) => new(
        r.FileName, dryRun, r.Written, r.DataRows, r.SkippedRows, r.Households, r.Members,
        r.Added, r.Changed, r.Unchanged, r.Rejected, r.Errors, r.Warnings,
        [.. r.Problems.Select(p => new ImportProblemJson(p.Row, p.Column, p.Rule, p.Severity == Severity.Error ? "error" : "warning", p.Message, p.Household))]);
}

/// <summary>A background import as GET /api/imports/jobs/{id} returns it; the report once it has completed.</summary>
public sealed record ImportJobJson(
    string Id, string Status, string StatusLabel, string File, string Mode, bool DryRun, string Message,
    int? Rows, int? HouseholdsDone, int? HouseholdsTotal, DateTimeOffset StartedAt, double ElapsedSeconds,
    bool Cancellable, bool CancelRequested, string? Error, bool? Rejected, string? ReportUrl, ImportReportJson? Report)
{
    public static ImportJobJson From(ImportJobSnapshot s) => new(
        s.Id, s.Status.ToString().ToLowerInvariant(), ImportJobSnapshot.Label(s.Status), s.FileName,
        s.Mode == ImportMode.AllOrNothing ? "all" : "valid", s.DryRun, s.Message,
        s.Rows, s.HouseholdsDone, s.HouseholdsTotal, s.StartedAt, Math.Round(s.Elapsed.TotalSeconds, 1),
        s.Cancellable, s.CancelRequested, s.Error,
        s.Outcome?.Report is null ? null : s.Outcome.Rejected,
        s.HasReport ? ImportsApi.ReportUrl(s.Id) : null,
        s.Outcome?.Report is { } r ? ImportReportJson.From(r, s.DryRun) : null);
}

public sealed record ImportProblemJson(int? Row, string? Column, string Rule, string Severity, string Message, string? Household);

/// <summary>An upload as the page and the API receive it.</summary>
public sealed record ImportUpload(string FileName, long Length, Func<Stream> Open, ImportMode Mode, bool DryRun);

/// <summary>An upload saved to its own temporary folder: the file, and the name it came with.</summary>
public sealed record SavedUpload(DirectoryInfo Folder, string Path, string FileName);

/// <summary>What became of an upload: a report, or the reason the file was not read at all.</summary>
public sealed record ImportOutcome(ImportReport? Report, bool DryRun, ImportMode Mode, string? BadFile)
{
    /// <summary>As the CLI decides its exit code: not written (and not a dry run), or a dry run that an all-or-nothing import would reject.</summary>
    public bool Rejected => Report is { } r && (!r.Written && !DryRun || DryRun && Mode == ImportMode.AllOrNothing && r.Errors > 0);
}

/// <summary>
/// Import and export of the registry for the web: the upload is saved to a temporary file, checked
/// against the user's scope (a file naming any household, village or ID number outside it is
/// rejected whole, before anything is written), then imported by <see cref="ImportHouseholds"/>
/// with the signed-in user as the editor. Exports are written to a temporary file and streamed.
/// </summary>
public sealed class RegistryTransfer(AppDbContext db, AccessScope scope, ImportHouseholds import, ExportRegistryFile export, TimeProvider clock, IServiceProvider services)
{
    public const long MaxUploadBytes = 50L * 1024 * 1024;
    public const string ScopeRule = "scope.outside";

    public static bool AllowedExtension(string fileName) =>
        Path.GetExtension(fileName) is var ext && (ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || ext.Equals(".csv", StringComparison.OrdinalIgnoreCase));

    public async Task<ImportOutcome> ImportAsync(ImportUpload upload, string user, CancellationToken ct)
    {
        var (saved, bad) = await SaveUploadAsync(upload, ct);
        if (saved is null) return new ImportOutcome(null, upload.DryRun, upload.Mode, bad);
        try
        {
            return await ImportFileAsync(saved, upload.Mode, upload.DryRun, user, null, ct);
        }
        finally
        {
            TryDelete(saved.Folder);
        }
    }

    /// <summary>Checks the upload (name, type, size) and saves it to a new temporary folder; the caller deletes the folder.</summary>
    public static async Task<(SavedUpload? Saved, string? Bad)> SaveUploadAsync(ImportUpload upload, CancellationToken ct)
    {
        var fileName = Path.GetFileName(upload.FileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(fileName) || upload.Length == 0) return (null, "请选择要导入的文件");
        if (!AllowedExtension(fileName)) return (null, "只能导入 .xlsx 或 .csv 文件");
        if (upload.Length > MaxUploadBytes) return (null, "文件超过 50 MB");

        var dir = Directory.CreateTempSubdirectory("fupin-import-");
        try
        {
            var path = Path.Combine(dir.FullName, "upload" + Path.GetExtension(fileName).ToLowerInvariant());
            await using (var source = upload.Open())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, ct);
            if (!SheetReader.IsCsv(path) && !await IsZipAsync(path, ct))
            {
                TryDelete(dir);
                return (null, "文件不是有效的 .xlsx 工作簿");
            }
            return (new SavedUpload(dir, path, fileName), null);
        }
        catch
        {
            TryDelete(dir);
            throw;
        }
    }

    /// <summary>The scope check, then the import, as the user named (whose scope this transfer was built with).</summary>
    public async Task<ImportOutcome> ImportFileAsync(SavedUpload saved, ImportMode mode, bool dryRun, string user, IProgress<string>? progress, CancellationToken ct)
    {
        try
        {
            progress?.Report("正在检查管辖范围…");
            var outside = await OutsideScopeAsync(saved.Path, saved.FileName, progress is null ? null : new PrefixedProgress(progress, "检查管辖范围："), ct);
            if (outside is not null) return new ImportOutcome(outside, dryRun, mode, null);

            db.Audit.User = user;
            var report = await import.HandleAsync(new ImportHouseholdsRequest(saved.Path, mode, dryRun, saved.FileName), progress, ct);
            return new ImportOutcome(report, dryRun, mode, null);
        }
        catch (InvalidDataException)
        {
            return new ImportOutcome(null, dryRun, mode, "文件无法读取（不是有效的 .xlsx 或 .csv 文件）");
        }
    }

    static async Task<bool> IsZipAsync(string path, CancellationToken ct)
    {
        var head = new byte[4];
        await using var s = File.OpenRead(path);
        return await s.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, ct) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>
    /// The households of the file that would land outside the user's scope: a village (by code, or by
    /// township and village name, a new village counting as its township), a 户编号 already registered
    /// outside, or an ID number held by a member of a household outside. Null when all is inside.
    /// </summary>
    async Task<ImportReport?> OutsideScopeAsync(string path, string fileName, IProgress<string>? progress, CancellationToken ct)
    {
        if (scope.All) return null;
        var parsed = new RegistryFileParser(clock.Today()).Parse(SheetReader.ReadRows(path), progress, ct);
        if (parsed.Header is not { } header || parsed.Households.Count == 0) return null;

        await using var system = Authentication.SystemContext(services);
        var regions = await system.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County).ToListAsync(ct);
        var townships = regions.Where(r => r.Level == RegionLevel.Township).ToLookup(r => r.Name, StringComparer.Ordinal);
        var villages = new Dictionary<(string, string), string>();
        foreach (var v in regions.Where(r => r.Level == RegionLevel.Village && r.ParentCode is not null)) villages.TryAdd((v.ParentCode!, v.Name), v.Code);

        var problems = new List<Problem>();
        void Outside(HouseholdDraft d, int? row, Field field, string message)
        {
            if (problems.Count < 1000) problems.Add(new Problem(row ?? d.FirstRow, header.TextOf(field), ScopeRule, Severity.Error, message, d.Number));
        }

        foreach (var d in parsed.Households)
        {
            if (d.VillageCode is { } code)
            {
                if (!scope.Covers(code)) Outside(d, d.FirstRow, Field.VillageCode, $"户{d.Number}的行政村代码{code}不在您的管辖范围内");
                continue;
            }
            if (d.TownshipName is not { } township || d.VillageName is not { } village) continue; // the import reports it
            var candidates = townships[township].ToList();
            if (candidates.Count == 0) continue; // the import reports an unknown township
            var visible = candidates.Where(t => scope.Overlaps(t.Code)).ToList();
            var targets = (visible.Count == 0 ? candidates : visible).Select(t => villages.GetValueOrDefault((t.Code, village), t.Code));
            if (targets.Any(t => !scope.Covers(t)))
                Outside(d, d.FirstRow, Field.Village, $"户{d.Number}所在的{township}{village}不在您的管辖范围内");
        }

        foreach (var chunk in parsed.Households.Chunk(500))
        {
            var numbers = chunk.Select(d => d.Number).ToList();
            var registered = await system.Households.AsNoTracking().Where(h => numbers.Contains(h.Number))
                .Select(h => new { h.Number, h.VillageCode }).ToListAsync(ct);
            foreach (var h in registered.Where(h => !scope.Covers(h.VillageCode)))
            {
                var d = chunk.First(x => x.Number == h.Number);
                Outside(d, d.FirstRow, Field.HouseholdNumber, $"户编号{h.Number}已登记在您的管辖范围以外，不能由您导入");
            }

            var ids = chunk.SelectMany(d => d.Members).Where(m => m.Member.IdNumber is not null).Select(m => m.Member.IdNumber).Distinct().ToList();
            if (ids.Count == 0) continue;
            var holders = await system.Members.AsNoTracking().Where(m => ids.Contains(m.IdNumber))
                .Select(m => new { m.IdNumber, m.Household!.VillageCode }).ToListAsync(ct);
            var outsideIds = holders.Where(x => !scope.Covers(x.VillageCode)).Select(x => x.IdNumber!.Value.Key).ToHashSet();
            foreach (var d in chunk)
            {
                foreach (var m in d.Members.Where(m => m.Member.IdNumber is { } id && outsideIds.Contains(id.Key)))
                    Outside(d, m.Row, Field.IdNumber, $"证件号码{m.Member.IdNumber!.Value.Masked}已登记在您的管辖范围以外的户中");
            }
        }

        if (problems.Count == 0) return null;
        problems.Insert(0, new Problem(null, null, ScopeRule, Severity.Error,
            $"文件中有 {problems.Select(p => p.Household).Distinct(StringComparer.Ordinal).Count()} 户不在您的管辖范围内，整个文件已拒绝，未写入任何数据"));
        return new ImportReport(fileName, parsed.DataRows, parsed.SkippedRows, parsed.Households.Count, parsed.Households.Sum(h => h.Members.Count),
            0, 0, 0, parsed.Households.Count, false, [.. problems.OrderBy(p => p.Row ?? 0)]);
    }

    /// <summary>The regions the user may export: their own and everything under them.</summary>
    public async Task<IReadOnlyList<(string Code, string Name, RegionLevel Level)>> ExportRegionsAsync(CancellationToken ct)
    {
        var rows = await db.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County)
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        return [.. rows.Where(r => scope.Covers(r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.Name, r.Level))];
    }

    /// <summary>Null when the region is not one the user may export (unknown or outside the scope).</summary>
    public async Task<string?> RegionNameAsync(string? region, CancellationToken ct)
    {
        if (region is not { Length: 6 or 9 or 12 } code || !code.All(char.IsAsciiDigit) || !scope.Covers(code)) return null;
        return await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>Writes the export to a temporary file named as the download, opened to be deleted once sent.</summary>
    public async Task<(FileStream Stream, string FileName)> ExportAsync(string region, string regionName, Layout layout, bool csv, bool masked, string user, CancellationToken ct)
    {
        var fileName = string.Create(CultureInfo.InvariantCulture,
            $"建档立卡户_{SafeName(regionName)}_{region}_{(layout == Layout.National ? "全国系统格式" : "本系统模板")}{(masked ? "" : "_明文")}.{(csv ? "csv" : "xlsx")}");
        var dir = Directory.CreateTempSubdirectory("fupin-export-");
        var path = Path.Combine(dir.FullName, fileName);
        FileStream stream;
        try
        {
            db.Audit.User = user;
            await export.HandleAsync(new ExportRegistryRequest(region, path, layout, Masked: masked), null, ct);
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch
        {
            TryDelete(dir);
            throw;
        }
        // On Unix the open file outlives its name: nothing is left behind even if the download is cut.
        if (!OperatingSystem.IsWindows()) TryDelete(dir);
        return (stream, fileName);
    }

    static string SafeName(string name) => string.Concat(name.Select(ch => Path.GetInvalidFileNameChars().Contains(ch) || ch is '"' or ';' ? '_' : ch));

    /// <summary>The scope check reads the whole file too: its messages say which pass they come from.</summary>
    sealed class PrefixedProgress(IProgress<string> inner, string prefix) : IProgress<string>
    {
        public void Report(string value) => inner.Report(prefix + value);
    }

    internal static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { /* left to the system's temp cleanup */ }
    }

    public static string ContentType(bool csv) => csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

public static class ImportsApi
{
    public static IServiceCollection AddImports(this IServiceCollection services) => services
        .AddScoped<ImportHouseholds>()
        .AddScoped<ExportRegistryFile>()
        .AddScoped<RegistryTransfer>()
        .AddSingleton<ImportJobs>();

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("导入导出").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/households", Import).Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportHouseholds")
            .WithSummary("导入建档立卡户及成员（multipart 字段 file：.xlsx 或 .csv；layout=national|template，mode=all|valid，dryRun=true|false）；导入返回 200 和报告，拒绝返回 422 和报告");
        api.MapPost("/jobs", StartJob).Accepts<IFormFile>("multipart/form-data")
            .WithName("StartImportJob")
            .WithSummary("在后台导入（参数同 /households）：返回 202 和任务地址（Location）；轮询任务查看进度，完成后可下载结果报告");
        api.MapGet("/jobs/{id}", GetJob).WithName("GetImportJob")
            .WithSummary("导入任务的状态（running/completed/cancelled/failed）、进度和完成后的报告；只有上传者本人可见");
        api.MapPost("/jobs/{id}/cancel", CancelJob).WithName("CancelImportJob")
            .WithSummary("取消正在进行的导入：事务回滚，数据库不改动；已结束的任务返回 409");
        api.MapGet("/jobs/{id}/report.xlsx", DownloadReport).WithName("DownloadImportReport")
            .WithSummary("下载结果报告（.xlsx：原始行前加行号、结果、问题，另有问题清单和汇总）；每次下载记入审计日志");
        api.MapGet("/export", Export).WithName("ExportRegistryFile")
            .WithSummary("导出区域内的户及成员（region、layout=national|template、format=xlsx|csv、reveal=true 显示完整号码，须有权限；每次导出记入审计日志）");

        // The import page's links.
        var pages = app.MapGroup("/imports").RequireAuthorization(Policies.EditRegistry).ExcludeFromDescription();
        pages.MapGet("/template", Template);
        pages.MapGet("/export", Export);
        return app;
    }

    /// <summary>The form is read here, under the 50 MB limit, rather than bound, so the limit applies before reading.</summary>
    public static async Task<Results<Ok<ImportReportJson>, UnprocessableEntity<ImportReportJson>, ProblemHttpResult>> Import(
        HttpContext http, RegistryTransfer transfer, CancellationToken ct,
        [FromQuery(Name = "layout")] string? layout = null, [FromQuery(Name = "mode")] string? mode = null, [FromQuery(Name = "dryRun")] bool dryRun = false)
    {
        var (upload, error) = await ReadUploadAsync(http, layout, mode, dryRun, ct);
        if (upload is null) return error!;

        var outcome = await transfer.ImportAsync(upload, Editor.Of(http), ct);
        if (outcome.BadFile is { } message) return BadRequest(message, "file");
        var json = ImportReportJson.From(outcome.Report!, dryRun);
        return outcome.Rejected ? TypedResults.UnprocessableEntity(json) : TypedResults.Ok(json);
    }

    /// <summary>Saves the upload and imports it in the background: 202 with the job's address to poll.</summary>
    public static async Task<Results<Accepted<ImportJobJson>, ProblemHttpResult>> StartJob(
        HttpContext http, ImportJobs jobs, CurrentUser me, CancellationToken ct,
        [FromQuery(Name = "layout")] string? layout = null, [FromQuery(Name = "mode")] string? mode = null, [FromQuery(Name = "dryRun")] bool dryRun = false)
    {
        var (upload, error) = await ReadUploadAsync(http, layout, mode, dryRun, ct);
        if (upload is null) return error!;
        var (job, bad, code) = await jobs.StartAsync(upload, me.Id!.Value, Editor.Of(http), me.Scope, ct);
        if (job is null)
        {
            return code == "too_many_imports"
                ? TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "导入任务过多", Detail = bad, Extensions = { ["code"] = code } })
                : BadRequest(bad!, "file");
        }
        return TypedResults.Accepted(JobUrl(job.Id), ImportJobJson.From(job.Snapshot(jobs.Now)));
    }

    public static Results<Ok<ImportJobJson>, NotFound<ProblemDetails>> GetJob(string id, ImportJobs jobs, CurrentUser me, HttpContext http)
    {
        if (jobs.Find(id, me.Id) is not { } job) return JobNotFound();
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(ImportJobJson.From(job.Snapshot(jobs.Now)));
    }

    /// <summary>202 while the import stops and rolls back (poll the job for 已取消); 409 once it has finished.</summary>
    public static Results<Accepted<ImportJobJson>, NotFound<ProblemDetails>, Conflict<ProblemDetails>> CancelJob(string id, ImportJobs jobs, CurrentUser me)
    {
        if (jobs.Find(id, me.Id) is not { } job) return JobNotFound();
        if (!job.Cancel())
            return TypedResults.Conflict(JobProblem(StatusCodes.Status409Conflict, "导入已结束，无法取消", "job_finished"));
        return TypedResults.Accepted(JobUrl(job.Id), ImportJobJson.From(job.Snapshot(jobs.Now)));
    }

    /// <summary>The report workbook; each download is logged like an export, since it repeats the file's personal data.</summary>
    public static async Task<Results<FileStreamHttpResult, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> DownloadReport(
        string id, HttpContext http, ImportJobs jobs, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (jobs.Find(id, me.Id) is not { } job) return JobNotFound();
        var snapshot = job.Snapshot(jobs.Now);
        if (!snapshot.Finished) return TypedResults.Conflict(JobProblem(StatusCodes.Status409Conflict, "导入尚未完成，结果报告还没有生成", "job_running"));
        if (job.ReportPath is not { } path || !File.Exists(path))
            return TypedResults.NotFound(JobProblem(StatusCodes.Status404NotFound, "此导入没有结果报告（已取消、失败或已过期）", "no_report"));

        var report = snapshot.Outcome!.Report!;
        AccountLog.Add(db, Editor.Of(http), "ImportReport", 0, AccountLog.Exported, field: "导入结果报告",
            reason: string.Create(CultureInfo.InvariantCulture, $"下载导入结果报告 {report.FileName}：数据行 {report.DataRows}，错误 {report.Errors} 条，提示 {report.Warnings} 条"));
        await db.SaveChangesAsync(ct);
        // FileShare.Delete: the job may expire, and its folder be deleted, while the download is still running.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(stream, RegistryTransfer.ContentType(csv: false), ReportFileName(report.FileName));
    }

    public static string JobUrl(string id) => "/api/imports/jobs/" + id;

    public static string ReportUrl(string id) => JobUrl(id) + "/report.xlsx";

    public static string ReportFileName(string fileName) => "导入结果_" + Path.GetFileNameWithoutExtension(fileName) + ".xlsx";

    static NotFound<ProblemDetails> JobNotFound() => TypedResults.NotFound(JobProblem(StatusCodes.Status404NotFound, "导入任务不存在或已过期", "job_not_found"));

    static ProblemDetails JobProblem(int status, string title, string code) => new()
    {
        Status = status,
        Title = title,
        Extensions = { ["code"] = code },
    };

    /// <summary>The multipart form (field file) and the query, checked; or the 400 that says what is wrong.</summary>
    static async Task<(ImportUpload? Upload, ProblemHttpResult? Error)> ReadUploadAsync(HttpContext http, string? layout, string? mode, bool dryRun, CancellationToken ct)
    {
        if (ParseLayout(layout) is null) return (null, BadRequest("layout 应为 national 或 template", "layout"));
        if (ParseMode(mode) is not { } importMode) return (null, BadRequest("mode 应为 all（全部或全不）或 valid（只导入无误的户）", "mode"));
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = RegistryTransfer.MaxUploadBytes + 1024 * 1024;
        if (!http.Request.HasFormContentType) return (null, BadRequest("请以 multipart/form-data 上传文件（字段 file）", "file"));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = RegistryTransfer.MaxUploadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return (null, BadRequest("文件超过 50 MB 或上传内容有误", "file"));
        }
        if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file) return (null, BadRequest("请上传文件（字段 file）", "file"));
        return (new ImportUpload(file.FileName, file.Length, file.OpenReadStream, importMode, dryRun), null);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult, NotFound<ProblemDetails>>> Export(
        HttpContext http, RegistryTransfer transfer, CurrentUser me, CancellationToken ct,
        [FromQuery(Name = "region")] string? region = null, [FromQuery(Name = "layout")] string? layout = null,
        [FromQuery(Name = "format")] string? format = null, [FromQuery(Name = "reveal")] bool reveal = false)
    {
        if (await transfer.RegionNameAsync(region?.Trim(), ct) is not { } name) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        if (ParseLayout(layout) is not { } l) return BadRequest("layout 应为 national 或 template", "layout");
        var csv = (format?.Trim().ToLowerInvariant() ?? "xlsx") switch { "xlsx" or "" => false, "csv" => true, _ => (bool?)null };
        if (csv is null) return BadRequest("format 应为 xlsx 或 csv", "format");
        var masked = !(reveal && me.Can(Roles.CanReveal));
        var (stream, fileName) = await transfer.ExportAsync(region!.Trim(), name, l, csv.Value, masked, Editor.Of(http), ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(stream, RegistryTransfer.ContentType(csv.Value), fileName);
    }

    public static FileStreamHttpResult Template(TimeProvider clock, HttpContext http)
    {
        var dir = Directory.CreateTempSubdirectory("fupin-template-");
        var path = Path.Combine(dir.FullName, "template.xlsx");
        ImportTemplate.WriteTemplate(path, clock.Today().Year);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows()) RegistryTransfer.TryDelete(dir);
        else http.Response.OnCompleted(() => { RegistryTransfer.TryDelete(dir); return Task.CompletedTask; });
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(stream, RegistryTransfer.ContentType(csv: false), "扶贫建档立卡导入模板.xlsx");
    }

    public static Layout? ParseLayout(string? layout) => (layout?.Trim().ToLowerInvariant() ?? "") switch
    {
        "" or "national" => Layout.National,
        "template" => Layout.Template,
        _ => null,
    };

    public static ImportMode? ParseMode(string? mode) => (mode?.Trim().ToLowerInvariant() ?? "") switch
    {
        "" or "all" or "allornothing" => ImportMode.AllOrNothing,
        "valid" or "validrowsonly" => ImportMode.ValidRowsOnly,
        _ => null,
    };

    static ProblemHttpResult BadRequest(string message, string code) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "请求有误",
        Detail = message,
        Extensions = { ["code"] = "bad_" + code },
    });
}
