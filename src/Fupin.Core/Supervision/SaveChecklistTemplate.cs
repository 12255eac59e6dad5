using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record ChecklistQuestionInput(string? Code, string? Section, string? Text, ChecklistSubject Subject, AnswerKind Answer,
    string? Options, string? FailValues, string? FindingText, bool Required, bool CountsForApproval);

/// <param name="Id">The template changed; null for a new one.</param>
/// <param name="AsCopy">Save as a new template even when the old one is not in use.</param>
public sealed record SaveChecklistTemplateRequest(long? Id, long Version, string CountyCode, ChecklistKind Kind, string? Name, string? Description,
    bool IsActive, IReadOnlyList<ChecklistQuestionInput> Questions, bool AsCopy, string User, Role Role);

/// <param name="Copied">A new template was made from <c>Id</c> (it was in use, or a copy was asked for).</param>
public sealed record ChecklistTemplateSaved(long Id, long Version, bool Copied);

/// <summary>
/// Saves a checklist or questionnaire with its questions in the order given. A template used by a plan or survey
/// is not changed (its answers refer to its question codes): it is saved as a new template (its name gets
/// “（修订n）” when unchanged). Codes are unique in the template; fail values must be among the answers; only a
/// questionnaire has the one question that counts for approval (认可).
/// </summary>
public sealed class SaveChecklistTemplate(AppDbContext db, TimeProvider clock)
{
    public const int MaxQuestions = 100;

    public static bool CanEdit(Role role) => SupervisionRoles.CanManageSurveys(role) || SupervisionRoles.CanInspect(role);

