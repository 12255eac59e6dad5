namespace Fupin.Web.Pages.Surveys;

/// <summary>满意度调查: /api/surveys.</summary>
public static class SurveysApi
{
    public static IServiceCollection AddSurveys(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/surveys").WithTags("满意度调查");
        return app;
    }
}
