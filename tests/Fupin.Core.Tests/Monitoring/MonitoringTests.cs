using Fupin.Accounts;
using Fupin.Common;
using Fupin.Monitoring;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Monitoring;

/// <summary>
/// Worked examples of 防返贫监测 as of 2018-10-08. The 2017 exit line is 3335 yuan (333,500 fen), so
/// 1.5 × the line is 500,250 fen a head: a household of 2 with a 2017 net income of 1,000,500 fen is
/// exactly at it (500,250 a head, not proposed); 1,000,498 fen is 500,249 a head, one fen below (proposed).
/// Members are born around 1960 with 普通劳动力, so they are 58 and count as labour.
/// </summary>
public class MonitoringTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const string Neighbour = "411321304202";
    static readonly DateOnly Today = new(2018, 10, 8);

    /// <summary>An exited household of two with one 2017 income record of the given net income (all wages).</summary>
    Task<long> ExitedAsync(long net2017, Action<Household>? configure = null, string village = RegistryBuilder.Village, PovertyStatus status = PovertyStatus.ExitedWithPolicy) =>
        RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.ExitYear = 2017;
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "李二"));
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 2, Wage = net2017 });
            configure?.Invoke(h);
        });

    async Task<long> EventAsync(long householdId, RiskType risk, DateOnly on, long? spending)
    {
        await using var db = _db.NewContext();
        var r = await new ReportRiskEvent(db, _db.Clock).HandleAsync(new ReportRiskEventRequest
        {
            HouseholdId = householdId, Risk = risk, OccurredOn = on, Description = "测试事件", SpendingFen = spending, User = "t", Role = Role.CountyAdmin,
        }, default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!.Id;
    }

    async Task<MonitoringProposalReport> ProposeAsync(AccessScope? scope = null, string? region = null)
    {
        await using var db = _db.NewContext(scope);
        var r = await new ProposeMonitoringObjects(db, _db.Clock).HandleAsync(new ProposeMonitoringObjectsRequest(region, "tester"), null, default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!;
    }

    async Task<List<MonitoringObject>> ObjectsAsync()
    {
        await using var db = _db.NewContext();
        return await db.MonitoringObjects.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    static int Count(MonitoringProposalReport r, string rule) => r.ByRule.Single(x => x.Rule == rule).Proposed;

    [Fact]
    public async Task Income_ExactlyOneAndAHalfTimesLine_NotProposed_OneFenBelow_Proposed_PoorHouseholdNever()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await ExitedAsync(1_000_500);
        var below = await ExitedAsync(1_000_498, status: PovertyStatus.ExitedWithoutPolicy);
        await ExitedAsync(100_000, status: PovertyStatus.NotExited);
        await ExitedAsync(100_000, status: PovertyStatus.Relapsed);

        var report = await ProposeAsync();

        Assert.Equal(2, report.Households); // the two exited ones
        Assert.Equal(1, Count(report, MonitoringRules.IncomeBelow));
        var o = Assert.Single(await ObjectsAsync());
        Assert.Equal((below, MonitoringType.UnstableExited, MonitoringStatus.Proposed, MonitoringRules.IncomeBelow), (o.HouseholdId!.Value, o.Type, o.Status, o.RuleCode));
        Assert.Equal([RiskType.Other], o.Risks);
        Assert.Equal(2, o.Persons);
        Assert.Equal(Today, o.ProposedOn);
        Assert.Equal("2017年人均纯收入5,002.49元，低于当年扶贫标准3,335元的1.5倍（5,002.5元）", o.Reason);
        Assert.Equal([o.Id], report.NewIds);
    }

    [Fact]
    public async Task RigidSpending_AboveIncome_Proposed_WithEventRisks_EqualToIncomeOrOutsideTwelveMonths_NotProposed()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        // 2,000,000 fen a year is 1,000,000 a head: well above 1.5 × the line, so only spending can propose them.
        var above = await ExitedAsync(2_000_000);
        var illness = await EventAsync(above, RiskType.Illness, new DateOnly(2018, 3, 1), 1_200_000);
        var accident = await EventAsync(above, RiskType.Accident, new DateOnly(2018, 5, 20), 800_001); // 2,000,001 > 2,000,000
        var equal = await ExitedAsync(2_000_000);
        await EventAsync(equal, RiskType.Illness, new DateOnly(2017, 10, 8), 500_000); // exactly 12 months back: outside
        await EventAsync(equal, RiskType.Illness, new DateOnly(2018, 3, 1), 2_000_000); // equal, not above

        var report = await ProposeAsync();

        Assert.Equal(1, Count(report, MonitoringRules.RigidSpending));
        var o = Assert.Single(await ObjectsAsync());
        Assert.Equal((above, MonitoringRules.RigidSpending, MonitoringType.UnstableExited), (o.HouseholdId!.Value, o.RuleCode, o.Type));
        Assert.Equal([RiskType.Illness, RiskType.Accident], o.Risks);
        Assert.Equal("近12个月刚性支出20,000.01元（2起事件），超过2017年家庭纯收入20,000元", o.Reason);
        await using var db = _db.NewContext();
        var linked = await db.RiskEvents.Where(e => e.MonitoringObjectId == o.Id).Select(e => e.Id).OrderBy(x => x).ToListAsync();
        Assert.Equal([illness, accident], linked);
    }

    [Fact]
    public async Task RecentRiskEvent_AboveAmount_SuddenHardship_AtAmount_UnstableExited_HealthAddsIllness()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var big = await ExitedAsync(2_000_000);
        await EventAsync(big, RiskType.DisasterFlood, new DateOnly(2018, 9, 1), 1_000_001);
        var small = await ExitedAsync(2_000_000, h => h.Members[1].Health = HealthConditions.Serious);
        await EventAsync(small, RiskType.Accident, new DateOnly(2018, 8, 1), 1_000_000);
        var old = await ExitedAsync(20_000_000);
        await EventAsync(old, RiskType.Accident, new DateOnly(2018, 7, 8), 10_000); // exactly 3 months back, small: nothing

        var report = await ProposeAsync();

        Assert.Equal(2, Count(report, MonitoringRules.RiskEvent));
        var objects = (await ObjectsAsync()).ToDictionary(o => o.HouseholdId!.Value);
        Assert.Equal(2, objects.Count);
        Assert.Equal((MonitoringType.SuddenHardship, MonitoringRules.RiskEvent), (objects[big].Type, objects[big].RuleCode));
        Assert.Equal([RiskType.DisasterFlood], objects[big].Risks);
        Assert.Equal(MonitoringType.UnstableExited, objects[small].Type);
        Assert.Equal([RiskType.Illness, RiskType.Accident], objects[small].Risks);
    }

    [Fact]
    public async Task NoLabour_AllLostOrDisabled_BelowLine_ProposedByDisabilityRule_WithLackOfLabourAndDisability()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var id = await ExitedAsync(900_000, h =>
        {
            h.Members[0].LabourSkill = LabourSkill.Lost;
            h.Members[1].Health = HealthConditions.Disabled;
        });
        var report = await ProposeAsync();
        Assert.Equal(1, Count(report, MonitoringRules.DisabilityNoLabour));
        var o = Assert.Single(await ObjectsAsync());
        Assert.Equal((id, MonitoringRules.DisabilityNoLabour), (o.HouseholdId!.Value, o.RuleCode));
        Assert.Equal([RiskType.Disability, RiskType.LackOfLabour], o.Risks);
    }

    [Fact]
    public async Task Rerun_ProposesNoDuplicateOfOpenObject_EvenAfterInclusion()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await ExitedAsync(900_000);
        await ExitedAsync(800_000);
        var first = await ProposeAsync();
        Assert.Equal(2, first.Proposed);

        var again = await ProposeAsync();
        Assert.Equal((0, 2), (again.Proposed, again.AlreadyOpen));

        var objects = await ObjectsAsync();
        await using (var db = _db.NewContext())
        {
            var r = await new DecideMonitoringObject(db, _db.Clock).HandleAsync(new DecideMonitoringObjectRequest(objects[0].Id, objects[0].Version, true, null, "t", Role.TownshipOfficer), default);
            Assert.True(r.IsOk);
        }
        var third = await ProposeAsync();
        Assert.Equal((0, 2), (third.Proposed, third.AlreadyOpen));
        Assert.Equal(2, (await ObjectsAsync()).Count);
    }

    [Fact]
    public async Task ManualAdd_NonRegisteredWithBadId_RefusedWithNothingWritten_GoodId_ProposedAsMarginal()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var good = ResidentId.Create(RegistryBuilder.County, new DateOnly(1975, 5, 6), 123).ToString();
        var bad = good[..17] + (good[17] == '0' ? '1' : '0');
        await using var db = _db.NewContext();
        var changes = await db.Changes.CountAsync();
        AddMonitoringObjectRequest Request(string id) => new()
        {
            VillageCode = RegistryBuilder.Village, HeadName = "王边缘", HeadIdNumber = id, Persons = 3, Type = MonitoringType.Marginal,
            Risks = [RiskType.Illness], Reason = "户主患病，收入接近标准", User = "cadre", Role = Role.VillageCadre,
        };

        var refused = await new AddMonitoringObject(db, _db.Clock).HandleAsync(Request(bad), default);

        Assert.False(refused.IsOk);
        var error = Assert.Single(refused.Failure!.Errors);
        Assert.Equal(("HeadIdNumber", "monitoring.id_invalid"), (error.Field, error.Code));
        Assert.Contains("校验码错误", error.Message);
        Assert.Equal(0, await db.MonitoringObjects.CountAsync());
        Assert.Equal(changes, await db.Changes.CountAsync());

        var added = await new AddMonitoringObject(db, _db.Clock).HandleAsync(Request(good), default);
        Assert.True(added.IsOk);
        var o = await db.MonitoringObjects.AsNoTracking().SingleAsync();
        Assert.Equal((null, MonitoringType.Marginal, "王边缘", 3, (string?)null), (o.HouseholdId, o.Type, o.HeadName, o.Persons, o.RuleCode));
        Assert.Equal(good, o.HeadIdNumber!.Value.ToString());

        var duplicate = await new AddMonitoringObject(db, _db.Clock).HandleAsync(Request(good), default);
        Assert.Equal("monitoring.duplicate", Assert.Single(duplicate.Failure!.Errors).Code);
    }

    [Fact]
    public async Task ManualAdd_RegisteredPoorHousehold_Refused_InspectorMayNotAdd()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var poor = await ExitedAsync(2_000_000, status: PovertyStatus.NotExited);
        await using var db = _db.NewContext();
        var r = await new AddMonitoringObject(db, _db.Clock).HandleAsync(new AddMonitoringObjectRequest
        {
            HouseholdId = poor, Type = MonitoringType.UnstableExited, Risks = [RiskType.Illness], Reason = "患病", User = "t", Role = Role.CountyAdmin,
        }, default);
        Assert.Equal("monitoring.household_poor", Assert.Single(r.Failure!.Errors).Code);
        var inspector = await new AddMonitoringObject(db, _db.Clock).HandleAsync(new AddMonitoringObjectRequest
        {
            HouseholdId = poor, Type = MonitoringType.UnstableExited, Risks = [RiskType.Illness], Reason = "患病", User = "t", Role = Role.Inspector,
        }, default);
        Assert.Equal(MonitoringRoles.NotAllowedCode, Assert.Single(inspector.Failure!.Errors).Code);
        Assert.Equal(0, await db.MonitoringObjects.CountAsync());
    }

    [Fact]
    public async Task Decide_RejectWithoutNote_Refused_ClearWithoutNote_Refused_WithNote_Cleared()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await ExitedAsync(900_000);
        await ExitedAsync(900_000);
        await ProposeAsync();
        var objects = await ObjectsAsync();
        await using var db = _db.NewContext();

        var reject = await new DecideMonitoringObject(db, _db.Clock).HandleAsync(new(objects[1].Id, objects[1].Version, false, " ", "t", Role.VillageCadre), default);
        Assert.Equal("monitoring.note_required", Assert.Single(reject.Failure!.Errors).Code);

        var include = await new DecideMonitoringObject(db, _db.Clock).HandleAsync(new(objects[0].Id, objects[0].Version, true, null, "t", Role.VillageCadre), default);
        Assert.True(include.IsOk);
        Assert.Equal(MonitoringStatus.Monitored, include.Value!.Status);

        var noNote = await new ClearRisk(db, _db.Clock).HandleAsync(new(objects[0].Id, include.Value.Version, null, null, "t", Role.VillageCadre), default);
        Assert.Equal("monitoring.note_required", Assert.Single(noNote.Failure!.Errors).Code);
        db.ChangeTracker.Clear();
        Assert.Equal(MonitoringStatus.Monitored, (await db.MonitoringObjects.AsNoTracking().SingleAsync(o => o.Id == objects[0].Id)).Status);

        var stale = await new ClearRisk(db, _db.Clock).HandleAsync(new(objects[0].Id, objects[0].Version, "收入稳定", null, "t", Role.VillageCadre), default);
        Assert.Equal(FailureKind.Conflict, stale.Failure!.Kind);

        var cleared = await new ClearRisk(db, _db.Clock).HandleAsync(new(objects[0].Id, include.Value.Version, "务工收入稳定，人均超过1.5倍标准", null, "t", Role.VillageCadre), default);
        Assert.True(cleared.IsOk);
        db.ChangeTracker.Clear();
        var o = await db.MonitoringObjects.AsNoTracking().SingleAsync(x => x.Id == objects[0].Id);
        Assert.Equal((MonitoringStatus.Cleared, Today, Today, "务工收入稳定，人均超过1.5倍标准"), (o.Status, o.IncludedOn!.Value, o.ClosedOn!.Value, o.ClosedNote));
        Assert.Equal(2, await db.Changes.CountAsync(c => c.Entity == "MonitoringObject" && c.EntityId == o.Id));
    }

    /// <summary>Included on 2018-04-08: the deadline is 2018-10-08, today, so not yet flagged; included a day earlier: flagged.</summary>
    [Fact]
    public async Task SixMonthFlag_BothSidesOfTheBoundary_DevelopmentMeasureOrNoLabourClearsIt()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var onDeadline = await ExitedAsync(900_000);
        var pastDeadline = await ExitedAsync(900_000);
        var withMeasure = await ExitedAsync(900_000);
        var safetyNetOnly = await ExitedAsync(900_000);
        var noLabour = await ExitedAsync(900_000, h => h.Members.ForEach(m => m.BirthDate = new DateOnly(1950, 1, 1)));
        await ProposeAsync();
        await using var db = _db.NewContext();
        var ids = await db.MonitoringObjects.ToDictionaryAsync(o => o.HouseholdId!.Value, o => o.Id);
        foreach (var o in await db.MonitoringObjects.ToListAsync())
        {
            o.Status = MonitoringStatus.Monitored;
            o.IncludedOn = o.HouseholdId == onDeadline ? new DateOnly(2018, 4, 8) : new DateOnly(2018, 4, 7);
        }
        await db.SaveChangesAsync();
        db.MonitoringMeasures.Add(new MonitoringMeasure { MonitoringObjectId = ids[withMeasure], Kind = MeasureKind.PublicWelfareJob, StartedOn = new DateOnly(2018, 10, 7), Description = "护林员", RecordedBy = "t" });
        db.MonitoringMeasures.Add(new MonitoringMeasure { MonitoringObjectId = ids[safetyNetOnly], Kind = MeasureKind.Dibao, StartedOn = new DateOnly(2018, 5, 1), Description = "纳入低保", RecordedBy = "t" });
        await db.SaveChangesAsync();

        var page = await new SearchMonitoringObjects(db, _db.Clock).HandleAsync(new SearchMonitoringObjectsRequest(), default);

        var flagged = page.Value!.Rows.Where(r => r.Flagged).Select(r => r.HouseholdId!.Value).Order().ToList();
        Assert.Equal(new[] { pastDeadline, safetyNetOnly }.Order(), flagged);
        Assert.Equal(2, page.Value.Counts.Flagged);
        var onlyFlagged = await new SearchMonitoringObjects(db, _db.Clock).HandleAsync(new SearchMonitoringObjectsRequest { Flagged = true }, default);
        Assert.Equal(2, onlyFlagged.Value!.Total);

        var details = await new GetMonitoringObject(db, _db.Clock).HandleAsync(new(ids[noLabour]), default);
        Assert.False(details.Value!.HasLabour);
        Assert.False(details.Value.Row.Flagged);
        Assert.Equal(new DateOnly(2018, 10, 7), details.Value.Deadline);
    }

    [Fact]
    public async Task Scope_VillageCadreSeesAndProposesOnlyTheirVillage()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, Neighbour, "竹园村");
        var mine = await ExitedAsync(900_000);
        var theirs = await ExitedAsync(900_000, village: Neighbour);
        var cadre = AccessScope.For(99, Role.VillageCadre, [RegistryBuilder.Village]);

        var report = await ProposeAsync(cadre);
        Assert.Equal((1, 1), (report.Households, report.Proposed));
        Assert.Equal(mine, Assert.Single(await ObjectsAsync()).HouseholdId);

        await ProposeAsync();
        await using var db = _db.NewContext(cadre);
        var page = await new SearchMonitoringObjects(db, _db.Clock).HandleAsync(new SearchMonitoringObjectsRequest(), default);
        Assert.Equal(mine, Assert.Single(page.Value!.Rows).HouseholdId);
        Assert.Equal(1, page.Value.Counts.Total);
        var other = (await ObjectsAsync()).Single(o => o.HouseholdId == theirs);
        Assert.Equal(FailureKind.NotFound, (await new GetMonitoringObject(db, _db.Clock).HandleAsync(new(other.Id), default)).Failure!.Kind);
        Assert.Equal(FailureKind.NotFound, (await new DecideMonitoringObject(db, _db.Clock).HandleAsync(new(other.Id, other.Version, true, null, "c", Role.VillageCadre), default)).Failure!.Kind);
    }

    [Fact]
    public async Task Counts_ByTypeStatusAndRisk_AndExportMasksIds()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await ExitedAsync(900_000, h => h.Members[0].Health = HealthConditions.Chronic);
        var flood = await ExitedAsync(2_000_000);
        await EventAsync(flood, RiskType.DisasterFlood, new DateOnly(2018, 9, 1), 3_000_000);
        await ProposeAsync();
        await using var db = _db.NewContext();
        var page = (await new SearchMonitoringObjects(db, _db.Clock).HandleAsync(new SearchMonitoringObjectsRequest { Risk = RiskType.DisasterFlood }, default)).Value!;
        Assert.Equal(1, page.Total);
        Assert.Equal(2, page.Counts.Open);
        Assert.Equal(1, page.Counts.ByType.Single(t => t.Value == MonitoringType.SuddenHardship).Count);
        Assert.Equal(1, page.Counts.ByType.Single(t => t.Value == MonitoringType.UnstableExited).Count);
        Assert.Equal(2, page.Counts.ByStatus.Single(t => t.Value == MonitoringStatus.Proposed).Count);
        Assert.Equal(1, page.Counts.ByRisk.Single(t => t.Value == RiskType.Illness).Count);
        Assert.Equal("因灾（洪涝）", page.Counts.ByRisk.Single(t => t.Value == RiskType.DisasterFlood).Label);

        var head = await db.Members.Where(m => m.HouseholdId == flood && m.Relation == "户主").Select(m => m.IdNumber).SingleAsync();
        var export = await new ExportMonitoringObjects(db, _db.Clock).HandleAsync(new(new SearchMonitoringObjectsRequest(), "（全部）", "admin"), default);
        Assert.Equal(2, export.Value!.Rows);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(export.Value.Content), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rows, r => (string)r["证件号码"] == head!.Value.Masked && (string)r["类别"] == "突发严重困难户");
        Assert.True(await db.Changes.AnyAsync(c => c.Action == AccountLog.Exported && c.Entity == "MonitoringObject"));
    }
}
