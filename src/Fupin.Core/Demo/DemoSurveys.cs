using Fupin.Data;

namespace Fupin.Demo;

public sealed record DemoSurveysResult(int Surveys, int Surveyed, int Approving);

/// <summary>The questionnaire and the county's satisfaction survey (helper C).</summary>
public sealed class DemoSurveys(AppDbContext db, TimeProvider clock)
{
    public Task<DemoSurveysResult> SeedAsync(CancellationToken ct)
    {
        _ = (db, clock, ct);
        return Task.FromResult(new DemoSurveysResult(0, 0, 0));
    }
}
