using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// The seeded questionnaire (贫困户认可度调查问卷), modelled on the third-party exit evaluation: whether the
/// household knows it is registered and who helps it, then the four 认可 dimensions the evaluation asks about
/// (帮扶措施及成效, 脱贫退出, 干部帮扶, 脱贫攻坚政策 — the policies by sector) and one overall question that
/// decides 认可 (<see cref="ChecklistQuestion.CountsForApproval"/>). The national questionnaire's exact wording
/// is not public; the county edits the copy on the checklist pages.
/// </summary>
public static class DefaultSurveyTemplate
{
    public const string Name = "贫困户认可度调查问卷（第三方评估）";
    public const string ApprovalCode = "approve";

    const string Satisfied = "满意|基本满意|不满意";
    const string SatisfiedOrNa = "满意|基本满意|不满意|不适用";

    /// <summary>(code, section, text, kind, options, fail values, required, approval).</summary>
    public static readonly IReadOnlyList<(string Code, string Section, string Text, AnswerKind Kind, string? Options, string? Fail, bool Required, bool Approval)> Questions =
    [
        ("registered", "知晓情况", "您家是否知道自己是建档立卡贫困户（或已脱贫户）？", AnswerKind.YesNo, null, "否", true, false),
        ("cadre_known", "知晓情况", "您是否知道自家的帮扶责任人（能说出姓名）？", AnswerKind.YesNo, null, "否", true, false),
        ("cadre_visits", "知晓情况", "帮扶责任人是否上门走访？", AnswerKind.Choice, "经常上门|偶尔上门|从未上门", "从未上门", true, false),
        ("team_known", "知晓情况", "您是否知道本村驻村工作队（第一书记）？", AnswerKind.YesNo, null, "否", true, false),
        ("measures_known", "知晓情况", "您是否知道给您家落实了哪些帮扶措施？", AnswerKind.YesNo, null, "否", true, false),
        ("measures", "帮扶措施及成效", "您对给您家落实的帮扶措施及其成效是否满意？", AnswerKind.Choice, Satisfied, "不满意", true, false),
        ("exit", "脱贫退出", "（已脱贫户填写）您对自家的脱贫退出结果是否认可？", AnswerKind.Choice, "认可|基本认可|不认可|不适用", "不认可", false, false),
        ("cadres", "干部帮扶", "您对帮扶干部和驻村工作队的帮扶工作是否满意？", AnswerKind.Choice, Satisfied, "不满意", true, false),
        ("policy_education", "脱贫攻坚政策", "您对教育扶贫政策（学生资助、控辍保学）是否满意？", AnswerKind.Choice, SatisfiedOrNa, "不满意", true, false),
        ("policy_health", "脱贫攻坚政策", "您对健康扶贫政策（医保、大病保险、先诊疗后付费）是否满意？", AnswerKind.Choice, SatisfiedOrNa, "不满意", true, false),
        ("policy_housing", "脱贫攻坚政策", "您对住房安全保障（危房改造、易地搬迁）是否满意？", AnswerKind.Choice, SatisfiedOrNa, "不满意", true, false),
        ("policy_water", "脱贫攻坚政策", "您对饮水安全是否满意？", AnswerKind.Choice, SatisfiedOrNa, "不满意", true, false),
        (ApprovalCode, "总体认可", "总的来说，您对本地脱贫攻坚工作（政策、帮扶措施及成效、脱贫退出、干部帮扶）是否认可？", AnswerKind.Choice, "认可|基本认可|不认可", "不认可", true, true),
    ];

    /// <summary>The county's default questionnaire, created the first time it is asked for; its id.</summary>
    public static async Task<long> EnsureAsync(AppDbContext db, string countyCode, string user, CancellationToken ct)
    {
        var existing = await db.ChecklistTemplates.Where(t => t.CountyCode == countyCode && t.Kind == ChecklistKind.Survey && t.Name == Name)
            .Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return id;
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var template = new ChecklistTemplate
        {
            CountyCode = countyCode, Kind = ChecklistKind.Survey, Name = Name,
            Description = "参照贫困县退出第三方评估的认可度调查：先问知晓情况（是否知道建档立卡身份、帮扶责任人、驻村工作队和帮扶措施），"
                + "再问帮扶措施及成效、脱贫退出、干部帮扶和各项政策的满意度，最后一题“总体认可”决定该户是否计为认可户（认可度 = 认可户 ÷ 调查户）。",
            UpdatedBy = user.Length > 64 ? user[..64] : user, UpdatedAt = db.Clock.GetUtcNow(),
        };
        db.ChecklistTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        var order = 0;
        foreach (var q in Questions)
        {
            db.ChecklistQuestions.Add(new ChecklistQuestion
            {
                TemplateId = template.Id, CountyCode = template.CountyCode, SortOrder = ++order, Code = q.Code, Section = q.Section, Text = q.Text, Subject = ChecklistSubject.Household,
                Answer = q.Kind, Options = q.Options, FailValues = q.Fail, Required = q.Required, CountsForApproval = q.Approval,
            });
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return template.Id;
    }
}
