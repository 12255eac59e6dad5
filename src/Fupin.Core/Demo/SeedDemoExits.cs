using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Demo;

/// <param name="Tested">Households of the 2018 cohort tested.</param>
/// <param name="Passing">Of those, households whose 2018 test passes (the only ones a procedure is started for).</param>
/// <param name="Started">Procedures started.</param>
/// <param name="ByNextStep">Procedures started, by the step now due.</param>
public sealed record SeedDemoExitsResult(int Tested, int Passing, int Started, IReadOnlyDictionary<ExitStep, int> ByNextStep);

/// <summary>
/// The demo county's 2018 exit procedures as they stand on 2018-10-08: for one in five households
/// of the 2018 cohort (计划脱贫年度 2018, still poor) whose 2018 test passes, taken in id order, a
/// procedure is started and taken to a step that depends on its place in that order — just started,
/// 民主评议, 核实, 户认可 done, or in 村内公示 (some with the notice period over) — through the same use
/// cases as users, so every step is audited. None is announced or closed: it is October. Households
/// whose test fails (for want of income records or visits, or a guarantee not met) are skipped, and households
/// with a procedure in progress are left alone. Once it has run (a 2018 procedure started by <see cref="User"/>
/// exists) running it again does nothing.
/// </summary>
public sealed class SeedDemoExits(AppDbContext db, TimeProvider clock)
{
    public const string User = "演示数据";
    const int Year = 2018;

    /// <summary>One household in this many of the passing cohort gets a procedure.</summary>
    const int Every = 5;

    static readonly DateOnly[] StepDates = [new(2018, 9, 12), new(2018, 9, 18), new(2018, 9, 21)];
    static readonly DateOnly NoticeOver = new(2018, 9, 26);
    static readonly DateOnly NoticeRunning = new(2018, 10, 3);

    public async Task<SeedDemoExitsResult> HandleAsync(CancellationToken ct)
    {
        var byNext = ExitWorkflow.Steps.ToDictionary(s => s, _ => 0);
        if (await db.ExitProcedures.AnyAsync(p => p.CountyCode == DemoCounty.CountyCode && p.Year == Year && p.StartedBy == User, ct))
            return new SeedDemoExitsResult(0, 0, 0, new Dictionary<ExitStep, int>());
        var line = await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Scope == PovertyLineScope.ExitThreshold && l.Year == Year, ct);
        if (line is null) return new SeedDemoExitsResult(0, 0, 0, new Dictionary<ExitStep, int>());

        // The cohort is screened in one read with the same test the use cases run per household.
        var cohort = await db.Households.AsNoTracking()
            .Include(h => h.Members)
            .Include(h => h.Incomes.Where(i => i.Year == Year))
            .AsSplitQuery()
            .Where(h => h.CountyCode == DemoCounty.CountyCode && h.PlannedExitYear == Year
                && (h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed)
                && !db.ExitProcedures.Any(p => p.HouseholdId == h.Id && p.Status == ExitProcedureStatus.InProgress))
            .OrderBy(h => h.Id).ToListAsync(ct);
        var asOf = HouseholdVisits.DefaultAsOf(Year, clock.Today());
        var visits = await HouseholdVisits.LatestAsync(db, [.. cohort.Select(h => h.Id)], Year, asOf, ct);
        var passing = cohort
            .Where(h => HouseholdTest.Run(h, h.Incomes.FirstOrDefault(), visits.GetValueOrDefault(h.Id), line.AmountYuan, HouseholdTest.DefaultMargin, asOf).MeetsExitStandard)
            .Select(h => h.Id).ToList();

        // One transaction for the whole seed, and a change tracker cleared after each household: hundreds of
        // saves each in their own transaction, over an ever-growing tracker, take minutes instead of seconds.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var n = 0; n < passing.Count; n += Every)
        {
            var id = passing[n];
            var started = await new StartExitProcedure(db, clock).HandleAsync(new StartExitProcedureRequest(id, Year, User, Role.CountyAdmin), ct);
            if (!started.IsOk) throw new InvalidOperationException($"演示退出程序启动失败：{started.Failure.Message} {string.Join("；", started.Failure.Errors.Select(e => e.Message))}");
            var procedure = started.Value;

            // 0 to 4 steps recorded; among those in 公示 every other one has served its days.
            var stage = n / Every % 5;
            for (var s = 0; s < stage; s++)
            {
                var step = ExitWorkflow.Steps[s];
                var date = step == ExitStep.PublicNotice ? (n / (5 * Every) % 2 == 0 ? NoticeOver : NoticeRunning) : StepDates[s];
                var recorded = await new RecordExitStep(db, clock).HandleAsync(
                    new RecordExitStepRequest(procedure.Id, procedure.Version, step, date, Note(step), User, Role.CountyAdmin), ct);
                if (!recorded.IsOk) throw new InvalidOperationException($"演示退出程序#{procedure.Id}“{ExitWorkflow.Label(step)}”登记失败：{recorded.Failure.Message} {string.Join("；", recorded.Failure.Errors.Select(e => e.Message))}");
                procedure = recorded.Value;
            }
            byNext[procedure.NextStep!.Value]++;
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
        return new SeedDemoExitsResult(cohort.Count, passing.Count, byNext.Values.Sum(), byNext.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value));
    }

    static string? Note(ExitStep step) => step switch
    {
        ExitStep.Deliberation => "村民代表会议民主评议：应到 35 人，实到 31 人，同意退出 31 人",
        ExitStep.Verification => "村两委和驻村工作队入户核实：收入达标，“两不愁三保障”达标",
        ExitStep.Consent => "户主签字认可",
        ExitStep.PublicNotice => "在村委会公示栏公示",
        _ => null,
    };
}
