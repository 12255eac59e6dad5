namespace Fupin.Web.Pages.Briefings;

/// <summary>Stub: the 工作简报 API and its use cases (filled in by issue #10's work).</summary>
public static class BriefingsApi
{
    public static IServiceCollection AddBriefings(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapBriefingsApi(this IEndpointRouteBuilder app) => app;
}
