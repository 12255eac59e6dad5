using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// The county's seeded inspection checklist (暗访检查表): the four questions of 四不两直 — workshop progress and
/// jobs; sector policies per household (school, medical insurance, house, water, dibao); relocation progress and
/// the relocated family's work; satisfaction — plus 两不愁 and whether the household knows its pairing cadre and
/// the help received. Every check is answered 是/否 (or a choice) and fails on 否 (or 不满意).
/// </summary>
public static class DefaultInspectionTemplate
{
    public const string Name = "四不两直暗访检查表";

    /// <summary>The questions in order: (code, section, subject, kind, options, fail values, finding text, required, text).</summary>
    public static IReadOnlyList<ChecklistQuestion> Questions() =>
    [
        Q("H-FOOD", "两不愁三保障", ChecklistSubject.Household, "吃穿不愁：家中有粮、有衣、有被，四季衣物齐全", finding: "农户吃穿存在困难，“不愁吃、不愁穿”未达标"),
        Q("H-SCHOOL", "行业政策", ChecklistSubject.Household, "义务教育阶段子女都在校就读，与系统登记一致（无辍学）", finding: "义务教育阶段子女在校情况与系统登记不符，存在失学辍学"),
        Q("H-MEDICAL", "行业政策", ChecklistSubject.Household, "家庭成员都参加基本医疗保险，持有医保卡", finding: "家庭成员未全部参加基本医疗保险或无医保卡"),
        Q("H-HOUSE", "行业政策", ChecklistSubject.Household, "住房安全（非C级、D级危房）", finding: "农户住房不安全（危房未改造）"),
        Q("H-WATER", "行业政策", ChecklistSubject.Household, "饮水安全（水量、水质、取水方便）", finding: "农户饮水安全未保障"),
        Q("H-DIBAO", "行业政策", ChecklistSubject.Household, "低保、特困供养享受情况与登记一致", finding: "低保、特困供养享受情况与登记不一致"),
        Q("H-RELOC-MOVED", "易地搬迁", ChecklistSubject.Household, "搬迁户已搬入安置房居住（非搬迁户选“不适用”）", AnswerKind.Choice, "是|否|不适用", finding: "易地搬迁户未按期入住安置房"),
        Q("H-RELOC-WORK", "易地搬迁", ChecklistSubject.Household, "搬迁家庭有劳动力的至少一人稳定就业（非搬迁户选“不适用”）", AnswerKind.Choice, "是|否|不适用", finding: "易地搬迁户家庭无人稳定就业，后续扶持未落实"),
        Q("H-CADRE", "帮扶", ChecklistSubject.Household, "知道本户的帮扶责任人（能说出姓名）", finding: "农户不知道本户帮扶责任人"),
        Q("H-HELP", "帮扶", ChecklistSubject.Household, "能说出得到的帮扶措施和享受的政策", finding: "农户说不出得到的帮扶措施，帮扶不精准"),
        Q("H-SATISFY", "满意度", ChecklistSubject.Household, "对帮扶工作和脱贫结果是否满意", AnswerKind.Choice, "满意|基本满意|不满意", "不满意", "农户对帮扶工作和脱贫结果不满意"),
        Q("W-RUNNING", "扶贫车间", ChecklistSubject.Workshop, "车间建设进度与报送一致，正常生产运营", finding: "扶贫车间建设或运营情况与报送不符"),
        Q("W-POOR", "扶贫车间", ChecklistSubject.Workshop, "现场在岗贫困务工人数不少于报送人数", finding: "扶贫车间现场贫困务工人数少于报送人数"),
        Q("W-COUNT", "扶贫车间", ChecklistSubject.Workshop, "现场在岗贫困务工人数（人）", AnswerKind.Number, required: false),
        Q("W-WAGES", "扶贫车间", ChecklistSubject.Workshop, "务工人员工资按时足额发放", finding: "扶贫车间务工人员工资未按时足额发放"),
        Q("S-PROGRESS", "易地搬迁", ChecklistSubject.SettlementSite, "安置房建设、交房和入住进度与报送一致", finding: "安置点建设入住进度与报送不符"),
        Q("S-FACILITY", "易地搬迁", ChecklistSubject.SettlementSite, "水、电、路、学校、卫生室等配套设施到位", finding: "安置点配套设施不到位"),
        Q("S-WORK", "易地搬迁", ChecklistSubject.SettlementSite, "搬迁家庭后续产业和就业扶持落实", finding: "安置点后续产业和就业扶持未落实"),
        Q("S-SATISFY", "满意度", ChecklistSubject.SettlementSite, "搬迁群众对安置和后续扶持是否满意", AnswerKind.Choice, "满意|基本满意|不满意", "不满意", "搬迁群众对安置和后续扶持不满意"),
        Q("V-LIST", "村级", ChecklistSubject.Village, "贫困户、脱贫户名单和帮扶措施公示到位", finding: "村级贫困户、脱贫户名单和帮扶措施未公示"),
        Q("V-INFRA", "村级", ChecklistSubject.Village, "通硬化路、通动力电、通宽带，有标准化卫生室", finding: "村级基础设施和公共服务未达标"),
        Q("V-TEAM", "村级", ChecklistSubject.Village, "驻村工作队员在岗在位", finding: "驻村工作队员不在岗"),
    ];

    static ChecklistQuestion Q(string code, string section, ChecklistSubject subject, string text, AnswerKind kind = AnswerKind.YesNo,
        string? options = null, string? fail = "否", string? finding = null, bool required = true) => new()
    {
        CountyCode = "", Code = code, Section = section, Subject = subject, Text = text, Answer = kind, Options = options,
        FailValues = kind == AnswerKind.Number ? null : fail, FindingText = finding, Required = required,
    };

    /// <summary>The county's active inspection checklist: the most recently updated one, or the seeded one made now. Returns its id.</summary>
    public static async Task<long> EnsureAsync(AppDbContext db, string countyCode, string user, CancellationToken ct)
    {
        var existing = await db.ChecklistTemplates.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.CountyCode == countyCode && t.Kind == ChecklistKind.Inspection && t.IsActive)
            .OrderByDescending(t => t.UpdatedAt).ThenByDescending(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return id;
        var template = new ChecklistTemplate
        {
            CountyCode = countyCode, Kind = ChecklistKind.Inspection, Name = Name,
            Description = "四不两直暗访：两不愁三保障、行业政策落实、易地搬迁、扶贫车间、帮扶责任人和群众满意度。",
            UpdatedBy = user.Length > 64 ? user[..64] : user, UpdatedAt = db.Clock.GetUtcNow(),
        };
        // A template of the same name may exist but be inactive: take a free name then.
        var names = await db.ChecklistTemplates.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.CountyCode == countyCode && t.Kind == ChecklistKind.Inspection).Select(t => t.Name).ToListAsync(ct);
        for (var n = 2; names.Contains(template.Name, StringComparer.Ordinal); n++) template.Name = $"{Name}（{n}）";
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ChecklistTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        var order = 0;
        foreach (var q in Questions())
        {
            q.TemplateId = template.Id;
            q.CountyCode = template.CountyCode;
            q.SortOrder = ++order;
            db.ChecklistQuestions.Add(q);
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return template.Id;
    }
}
