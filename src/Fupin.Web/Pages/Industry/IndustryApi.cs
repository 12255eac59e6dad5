namespace Fupin.Web.Pages.Industry;

/// <summary>Industries, business entities, linkage contracts and their payments: /api/industry.</summary>
public static class IndustryApi
{
    public static IServiceCollection AddIndustry(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapIndustryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/industry").WithTags("产业扶贫");
        return app;
    }
}
