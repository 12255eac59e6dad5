using Fupin.Households;
using Fupin.Registry;

namespace Fupin.Imports;

/// <summary>
/// The cross-field and cross-row rules (see <see cref="Rules"/>), over households read from a file
/// or from the stored registry. Reading problems (unreadable values) are the parser's; this checks
/// what the values say together. <paramref name="has"/> tells which columns the source carries, so
/// a file without, say, 文化程度 is not blamed for every row.
/// ID numbers are remembered across calls, so one checker can be fed the stored registry page by
/// page and still find a number repeated in another page.
/// </summary>
public sealed class RegistryChecker(DateOnly today, Func<Field, bool> has, Func<Field, string> header, bool stored = false)
{
    readonly int _year = today.Year;

    // What is kept of each ID number's first holder, 24 bytes a number with the table's own: the household (an index into
    // _households, which holds each number once) and the row. The name only where there is no row to point at (the
    // stored registry): a file's names are not kept. A province's file has 7 million numbers.
    readonly Dictionary<long, (int Household, int Row)> _seen = [];
    readonly List<string> _households = [];
    readonly Dictionary<long, string> _names = [];

    public List<Problem> Check(IReadOnlyList<HouseholdDraft> households)
    {
        var problems = new List<Problem>();
        foreach (var d in households) Check(d, (_, p) => problems.Add(p));
        return problems;
    }

    /// <summary>Checks one household; <paramref name="report"/> gets each problem with the member it is about (null: the household).</summary>
    public void Check(HouseholdDraft d, Action<MemberDraft?, Problem> report)
    {
        CheckRepeats(d, report);
        CheckHousehold(d, report);
    }

    /// <summary>ID numbers seen before, in this household or an earlier one. Households must come in order, one at a time.</summary>
    public void CheckRepeats(HouseholdDraft d, Action<MemberDraft?, Problem> report)
    {
        var household = -1;
        foreach (var m in d.Members)
        {
            if (m.Member.IdNumber is not { } id) continue;
            if (_seen.TryGetValue(id.Key, out var first))
            {
                var number = _households[first.Household];
                var where = number == d.Number ? "本户" : $"户{number}";
                var at = first.Row > 0 ? $"第{first.Row}行" : _names.GetValueOrDefault(id.Key);
                report(m, new Problem(m.Row ?? d.FirstRow, header(Field.IdNumber), Rules.IdDuplicate.Code, Rules.IdDuplicate.Severity,
                    $"证件号码{id.Masked}重复：已在{where}（{at}）出现", d.Number));
                continue;
            }
            if (household < 0)
            {
                _households.Add(d.Number);
                household = _households.Count - 1;
            }
            _seen[id.Key] = (household, m.Row ?? 0);
            if (m.Row is null) _names[id.Key] = m.Member.Name;
        }
    }

    /// <summary>The rules within one household; touches nothing shared, so households can be checked in parallel.</summary>
    public void CheckHousehold(HouseholdDraft d, Action<MemberDraft?, Problem> report)
    {
        void Add(MemberDraft? m, Field f, Rule rule, string message) =>
            report(m, new Problem(m?.Row ?? d.FirstRow, header(f), rule.Code, rule.Severity, message, d.Number));

        // Loops rather than LINQ: this runs for every household of a province's file.
        MemberDraft? head = null, spouse = null;
        int heads = 0, spouses = 0;
        foreach (var m in d.Members)
        {
            CheckMember(d, m, report);
            if (m.Member.Relation == MemberRules.Head)
            {
                if (heads++ == 0) head = m;
            }
            else if (m.Member.Relation == "配偶" && spouses++ == 0) spouse = m;
        }
        if (heads == 0) Add(null, Field.Relation, Rules.HeadMissing, $"户{d.Number}没有户主");
        if (heads > 1 || spouses > 1)
        {
            foreach (var extra in d.Members.Where(m => m.Member.Relation == MemberRules.Head).Skip(1)) Add(extra, Field.Relation, Rules.HeadSeveral, $"户{d.Number}有{heads}个户主");
            foreach (var extra in d.Members.Where(m => m.Member.Relation == "配偶").Skip(1)) Add(extra, Field.Relation, Rules.SpouseSeveral, $"户{d.Number}有{spouses}个配偶");
        }
        if (heads == 1 && spouses == 1 && head!.Member.Gender == spouse!.Member.Gender)
            Add(spouse, Field.Gender, Rules.SpouseSameSex, $"户主与配偶性别相同（均为{CodeCatalog.Label(head.Member.Gender)}）");

        if (d.DeclaredSize is { } size && size != d.Members.Count)
            Add(null, Field.HouseholdSize, Rules.HouseholdSize, $"家庭人口数为{size}，但文件中有{d.Members.Count}名成员");

        var h = d.Household;
        var exited = h.Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy;
        if (exited && (stored || has(Field.CriticalIllness)))
        {
            foreach (var m in d.Members)
            {
                if (!m.Member.HasCriticalIllness) Add(m, Field.CriticalIllness, Rules.ExitedCriticalIllness, $"脱贫户成员{m.Member.Name}未参加大病保险");
            }
        }
        if (PhoneProblem(h.Phone, null) is { } phoneProblem) Add(null, Field.HouseholdPhone, Rules.PhoneLength, phoneProblem);

        if (d.Income is { } income)
        {
            if (d.DeclaredNetIncome is { } net && Math.Abs(net - income.NetIncome) > 100)
                Add(null, Field.NetIncome, Rules.IncomeInconsistent, $"纯收入{Yuan(net)}元与各项收入合计{Yuan(income.NetIncome)}元不符");
            if (d.DeclaredPerCapita is { } pc && Math.Abs(pc - income.PerCapitaNetIncome) > 100)
                Add(null, Field.PerCapitaIncome, Rules.IncomeInconsistent, $"人均纯收入{Yuan(pc)}元与按各项收入和家庭人口数计算的{Yuan(income.PerCapitaNetIncome)}元不符");
        }
        else if (d.DeclaredNetIncome is { } net && d.DeclaredPerCapita is { } pc && d.DeclaredSize is > 0 and var n && Math.Abs(net / n - pc) > 100)
        {
            Add(null, Field.PerCapitaIncome, Rules.IncomeInconsistent, $"人均纯收入{Yuan(pc)}元与纯收入÷家庭人口数（{Yuan(net / n)}元）不符");
        }
    }

