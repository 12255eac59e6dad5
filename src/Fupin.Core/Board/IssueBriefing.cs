using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>A figure as frozen in a briefing.</summary>
public sealed record BriefingFigure(string Key, string Section, string Label, decimal? Value, string Unit);

/// <param name="PeriodFrom">First day of the period (default: the first of the business month).</param>
/// <param name="PeriodTo">Last day of the period, not after the business date (default: the business date).</param>
/// <param name="Title">Default: “{region}脱贫攻坚工作简报（yyyy年M月）”.</param>
public sealed record IssueBriefingRequest(string RegionCode, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Title, string? Summary, string User);

public sealed record BriefingIssued(long Id, string Title, long? PreviousId);

/// <summary>
/// Issues a briefing (简报) of a region for a period: the board's figures (<paramref name="board"/>, as the caller read them
/// from <see cref="BoardCache"/> — the caller checks the user may see the region) and the late items with their owners
/// (<see cref="GetLateItems"/>) are frozen as JSON, so later briefings can show what changed since this one. Logged.
/// </summary>
public sealed class IssueBriefing(AppDbContext db, TimeProvider clock)
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 4000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<BriefingIssued>> HandleAsync(IssueBriefingRequest request, BoardView board, CancellationToken ct)
    {
        if (board.RegionCode != request.RegionCode) throw new ArgumentException("board of another region", nameof(board));
        var today = clock.Today();
        var from = request.PeriodFrom ?? new DateOnly(today.Year, today.Month, 1);
        var to = request.PeriodTo ?? today;
        var errors = new List<FieldError>();
        if (to > today) errors.Add(new FieldError(nameof(request.PeriodTo), "briefing.period_future", "简报期间不能晚于今天"));
        if (from > to) errors.Add(new FieldError(nameof(request.PeriodFrom), "briefing.period_invalid", "开始日期不能晚于结束日期"));
        var title = string.IsNullOrWhiteSpace(request.Title) ? DefaultTitle(board.RegionName, to) : request.Title.Trim();
        if (title.Length > MaxTitle) errors.Add(new FieldError(nameof(request.Title), "briefing.too_long", "标题不能超过 200 个字"));
        var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        if (summary is { Length: > MaxSummary }) errors.Add(new FieldError(nameof(request.Summary), "briefing.too_long", "工作摘要不能超过 4000 个字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var late = await new GetLateItems(db, clock).HandleAsync(request.RegionCode, ct);
        if (!late.IsOk) return late.Failure;
        var previous = await db.Briefings.AsNoTracking().Where(b => b.RegionCode == request.RegionCode)
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Select(b => (long?)b.Id).FirstOrDefaultAsync(ct);
        var figures = board.Figures.Select(f => new BriefingFigure(f.Key, f.Section, f.Label, f.Value, f.Unit)).ToList();
        var briefing = new Briefing
        {
            RegionCode = request.RegionCode, Title = title, PeriodFrom = from, PeriodTo = to, Summary = summary,
            FiguresJson = JsonSerializer.Serialize(figures, Json), LateItemsJson = JsonSerializer.Serialize(late.Value.Items, Json),
            CreatedBy = request.User, CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Briefings.Add(briefing);
        await db.SaveChangesAsync(ct);
        AccountLog.Add(db, request.User, "Briefing", briefing.Id, "新增", field: "Title", newValue: title,
            reason: $"印发工作简报：{board.RegionName}，{figures.Count.ToString(CultureInfo.InvariantCulture)} 项指标，逾期事项 {late.Value.Count.ToString(CultureInfo.InvariantCulture)} 项", countyCode: Registry.ChangeRecord.CountyOf(briefing.RegionCode));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BriefingIssued(briefing.Id, title, previous);
    }

    public static string DefaultTitle(string regionName, DateOnly to) =>
        $"{regionName}脱贫攻坚工作简报（{to.Year.ToString(CultureInfo.InvariantCulture)}年{to.Month.ToString(CultureInfo.InvariantCulture)}月）";
}
