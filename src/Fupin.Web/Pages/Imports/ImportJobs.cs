using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Data;
using Fupin.Imports;

namespace Fupin.Web.Pages.Imports;

public enum ImportJobStatus { Running, Completed, Cancelled, Failed }

/// <summary>A job as the page and the API show it, taken at one moment.</summary>
public sealed record ImportJobSnapshot(
    string Id, ImportJobStatus Status, string FileName, ImportMode Mode, bool DryRun, string Message,
    int? Rows, int? HouseholdsDone, int? HouseholdsTotal, DateTimeOffset StartedAt, TimeSpan Elapsed,
    bool Cancellable, bool CancelRequested, ImportOutcome? Outcome, string? Error, bool HasReport)
{
    public bool Finished => Status != ImportJobStatus.Running;

    public static string Label(ImportJobStatus s) => s switch
    {
        ImportJobStatus.Running => "运行中",
        ImportJobStatus.Completed => "已完成",
        ImportJobStatus.Cancelled => "已取消",
        _ => "失败",
    };
}

/// <summary>
/// One upload being imported in the background, for the user who uploaded it (and only them), under
/// their name and scope. Cancelling trips the import's token: the import rolls its transaction back.
/// Once the import has returned it can no longer be cancelled (the report is then being written).
/// </summary>
public sealed partial class ImportJob
{
    readonly Lock _lock = new();
    readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ImportJobStatus _status = ImportJobStatus.Running;
    string _message = "已上传，等待开始…";
    int? _rows, _householdsDone, _householdsTotal;
    bool _importing = true;
    ImportOutcome? _outcome;
    string? _error;
    DateTimeOffset? _finishedAt;

    internal ImportJob(string id, long ownerId, string user, AccessScope scope, SavedUpload upload, ImportMode mode, bool dryRun, DateTimeOffset startedAt, CancellationToken stopping)
    {
        Id = id;
        OwnerId = ownerId;
        User = user;
        Scope = scope;
        Upload = upload;
        Mode = mode;
        DryRun = dryRun;
        StartedAt = startedAt;
        Cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public string Id { get; }
    public long OwnerId { get; }
    public string User { get; }
    public AccessScope Scope { get; }
    public SavedUpload Upload { get; }
    public ImportMode Mode { get; }
    public bool DryRun { get; }
    public DateTimeOffset StartedAt { get; }
    internal CancellationTokenSource Cancellation { get; }

    /// <summary>The report workbook, once written; kept until the job expires.</summary>
    public string? ReportPath { get; private set; }

    /// <summary>Completes when the job has finished, whatever the outcome (never faults).</summary>
    public Task Completion => _done.Task;

    public DateTimeOffset? FinishedAt
    {
        get { lock (_lock) return _finishedAt; }
    }

    /// <summary>Asks the import to stop; false when it has already returned (nothing left to cancel).</summary>
    public bool Cancel()
    {
        lock (_lock)
        {
            if (!_importing || _status != ImportJobStatus.Running) return false;
        }
        Cancellation.Cancel();
        return true;
    }

    internal void Report(string message)
    {
        lock (_lock)
        {
            _message = message;
            if (RowsRead().Match(message) is { Success: true } r) _rows = int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture);
            if (HouseholdsDone().Match(message) is { Success: true } h)
            {
                _householdsDone = int.Parse(h.Groups[1].Value, CultureInfo.InvariantCulture);
                _householdsTotal = int.Parse(h.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }
    }

    internal void ImportReturned()
    {
        lock (_lock) _importing = false;
    }

    internal void Finish(ImportJobStatus status, DateTimeOffset at, string message, ImportOutcome? outcome = null, string? error = null, string? reportPath = null)
    {
        lock (_lock)
        {
            _status = status;
            _message = message;
            _outcome = outcome;
            _error = error;
            _importing = false;
            _finishedAt = at;
            ReportPath = reportPath;
        }
        _done.TrySetResult();
    }

    public ImportJobSnapshot Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            return new ImportJobSnapshot(Id, _status, Upload.FileName, Mode, DryRun, _message, _rows, _householdsDone, _householdsTotal, StartedAt,
                (_finishedAt ?? now) - StartedAt, _importing && _status == ImportJobStatus.Running && !Cancellation.IsCancellationRequested,
                Cancellation.IsCancellationRequested && _status == ImportJobStatus.Running, _outcome, _error, ReportPath is not null);
        }
    }

    [GeneratedRegex(@"已读取\s*(\d+)\s*行")]
    private static partial Regex RowsRead();

    [GeneratedRegex(@"已处理\s*(\d+)\s*/\s*(\d+)\s*户")]
    private static partial Regex HouseholdsDone();
}

