using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Year">The exit year; the business date's year when null.</param>
public sealed record StartExitProcedureRequest(long HouseholdId, int? Year, string User, Role Role);

public sealed record ExitProcedureSaved(long Id, ExitProcedureStatus Status, string StatusLabel, ExitStep? NextStep, bool TestPassed, string TestSummary, long Version);

/// <summary>
/// Starts a household's exit procedure for a year: the household must be registered and poor (未脱贫 or
/// 返贫) and have no procedure in progress. The 公示 period comes from the province's exit standard;
/// the household test of the year is run and its result stored (a failing test does not stop the
/// start, it stops the steps). Audited under the household.
/// </summary>
public sealed class StartExitProcedure(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ExitProcedureSaved>> HandleAsync(StartExitProcedureRequest request, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.CountyCode, h.VillageCode, h.Status, h.IdentificationYear }).SingleOrDefaultAsync(ct);
        if (household is null) return Result.NotFound("该户不存在或不在您的管辖范围内");
        if (!ExitWorkflow.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), "exit.not_allowed", "您的角色不能启动退出程序")]);

        var today = clock.Today();
        var year = request.Year ?? today.Year;
        var inv = CultureInfo.InvariantCulture;
        if (year > today.Year || year < Math.Max(2014, household.IdentificationYear))
            return Result.Invalid([new FieldError(nameof(request.Year), "exit.year_invalid",
                $"退出年度{year.ToString(inv)}无效：应在识别年度（{household.IdentificationYear.ToString(inv)}）与本年度（{today.Year.ToString(inv)}）之间")]);
        if (!ExitWorkflow.CanStartFor(household.Status))
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), "exit.not_poor",
                $"该户脱贫状态为“{Registry.CodeCatalog.LabelOf(household.Status)}”，只有未脱贫或返贫户才能启动退出程序")]);
        var open = await db.ExitProcedures.AsNoTracking()
            .Where(p => p.HouseholdId == household.Id && p.Status == ExitProcedureStatus.InProgress).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        if (open is { } openId)
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), "exit.already_in_progress",
                $"该户已有进行中的退出程序#{openId.ToString(inv)}，请先办完或终止")]);

        var tested = await new TestHousehold(db, clock).HandleAsync(new TestHouseholdRequest(household.Id, year), ct);
        if (!tested.IsOk)
            return Result.Invalid([new FieldError(nameof(request.Year), "exit.no_poverty_line", tested.Failure.Message)]);
        var test = tested.Value.Test;

        var province = ExitWorkflow.Province(household.CountyCode);
        var standard = await db.ExitStandards.AsNoTracking().SingleOrDefaultAsync(s => s.ProvinceCode == province, ct) ?? ExitStandard.National;

        var procedure = new ExitProcedure
        {
            HouseholdId = household.Id,
            CountyCode = household.CountyCode,
            VillageCode = household.VillageCode,
            Year = year,
            Status = ExitProcedureStatus.InProgress,
            NoticeDays = standard.NoticeDays,
            TestPassed = test.MeetsExitStandard,
            TestSummary = ExitWorkflow.Clip(test.Summary, 500),
            StartedBy = ExitWorkflow.Clip(request.User, 64),
            StartedAt = clock.GetUtcNow(),
        };
        db.ExitProcedures.Add(procedure);
        db.Audit.User = procedure.StartedBy;
        db.Audit.Reason = $"启动{year.ToString(inv)}年退出程序";
        await db.SaveChangesAsync(ct);
        return Saved(procedure);
    }

    internal static ExitProcedureSaved Saved(ExitProcedure p) => new(p.Id, p.Status, ExitWorkflow.Label(p.Status),
        p.Status == ExitProcedureStatus.InProgress ? ExitWorkflow.Next(p.Steps.Count) : null, p.TestPassed, p.TestSummary, p.Version);
}
