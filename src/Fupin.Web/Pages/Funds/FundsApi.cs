namespace Fupin.Web.Pages.Funds;

public static class FundsApi
{
    public static IServiceCollection AddFunds(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapFundsApi(this IEndpointRouteBuilder app) => app;
}
