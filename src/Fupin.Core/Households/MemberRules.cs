using Fupin.Common;
using Fupin.Registry;

namespace Fupin.Households;

/// <summary>Rules shared by the household and member use cases.</summary>
public static class MemberRules
{
    public const string Head = "户主";

    public const int MaxReasonLength = 500;

    public const string EducationExclusiveMessage = "文化程度和在校生状况须填写且只填写其中一项";
    public const string MigrantTogetherMessage = "务工地点和务工时间须同时填写或同时留空";
    public const string MigrantMonthsRangeMessage = "务工时间应为0～12个月";

    /// <summary>The message for a code-table label not valid in the year (shared with imports).</summary>
    public static string CodeInvalidMessage(string label, string value, int year) => $"{label}“{value}”不是{year}年代码表中的有效值";

    /// <summary>The message when the gender differs from the ID number's 17th digit.</summary>
    public static string GenderMismatchMessage(Gender fromId) => $"性别与证件号码不符：按证件号码第17位应为{CodeCatalog.Label(fromId)}";

    public const string BirthMismatchMessage = "出生日期与证件号码中的出生日期不符";

    /// <summary>A stable error code for a resident ID parse failure, e.g. <c>id.bad_check_character</c>.</summary>
    public static string IdErrorCode(ResidentIdError error) => error switch
    {
        ResidentIdError.Empty => "id.empty",
        ResidentIdError.WrongLength => "id.wrong_length",
        ResidentIdError.BadCharacter => "id.bad_character",
        ResidentIdError.BadRegion => "id.bad_region",
        ResidentIdError.ImpossibleDate => "id.impossible_date",
        ResidentIdError.FutureBirth => "id.future_birth",
        ResidentIdError.BadCheckCharacter => "id.bad_check_character",
        _ => "id.invalid",
    };

    /// <summary>Every edit carries its reason (变更原因); it goes to the change history.</summary>
    public static void RequireReason(string? reason, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(reason))
            errors.Add(new FieldError("Reason", "reason.required", "请填写变更原因"));
        else if (reason.Trim().Length > MaxReasonLength)
            errors.Add(new FieldError("Reason", "reason.too_long", $"变更原因不能超过{MaxReasonLength}字"));
    }

    /// <summary>An enum value must exist and its code-table entry must be valid in the business year.</summary>
    public static void RequireCode<TEnum>(TEnum value, string field, string label, int year, List<FieldError> errors) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value) || !CodeCatalog.IsValid(typeof(TEnum).Name, CodeCatalog.Label(value), year))
            errors.Add(new FieldError(field, "code.invalid", $"{label}不是{year}年代码表中的有效值"));
    }

    /// <summary>A code-table label (与户主关系, 民族 …) must be valid in the business year.</summary>
    public static void RequireLabel(string? value, string kind, string field, string label, int year, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(new FieldError(field, "required", $"请选择{label}"));
        else if (!CodeCatalog.IsValid(kind, value.Trim(), year))
            errors.Add(new FieldError(field, "code.invalid", CodeInvalidMessage(label, value, year)));
    }

    /// <summary>Phone numbers: digits with an optional dash, 7 to 20 characters.</summary>
    public static void CheckPhone(string? phone, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(phone)) return;
        var p = phone.Trim();
        if (p.Length is < 7 or > 20 || !p.All(c => char.IsAsciiDigit(c) || c == '-'))
            errors.Add(new FieldError(field, "phone.invalid", "联系电话应为7～20位数字"));
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
