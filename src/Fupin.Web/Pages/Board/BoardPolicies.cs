using Fupin.Board;
using Fupin.Web.Infrastructure;

namespace Fupin.Web.Pages.Board;

/// <summary>The board roles (<see cref="BoardRoles"/>) as authorization policies, shared by the board, its maps, the campaign ledger and briefings.</summary>
public static class BoardPolicies
{
    /// <summary><see cref="BoardRoles.CanSeeBoard"/>: registry readers but pairing cadres (board, tiles, briefings).</summary>
    public const string SeeBoard = "SeeBoard";

    /// <summary><see cref="BoardRoles.CanUploadMap"/>: the county office.</summary>
    public const string UploadMap = "UploadMap";

    /// <summary><see cref="BoardRoles.CanSeeCampaign"/>: everyone but pairing cadres.</summary>
    public const string SeeCampaign = "SeeCampaign";

    /// <summary><see cref="BoardRoles.CanManageCampaign"/>: the county office.</summary>
    public const string ManageCampaign = "ManageCampaign";

    /// <summary><see cref="BoardRoles.CanReportCampaign"/>: departments (their own lines) and the county office.</summary>
    public const string ReportCampaign = "ReportCampaign";

    /// <summary><see cref="BoardRoles.CanIssueBriefing"/>: the county office and leaders.</summary>
    public const string IssueBriefing = "IssueBriefing";

    public static IServiceCollection AddBoardPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(SeeBoard, Rule(BoardRoles.CanSeeBoard))
            .AddPolicy(UploadMap, Rule(BoardRoles.CanUploadMap))
            .AddPolicy(SeeCampaign, Rule(BoardRoles.CanSeeCampaign))
            .AddPolicy(ManageCampaign, Rule(BoardRoles.CanManageCampaign))
            .AddPolicy(ReportCampaign, Rule(BoardRoles.CanReportCampaign))
            .AddPolicy(IssueBriefing, Rule(BoardRoles.CanIssueBriefing));
        return services;
    }

    static Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder> Rule(Func<Fupin.Accounts.Role, bool> rule) =>
        p => p.RequireAuthenticatedUser().RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && rule(role));
}
