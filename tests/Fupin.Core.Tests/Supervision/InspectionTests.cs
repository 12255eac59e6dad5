using System.Text;
using Fupin.Accounts;
using Fupin.Projects;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Supervision;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Supervision;

/// <summary>
/// A hand-built registry: 石门乡 (411321304) with poor villages 201–203 and other villages 204–205, 太山庙乡 (411321303)
/// with poor village 201 and other village 202; every village has 3 still-poor households (the third 返贫) and 3
/// exited ones. A settlement site in 石门乡's village 201 holds three families from 皇后乡 (411321302, not inspected);
/// 石门乡 has two workshops. Today is 2018-10-08.
/// </summary>
public class InspectionTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    const string A = "411321304";
    const string B = "411321303";
    const string C = "411321302";
    long _siteId;
    readonly List<long> _workshops = [];
    readonly Dictionary<long, (string Village, PovertyStatus Status)> _households = [];
    readonly List<long> _relocated = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var ctx = _db.NewContext();
        string[] villages = [A + "201", A + "202", A + "203", A + "204", A + "205", B + "201", B + "202", C + "201"];
        foreach (var v in villages)
        {
            var poor = v.EndsWith("201", StringComparison.Ordinal) || v.EndsWith("202", StringComparison.Ordinal) && v.StartsWith(A, StringComparison.Ordinal) || v.EndsWith("203", StringComparison.Ordinal);
            if (await ctx.Regions.FindAsync(v) is { } existing) existing.IsPoorVillage = poor;
            else ctx.Regions.Add(new Region { Code = v, Name = "村" + v[^3..], Level = RegionLevel.Village, ParentCode = v[..9], IsPoorVillage = poor, RuralPopulation = 1000 });
        }
        await ctx.SaveChangesAsync();
        var all = new List<Household>();
        var n = 0;
        foreach (var v in villages)
        {
            PovertyStatus[] statuses = [PovertyStatus.NotExited, PovertyStatus.NotExited, PovertyStatus.Relapsed, PovertyStatus.ExitedWithPolicy, PovertyStatus.ExitedWithPolicy, PovertyStatus.ExitedWithoutPolicy];
            foreach (var s in statuses)
            {
                var h = RegistryBuilder.Household(x => { x.VillageCode = v; x.Status = s; x.Number = v + (++n).ToString("D4", System.Globalization.CultureInfo.InvariantCulture); });
                ctx.Households.Add(h);
                all.Add(h);
            }
        }
        await ctx.SaveChangesAsync();
        foreach (var h in all) _households[h.Id] = (h.VillageCode, h.Status);
        var site = new SettlementSite { CountyCode = RegistryBuilder.County, RegionCode = A + "201", Name = "如意社区", Kind = SettlementKind.Concentrated, HousesPlanned = 10 };
        ctx.SettlementSites.Add(site);
        ctx.Workshops.Add(new Workshop { CountyCode = RegistryBuilder.County, VillageCode = A + "203", Name = "车间一", Status = WorkshopStatus.Operating });
        ctx.Workshops.Add(new Workshop { CountyCode = RegistryBuilder.County, VillageCode = A + "204", Name = "车间二", Status = WorkshopStatus.Operating });
        await ctx.SaveChangesAsync();
        _siteId = site.Id;
        _workshops.AddRange(await ctx.Workshops.OrderBy(w => w.Id).Select(w => w.Id).ToListAsync());
        var movers = all.Where(h => h.VillageCode == C + "201").Take(3).ToList();
        foreach (var h in movers)
        {
            ctx.RelocatedHouseholds.Add(new RelocatedHousehold { SiteId = site.Id, CountyCode = RegistryBuilder.County, HouseholdId = h.Id, FromVillageCode = h.VillageCode, Persons = 1, AddedBy = "t", AddedAt = _db.Clock.GetUtcNow() });
            _relocated.Add(h.Id);
        }
        await ctx.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static readonly InspectionSampleSize Size = new(PoorVillages: 2, OtherVillages: 1, NotExitedPerVillage: 2, ExitedPerVillage: 1,
        NonRegisteredPerVillage: 1, RelocatedPerTownship: 2, Workshops: 1, SettlementSites: 1);

    async Task<Common.Result<InspectionPlanDrawn>> DrawAsync(int? seed, string[]? townships = null, DateOnly? day = null, InspectionSampleSize? size = null, Role role = Role.Inspector)
    {
        await using var db = _db.NewContext();
        return await new DrawInspectionPlan(db, _db.Clock).HandleAsync(new DrawInspectionPlanRequest(RegistryBuilder.County, townships ?? [A, B],
            day ?? new DateOnly(2018, 10, 8), seed, size ?? Size, null, null, "县督查组", null, role), default);
    }

    async Task<List<InspectionTarget>> TargetsAsync(long plan)
    {
        await using var db = _db.NewContext();
        return await db.InspectionTargets.AsNoTracking().Where(t => t.PlanId == plan).OrderBy(t => t.Id).ToListAsync();
    }

    static string Signature(IEnumerable<InspectionTarget> targets) =>
        string.Join(";", targets.Select(t => $"{t.TownshipCode}/{t.Stratum}/{t.Slot}/{t.RegionCode}/{t.HouseholdId}/{t.WorkshopId}/{t.SiteId}"));

    [Fact]
    public async Task Draw_SameSeedSameTargets_DifferentSeedDifferentTargets()
    {
        var first = await DrawAsync(42);
        var again = await DrawAsync(42);
        Assert.True(first.IsOk && again.IsOk);
        Assert.Equal(42, first.Value!.Seed);
        Assert.Equal(Signature(await TargetsAsync(first.Value.Id)), Signature(await TargetsAsync(again.Value!.Id)));
        var differs = false;
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var other = await DrawAsync(seed);
            if (Signature(await TargetsAsync(other.Value!.Id)) != Signature(await TargetsAsync(first.Value.Id))) differs = true;
        }
        Assert.True(differs);
        await using var db = _db.NewContext();
        var plan = await db.InspectionPlans.SingleAsync(p => p.Id == first.Value.Id);
        Assert.Equal(InspectionStatus.Sealed, plan.Status);
        Assert.Equal("411321303,411321304", plan.TownshipCodes);
        Assert.Contains("\"PoorVillages\":2", plan.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draw_RespectsStrataPerTownship()
    {
        var drawn = await DrawAsync(7);
        Assert.True(drawn.IsOk, drawn.Failure?.Message);
        var targets = await TargetsAsync(drawn.Value!.Id);
        await using var db = _db.NewContext();
        var poorVillages = await db.Regions.Where(r => r.Level == RegionLevel.Village && r.IsPoorVillage).Select(r => r.Code).ToListAsync();

        int Count(string t, InspectionStratum s) => targets.Count(x => x.TownshipCode == t && x.Stratum == s);
        // 石门乡: 3 poor villages → 2 drawn, 2 other → 1; 3 villages × (2 still poor, 1 exited, 1 slot); relocated 2 of 3; 1 of 2 workshops; the site.
        Assert.Equal(2, Count(A, InspectionStratum.PoorVillage));
        Assert.Equal(1, Count(A, InspectionStratum.OtherVillage));
        Assert.Equal(3, Count(A, InspectionStratum.NonRegistered));
        Assert.Equal(3, Count(A, InspectionStratum.Exited));
        Assert.Equal(2, Count(A, InspectionStratum.Relocated));
        Assert.Equal(1, Count(A, InspectionStratum.Workshop));
        Assert.Equal(1, Count(A, InspectionStratum.SettlementSite));
        // 太山庙乡: one poor and one other village; no workshop, no site of its own.
        Assert.Equal(1, Count(B, InspectionStratum.PoorVillage));
        Assert.Equal(1, Count(B, InspectionStratum.OtherVillage));
        Assert.Equal(0, Count(B, InspectionStratum.Workshop));
        Assert.Equal(0, Count(B, InspectionStratum.SettlementSite));
        Assert.Equal(0, Count(B, InspectionStratum.Relocated));

        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.PoorVillage), t => Assert.Contains(t.RegionCode, poorVillages));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.OtherVillage), t => Assert.DoesNotContain(t.RegionCode, poorVillages));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.Exited), t => Assert.True(_households[t.HouseholdId!.Value].Status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.NotExited), t => Assert.True(_households[t.HouseholdId!.Value].Status is PovertyStatus.NotExited or PovertyStatus.Relapsed));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.NonRegistered), t => Assert.Null(t.HouseholdId));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.Relocated), t => Assert.Contains(t.HouseholdId!.Value, _relocated));
        Assert.All(targets.Where(t => t.Stratum == InspectionStratum.Workshop), t => Assert.Contains(t.WorkshopId!.Value, _workshops));
        Assert.Equal(_siteId, targets.Single(t => t.Stratum == InspectionStratum.SettlementSite).SiteId);
        // Households come from the sampled villages of their township, each drawn once.
        var sampledVillages = targets.Where(t => t.Kind == InspectionTargetKind.Village).Select(t => t.RegionCode).ToList();
        Assert.All(targets.Where(t => t.Stratum is InspectionStratum.NotExited or InspectionStratum.Exited or InspectionStratum.NonRegistered),
            t => { Assert.Contains(t.RegionCode, sampledVillages); Assert.StartsWith(t.TownshipCode, t.RegionCode, StringComparison.Ordinal); });
        var households = targets.Where(t => t.HouseholdId is not null).Select(t => t.HouseholdId).ToList();
        Assert.Equal(households.Count, households.Distinct().Count());
    }

    [Fact]
    public async Task Draw_RefusesBadInput_AndTownshipRole_LeavingNothing()
    {
        var past = await DrawAsync(1, day: new DateOnly(2018, 10, 7));
        Assert.Contains(past.Failure!.Errors, e => e.Code == "inspection.planned_past");
        var none = await DrawAsync(1, townships: []);
        Assert.Contains(none.Failure!.Errors, e => e.Code == "inspection.townships_required");
        var foreign = await DrawAsync(1, townships: ["410101001"]);
        Assert.Contains(foreign.Failure!.Errors, e => e.Code == "inspection.township_unknown");
        var big = await DrawAsync(1, size: Size with { NotExitedPerVillage = 31 });
        Assert.Contains(big.Failure!.Errors, e => e.Code == "inspection.size" && e.Field == "NotExitedPerVillage");
        var township = await DrawAsync(1, role: Role.TownshipOfficer);
        Assert.Contains(township.Failure!.Errors, e => e.Code == SupervisionRoles.NotAllowedCode);
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.InspectionPlans.CountAsync());
        Assert.Equal(0, await db.InspectionTargets.CountAsync());
    }

    static AccessScope TownshipScope() => AccessScope.For(99, Role.TownshipOfficer, [A]);

    [Fact]
    public async Task SealedPlan_DoesNotExistForTheTownship_UntilOpenedOnTheDay()
    {
        var drawn = await DrawAsync(3, day: new DateOnly(2018, 10, 9));
        var id = drawn.Value!.Id;
        await using (var township = _db.NewContext(TownshipScope()))
        {
            Assert.Null(await new GetInspectionPlan(township, _db.Clock).HandleAsync(id, default));
            Assert.Empty(await new ListInspectionPlans(township).HandleAsync(null, default));
            Assert.Empty(await new ListInspectionPlans(township).HandleAsync("暗访", default));
            Assert.Equal(0, await township.InspectionTargets.CountAsync());
        }
        await using (var inspector = _db.NewContext(AccessScope.For(1, Role.Inspector, [RegistryBuilder.County])))
        {
            Assert.Single(await new ListInspectionPlans(inspector).HandleAsync("暗访", default));
            var early = await new OpenInspectionPlan(inspector, _db.Clock).HandleAsync(new ChangeInspectionPlanRequest(id, "县督查组", Role.Inspector), default);
            Assert.Contains(early.Failure!.Errors, e => e.Code == "inspection.open_too_early");
        }
        _db.Clock.Advance(TimeSpan.FromDays(1));
        await using (var inspector = _db.NewContext(AccessScope.For(1, Role.Inspector, [RegistryBuilder.County])))
        {
            var byTownship = await new OpenInspectionPlan(inspector, _db.Clock).HandleAsync(new ChangeInspectionPlanRequest(id, "乡干部", Role.TownshipOfficer), default);
            Assert.Contains(byTownship.Failure!.Errors, e => e.Code == SupervisionRoles.NotAllowedCode);
            var opened = await new OpenInspectionPlan(inspector, _db.Clock).HandleAsync(new ChangeInspectionPlanRequest(id, "县督查组", Role.Inspector), default);
            Assert.True(opened.IsOk);
        }
        await using (var township = _db.NewContext(TownshipScope()))
        {
            var plan = await new GetInspectionPlan(township, _db.Clock).HandleAsync(id, default);
            Assert.NotNull(plan);
            Assert.All(plan.Targets, t => Assert.Equal(A, t.TownshipCode));
            Assert.NotEmpty(plan.Targets);
            Assert.Single(await new ListInspectionPlans(township).HandleAsync("暗访", default));
        }
    }

    async Task<(long Plan, InspectionTarget Target)> OpenPlanAsync(InspectionStratum stratum = InspectionStratum.NotExited)
    {
        var drawn = await DrawAsync(11);
        await using var db = _db.NewContext();
        Assert.True((await new OpenInspectionPlan(db, _db.Clock).HandleAsync(new ChangeInspectionPlanRequest(drawn.Value!.Id, "县督查组", Role.Inspector), default)).IsOk);
        var target = (await TargetsAsync(drawn.Value.Id)).First(t => t.TownshipCode == A && t.Stratum == stratum);
        return (drawn.Value.Id, target);
    }

    static List<VisitAnswerInput> PassingHousehold(params (string Code, string Value, string? Note)[] overrides)
    {
        var answers = DefaultInspectionTemplate.Questions().Where(q => q.Subject == ChecklistSubject.Household)
            .Select(q => new VisitAnswerInput(q.Code, q.Answer == AnswerKind.Choice ? ChecklistTemplates.Split(q.Options)[0] : "是", null)).ToList();
        foreach (var (code, value, note) in overrides)
            answers[answers.FindIndex(a => a.QuestionCode == code)] = new VisitAnswerInput(code, value, note);
        return answers;
    }

    async Task<Common.Result<InspectionVisitSaved>> RecordAsync(long plan, long target, Guid key, List<VisitAnswerInput> answers, IReadOnlyList<VisitPhoto>? photos = null, string? head = null)
    {
        await using var db = _db.NewContext(AccessScope.For(1, Role.Inspector, [RegistryBuilder.County]));
        return await new RecordInspectionVisit(db, _db.Clock).HandleAsync(new RecordInspectionVisitRequest(plan, target, key, answers, head, 33.49, 112.43,
            null, photos ?? [], "县督查组", Role.Inspector), default);
    }

    [Fact]
    public async Task Visit_FailedAnswer_MakesOneRectificationItem_WithTheContractsFields()
    {
        var (plan, target) = await OpenPlanAsync();
        var saved = await RecordAsync(plan, target.Id, Guid.NewGuid(), PassingHousehold(("H-HOUSE", "否", "后墙开裂")),
            [new VisitPhoto("H-HOUSE", new Fupin.Projects.UploadedFile("墙.png", InspectionPhotoTests.Png(withText: true)))]);
        Assert.True(saved.IsOk, string.Join("；", saved.Failure?.Errors.Select(e => e.Message) ?? []));
        Assert.Equal(1, saved.Value!.FailedCount);
        var raised = Assert.Single(saved.Value.Rectifications);
        Assert.Equal("ZG2018-0001", raised.Number);

        await using var db = _db.NewContext();
        var item = await db.Rectifications.SingleAsync();
        Assert.Equal(RectificationSource.Inspection, item.Source);
        Assert.Equal(saved.Value.Id, item.VisitId);
        Assert.Equal("H-HOUSE", item.QuestionCode);
        Assert.Equal(target.RegionCode, item.RegionCode);
        Assert.Equal(target.HouseholdId, item.HouseholdId);
        Assert.Equal("农户住房不安全（危房未改造）（后墙开裂）", item.Problem);
        Assert.Equal("石门乡人民政府", item.ResponsibleUnit);
        Assert.Null(item.ResponsiblePerson);
        Assert.Null(item.OwnerUserId);
        Assert.Equal(new DateOnly(2018, 10, 8), item.FoundOn);
        Assert.Equal(new DateOnly(2018, 11, 7), item.Deadline);
        Assert.Equal("整改前后对比照片及相关佐证材料", item.RequiredEvidence);
        Assert.Equal(RectificationStatus.Pending, item.Status);
        Assert.Equal("县督查组", item.CreatedBy);
        var history = await db.RectificationEvents.SingleAsync();
        Assert.Equal(item.Id, history.RectificationId);
        Assert.Equal(RectificationEventKind.Created, history.Kind);
        var answers = await db.InspectionAnswers.Where(a => a.VisitId == saved.Value.Id).ToListAsync();
        Assert.Equal(11, answers.Count);
        Assert.Equal(["H-HOUSE"], answers.Where(a => a.Failed).Select(a => a.QuestionCode));
        var photo = await db.InspectionPhotos.SingleAsync();
        Assert.Equal("image/png", photo.ContentType);
        Assert.DoesNotContain("GPS", Encoding.ASCII.GetString(photo.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visit_ResentWithTheSameClientKey_StoresNothingMore()
    {
        var (plan, target) = await OpenPlanAsync();
        var key = Guid.NewGuid();
        var first = await RecordAsync(plan, target.Id, key, PassingHousehold(("H-CADRE", "否", null)));
        var again = await RecordAsync(plan, target.Id, key, PassingHousehold(("H-CADRE", "否", null), ("H-WATER", "否", null)));
        Assert.True(first.IsOk && again.IsOk);
        Assert.False(first.Value!.Repeated);
        Assert.True(again.Value!.Repeated);
        Assert.Equal(first.Value.Id, again.Value.Id);
        Assert.Equal(first.Value.Rectifications.Select(r => r.Number), again.Value.Rectifications.Select(r => r.Number));
        await using var db = _db.NewContext();
        Assert.Equal(1, await db.InspectionVisits.CountAsync());
        Assert.Equal(1, await db.Rectifications.CountAsync());
        Assert.Equal(11, await db.InspectionAnswers.CountAsync());
    }

    [Fact]
    public async Task Visit_InvalidAnswerOrPhoto_IsRefusedLeavingNothing()
    {
        var (plan, target) = await OpenPlanAsync();
        var wrong = await RecordAsync(plan, target.Id, Guid.NewGuid(), PassingHousehold(("H-HOUSE", "也许", null)));
        Assert.Contains(wrong.Failure!.Errors, e => e.Code == "inspection.answer_invalid" && e.Field == "Answers.H-HOUSE");
        var missing = await RecordAsync(plan, target.Id, Guid.NewGuid(), [.. PassingHousehold(("H-HOUSE", "否", null)).Where(a => a.QuestionCode != "H-FOOD")]);
        Assert.Contains(missing.Failure!.Errors, e => e.Code == "inspection.answer_required" && e.Field == "Answers.H-FOOD");
        var pdf = await RecordAsync(plan, target.Id, Guid.NewGuid(), PassingHousehold(("H-HOUSE", "否", null)),
            [new VisitPhoto(null, new Fupin.Projects.UploadedFile("a.jpg", "%PDF-1.4 fake"u8.ToArray()))]);
        Assert.Contains(pdf.Failure!.Errors, e => e.Code == "inspection.photo_type");
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.InspectionVisits.CountAsync());
        Assert.Equal(0, await db.InspectionAnswers.CountAsync());
        Assert.Equal(0, await db.InspectionPhotos.CountAsync());
        Assert.Equal(0, await db.Rectifications.CountAsync());
    }

    [Fact]
    public async Task Visit_NonRegisteredSlot_NeedsTheHeadsName_AndSealedPlanTakesNoVisits()
    {
        var (plan, slot) = await OpenPlanAsync(InspectionStratum.NonRegistered);
        var noName = await RecordAsync(plan, slot.Id, Guid.NewGuid(), PassingHousehold());
        Assert.Contains(noName.Failure!.Errors, e => e.Code == "inspection.head_required");
        var named = await RecordAsync(plan, slot.Id, Guid.NewGuid(), PassingHousehold(), head: "王建国");
        Assert.True(named.IsOk);
        Assert.Empty(named.Value!.Rectifications);

        var sealedPlan = await DrawAsync(5);
        var target = (await TargetsAsync(sealedPlan.Value!.Id)).First(t => t.Stratum == InspectionStratum.NotExited);
        var refused = await RecordAsync(sealedPlan.Value.Id, target.Id, Guid.NewGuid(), PassingHousehold());
        Assert.Contains(refused.Failure!.Errors, e => e.Code == "inspection.not_open");
    }

    [Fact]
    public async Task Target_ShowsTheQuestionsOfItsKind_AndTheRegisterFacts()
    {
        var (plan, target) = await OpenPlanAsync();
        await using var db = _db.NewContext();
        var details = await new GetInspectionTarget(db, _db.Clock).HandleAsync(plan, target.Id, default);
        Assert.NotNull(details);
        Assert.All(details.Questions, q => Assert.Equal(ChecklistSubject.Household, q.Subject));
        Assert.Equal(11, details.Questions.Count);
        Assert.Contains(details.Facts, f => f.Label == "帮扶责任人" && f.Value == "未登记");
        Assert.Contains(details.Facts, f => f.Label == "住房等级" && f.Value == "A级");
        Assert.Single(details.Members);
    }
}
