namespace Fupin.Web.Pages.Board;

/// <summary>Stub: the 作战图·地图 API and its use cases (filled in by issue #10's work).</summary>
public static class BoardMapApi
{
    public static IServiceCollection AddBoardMaps(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapBoardMapsApi(this IEndpointRouteBuilder app) => app;
}
