namespace Fupin.Web.Pages.Industry;

/// <summary>The county's local industries, their overview, plans and households' own industry: /api/industry/industries, /api/industry/engagements.</summary>
public static class IndustryPlansApi
{
    public static IServiceCollection AddIndustryPlans(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapIndustryPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/industry").WithTags("产业发展");
        return app;
    }
}
