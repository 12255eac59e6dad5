using System.IO.Compression;
using System.Security.Cryptography;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>A file as uploaded: its name on the user's machine and its bytes.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <summary>Attach a file to an approval step (<see cref="EventId"/>) or a progress report (<see cref="ReportId"/>), exactly one of them.</summary>
public sealed record AddProjectDocumentRequest
{
    public long ProjectId { get; init; }
    public long? EventId { get; init; }
    public long? ReportId { get; init; }
    public required UploadedFile File { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record ProjectDocumentSaved(long Id, string FileName, string ContentType, int Size, string Sha256);

/// <summary>
/// Stores a document or photo of a project. The type is judged from the bytes, not the name: PDF, JPEG,
/// PNG, and Office Open XML workbooks (.xlsx) and documents (.docx), at most 10 MB. A name without the
/// extension of the type found gets it. Image metadata is kept as uploaded.
/// </summary>
public sealed class AddProjectDocument(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProjectDocumentSaved>> HandleAsync(AddProjectDocumentRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanReport(request.Role))
            return Result.Invalid([new FieldError(nameof(request.File), ProjectRoles.NotAllowedCode, "您的角色不能上传项目材料")]);
        if (!await db.Projects.AnyAsync(p => p.Id == request.ProjectId, ct)) return Result.NotFound("未找到该项目");
        var errors = new List<FieldError>();
        if ((request.EventId is null) == (request.ReportId is null))
            errors.Add(new FieldError(nameof(request.EventId), "document.target_required", "请选择材料所属的审批环节或进度报告（只选一项）"));
        else if (request.EventId is { } eventId && !await db.ProjectEvents.AnyAsync(e => e.Id == eventId && e.ProjectId == request.ProjectId, ct))
            errors.Add(new FieldError(nameof(request.EventId), "document.event_unknown", "该审批环节不属于本项目"));
        else if (request.ReportId is { } reportId && !await db.ProgressReports.AnyAsync(r => r.Id == reportId && r.ProjectId == request.ProjectId, ct))
            errors.Add(new FieldError(nameof(request.ReportId), "document.report_unknown", "该进度报告不属于本项目"));
        var checkedFile = ProjectFiles.Check(request.File, nameof(request.File), errors);
        if (errors.Count > 0 || checkedFile is null) return Result.Invalid(errors);
        var doc = ProjectFiles.ToDocument(checkedFile, request.ProjectId, request.EventId, request.ReportId, request.User, clock);
        db.ProjectDocuments.Add(doc);
        await db.SaveChangesAsync(ct);
        return new ProjectDocumentSaved(doc.Id, doc.FileName, doc.ContentType, doc.Size, doc.Sha256);
    }
}

/// <summary>A file that passed <see cref="ProjectFiles.Check"/>: a safe name and the type found in its bytes.</summary>
public sealed record CheckedFile(string FileName, string ContentType, byte[] Content);

/// <summary>The upload rules shared by documents of approval steps and photos of progress reports.</summary>
public static class ProjectFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxFilesPerRequest = 10;
    public const string Accept = ".pdf,.jpg,.jpeg,.png,.xlsx,.docx";

    /// <summary>The type from the magic bytes (and, for the two zip-based Office types, the package's main part), or null.</summary>
    public static (string ContentType, string[] Extensions)? Sniff(byte[] b)
    {
        if (Starts(b, "%PDF-"u8)) return ("application/pdf", [".pdf"]);
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return ("image/jpeg", [".jpg", ".jpeg"]);
        if (Starts(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ("image/png", [".png"]);
        if (Starts(b, "PK\u0003\u0004"u8))
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(b, writable: false), ZipArchiveMode.Read);
                if (zip.GetEntry("xl/workbook.xml") is not null)
                    return ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
                if (zip.GetEntry("word/document.xml") is not null)
                    return ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }

    static bool Starts(byte[] b, ReadOnlySpan<byte> magic) => b.AsSpan().StartsWith(magic);

    /// <summary>Checks size, type and name; adds what is wrong to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public static CheckedFile? Check(UploadedFile file, string field, List<FieldError> errors)
    {
        var name = Path.GetFileName((file.FileName ?? "").Replace('\\', '/')).Trim();
        if (file.Content.Length == 0)
        {
            errors.Add(new FieldError(field, "document.empty", $"文件“{name}”是空的"));
            return null;
        }
        if (file.Content.Length > MaxBytes)
        {
            errors.Add(new FieldError(field, "document.too_large", $"文件“{name}”超过10MB"));
            return null;
        }
        var type = Sniff(file.Content);
        if (type is not { } t)
        {
            errors.Add(new FieldError(field, "document.type", $"文件“{name}”的类型不支持，只能上传PDF、JPG、PNG、XLSX或DOCX"));
            return null;
        }
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length == 0 || !t.Extensions.Contains(ext, StringComparer.Ordinal)) name = (name.Length == 0 ? "附件" : Path.GetFileNameWithoutExtension(name)) + t.Extensions[0];
        if (name.Length > 200) name = name[..(200 - t.Extensions[0].Length)] + t.Extensions[0];
        return new CheckedFile(name, t.ContentType, file.Content);
    }

    public static ProjectDocument ToDocument(CheckedFile file, long projectId, long? eventId, long? reportId, string user, TimeProvider clock) => new()
    {
        ProjectId = projectId,
        EventId = eventId,
        ReportId = reportId,
        FileName = file.FileName,
        ContentType = file.ContentType,
        Size = file.Content.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
        Content = file.Content,
        UploadedBy = ProjectText.Clip(user, 64),
        UploadedAt = clock.GetUtcNow(),
    };

    /// <summary>Checks every file of a request; null when one is wrong (the errors say which).</summary>
    public static List<CheckedFile>? CheckAll(IReadOnlyList<UploadedFile> files, string field, List<FieldError> errors)
    {
        if (files.Count > MaxFilesPerRequest)
        {
            errors.Add(new FieldError(field, "document.too_many", $"一次最多上传{MaxFilesPerRequest}个文件"));
            return null;
        }
        var before = errors.Count;
        var list = files.Select(f => Check(f, field, errors)).ToList();
        return errors.Count > before ? null : [.. list.OfType<CheckedFile>()];
    }
}

/// <summary>Small text rules shared by the project use cases.</summary>
public static class ProjectText
{
    public static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>Trimmed text, null when empty.</summary>
    public static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
