using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

/// <summary>
/// The four figures of the county's fund tables (到位, 下达, 拨付, 支出, fen) and their rates: 下达率 =
/// 下达 ÷ 到位, 拨付率 = 拨付 ÷ 下达, 支出率 = 支出 ÷ 下达, percentages rounded half away from zero to one
/// decimal, null when the base is zero. Rows that have no 到位 of their own (a township, a project)
/// carry <see cref="AmountFen"/> 0 and no allocation rate.
/// </summary>
public sealed record FundFigures(long AmountFen, long AllocatedFen, long DisbursedFen, long SpentFen)
{
    public static FundFigures Zero { get; } = new(0, 0, 0, 0);

    public decimal? AllocationRate => FundRules.Percent(AllocatedFen, AmountFen);
    public decimal? DisbursementRate => FundRules.Percent(DisbursedFen, AllocatedFen);
    public decimal? ExpenditureRate => FundRules.Percent(SpentFen, AllocatedFen);

    public FundFigures Plus(FundFigures o) => new(AmountFen + o.AmountFen, AllocatedFen + o.AllocatedFen, DisbursedFen + o.DisbursedFen, SpentFen + o.SpentFen);

    public static FundFigures Sum(IEnumerable<FundFigures> rows) => rows.Aggregate(Zero, (a, b) => a.Plus(b));
}

/// <summary>Codes, limits and wording shared by the fund use cases.</summary>
public static class FundRules
{
    public const string OverAllocation = "funds.over_allocation";
    public const string OverPayment = "funds.over_payment";
    public const string OverExpenditure = "funds.over_expenditure";
    public const string ProjectNotPooled = "funds.project_not_pooled";
    public const string AmountInvalid = "funds.amount_invalid";
    public const string DateInFuture = "funds.date_future";
    public const string NotAllowedMessage = "只有县扶贫办（县级管理员）可以登记资金来源、下达、拨付和支出";

    /// <summary>The largest amount one record may carry: 100亿元 (far above any county's fund of a year), in fen.</summary>
    public const long MaxFen = 1_000_000_000_000;

    /// <summary>How often a use case re-reads and retries when another request changed the same source, allocation or project first.</summary>
    internal const int Attempts = 3;

    /// <summary>
    /// Runs <paramref name="attempt"/> again when someone else changed the same source, allocation or project
    /// meanwhile (a version clash): the request is judged afresh on the new figures, so of two allocations that
    /// together exceed a source the second is refused. After <see cref="Attempts"/> clashes, a conflict.
    /// </summary>
    internal static async Task<Result<T>> RetryOnConflictAsync<T>(AppDbContext db, Func<Task<Result<T>>> attempt, string conflictMessage)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (n >= Attempts) return Result.Conflict(conflictMessage);
            }
        }
    }

    public static decimal? Percent(long part, long whole) =>
        whole == 0 ? null : decimal.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// 元 with at most two decimals, greater than zero and at most <see cref="MaxFen"/>, to fen exactly;
    /// null when not so (a third decimal is refused, never rounded away).
    /// </summary>
    public static long? FenOf(decimal? yuan) =>
        yuan is { } y && y > 0 && y * 100 <= MaxFen && decimal.Round(y, 2) == y ? (long)(y * 100) : null;

    /// <summary>
    /// An amount typed in 元 ("1234.5", "1,234.50"; invariant digits, at most two decimals) to fen, by
    /// <see cref="FenOf"/>'s rule; null when it is not such an amount.
    /// </summary>
    public static long? ParseYuan(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var yuan) ? FenOf(yuan) : null;

    public const string AmountFormatMessage = "金额无效：请按元填写大于0的数，最多两位小数";

    /// <summary>The wording of an amount in messages: "1,234.50元".</summary>
    public static string Yuan(long fen) => ProjectLabels.Yuan(fen) + "元";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];

    internal static string? Optional(string? s, int max, string field, string label, List<Common.FieldError> errors)
    {
        var t = s?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (t.Length > max) errors.Add(new Common.FieldError(field, "funds.too_long", $"{label}不能超过{max}字"));
        return t;
    }

    /// <summary>Every fund record goes to the change history (entity FundSource, FundAllocation or FundPayment), saved with it.</summary>
    internal static void Log(AppDbContext db, string countyCode, string user, string entity, long id, string action, string field, string newValue, string reason) =>
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = countyCode,
            At = db.Clock.GetUtcNow(),
            User = Clip(user, 64),
            Entity = entity,
            EntityId = id,
            Action = action,
            Field = field,
            NewValue = Clip(newValue, 2000),
            Reason = Clip(reason, 500),
        });
}
