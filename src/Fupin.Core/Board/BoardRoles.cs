using Fupin.Accounts;

namespace Fupin.Board;

/// <summary>Who does what on the command board (挂图作战), the campaign ledger (台账) and briefings (简报).</summary>
public static class BoardRoles
{
    /// <summary>The board of a region in the user's regions: everyone who reads the registry there except pairing cadres (who see only their households).</summary>
    public static bool CanSeeBoard(Role role) => Roles.CanReadRegistry(role) && role != Role.PairingCadre;

    /// <summary>Upload and remove the county's GeoJSON boundaries: the county office.</summary>
    public static bool CanUploadMap(Role role) => role == Role.CountyAdmin;

    /// <summary>Read the ledger: everyone but pairing cadres; departments read it to report their lines.</summary>
    public static bool CanSeeCampaign(Role role) => role != Role.PairingCadre;

    /// <summary>Headings, task lines, targets and owners: the county office.</summary>
    public static bool CanManageCampaign(Role role) => role == Role.CountyAdmin;

    /// <summary>Monthly progress: a department on its own lines (matched by <see cref="User.Department"/>), the county office on any.</summary>
    public static bool CanReportCampaign(Role role) => role is Role.Department or Role.CountyAdmin;

    /// <summary>Issue a briefing: the county office and leaders; everyone who sees the board reads them.</summary>
    public static bool CanIssueBriefing(Role role) => role is Role.CountyAdmin or Role.CountyLeader;

    public const string NotAllowedCode = "board.not_allowed";
}
