namespace Fupin.Web.Pages.Relocation;

public static class RelocationApi
{
    public static IServiceCollection AddRelocation(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapRelocationApi(this IEndpointRouteBuilder app) => app;
}
