namespace Fupin.Web.Pages.Employment;

/// <summary>Jobs, development willingness and the coverage of every able poor person: /api/employment.</summary>
public static class EmploymentApi
{
    public static IServiceCollection AddEmployment(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapEmploymentApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/employment").WithTags("就业与覆盖");
        return app;
    }
}
