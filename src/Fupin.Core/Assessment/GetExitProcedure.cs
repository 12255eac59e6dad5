using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

public sealed record GetExitProcedureRequest(long ProcedureId);

public sealed record ExitHousehold(long Id, string Number, string HeadName, int MemberCount, PovertyStatus Status, string StatusLabel,
    int? PlannedExitYear, int? ExitYear, string VillageCode, string VillageName, string TownshipName);

public sealed record ExitStepEntry(ExitStep Step, string Label, DateOnly Date, string RecordedBy, DateTimeOffset RecordedAt, string? Note);

/// <summary>A county administrator's override of the failing test.</summary>
public sealed record ExitOverride(string By, string Reason, DateTimeOffset? At);

public sealed record ExitProcedureDetails
{
    public long Id { get; init; }
    public int Year { get; init; }
    public ExitProcedureStatus Status { get; init; }
    public required string StatusLabel { get; init; }
    public int NoticeDays { get; init; }

    /// <summary>The test as stored when the procedure started or its last step was recorded.</summary>
    public bool TestPassed { get; init; }
    public required string TestSummary { get; init; }

    /// <summary>The test run now (null when the year has no poverty line: <see cref="TestError"/> says so).</summary>
    public HouseholdTestReport? Test { get; init; }
    public string? TestError { get; init; }
    public ExitOverride? Override { get; init; }
    public required string StartedBy { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? CancelReason { get; init; }
    public long Version { get; init; }
    public required ExitHousehold Household { get; init; }
    public required IReadOnlyList<ExitStepEntry> Steps { get; init; }

    /// <summary>The step due (null when the procedure is not in progress).</summary>
    public ExitStep? NextStep { get; init; }
    public string? NextStepLabel { get; init; }

    /// <summary>The earliest date the next step may carry (the previous step's date, or the end of the 公示 for 公告退出).</summary>
    public DateOnly? EarliestNextDate { get; init; }

    /// <summary>Whether the next step would be refused because the test fails and nobody overrode it.</summary>
    public bool BlockedByTest => NextStep is not null && Test is { } t && !t.Test.MeetsExitStandard && Override is null;
}

/// <summary>The exit test of a household for the business year and its latest procedure, for the household page.</summary>
public sealed record HouseholdExit(int Year, HouseholdTestReport? Test, string? TestError, ExitProcedureRow? Procedure, bool CanStart);

/// <summary>One exit procedure with its household, the test run now, the steps and what is due next; outside the user's scope it is not found.</summary>
public sealed class GetExitProcedure(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ExitProcedureDetails>> HandleAsync(GetExitProcedureRequest request, CancellationToken ct)
    {
        var p = await db.ExitProcedures.AsNoTracking().Include(x => x.Steps).SingleOrDefaultAsync(x => x.Id == request.ProcedureId, ct);
        if (p is null) return Result.NotFound("未找到该退出程序");
        var household = await HouseholdAsync(p.HouseholdId, ct);
        var tested = await new TestHousehold(db, clock).HandleAsync(new TestHouseholdRequest(p.HouseholdId, p.Year), ct);
        var steps = p.Steps.OrderBy(s => s.Step).ToList();
        var next = p.Status == ExitProcedureStatus.InProgress ? ExitWorkflow.Next(steps.Count) : null;
        DateOnly? earliest = next switch
        {
            null => null,
            ExitStep.Announcement => ExitWorkflow.EarliestAnnouncement(steps.Single(s => s.Step == ExitStep.PublicNotice).Date, p.NoticeDays),
            _ => steps.Count > 0 ? steps[^1].Date : new DateOnly(p.Year, 1, 1),
        };
        return new ExitProcedureDetails
        {
            Id = p.Id,
            Year = p.Year,
            Status = p.Status,
            StatusLabel = ExitWorkflow.Label(p.Status),
            NoticeDays = p.NoticeDays,
            TestPassed = p.TestPassed,
            TestSummary = p.TestSummary,
            Test = tested.IsOk ? tested.Value : null,
            TestError = tested.IsOk ? null : tested.Failure.Message,
            Override = p.OverrideBy is { } by ? new ExitOverride(by, p.OverrideReason ?? "", p.OverrideAt) : null,
            StartedBy = p.StartedBy,
            StartedAt = p.StartedAt,
            CompletedOn = p.CompletedOn,
            CancelReason = p.CancelReason,
            Version = p.Version,
            Household = household,
            Steps = [.. steps.Select(s => new ExitStepEntry(s.Step, ExitWorkflow.Label(s.Step), s.Date, s.RecordedBy, s.RecordedAt, s.Note))],
            NextStep = next,
            NextStepLabel = next is { } n ? ExitWorkflow.Label(n) : null,
            EarliestNextDate = earliest,
        };
    }

    /// <summary>
    /// The household's exit test for the year of its open procedure, or else the business year, and its
    /// latest procedure; null when the household is not in the user's scope.
    /// </summary>
    public async Task<HouseholdExit?> ForHouseholdAsync(long householdId, CancellationToken ct)
    {
        var status = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => (PovertyStatus?)h.Status).SingleOrDefaultAsync(ct);
        if (status is null) return null;
        var latest = await db.ExitProcedures.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .OrderByDescending(p => p.Status == ExitProcedureStatus.InProgress).ThenByDescending(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(ct);
        var row = latest == 0 ? null : (await new SearchExitProcedures(db).RowsAsync(db.ExitProcedures.AsNoTracking().Where(p => p.Id == latest), ct)).SingleOrDefault();
        var year = row is { Status: ExitProcedureStatus.InProgress } ? row.Year : clock.Today().Year;
        var tested = await new TestHousehold(db, clock).HandleAsync(new TestHouseholdRequest(householdId, year), ct);
        var canStart = ExitWorkflow.CanStartFor(status.Value) && row is not { Status: ExitProcedureStatus.InProgress };
        return new HouseholdExit(year, tested.IsOk ? tested.Value : null, tested.IsOk ? null : tested.Failure.Message, row, canStart);
    }

    async Task<ExitHousehold> HouseholdAsync(long householdId, CancellationToken ct)
    {
        var h = await db.Households.AsNoTracking().IgnoreQueryFilters().Where(x => x.Id == householdId)
            .Select(x => new
            {
                x.Id, x.Number, x.Status, x.PlannedExitYear, x.ExitYear, x.VillageCode,
                Head = x.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                Count = x.Members.Count,
            })
            .SingleAsync(ct);
        var township = h.VillageCode[..9];
        var names = await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(r => r.Code == h.VillageCode || r.Code == township)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return new ExitHousehold(h.Id, h.Number, h.Head ?? "", h.Count, h.Status, CodeCatalog.LabelOf(h.Status), h.PlannedExitYear, h.ExitYear,
            h.VillageCode, names.GetValueOrDefault(h.VillageCode, h.VillageCode), names.GetValueOrDefault(township, township));
    }
}
