namespace Fupin.Web.Pages.Rectifications;

/// <summary>整改: /api/rectifications.</summary>
public static class RectificationsApi
{
    public static IServiceCollection AddRectifications(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/rectifications").WithTags("整改");
        return app;
    }
}
