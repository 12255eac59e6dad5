using Fupin.Common;
using Fupin.Projects;

namespace Fupin.Workshops;

/// <summary>Rules shared by the workshop use cases.</summary>
public static class WorkshopRules
{
    /// <summary>Minimum working age (劳动法 第十五条: no employment under 16).</summary>
    public const int MinWorkingAge = 16;

    public const string MonthExistsCode = "workshops.month_exists";

    public static FieldError NotAllowed(string field) => new(field, ProjectRoles.NotAllowedCode, "您的角色不能维护扶贫车间");

    /// <summary>Working on <paramref name="asOf"/>: started on or before it, not yet ended (the end date is the first day off the job).</summary>
    public static bool ActiveOn(WorkshopWorker w, DateOnly asOf) => w.StartedOn <= asOf && (w.EndedOn is null || w.EndedOn > asOf);

    public static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);
}
