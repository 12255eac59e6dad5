using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record RectificationEvidenceFile(long Id, long RectificationId, string FileName, string ContentType, byte[] Content);

/// <summary>An evidence file of an item the user may see (the query filter hides the others').</summary>
public sealed class GetRectificationEvidence(AppDbContext db)
{
    public async Task<Result<RectificationEvidenceFile>> HandleAsync(long evidenceId, CancellationToken ct)
    {
        var file = await db.RectificationEvidence.AsNoTracking().Where(e => e.Id == evidenceId)
            .Select(e => new RectificationEvidenceFile(e.Id, e.RectificationId, e.FileName, e.ContentType, e.Content)).SingleOrDefaultAsync(ct);
        return file is null ? Result.NotFound("未找到该佐证材料") : file;
    }
}
