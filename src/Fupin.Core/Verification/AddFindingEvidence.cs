using System.Globalization;
using System.Security.Cryptography;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <param name="FileName">The name the file came with (kept for the download, not trusted for its type).</param>
/// <param name="Length">The upload's length as received; the file is read only when it is within the limit.</param>
/// <param name="Open">Opens the uploaded file.</param>
public sealed record AddFindingEvidenceRequest(long FindingId, string FileName, long Length, Func<Stream> Open, string User, Role Role);

/// <summary>
/// A photo or PDF from the field, kept with the finding in the database. The type is decided by the
/// file's first bytes (JPEG, PNG, PDF), never by its name or the client's content type; at most
/// 10 MB; stored with its SHA-256. The upload is one <see cref="FindingEvent"/> (上传证据) and one
/// change record, saved with the file.
/// </summary>
public sealed class AddFindingEvidence(AppDbContext db, TimeProvider clock)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    const string TooLarge = "证据文件不能超过 10 MB";

    public async Task<Result<EvidenceFile>> HandleAsync(AddFindingEvidenceRequest request, CancellationToken ct)
    {
        var finding = await db.Findings.AsNoTracking().Where(f => f.Id == request.FindingId)
            .Select(f => new { f.Id, f.HouseholdId, f.CountyCode }).SingleOrDefaultAsync(ct);
        if (finding is null) return Result.NotFound("未找到该疑点");
        if (!FindingWorkflow.CanWork(request.Role))
            return Result.Invalid([new FieldError("File", "finding.not_allowed", "您的角色不能办理疑点")]);

        if (request.Length <= 0)
            return Result.Invalid([new FieldError("File", "evidence.empty", "请选择要上传的证据文件（文件为空）")]);
        if (request.Length > MaxBytes)
            return Result.Invalid([new FieldError("File", "evidence.too_large", TooLarge)]);
        byte[] content;
        await using (var source = request.Open())
        using (var buffer = new MemoryStream((int)request.Length))
        {
            // The declared length is the client's word: the bytes are counted too.
            var chunk = new byte[81920];
            int n;
            while ((n = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > MaxBytes) return Result.Invalid([new FieldError("File", "evidence.too_large", TooLarge)]);
                buffer.Write(chunk, 0, n);
            }
            content = buffer.ToArray();
        }
        if (content.Length == 0)
            return Result.Invalid([new FieldError("File", "evidence.empty", "请选择要上传的证据文件（文件为空）")]);
        if (TypeOf(content) is not { } type)
        {
            return Result.Invalid([new FieldError("File", "evidence.type",
                "只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容判断，改扩展名无效）")]);
        }

        var name = CleanName(request.FileName, type.Extension);
        var now = clock.GetUtcNow();
        var user = request.User.Length <= 64 ? request.User : request.User[..64];
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var evidence = new FindingEvidence
        {
            FindingId = finding.Id,
            FileName = name,
            ContentType = type.ContentType,
            Size = content.Length,
            Sha256 = sha,
            Content = content,
            UploadedBy = user,
            UploadedAt = now,
        };
        db.FindingEvidence.Add(evidence);
        var size = Size(content.Length);
        db.FindingEvents.Add(new FindingEvent { FindingId = finding.Id, At = now, User = user, Action = "上传证据", Note = $"{name}（{size}）" });
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = finding.CountyCode,
            At = now,
            User = user,
            Entity = nameof(Finding),
            EntityId = finding.Id,
            HouseholdId = finding.HouseholdId,
            Action = "新增",
            Field = "证据",
            NewValue = $"{name}（{type.ContentType}，{size}，SHA-256 {sha}）",
            Reason = string.Create(CultureInfo.InvariantCulture, $"核实疑点#{finding.Id}：上传证据"),
        });
        await db.SaveChangesAsync(ct);
        return new EvidenceFile(evidence.Id, name, type.ContentType, evidence.Size, sha, user, now);
    }

    public sealed record EvidenceType(string ContentType, string Extension);

    static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>JPEG (FF D8 FF), PNG (its 8-byte signature) or PDF (%PDF-), by the first bytes; null for anything else.</summary>
    public static EvidenceType? TypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith(Jpeg) ? new("image/jpeg", ".jpg")
        : content.StartsWith(Png) ? new("image/png", ".png")
        : content.StartsWith("%PDF-"u8) ? new("application/pdf", ".pdf")
        : null;

    /// <summary>The name without any folder, control or quote characters; the extension follows the real type.</summary>
    static string CleanName(string fileName, string extension)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = string.Concat(name.Where(ch => !char.IsControl(ch) && ch is not ('"' or ';' or '/' or '\\'))).Trim();
        var stem = Path.GetFileNameWithoutExtension(name);
        if (string.IsNullOrWhiteSpace(stem)) stem = "证据";
        if (stem.Length > 100) stem = stem[..100];
        var ext = Path.GetExtension(name);
        var lower = ext.ToLowerInvariant();
        var matches = lower == extension || (extension == ".jpg" && lower == ".jpeg");
        return stem + (matches ? ext : extension);
    }

    public static string Size(long bytes) => bytes < 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
        : bytes < 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB");
}
