namespace Fupin.Web.Pages.Inspections;

/// <summary>暗访督查: /api/inspections.</summary>
public static class InspectionsApi
{
    public static IServiceCollection AddInspections(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/inspections").WithTags("暗访督查");
        return app;
    }
}
