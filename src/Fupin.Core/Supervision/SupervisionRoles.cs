using Fupin.Accounts;

namespace Fupin.Supervision;

/// <summary>Who does what in supervision. Everyone who reads the registry reads rectification items in their regions.</summary>
public static class SupervisionRoles
{
    /// <summary>Draw, open and fill inspection plans, and see them while sealed: inspectors and county leaders (四不两直).</summary>
    public static bool CanInspect(Role role) => role is Role.Inspector or Role.CountyLeader;

    /// <summary>Register items from other sources (巡视, 考核, 第三方评估, 审计, 排查核对), set owners and deadlines, review and close: the county office and inspectors.</summary>
    public static bool CanManageRectifications(Role role) => role is Role.CountyAdmin or Role.Inspector;

    /// <summary>Report progress, attach evidence and submit for review: the county office, townships and village cadres of the item's region.</summary>
    public static bool CanWorkOnRectifications(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>Checklist and questionnaire templates, drawing surveys and entering answers: the county office and inspectors (surveys are not done by those surveyed about).</summary>
    public static bool CanManageSurveys(Role role) => role is Role.CountyAdmin or Role.Inspector;

    public const string NotAllowedCode = "supervision.not_allowed";
}
