namespace Fupin.Web.Pages.Projects;

public static class ProjectsApi
{
    public static IServiceCollection AddProjects(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app) => app;
}
