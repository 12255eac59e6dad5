using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>One thing the register says, to compare with what is seen.</summary>
public sealed record RegisterFact(string Label, string Value);

/// <summary>A household member as registered (no ID number, no phone).</summary>
public sealed record RegisterMember(string Name, string Relation, int Age, string? StudentStatus, bool HasBasicMedical, bool IsDibao, bool IsTekun);

public sealed record InspectionVisitSummary(long Id, DateOnly VisitedOn, string Inspector, int FailedCount, string? HeadName);

/// <param name="Title">See <see cref="InspectionTargetRow.Title"/>.</param>
/// <param name="CanRecord">The plan is open (and the user may inspect: the caller decides that).</param>
public sealed record InspectionTargetDetails(long PlanId, string PlanName, InspectionStatus PlanStatus, DateOnly PlannedOn, long TemplateId,
    long TargetId, InspectionTargetKind Kind, InspectionStratum Stratum, int Slot, string TownshipCode, string TownshipName, string RegionCode,
    string RegionName, string Title, long? HouseholdId, long? WorkshopId, long? SiteId, IReadOnlyList<RegisterFact> Facts,
    IReadOnlyList<RegisterMember> Members, IReadOnlyList<ChecklistQuestionView> Questions, IReadOnlyList<InspectionVisitSummary> Visits)
{
    public bool CanRecord => PlanStatus == InspectionStatus.Open;
    public bool IsNonRegisteredSlot => Stratum == InspectionStratum.NonRegistered;
}

