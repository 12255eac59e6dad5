namespace Fupin.Web.Pages.Campaign;

/// <summary>Stub: the 攻坚台账 API and its use cases (filled in by issue #10's work).</summary>
public static class CampaignApi
{
    public static IServiceCollection AddCampaign(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder app) => app;
}
