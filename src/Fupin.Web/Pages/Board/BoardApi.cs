namespace Fupin.Web.Pages.Board;

/// <summary>Stub: the 作战图 API and its use cases (filled in by issue #10's work).</summary>
public static class BoardApi
{
    public static IServiceCollection AddBoard(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder app) => app;
}