/// <summary>
/// One target of a plan with what to check: the template's questions whose subject is the target's kind, and what the
/// register says (a household's members with age, schooling, medical insurance, dibao and tekun, its housing grade,
/// water and pairing cadre; a workshop's status and poor workers; a site's households moved in; a village's poor
/// households). A sealed plan's targets do not exist for townships and villages (the query filter).
/// </summary>
public sealed class GetInspectionTarget(AppDbContext db, TimeProvider clock)
{
    public async Task<InspectionTargetDetails?> HandleAsync(long planId, long targetId, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var plan = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        var target = await db.InspectionTargets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, ct);
        if (target is null) return null;
        var today = clock.Today();
        var names = await db.Regions.AsNoTracking().Where(r => r.Code == target.TownshipCode || r.Code == target.RegionCode)
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        var title = (await GetInspectionPlan.TitlesAsync(db, [target], ct)).GetValueOrDefault(target.Id) ?? "";
        var subject = InspectionSubjects.Of(target.Kind);
        var questions = await db.ChecklistQuestions.AsNoTracking().Where(q => q.TemplateId == plan.TemplateId && q.Subject == subject)
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id).ToListAsync(ct);
        var visits = await db.InspectionVisits.AsNoTracking().Where(v => v.TargetId == targetId).OrderBy(v => v.Id)
            .Select(v => new InspectionVisitSummary(v.Id, v.VisitedOn, v.Inspector, v.FailedCount, v.HeadName)).ToListAsync(ct);

        var facts = new List<RegisterFact>();
        var members = new List<RegisterMember>();
        string YesNo(bool b) => b ? "是" : "否";
        switch (target)
        {
            case { HouseholdId: { } hid }:
            {
                var h = await db.Households.AsNoTracking().Where(x => x.Id == hid)
                    .Select(x => new { x.Number, x.Status, x.Attribute, x.HousingGrade, x.SafeDrinkingWater, x.HousingArea }).FirstOrDefaultAsync(ct);
                if (h is null) break;
                var rows = await db.Members.AsNoTracking().Where(m => m.HouseholdId == hid).OrderBy(m => m.Id)
                    .Select(m => new { m.Name, m.Relation, m.BirthDate, m.StudentStatus, m.HasBasicMedical, m.IsDibao, m.IsTekun }).ToListAsync(ct);
                members = [.. rows.Select(m => new RegisterMember(m.Name, m.Relation, Member.Age(m.BirthDate, today), m.StudentStatus, m.HasBasicMedical, m.IsDibao, m.IsTekun))];
                var cadres = await db.Pairings.AsNoTracking().Where(p => p.HouseholdId == hid && p.From <= today && (p.To == null || p.To >= today))
                    .OrderBy(p => p.Id).Select(p => new { p.CadreName, p.CadreUnit }).ToListAsync(ct);
                var site = await db.RelocatedHouseholds.AsNoTracking().Where(r => r.HouseholdId == hid)
                    .Join(db.SettlementSites, r => r.SiteId, s => s.Id, (r, s) => new { s.Name, r.MovedInOn, r.StableJobs }).FirstOrDefaultAsync(ct);
                facts.Add(new("户编号", h.Number));
                facts.Add(new("贫困状态", CodeCatalog.Label(h.Status)));
                facts.Add(new("户属性", CodeCatalog.Label(h.Attribute)));
                facts.Add(new("家庭人口", members.Count.ToString(inv) + "人"));
                facts.Add(new("在校生", members.Count(m => !string.IsNullOrEmpty(m.StudentStatus)).ToString(inv) + "人"));
                facts.Add(new("参加基本医疗保险", $"{members.Count(m => m.HasBasicMedical).ToString(inv)}/{members.Count.ToString(inv)}人"));
                facts.Add(new("低保/特困", members.Any(m => m.IsTekun) ? "特困供养" : members.Any(m => m.IsDibao) ? "低保" : "无"));
                facts.Add(new("住房等级", CodeCatalog.Label(h.HousingGrade)));
                facts.Add(new("饮水安全", YesNo(h.SafeDrinkingWater)));
                facts.Add(new("帮扶责任人", cadres.Count == 0 ? "未登记" : string.Join("；", cadres.Select(c => c.CadreUnit is { Length: > 0 } u ? $"{c.CadreName}（{u}）" : c.CadreName))));
                if (site is not null)
                {
                    facts.Add(new("易地搬迁", site.Name + (site.MovedInOn is { } d ? $"，{d:yyyy-MM-dd}入住" : "，未入住")));
                    facts.Add(new("登记稳定就业", site.StableJobs.ToString(inv) + "人"));
                }
                break;
            }
            case { WorkshopId: { } wid }:
            {
                var w = await db.Workshops.AsNoTracking().Where(x => x.Id == wid)
                    .Select(x => new { x.Name, x.Status, x.JobsPlanned, x.WorkersTotal, x.Company, x.OpenedOn }).FirstOrDefaultAsync(ct);
                if (w is null) break;
                var poor = await db.WorkshopWorkers.AsNoTracking().CountAsync(x => x.WorkshopId == wid && x.StartedOn <= today && (x.EndedOn == null || x.EndedOn > today), ct);
                var month = await db.WorkshopMonths.AsNoTracking().Where(m => m.WorkshopId == wid).OrderByDescending(m => m.Month)
                    .Select(m => new { m.Month, m.Workers, m.PoorWorkers }).FirstOrDefaultAsync(ct);
                facts.Add(new("车间状态", ProjectLabels.Label(w.Status)));
                if (w.Company is { Length: > 0 }) facts.Add(new("经营主体", w.Company));
                if (w.OpenedOn is { } o) facts.Add(new("投产日期", o.ToString("yyyy-MM-dd", inv)));
                facts.Add(new("设计岗位", w.JobsPlanned.ToString(inv) + "个"));
                facts.Add(new("务工总人数", w.WorkersTotal.ToString(inv) + "人"));
                facts.Add(new("登记在岗贫困务工", poor.ToString(inv) + "人"));
                if (month is not null) facts.Add(new($"{month.Month:yyyy年M月}月报", $"务工{month.Workers.ToString(inv)}人，其中贫困{month.PoorWorkers.ToString(inv)}人"));
                break;
            }
            case { SiteId: { } sid }:
            {
                var s = await db.SettlementSites.AsNoTracking().Where(x => x.Id == sid)
                    .Select(x => new { x.Name, x.CapacityPersons, x.HousesPlanned, x.HousesBuilt, x.HousesHandedOver }).FirstOrDefaultAsync(ct);
                if (s is null) break;
                var moved = await db.RelocatedHouseholds.AsNoTracking().Where(r => r.SiteId == sid)
                    .Select(r => new { r.Persons, r.MovedInOn, r.StableJobs }).ToListAsync(ct);
                facts.Add(new("规划安置", $"{s.CapacityPersons.ToString(inv)}人，{s.HousesPlanned.ToString(inv)}套"));
                facts.Add(new("已建成/已交房", $"{s.HousesBuilt.ToString(inv)}套/{s.HousesHandedOver.ToString(inv)}套"));
                facts.Add(new("登记搬迁户", $"{moved.Count.ToString(inv)}户{moved.Sum(m => m.Persons).ToString(inv)}人"));
                facts.Add(new("已入住", $"{moved.Count(m => m.MovedInOn is not null).ToString(inv)}户"));
                facts.Add(new("登记稳定就业", $"{moved.Sum(m => m.StableJobs).ToString(inv)}人"));
                break;
            }
            case { Kind: InspectionTargetKind.Village }:
            {
                var v = await db.Regions.AsNoTracking().Where(r => r.Code == target.RegionCode).Select(r => new { r.IsPoorVillage, r.RuralPopulation, r.ExitYear }).FirstOrDefaultAsync(ct);
                var hs = await db.Households.AsNoTracking().Where(h => h.VillageCode == target.RegionCode)
                    .Select(h => new { h.Status, Persons = db.Members.Count(m => m.HouseholdId == h.Id) }).ToListAsync(ct);
                var poor = hs.Where(h => h.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).ToList();
                facts.Add(new("贫困村", v is null ? "" : v.IsPoorVillage ? (v.ExitYear is { } y ? $"是（{y.ToString(inv)}年退出）" : "是") : "否"));
                facts.Add(new("建档立卡户", $"{hs.Count.ToString(inv)}户{hs.Sum(h => h.Persons).ToString(inv)}人"));
                facts.Add(new("未脱贫", $"{poor.Count.ToString(inv)}户{poor.Sum(h => h.Persons).ToString(inv)}人"));
                facts.Add(new("已脱贫", $"{(hs.Count - poor.Count).ToString(inv)}户"));
                if (v?.RuralPopulation is > 0 and var pop)
                    facts.Add(new("贫困发生率", (100m * poor.Sum(h => h.Persons) / pop).ToString("0.00", inv) + "%"));
                break;
            }
        }
        return new InspectionTargetDetails(plan.Id, plan.Name, plan.Status, plan.PlannedOn, plan.TemplateId, target.Id, target.Kind, target.Stratum, target.Slot,
            target.TownshipCode, names.GetValueOrDefault(target.TownshipCode) ?? target.TownshipCode, target.RegionCode,
            names.GetValueOrDefault(target.RegionCode) ?? target.RegionCode, title, target.HouseholdId, target.WorkshopId, target.SiteId,
            facts, members, [.. questions.Select(ChecklistQuestionView.Of)], visits);
    }
}

/// <summary>Which questions a target is asked.</summary>
public static class InspectionSubjects
{
    public static ChecklistSubject Of(InspectionTargetKind kind) => kind switch
    {
        InspectionTargetKind.Village => ChecklistSubject.Village,
        InspectionTargetKind.Workshop => ChecklistSubject.Workshop,
        InspectionTargetKind.SettlementSite => ChecklistSubject.SettlementSite,
        _ => ChecklistSubject.Household,
    };
}
