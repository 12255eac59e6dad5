using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;

namespace Fupin.Campaign;

/// <summary>Limits, codes and the audit lines shared by the ledger's use cases.</summary>
public static class CampaignRules
{
    public const int MaxGroup = 64;
    public const int MaxName = 64;
    public const int MaxTaskName = 200;
    public const int MaxIndicator = 200;
    public const int MaxUnit = 16;
    public const int MaxDepartment = 64;
    public const int MaxNote = 1000;

    /// <summary>A department user reporting on a line whose <see cref="CampaignTask.Department"/> is not its own (the API answers 403).</summary>
    public const string NotOwnLineCode = "campaign.not_own_line";
    public const string HeadingInUseCode = "campaign.heading_in_use";

    public const string HeadingEntity = "CampaignHeading";
    public const string TaskEntity = "CampaignTask";
    public const string ProgressEntity = "CampaignProgress";
    public const string LedgerEntity = "CampaignLedger";

    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static void Required(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (value is null) errors.Add(new FieldError(field, "campaign.required", $"请填写{label}"));
        else MaxLength(errors, field, value, max, label);
    }

    public static void MaxLength(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
            errors.Add(new FieldError(field, "campaign.too_long", $"{label}不能超过 {max.ToString(CultureInfo.InvariantCulture)} 个字"));
    }

    /// <summary>An audit line (the ledger's rows are not <see cref="IAudited"/>: they are logged as they change).</summary>
    public static void Log(AppDbContext db, string countyCode, string user, string entity, long id, string action, string? field = null, string? oldValue = null,
        string? newValue = null, string? reason = null) =>
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = countyCode,
            At = db.Clock.GetUtcNow(),
            User = Cut(user, 64)!,
            Entity = entity,
            EntityId = id,
            Action = action,
            Field = field,
            OldValue = Cut(oldValue, 500),
            NewValue = Cut(newValue, 500),
            Reason = Cut(reason, 500),
        });

    static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
