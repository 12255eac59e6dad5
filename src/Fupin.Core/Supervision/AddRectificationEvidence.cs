using System.Security.Cryptography;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;

namespace Fupin.Supervision;

/// <param name="Version">The item's version as the user saw it; null for a client that does not track it.</param>
public sealed record AddRectificationEvidenceRequest(long Id, long? Version, IReadOnlyList<UploadedFile> Files, string? Note, string User, Role Role);

public sealed record RectificationEvidenceSaved(long Id, long Version, IReadOnlyList<RectificationEvidenceRow> Files);

/// <summary>
/// Evidence (佐证材料) for an item being worked on, under the project upload rules (<see cref="ProjectFiles.Check"/>: PDF,
/// JPG, PNG, XLSX or DOCX by their bytes, at most 10 MB, at most 10 at once). One history line names the files. A bad
/// file stores none of them.
/// </summary>
public sealed class AddRectificationEvidence(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationEvidenceSaved>> HandleAsync(AddRectificationEvidenceRequest request, CancellationToken ct)
    {
        var (item, failure) = await RectificationRules.LoadForChangeAsync(db, request.Id, request.Version, ct);
        if (failure is not null) return failure;
        var r = item!;
        const string field = "File";
        if (!SupervisionRoles.CanWorkOnRectifications(request.Role)) return Result.Invalid([RectificationRules.NotAllowed(field, "上传佐证材料")]);
        if (!RectificationRules.CanReport(r.Status)) return Result.Invalid([RectificationRules.WrongStatus(field, r.Status, "再上传佐证材料")]);
        var errors = new List<FieldError>();
        if (request.Files.Count == 0) errors.Add(new FieldError(field, "rectification.file_required", "请选择要上传的文件"));
        var files = ProjectFiles.CheckAll(request.Files, field, errors);
        var note = RectificationRules.Text(request.Note);
        RectificationRules.MaxLength(errors, nameof(request.Note), note, 500, "说明");
        if (errors.Count > 0 || files is null) return Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var rows = files.Select(f => new RectificationEvidence
        {
            RectificationId = r.Id,
            FileName = f.FileName,
            ContentType = f.ContentType,
            Size = f.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Content)),
            Content = f.Content,
            Note = note,
            UploadedBy = RectificationRules.Clip(request.User, 64),
            UploadedAt = now,
        }).ToList();
        db.RectificationEvidence.AddRange(rows);
        db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.Progress, request.User, clock,
            "上传佐证材料：" + string.Join("、", rows.Select(x => x.FileName)) + (note is null ? "" : "（" + note + "）")));
        r.Version++;
        await db.SaveChangesAsync(ct);
        return new RectificationEvidenceSaved(r.Id, r.Version,
            [.. rows.Select(e => new RectificationEvidenceRow(e.Id, e.FileName, e.ContentType, e.Size, e.Note, e.UploadedBy, e.UploadedAt))]);
    }
}
