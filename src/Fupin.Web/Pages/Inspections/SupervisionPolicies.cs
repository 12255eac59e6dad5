using Fupin.Supervision;
using Fupin.Web.Infrastructure;

namespace Fupin.Web.Pages.Inspections;

/// <summary>The supervision roles (<see cref="SupervisionRoles"/>) as authorization policies, shared by inspections, rectifications and surveys.</summary>
public static class SupervisionPolicies
{
    /// <summary><see cref="SupervisionRoles.CanInspect"/>: inspectors and county leaders.</summary>
    public const string Inspect = "Inspect";

    /// <summary><see cref="SupervisionRoles.CanManageRectifications"/>: the county office and inspectors.</summary>
    public const string ManageRectifications = "ManageRectifications";

    /// <summary><see cref="SupervisionRoles.CanWorkOnRectifications"/>: the county office, townships, village cadres.</summary>
    public const string WorkOnRectifications = "WorkOnRectifications";

    /// <summary><see cref="SupervisionRoles.CanManageSurveys"/>: the county office and inspectors.</summary>
    public const string ManageSurveys = "ManageSurveys";

    public static IServiceCollection AddSupervisionPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Inspect, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && SupervisionRoles.CanInspect(role)))
            .AddPolicy(ManageRectifications, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && SupervisionRoles.CanManageRectifications(role)))
            .AddPolicy(WorkOnRectifications, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && SupervisionRoles.CanWorkOnRectifications(role)))
            .AddPolicy(ManageSurveys, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && SupervisionRoles.CanManageSurveys(role)));
        return services;
    }
}
