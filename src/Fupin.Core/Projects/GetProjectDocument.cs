using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

public sealed record ProjectDocumentFile(long Id, string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>One document or photo of a project the user can see.</summary>
public sealed class GetProjectDocument(AppDbContext db)
{
    public async Task<Result<ProjectDocumentFile>> HandleAsync(long projectId, long documentId, CancellationToken ct)
    {
        if (!await db.Projects.AnyAsync(x => x.Id == projectId, ct)) return ProjectSave.NotFound();
        var d = await db.ProjectDocuments.AsNoTracking().Where(x => x.Id == documentId && x.ProjectId == projectId)
            .Select(x => new ProjectDocumentFile(x.Id, x.FileName, x.ContentType, x.Content, x.Sha256)).SingleOrDefaultAsync(ct);
        return d is null ? Result.NotFound("未找到该材料") : d;
    }
}