    public async Task<Result<ChecklistTemplateSaved>> HandleAsync(SaveChecklistTemplateRequest request, CancellationToken ct)
    {
        if (!CanEdit(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), SupervisionRoles.NotAllowedCode, "您的角色不能修改检查表和问卷")]);
        var county = request.CountyCode?.Trim() ?? "";
        if (county.Length != 6 || !db.Scope.Covers(county)) return Result.NotFound($"县{county}不存在或不在您的管辖范围内");
        ChecklistTemplate? old = null;
        var copy = false;
        if (request.Id is { } id)
        {
            old = await db.ChecklistTemplates.FirstOrDefaultAsync(t => t.Id == id && t.CountyCode == county, ct);
            if (old is null) return Result.NotFound("未找到该检查表");
            copy = request.AsCopy || await ChecklistTemplates.InUseAsync(db, id, ct);
            if (!copy && old.Version != request.Version) return Result.Conflict("该检查表已被他人修改，请刷新后重新编辑");
        }
        var kind = old?.Kind ?? request.Kind;
        var errors = Validate(request with { Kind = kind });
        var name = request.Name?.Trim() ?? "";
        if (copy && old is not null && string.Equals(name, old.Name, StringComparison.Ordinal))
        {
            var taken = await db.ChecklistTemplates.IgnoreQueryFilters().Where(t => t.CountyCode == county && t.Kind == kind).Select(t => t.Name).ToListAsync(ct);
            var stem = System.Text.RegularExpressions.Regex.Replace(name, "（修订\\d+）$", "");
            for (var n = 2; ; n++)
            {
                var candidate = $"{stem}（修订{n.ToString(CultureInfo.InvariantCulture)}）";
                if (!taken.Contains(candidate, StringComparer.Ordinal)) { name = candidate; break; }
            }
        }
        if (name.Length is > 0 and <= 100)
        {
            var selfId = copy ? (long?)null : old?.Id;
            if (await db.ChecklistTemplates.IgnoreQueryFilters().AnyAsync(t => t.CountyCode == county && t.Kind == kind && t.Name == name && t.Id != selfId, ct))
                errors.Add(new FieldError(nameof(request.Name), "checklist.name_taken", $"已有名为“{name}”的{SupervisionLabels.Label(kind)}"));
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = request.User.Length > 64 ? request.User[..64] : request.User;
        ChecklistTemplate template;
        if (old is null || copy)
        {
            template = new ChecklistTemplate { CountyCode = county, Kind = kind, Name = name, UpdatedBy = user };
            db.ChecklistTemplates.Add(template);
        }
        else
        {
            template = old;
            template.Version++;
            await db.ChecklistQuestions.Where(q => q.TemplateId == old.Id).ExecuteDeleteAsync(ct);
        }
        template.Name = name;
        template.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        template.IsActive = request.IsActive;
        template.UpdatedBy = user;
        template.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var order = 0;
        foreach (var q in request.Questions)
        {
            db.ChecklistQuestions.Add(new ChecklistQuestion
            {
                TemplateId = template.Id, CountyCode = template.CountyCode, SortOrder = ++order, Code = q.Code!.Trim(), Section = q.Section!.Trim(), Text = q.Text!.Trim(),
                Subject = q.Subject, Answer = q.Answer, Options = q.Answer == AnswerKind.Choice ? Join(q.Options) : null,
                FailValues = Join(q.FailValues), FindingText = string.IsNullOrWhiteSpace(q.FindingText) ? null : q.FindingText.Trim(),
                Required = q.Required, CountsForApproval = q.CountsForApproval,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ChecklistTemplateSaved(template.Id, template.Version, copy);
    }

    static string? Join(string? list) => ChecklistTemplates.Split(list) is { Count: > 0 } items ? string.Join("|", items) : null;

    static List<FieldError> Validate(SaveChecklistTemplateRequest r)
    {
        var errors = new List<FieldError>();
        var name = r.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(r.Name), "checklist.name_required", "请填写名称"));
        else if (name.Length > 100) errors.Add(new FieldError(nameof(r.Name), "checklist.name_too_long", "名称不能超过100字"));
        if (r.Description?.Trim().Length > 1000) errors.Add(new FieldError(nameof(r.Description), "checklist.description_too_long", "说明不能超过1000字"));
        if (!Enum.IsDefined(r.Kind)) errors.Add(new FieldError(nameof(r.Kind), "checklist.kind_invalid", "请选择检查表类型"));
        var questions = r.Questions ?? [];
        if (questions.Count == 0) errors.Add(new FieldError(nameof(r.Questions), "checklist.questions_required", "至少要有一个问题"));
        if (questions.Count > MaxQuestions) errors.Add(new FieldError(nameof(r.Questions), "checklist.too_many", $"问题不能超过{MaxQuestions}个"));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var f = $"Questions[{i.ToString(CultureInfo.InvariantCulture)}]";
            var n = $"第{(i + 1).ToString(CultureInfo.InvariantCulture)}题";
            var code = q.Code?.Trim() ?? "";
            if (code.Length is 0 or > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                errors.Add(new FieldError(f + ".Code", "checklist.code_invalid", $"{n}的编号应为1到32位字母、数字、“-”或“_”"));
            else if (!codes.Add(code))
                errors.Add(new FieldError(f + ".Code", "checklist.code_duplicate", $"{n}的编号“{code}”重复"));
            if ((q.Section?.Trim() ?? "").Length is 0 or > 32) errors.Add(new FieldError(f + ".Section", "checklist.section_invalid", $"{n}请填写分类（不超过32字）"));
            if ((q.Text?.Trim() ?? "").Length is 0 or > 300) errors.Add(new FieldError(f + ".Text", "checklist.text_invalid", $"{n}请填写问题（不超过300字）"));
            if (!Enum.IsDefined(q.Subject)) errors.Add(new FieldError(f + ".Subject", "checklist.subject_invalid", $"{n}请选择检查对象"));
            if (!Enum.IsDefined(q.Answer)) { errors.Add(new FieldError(f + ".Answer", "checklist.answer_invalid", $"{n}请选择回答方式")); continue; }
            var options = ChecklistTemplates.Split(q.Options);
            if (q.Answer == AnswerKind.Choice)
            {
                if (options.Count < 2) errors.Add(new FieldError(f + ".Options", "checklist.options_required", $"{n}是单选题，至少要有两个选项（用“|”分隔）"));
                else if (options.Distinct(StringComparer.Ordinal).Count() != options.Count || string.Join("|", options).Length > 500)
                    errors.Add(new FieldError(f + ".Options", "checklist.options_invalid", $"{n}的选项不能重复，合计不超过500字"));
            }
            IReadOnlyList<string> choices = q.Answer switch { AnswerKind.YesNo => ChecklistTemplates.YesNo, AnswerKind.Choice => options, _ => [] };
            var fail = ChecklistTemplates.Split(q.FailValues);
            if (fail.Any(v => !choices.Contains(v, StringComparer.Ordinal)))
                errors.Add(new FieldError(f + ".FailValues", "checklist.fail_invalid",
                    choices.Count == 0 ? $"{n}是数字或文字题，不能设不合格答案" : $"{n}的不合格答案应在“{string.Join("、", choices)}”之中"));
            if (q.FindingText?.Trim().Length > 300) errors.Add(new FieldError(f + ".FindingText", "checklist.finding_too_long", $"{n}的问题描述不能超过300字"));
            if (q.CountsForApproval && r.Kind != ChecklistKind.Survey)
                errors.Add(new FieldError(f + ".CountsForApproval", "checklist.approval_kind", $"{n}：只有满意度问卷的问题可以计入认可度"));
            else if (q.CountsForApproval && fail.Count == 0)
                errors.Add(new FieldError(f + ".FailValues", "checklist.approval_fail", $"{n}计入认可度，请设置表示不认可的答案"));
        }
        if (questions.Count(q => q.CountsForApproval) > 1)
            errors.Add(new FieldError(nameof(r.Questions), "checklist.approval_one", "只能有一个问题计入认可度"));
        return errors;
    }
}
