using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Households;

/// <summary>
/// The editable fields of a member. <see cref="Version"/> is the version the editor started from.
/// The ID number, birth date (readable from the ID) and phone are shown masked, so null or blank
/// leaves them unchanged; a new ID number with no birth date takes the birth date from the ID.
/// </summary>
public sealed record MemberEdit
{
    public long Version { get; init; }
    public string? Reason { get; init; }

    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public string? Relation { get; init; }
    public Gender Gender { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Ethnicity { get; init; }
    public string? PoliticalStatus { get; init; }
    public string? Education { get; init; }
    public string? StudentStatus { get; init; }
    public HealthConditions Health { get; init; }
    public LabourSkill LabourSkill { get; init; }
    public string? MigrantWorkPlace { get; init; }
    public int? MigrantWorkMonths { get; init; }
    public bool HasBasicMedical { get; init; }
    public bool HasCriticalIllness { get; init; }
    public bool HasPension { get; init; }
    public bool IsDibao { get; init; }
    public bool IsTekun { get; init; }
    public string? Phone { get; init; }

    /// <summary>The form of a member as it stands (sensitive fields left blank).</summary>
    public static MemberEdit From(MemberDetails m) => new()
    {
        Version = m.Version,
        Name = m.Name,
        Relation = m.Relation,
        Gender = m.Gender,
        Ethnicity = m.Ethnicity,
        PoliticalStatus = m.PoliticalStatus,
        Education = m.Education,
        StudentStatus = m.StudentStatus,
        Health = m.Health,
        LabourSkill = m.LabourSkill,
        MigrantWorkPlace = m.MigrantWorkPlace,
        MigrantWorkMonths = m.MigrantWorkMonths,
        HasBasicMedical = m.HasBasicMedical,
        HasCriticalIllness = m.HasCriticalIllness,
        HasPension = m.HasPension,
        IsDibao = m.IsDibao,
        IsTekun = m.IsTekun,
    };
}

public sealed record EditMemberRequest(long MemberId, MemberEdit Edit, string User);

public sealed class EditMember(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<EditSaved>> HandleAsync(EditMemberRequest request, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == request.MemberId, ct);
        if (member is null) return Result.NotFound("未找到该成员");
        var edit = request.Edit;
        if (member.Version != edit.Version) return Result.Conflict();

        var today = clock.Today();
        var errors = new List<FieldError>();
        MemberRules.RequireReason(edit.Reason, errors);

        var name = MemberRules.Clean(edit.Name);
        if (name is null) errors.Add(new FieldError(nameof(edit.Name), "required", "请填写姓名"));
        else if (name.Length > 40) errors.Add(new FieldError(nameof(edit.Name), "text.too_long", "姓名不能超过40字"));

        MemberRules.RequireLabel(edit.Relation, CodeCatalog.Relation, nameof(edit.Relation), "与户主关系", today.Year, errors);
        MemberRules.RequireLabel(edit.Ethnicity, CodeCatalog.Ethnicity, nameof(edit.Ethnicity), "民族", today.Year, errors);
        MemberRules.RequireLabel(edit.PoliticalStatus, CodeCatalog.PoliticalStatus, nameof(edit.PoliticalStatus), "政治面貌", today.Year, errors);
        MemberRules.RequireCode(edit.Gender, nameof(edit.Gender), "性别", today.Year, errors);
        MemberRules.RequireCode(edit.LabourSkill, nameof(edit.LabourSkill), "劳动技能", today.Year, errors);

        var education = MemberRules.Clean(edit.Education);
        var student = MemberRules.Clean(edit.StudentStatus);
        if ((education is null) == (student is null))
            errors.Add(new FieldError(nameof(edit.Education), "education.exclusive", MemberRules.EducationExclusiveMessage));
        if (education is not null) MemberRules.RequireLabel(education, CodeCatalog.Education, nameof(edit.Education), "文化程度", today.Year, errors);
        if (student is not null) MemberRules.RequireLabel(student, CodeCatalog.StudentStatus, nameof(edit.StudentStatus), "在校生状况", today.Year, errors);

        const HealthConditions allHealth = HealthConditions.Healthy | HealthConditions.Chronic | HealthConditions.Serious | HealthConditions.Disabled;
        if (edit.Health == HealthConditions.None)
            errors.Add(new FieldError(nameof(edit.Health), "required", "请选择健康状况"));
        else if ((edit.Health & ~allHealth) != 0)
            errors.Add(new FieldError(nameof(edit.Health), "code.invalid", "健康状况不在代码表中"));
        else if (edit.Health.HasFlag(HealthConditions.Healthy) && edit.Health != HealthConditions.Healthy)
            errors.Add(new FieldError(nameof(edit.Health), "health.exclusive", "选择“健康”时不能同时选择其他健康状况"));

        var place = MemberRules.Clean(edit.MigrantWorkPlace);
        if ((place is null) != (edit.MigrantWorkMonths is null))
            errors.Add(new FieldError(place is null ? nameof(edit.MigrantWorkPlace) : nameof(edit.MigrantWorkMonths), "migrant.together", MemberRules.MigrantTogetherMessage));
        if (edit.MigrantWorkMonths is < 0 or > 12)
            errors.Add(new FieldError(nameof(edit.MigrantWorkMonths), "migrant.months_range", MemberRules.MigrantMonthsRangeMessage));
        if (place is { Length: > 64 })
            errors.Add(new FieldError(nameof(edit.MigrantWorkPlace), "text.too_long", "务工地点不能超过64字"));

        MemberRules.CheckPhone(edit.Phone, nameof(edit.Phone), errors);

        // The ID decides gender and birth date: a changed ID is checked against both.
        var id = member.IdNumber;
        var idChanged = false;
        if (MemberRules.Clean(edit.IdNumber) is { } idText)
        {
            var parsed = ResidentId.Parse(idText, today);
            if (!parsed.IsValid)
            {
                errors.Add(new FieldError(nameof(edit.IdNumber), MemberRules.IdErrorCode(parsed.Error), parsed.MessageZh!));
            }
            else if (parsed.Id.Value != member.IdNumber)
            {
                id = parsed.Id.Value;
                idChanged = true;
                ResidentId? newId = id;
                var holder = await db.Members.AsNoTracking()
                    .Where(m => m.IdNumber == newId && m.Id != member.Id)
                    .Select(m => new { m.Name, HouseholdNumber = m.Household!.Number })
                    .FirstOrDefaultAsync(ct);
                if (holder is not null)
                    errors.Add(new FieldError(nameof(edit.IdNumber), "id.duplicate", $"该证件号码已登记为户{holder.HouseholdNumber}的成员{holder.Name}"));
            }
        }
        var birth = edit.BirthDate ?? (idChanged && id is { } derived ? derived.BirthDate : member.BirthDate);
        if (birth > today)
            errors.Add(new FieldError(nameof(edit.BirthDate), "birth.future", "出生日期不能晚于业务日期"));
        if (id is { } current && errors.All(e => e.Field != nameof(edit.IdNumber)))
        {
            if (Enum.IsDefined(edit.Gender) && edit.Gender != current.Gender)
                errors.Add(new FieldError(nameof(edit.Gender), "id.gender_mismatch", MemberRules.GenderMismatchMessage(current.Gender)));
            if (birth != current.BirthDate)
                errors.Add(new FieldError(nameof(edit.BirthDate), "id.birth_mismatch", MemberRules.BirthMismatchMessage));
        }

        // Exactly one 户主 per household.
        var relation = MemberRules.Clean(edit.Relation);
        if (relation is not null && (relation == MemberRules.Head) != member.IsHead)
        {
            var otherHead = await db.Members.AsNoTracking()
                .Where(m => m.HouseholdId == member.HouseholdId && m.Id != member.Id && m.Relation == MemberRules.Head)
                .Select(m => m.Name)
                .FirstOrDefaultAsync(ct);
            if (relation == MemberRules.Head && otherHead is not null)
                errors.Add(new FieldError(nameof(edit.Relation), "head.exactly_one", $"该户已有户主{otherHead}，一户只能有一名户主"));
            if (relation != MemberRules.Head && otherHead is null)
                errors.Add(new FieldError(nameof(edit.Relation), "head.exactly_one", "该成员是本户唯一的户主，一户必须有一名户主"));
        }

        if (errors.Count > 0) return Result.Invalid(errors);

        member.Name = name!;
        member.Relation = relation!;
        member.Gender = edit.Gender;
        member.BirthDate = birth;
        if (idChanged) member.IdNumber = id;
        member.Ethnicity = edit.Ethnicity!.Trim();
        member.PoliticalStatus = edit.PoliticalStatus!.Trim();
        member.Education = education;
        member.StudentStatus = student;
        member.Health = edit.Health;
        member.LabourSkill = edit.LabourSkill;
        member.MigrantWorkPlace = place;
        member.MigrantWorkMonths = edit.MigrantWorkMonths;
        member.HasBasicMedical = edit.HasBasicMedical;
        member.HasCriticalIllness = edit.HasCriticalIllness;
        member.HasPension = edit.HasPension;
        member.IsDibao = edit.IsDibao;
        member.IsTekun = edit.IsTekun;
        if (MemberRules.Clean(edit.Phone) is { } phone) member.Phone = phone;

        var changed = await db.SaveEditAsync(member, edit.Version, request.User, edit.Reason!, ct);
        return changed is null ? Result.Conflict() : new EditSaved(member.Id, member.Version, changed.Value);
    }
}
