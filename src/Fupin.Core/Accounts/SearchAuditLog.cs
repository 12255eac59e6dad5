using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Accounts;

/// <summary>Filters combine with AND; dates are Beijing dates, both ends included.</summary>
public sealed record SearchAuditLogRequest
{
    public string? User { get; init; }
    public long? HouseholdId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Action { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchAuditLog.DefaultPageSize;
}

public sealed record AuditEntry(long Id, DateTimeOffset At, string User, string Entity, long EntityId, long? HouseholdId,
    string Action, string? Field, string? OldValue, string? NewValue, string? Reason);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>The audit log (the change history), newest first, paged in the database.</summary>
public sealed class SearchAuditLog(AppDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The actions there are, for the filter's choices.</summary>
    public static readonly string[] Actions = ["新增", "修改", "删除", AccountLog.SignedIn, AccountLog.SignInFailed, AccountLog.Revealed, AccountLog.Exported, "修改密码", "吊销"];

    public async Task<Result<AuditPage>> HandleAsync(SearchAuditLogRequest request, CancellationToken ct)
    {
        if (request.From is { } f && request.To is { } t && f > t)
            return Result.Invalid([new FieldError(nameof(request.To), "date.range", "结束日期不能早于开始日期")]);

        var query = db.Changes.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.User))
        {
            var user = request.User.Trim();
            query = query.Where(c => c.User == user);
        }
        if (request.HouseholdId is { } householdId)
        {
            // The household's county leads the index (and names the node on a Citus cluster); a household since removed is looked for everywhere.
            var county = await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => h.Id == householdId).Select(h => h.CountyCode).FirstOrDefaultAsync(ct);
            query = county is null ? query.Where(c => c.HouseholdId == householdId) : query.Where(c => c.CountyCode == county && c.HouseholdId == householdId);
        }
        if (!string.IsNullOrWhiteSpace(request.Action))
        {
            var action = request.Action.Trim();
            query = query.Where(c => c.Action == action);
        }
        if (request.From is { } from)
        {
            var start = StartOf(from);
            query = query.Where(c => c.At >= start);
        }
        if (request.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            query = query.Where(c => c.At < end);
        }

        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new AuditEntry(c.Id, c.At, c.User, c.Entity, c.EntityId, c.HouseholdId, c.Action, c.Field, c.OldValue, c.NewValue, c.Reason))
            .ToListAsync(ct);
        return new AuditPage(rows, total, page, pageSize);
    }

    /// <summary>Midnight in Beijing, as a UTC instant.</summary>
    static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), BusinessClock.ChinaStandardTime.BaseUtcOffset).ToUniversalTime();
}
