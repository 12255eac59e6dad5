using Fupin.Data;
using Fupin.Registry;

namespace Fupin.Accounts;

/// <summary>
/// Account events (sign-ins, reveals, exports, users and tokens) go to the same change history as
/// registry edits; the caller saves them together with the change they describe.
/// </summary>
public static class AccountLog
{
    public const string SignedIn = "登录";
    public const string SignInFailed = "登录失败";
    public const string Revealed = "查看明文";
    public const string Exported = "导出";

    public static ChangeRecord Add(AppDbContext db, string user, string entity, long entityId, string action,
        string? field = null, string? reason = null, long? householdId = null, string? newValue = null, string? countyCode = null)
    {
        var record = new ChangeRecord
        {
            CountyCode = countyCode ?? "", // none given: the household's county when saved, else "*"
            At = db.Clock.GetUtcNow(),
            User = Truncate(user, 64)!,
            Entity = entity,
            EntityId = entityId,
            HouseholdId = householdId,
            Action = action,
            Field = field,
            NewValue = newValue,
            Reason = Truncate(reason, 500),
        };
        db.Changes.Add(record);
        return record;
    }

    static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
