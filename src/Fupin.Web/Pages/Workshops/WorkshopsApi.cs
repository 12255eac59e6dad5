namespace Fupin.Web.Pages.Workshops;

public static class WorkshopsApi
{
    public static IServiceCollection AddWorkshops(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapWorkshopsApi(this IEndpointRouteBuilder app) => app;
}
