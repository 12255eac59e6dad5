using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <param name="CountyCode">The county; null: every county the user sees.</param>
/// <param name="IncludeRetired">Also the retired industries (the county's maintenance list); false: only those offered for new records.</param>
public sealed record ListLocalIndustriesRequest(string? CountyCode = null, bool IncludeRetired = true);

/// <summary>The county's local industries in their order (the code table), active ones first when retired ones are included.</summary>
public sealed class ListLocalIndustries(AppDbContext db)
{
    public async Task<Result<IReadOnlyList<LocalIndustryRow>>> HandleAsync(ListLocalIndustriesRequest request, CancellationToken ct)
    {
        var q = db.Industries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.CountyCode))
        {
            var county = request.CountyCode.Trim();
            if (county.Length != 6 || !county.All(char.IsAsciiDigit))
                return Result.Invalid([new FieldError("CountyCode", "region.invalid", $"县代码“{county}”格式有误")]);
            q = q.Where(i => i.CountyCode == county);
        }
        if (!request.IncludeRetired) q = q.Where(i => i.IsActive);
        var rows = await q.OrderByDescending(i => i.IsActive).ThenBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new LocalIndustryRow(i.Id, i.CountyCode, i.Code, i.Name, i.OutputUnit, i.SortOrder, i.IsActive))
            .ToListAsync(ct);
        return rows;
    }
}
