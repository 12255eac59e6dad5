using Fupin.Data;

namespace Fupin.Demo;

/// <param name="Plans">Inspection plans (暗访).</param>
/// <param name="Visits">Checklists filled.</param>
/// <param name="Findings">Failed checks, each a rectification item.</param>
/// <param name="Rectifications">Rectification items of every source.</param>
/// <param name="Closed">Of them 已销号.</param>
/// <param name="Overdue">Of them past their deadline and not closed.</param>
/// <param name="Surveys">Satisfaction surveys.</param>
/// <param name="Surveyed">Households surveyed.</param>
/// <param name="Approving">Of them 认可.</param>
public sealed record SeedDemoSupervisionResult(int Plans, int Visits, int Findings, int Rectifications, int Closed, int Overdue, int Surveys, int Surveyed, int Approving);

/// <summary>
/// The demo county's supervision on the business date: the checklist and questionnaire templates, the 2018-10-08
/// unannounced inspection of 石门乡 (如意社区 and poor villages) with its findings, rectification items of every
/// source (some closed, some overdue and escalated) and the county's satisfaction survey. Deterministic.
/// </summary>
public sealed class SeedDemoSupervision(AppDbContext db, TimeProvider clock)
{
    public async Task<SeedDemoSupervisionResult> HandleAsync(CancellationToken ct)
    {
        var inspections = await new DemoInspections(db, clock).SeedAsync(ct);
        var rectifications = await new DemoRectifications(db, clock).SeedAsync(ct);
        var surveys = await new DemoSurveys(db, clock).SeedAsync(ct);
        return new SeedDemoSupervisionResult(inspections.Plans, inspections.Visits, inspections.Findings,
            rectifications.Items, rectifications.Closed, rectifications.Overdue, surveys.Surveys, surveys.Surveyed, surveys.Approving);
    }
}
