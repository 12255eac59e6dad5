using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

public sealed record GetFindingEvidenceRequest(long EvidenceId);

public sealed record EvidenceDownload(string FileName, string ContentType, byte[] Content);

/// <summary>An evidence file to download, with the content type decided at upload; the file of a finding outside the user's scope is not found.</summary>
public sealed class GetFindingEvidence(AppDbContext db)
{
    public async Task<Result<EvidenceDownload>> HandleAsync(GetFindingEvidenceRequest request, CancellationToken ct)
    {
        // The join through Findings applies the findings' scope filter to the file.
        var file = await db.FindingEvidence.AsNoTracking()
            .Where(e => e.Id == request.EvidenceId && db.Findings.Any(f => f.Id == e.FindingId))
            .Select(e => new EvidenceDownload(e.FileName, e.ContentType, e.Content))
            .SingleOrDefaultAsync(ct);
        return file is null ? Result.NotFound("未找到该证据文件") : file;
    }
}