    static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    void CheckMember(HouseholdDraft d, MemberDraft md, Action<MemberDraft?, Problem> report)
    {
        var m = md.Member;
        void add(Field f, Rule rule, string message) =>
            report(md, new Problem(md.Row ?? d.FirstRow, header(f), rule.Code, rule.Severity, message, d.Number));
        void Label(string? value, string kind, Field f, string label)
        {
            if (value is null || (!stored && !has(f))) return;
            var known = Values.Code(kind, value) is not null;
            if ((known || stored) && !CodeCatalog.IsValid(kind, value, _year))
                add(f, Rules.CodeInvalid, MemberRules.CodeInvalidMessage(label, value, _year));
        }
        Label(m.Relation.Length == 0 ? null : m.Relation, CodeCatalog.Relation, Field.Relation, "与户主关系");
        Label(m.Ethnicity, CodeCatalog.Ethnicity, Field.Ethnicity, "民族");
        Label(m.PoliticalStatus, CodeCatalog.PoliticalStatus, Field.PoliticalStatus, "政治面貌");
        Label(m.Education, CodeCatalog.Education, Field.Education, "文化程度");
        Label(m.StudentStatus, CodeCatalog.StudentStatus, Field.StudentStatus, "在校生状况");
        if ((stored || has(Field.LabourSkill)) && Enum.IsDefined(m.LabourSkill) && !CodeCatalog.IsValid(nameof(LabourSkill), CodeCatalog.Label(m.LabourSkill), _year))
            add(Field.LabourSkill, Rules.CodeInvalid, MemberRules.CodeInvalidMessage("劳动技能", CodeCatalog.Label(m.LabourSkill), _year));

        if (m.IdNumber is { } id)
        {
            if ((stored || has(Field.Gender)) && m.Gender != id.Gender)
                add(Field.Gender, Rules.IdGenderMismatch, MemberRules.GenderMismatchMessage(id.Gender));
            if ((stored || has(Field.BirthDate)) && m.BirthDate != default && m.BirthDate != id.BirthDate)
                add(Field.BirthDate, Rules.IdBirthMismatch, MemberRules.BirthMismatchMessage);
        }

        if ((stored || has(Field.Education) || has(Field.StudentStatus)) && (m.Education is null) == (m.StudentStatus is null))
            add(m.Education is null ? Field.Education : Field.StudentStatus, Rules.EducationExclusive, MemberRules.EducationExclusiveMessage);

        if (m.StudentStatus is { } status && m.BirthDate != default && StudentAges(status) is var (min, max))
        {
            var age = m.AgeOn(today);
            if (age < min || age > max)
                add(Field.StudentStatus, Rules.StudentAge, $"在校生状况“{status}”与年龄{age}岁不符（通常为{min}～{max}岁）");
        }
        if (m.Education == "学龄前儿童" && m.BirthDate != default && m.AgeOn(today) > 7)
            add(Field.Education, Rules.StudentAge, $"文化程度为学龄前儿童，但年龄为{m.AgeOn(today)}岁");

        if ((m.MigrantWorkPlace is null) != (m.MigrantWorkMonths is null))
            add(m.MigrantWorkPlace is null ? Field.MigrantWorkPlace : Field.MigrantWorkMonths, Rules.MigrantTogether, MemberRules.MigrantTogetherMessage);

        if (md.EmployeeMedical is { } employee && employee == m.HasBasicMedical)
            add(Field.BasicMedical, Rules.MedicalExclusive, employee
                ? "城乡居民基本医疗保险与城镇职工基本医疗保险同时为“是”"
                : "城乡居民基本医疗保险与城镇职工基本医疗保险同时为“否”（应参加其中一项）");

        if (PhoneProblem(m.Phone, m.Name) is { } phoneProblem) add(Field.MemberPhone, Rules.PhoneLength, phoneProblem);
    }

    static string? PhoneProblem(string? phone, string? who) =>
        string.IsNullOrEmpty(phone) || (phone.Length == 11 && !phone.AsSpan().ContainsAnyExceptInRange('0', '9')) ? null
            : $"{who}联系电话“{phone}”不是11位手机号码";

    /// <summary>Plausible ages for a student status; null when any age will do.</summary>
    static (int Min, int Max)? StudentAges(string status) => status switch
    {
        "学龄前儿童" or "学前教育" => (0, 7),
        "小学" => (5, 15),
        "七年级" or "八年级" or "九年级" or "七～九年级" => (10, 18),
        "普通高中一～三年级" or "高中一～三年级" or "中职一～三年级" => (13, 22),
        "高职高专一～三年级" or "高职一～三年级" or "技师学院一～四年级" => (15, 30),
        "本科一～五年级" or "大专及以上" => (16, 35),
        "硕士研究生及以上" => (20, 60),
        _ => null,
    };
}
