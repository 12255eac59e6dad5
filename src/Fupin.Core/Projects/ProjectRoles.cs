using Fupin.Accounts;

namespace Fupin.Projects;

/// <summary>
/// Who does what with projects, funds, settlement sites and workshops. Everyone who reads the registry
/// reads these (in their regions); the rules below say who may change them.
/// </summary>
public static class ProjectRoles
{
    /// <summary>村申报 and 重新申报: the village, the township for it, or the county office.</summary>
    public static bool CanApply(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>乡镇审核 (and turning a project back at it) is the township's or the county office's; every later stage is the county office's.</summary>
    public static bool CanAdvanceTo(Role role, ProjectStage stage) =>
        role == Role.CountyAdmin || (role == Role.TownshipOfficer && stage == ProjectStage.TownshipReviewed);

    /// <summary>Progress reports, photos and beneficiaries: whoever follows the works on the ground.</summary>
    public static bool CanReport(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>Deadline, plan and milestone durations: the county office.</summary>
    public static bool CanPlan(Role role) => role == Role.CountyAdmin;

    /// <summary>Fund sources, allocations, disbursements and expenditures: the county office (扶贫办 with 财政局).</summary>
    public static bool CanManageFunds(Role role) => role == Role.CountyAdmin;

    /// <summary>Settlement sites, relocated households, workshops, their workers and monthly reports.</summary>
    public static bool CanManageSites(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    public const string NotAllowedCode = "project.not_allowed";
}