/// <summary>
/// The imports running or recently finished, in memory (one web server; a restart forgets them, and
/// an import cut by the restart rolls back). Each runs on its own DI scope with its own database
/// context, since the upload's request ends at once. Finished jobs, and their report, are kept for
/// <see cref="Keep"/>; expired ones are swept on the next access.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ImportJobs> log) : IDisposable
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    public const int MaxRunningPerUser = 3;

    readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Saves the upload and starts importing it; or says why the file is not accepted (with a machine-readable code).</summary>
    public async Task<(ImportJob? Job, string? Bad, string? Code)> StartAsync(ImportUpload upload, long ownerId, string user, AccessScope scope, CancellationToken ct)
    {
        Sweep();
        if (_jobs.Values.Count(j => j.OwnerId == ownerId && j.FinishedAt is null) >= MaxRunningPerUser)
            return (null, $"您已有 {MaxRunningPerUser} 个导入正在进行，请等其完成或取消后再上传", "too_many_imports");
        var (saved, bad) = await RegistryTransfer.SaveUploadAsync(upload, ct);
        if (saved is null) return (null, bad, "bad_file");

        var job = new ImportJob(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ownerId, user, scope, saved, upload.Mode, upload.DryRun, Now, lifetime.ApplicationStopping);
        _jobs[job.Id] = job;
        // Not the request's context: the job outlives it, and must not see its HttpContext.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => RunAsync(job), CancellationToken.None);
        return (job, null, null);
    }

    /// <summary>The job, if it exists and belongs to the user; anyone else's is as good as missing.</summary>
    public ImportJob? Find(string? id, long? userId)
    {
        Sweep();
        return id is not null && userId is { } uid && _jobs.TryGetValue(id, out var job) && job.OwnerId == uid ? job : null;
    }

    async Task RunAsync(ImportJob job)
    {
        var ct = job.Cancellation.Token;
        var progress = new JobProgress(job);
        ImportJobStatus status;
        string message;
        ImportOutcome? outcome = null;
        string? error = null, reportPath = null;
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Scope = job.Scope;
                var transfer = ActivatorUtilities.CreateInstance<RegistryTransfer>(scope.ServiceProvider, job.Scope);
                outcome = await transfer.ImportFileAsync(job.Upload, job.Mode, job.DryRun, job.User, progress, ct);
            }
            job.ImportReturned();
            if (outcome.BadFile is { } bad)
            {
                (status, message, error) = (ImportJobStatus.Failed, bad, bad);
            }
            else
            {
                progress.Report("正在生成结果报告…");
                reportPath = await WriteReportAsync(job, outcome.Report!);
                (status, message) = (ImportJobStatus.Completed, ImportJobSnapshot.Label(ImportJobStatus.Completed));
                if (reportPath is null) error = "结果报告生成失败";
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // A driver may report the cancelled command its own way; either way the import's transaction was not committed.
            (status, message) = (ImportJobStatus.Cancelled, "已取消，数据库未改动");
        }
        catch (Exception e)
        {
            log.LogError(e, "Import job {Job} failed", job.Id);
            (status, message, error) = (ImportJobStatus.Failed, "导入失败", "导入失败（系统出错），数据库未改动。请稍后重试。");
        }

        // The upload is not needed once the report is written; the folder stays only for the report.
        TryDeleteFile(job.Upload.Path);
        if (reportPath is null) RegistryTransfer.TryDelete(job.Upload.Folder);
        job.Finish(status, Now, message, outcome, error, reportPath);
    }

    /// <summary>The import has returned (and may have committed): stopping now loses the report, not the import.</summary>
    async Task<string?> WriteReportAsync(ImportJob job, ImportReport report)
    {
        var path = Path.Combine(job.Upload.Folder.FullName, "report.xlsx");
        try
        {
            await new WriteImportReport(clock).HandleAsync(new WriteImportReportRequest(job.Upload.Path, report, path, job.Mode, job.DryRun), lifetime.ApplicationStopping);
            return path;
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException) log.LogError(e, "Import job {Job}: writing the report failed", job.Id);
            return null;
        }
    }

    void Sweep()
    {
        var cutoff = Now - Keep;
        foreach (var (id, job) in _jobs)
        {
            if (job.FinishedAt is { } at && at < cutoff && _jobs.TryRemove(id, out _)) Forget(job);
        }
    }

    static void Forget(ImportJob job)
    {
        RegistryTransfer.TryDelete(job.Upload.Folder);
        job.Cancellation.Dispose();
    }

    static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* left to the system's temp cleanup */ }
        catch (UnauthorizedAccessException) { /* likewise */ }
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values)
        {
            if (job.FinishedAt is null) job.Cancel();
            else RegistryTransfer.TryDelete(job.Upload.Folder);
        }
    }

    /// <summary>Reports synchronously onto the job (System.Progress would post to the thread pool, out of order).</summary>
    sealed class JobProgress(ImportJob job) : IProgress<string>
    {
        public void Report(string value) => job.Report(value);
    }
}
