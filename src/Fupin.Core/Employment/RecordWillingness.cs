using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

/// <param name="Note">Required when <paramref name="Willing"/> is false: why (e.g. "照顾卧病老人，本人不愿外出").</param>
public sealed record RecordWillingnessRequest(long MemberId, bool Willing, DateOnly RecordedOn, string? Note, string User, Role Role, CoverageRule? Rule = null);

public sealed record WillingnessSaved(long Id, long HouseholdId, long MemberId, bool Willing, DateOnly RecordedOn);

/// <summary>
/// Records a member's development willingness (发展意愿 有/无) as asked on a day: only of a member with labour
/// (普通/技能/弱或半) of working age on that day — others are not asked (<c>willingness.not_able</c>); the day not
/// after the business date; a reason when the answer is 无. The latest record on or before a day holds; earlier
/// ones stay as history. Bad input writes nothing.
/// </summary>
public sealed class RecordWillingness(AppDbContext db, TimeProvider clock)
{
    public const string NotAbleCode = "willingness.not_able";

    public async Task<Result<WillingnessSaved>> HandleAsync(RecordWillingnessRequest r, CancellationToken ct)
    {
        if (!IndustryRoles.CanRecordEmployment(r.Role)) return Result.Invalid([EmploymentRules.NotAllowed(nameof(r.MemberId))]);
        var rule = r.Rule ?? new CoverageRule();
        var today = clock.Today();
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.HouseholdId, x.CountyCode, x.BirthDate, x.Name, x.LabourSkill, Village = x.Household!.VillageCode }).SingleOrDefaultAsync(ct);
        if (m is null) return Result.Invalid([EmploymentRules.MemberUnknown(nameof(r.MemberId))]);
        var errors = new List<FieldError>();
        if (r.RecordedOn == default)
            errors.Add(new FieldError(nameof(r.RecordedOn), "willingness.date_required", "请填写登记日期"));
        else if (r.RecordedOn > today)
            errors.Add(new FieldError(nameof(r.RecordedOn), "willingness.date_future", "登记日期不能晚于今天"));
        else if (!GetCoverage.IsAble(m.LabourSkill, m.BirthDate, r.RecordedOn, rule))
            errors.Add(new FieldError(nameof(r.MemberId), NotAbleCode,
                GetCoverage.HasLabour(m.LabourSkill)
                    ? $"{m.Name}在{r.RecordedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}不在{rule.MinAge}至{rule.MaxAge}周岁的劳动年龄内，不登记发展意愿"
                    : $"{m.Name}为{EmploymentRules.Label(m.LabourSkill)}，无劳动能力，不登记发展意愿"));
        var note = EmploymentRules.Trimmed(r.Note);
        if (!r.Willing && note is null) errors.Add(new FieldError(nameof(r.Note), "willingness.note_required", "登记“无发展意愿”时请写明原因"));
        if (note is { Length: > 500 }) errors.Add(new FieldError(nameof(r.Note), "willingness.note_too_long", "说明最多500个字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var row = new Willingness
        {
            CountyCode = m.CountyCode, VillageCode = m.Village, HouseholdId = m.HouseholdId, MemberId = m.Id, Willing = r.Willing, RecordedOn = r.RecordedOn,
            RecordedBy = EmploymentRules.Clip(r.User, 64), Note = note, RecordedAt = clock.GetUtcNow(),
        };
        db.Willingness.Add(row);
        await db.SaveChangesAsync(ct);
        return new WillingnessSaved(row.Id, row.HouseholdId, row.MemberId, row.Willing, row.RecordedOn);
    }
}
