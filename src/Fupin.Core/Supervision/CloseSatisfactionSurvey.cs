using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="Closed">True closes the survey (no more answers); false opens it again.</param>
public sealed record CloseSatisfactionSurveyRequest(long SurveyId, bool Closed, string User, Role Role);

public sealed record SatisfactionSurveyClosed(long Id, bool Closed);

/// <summary>Ends a survey's fieldwork (结束调查) so its figures stay as reported, or reopens it; logged in the audit log.</summary>
public sealed class CloseSatisfactionSurvey(AppDbContext db)
{
    public const string Entity = "SatisfactionSurvey";

    public async Task<Result<SatisfactionSurveyClosed>> HandleAsync(CloseSatisfactionSurveyRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanManageSurveys(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Closed), SupervisionRoles.NotAllowedCode, "只有县扶贫办和督查人员可以结束或重新开放调查")]);
        var survey = await db.SatisfactionSurveys.FirstOrDefaultAsync(s => s.Id == request.SurveyId, ct);
        if (survey is null || !db.Scope.Covers(survey.CountyCode)) return Result.NotFound("未找到该满意度调查");
        if (survey.Closed != request.Closed)
        {
            survey.Closed = request.Closed;
            AccountLog.Add(db, request.User, Entity, survey.Id, request.Closed ? "结束调查" : "重新开放", reason: survey.Name, countyCode: survey.CountyCode);
            await db.SaveChangesAsync(ct);
        }
        return new SatisfactionSurveyClosed(survey.Id, survey.Closed);
    }
}
