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

public sealed record ImportProblemJson(int? Row, string? Column, string Rule, string Severity, string Message, string? Household);

/// <summary>An upload as the page and the API receive it.</summary>
public sealed record ImportUpload(string FileName, long Length, Func<Stream> Open, ImportMode Mode, bool DryRun);

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
        var fileName = Path.GetFileName(upload.FileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(fileName) || upload.Length == 0) return Bad("请选择要导入的文件");
        if (!AllowedExtension(fileName)) return Bad("只能导入 .xlsx 或 .csv 文件");
        if (upload.Length > MaxUploadBytes) return Bad("文件超过 50 MB");

        var dir = Directory.CreateTempSubdirectory("fupin-import-");
        try
        {
            var path = Path.Combine(dir.FullName, "upload" + Path.GetExtension(fileName).ToLowerInvariant());
            await using (var source = upload.Open())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, ct);

            if (!SheetReader.IsCsv(path) && !await IsZipAsync(path, ct)) return Bad("文件不是有效的 .xlsx 工作簿");
            try
            {
                var outside = await OutsideScopeAsync(path, fileName, ct);
                if (outside is not null) return new ImportOutcome(outside, upload.DryRun, upload.Mode, null);

                db.Audit.User = user;
                var report = await import.HandleAsync(new ImportHouseholdsRequest(path, upload.Mode, upload.DryRun, fileName), null, ct);
                return new ImportOutcome(report, upload.DryRun, upload.Mode, null);
            }
            catch (InvalidDataException)
            {
                return Bad("文件无法读取（不是有效的 .xlsx 或 .csv 文件）");
            }
        }
        finally
        {
            TryDelete(dir);
        }

        ImportOutcome Bad(string message) => new(null, upload.DryRun, upload.Mode, message);
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
    async Task<ImportReport?> OutsideScopeAsync(string path, string fileName, CancellationToken ct)
    {
        if (scope.All) return null;
        var parsed = new RegistryFileParser(clock.Today()).Parse(SheetReader.ReadRows(path), null, ct);
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
        .AddScoped<RegistryTransfer>();

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("导入导出").RequireAuthorization(Policies.EditRegistry);
        api.MapPost("/households", Import).Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportHouseholds")
            .WithSummary("导入建档立卡户及成员（multipart 字段 file：.xlsx 或 .csv；layout=national|template，mode=all|valid，dryRun=true|false）；导入返回 200 和报告，拒绝返回 422 和报告");
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
        if (ParseLayout(layout) is null) return BadRequest("layout 应为 national 或 template", "layout");
        if (ParseMode(mode) is not { } importMode) return BadRequest("mode 应为 all（全部或全不）或 valid（只导入无误的户）", "mode");
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = RegistryTransfer.MaxUploadBytes + 1024 * 1024;
        if (!http.Request.HasFormContentType) return BadRequest("请以 multipart/form-data 上传文件（字段 file）", "file");
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = RegistryTransfer.MaxUploadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return BadRequest("文件超过 50 MB 或上传内容有误", "file");
        }
        if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file) return BadRequest("请上传文件（字段 file）", "file");

        var outcome = await transfer.ImportAsync(new ImportUpload(file.FileName, file.Length, file.OpenReadStream, importMode, dryRun), Editor.Of(http), ct);
        if (outcome.BadFile is { } message) return BadRequest(message, "file");
        var json = ImportReportJson.From(outcome.Report!, dryRun);
        return outcome.Rejected ? TypedResults.UnprocessableEntity(json) : TypedResults.Ok(json);
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
