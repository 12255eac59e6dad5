using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

/// <summary>A member's full ID number and phone (or, without a member, the household's phone).</summary>
public sealed record RevealPersonalDataRequest(long HouseholdId, long? MemberId, string User, Role Role);

public sealed record RevealedPersonalData(long HouseholdId, long? MemberId, string Name, string? IdNumber, string? Phone);

/// <summary>
/// Shows personal data unmasked, once, to a role allowed to ask, for a record the user can see (the
/// scope filter applies: anything else is not found). Each revealed field is logged.
/// </summary>
public sealed class RevealPersonalData(AppDbContext db)
{
    public async Task<Result<RevealedPersonalData>> HandleAsync(RevealPersonalDataRequest request, CancellationToken ct)
    {
        if (!Roles.CanReveal(request.Role)) return Result.NotFound("未找到");
        RevealedPersonalData revealed;
        if (request.MemberId is { } memberId)
        {
            var m = await db.Members.AsNoTracking().Where(x => x.Id == memberId && x.HouseholdId == request.HouseholdId)
                .Select(x => new { x.Id, x.Name, x.IdNumber, x.Phone }).SingleOrDefaultAsync(ct);
            if (m is null) return Result.NotFound("成员不存在");
            revealed = new RevealedPersonalData(request.HouseholdId, m.Id, m.Name, m.IdNumber?.ToString(), m.Phone);
            if (m.IdNumber is not null) AccountLog.Add(db, request.User, "Member", m.Id, AccountLog.Revealed, field: "IdNumber", householdId: request.HouseholdId);
            if (!string.IsNullOrEmpty(m.Phone)) AccountLog.Add(db, request.User, "Member", m.Id, AccountLog.Revealed, field: "Phone", householdId: request.HouseholdId);
        }
        else
        {
            var h = await db.Households.AsNoTracking().Where(x => x.Id == request.HouseholdId)
                .Select(x => new { x.Id, x.Number, x.Phone }).SingleOrDefaultAsync(ct);
            if (h is null) return Result.NotFound("户不存在");
            revealed = new RevealedPersonalData(h.Id, null, h.Number, null, h.Phone);
            AccountLog.Add(db, request.User, "Household", h.Id, AccountLog.Revealed, field: "Phone", householdId: h.Id);
        }
        await db.SaveChangesAsync(ct);
        return revealed;
    }
}
