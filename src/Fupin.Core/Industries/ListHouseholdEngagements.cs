using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>A household's own industries, newest year first (the household must be one the user sees).</summary>
public sealed class ListHouseholdEngagements(AppDbContext db)
{
    public async Task<Result<IReadOnlyList<IndustryEngagementRow>>> HandleAsync(long householdId, CancellationToken ct)
    {
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) return Result.NotFound("农户不存在");
        var rows = await (from e in db.IndustryEngagements.AsNoTracking()
                          join i in db.Industries.AsNoTracking() on e.IndustryId equals i.Id
                          where e.HouseholdId == householdId
                          orderby e.Year descending, i.SortOrder, i.Code
                          select new IndustryEngagementRow(e.Id, e.HouseholdId, e.IndustryId, i.Code, i.Name, i.OutputUnit, e.Year, e.Persons, e.AreaMu, e.Output,
                              e.IncomeFen, e.RecordedBy, e.RecordedAt)).ToListAsync(ct);
        return rows;
    }
}
