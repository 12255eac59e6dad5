namespace Fupin.Projects;

/// <summary>A milestone of a template or a plan: its name and how many calendar days it takes.</summary>
public sealed record MilestoneSpec(string Name, int DurationDays);

/// <summary>
/// The milestone chain each category starts from (倒排工期模板). Durations are calendar days and typical
/// of county practice for small works; a project may change them when its plan is made. Each milestone
/// starts when the one before it finishes.
/// </summary>
public static class MilestoneTemplates
{
    public static IReadOnlyList<MilestoneSpec> For(ProjectCategory category) => category switch
    {
        ProjectCategory.Relocation =>
        [
            new("选址", 20), new("立项", 30), new("招标", 30), new("开工", 10), new("主体完工", 150),
            new("配套完工", 60), new("验收", 20), new("入住", 30),
        ],
        ProjectCategory.Workshop =>
        [
            new("选址", 15), new("立项", 20), new("招标", 25), new("开工", 5), new("主体完工", 90),
            new("设备安装", 20), new("验收", 15), new("投产", 15),
        ],
        ProjectCategory.Transport or ProjectCategory.Water or ProjectCategory.Power or ProjectCategory.Network or ProjectCategory.LivingEnvironment =>
        [
            new("勘察设计", 30), new("立项", 20), new("招标", 25), new("开工", 5), new("主体完工", 120), new("验收", 20),
        ],
        ProjectCategory.Industry =>
        [
            new("方案制定", 20), new("立项", 20), new("采购招标", 25), new("实施", 120), new("验收", 15), new("收益分配", 30),
        ],
        _ =>
        [
            new("方案制定", 20), new("立项", 20), new("实施", 90), new("验收", 15),
        ],
    };
}
