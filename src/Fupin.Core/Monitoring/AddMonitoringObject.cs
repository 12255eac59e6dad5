using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <summary>
/// A monitoring object proposed by hand: either a registered household (<see cref="HouseholdId"/>),
/// or a household not in the register given by village, head's name, head's ID number and persons.
/// </summary>
public sealed record AddMonitoringObjectRequest
{
    public long? HouseholdId { get; init; }
    public string? VillageCode { get; init; }
    public string? HeadName { get; init; }
    public string? HeadIdNumber { get; init; }
    public int? Persons { get; init; }
    public MonitoringType Type { get; init; }
    public IReadOnlyList<RiskType> Risks { get; init; } = [];
    public string? Reason { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record MonitoringObjectSaved(long Id, MonitoringStatus Status, string StatusLabel, long Version);

/// <summary>
/// Writes a 拟纳入 object proposed by hand. A registered household must have exited (a poor one is
/// not monitored) and is 脱贫不稳定户 or 突发严重困难户; a non-registered one is 边缘易致贫户 or
/// 突发严重困难户, and its head's ID number must be valid and not a registered member's. A household
/// with an open object is not proposed again. Bad input writes nothing.
/// </summary>
public sealed class AddMonitoringObject(AppDbContext db, TimeProvider clock)
{
    public const int MaxReason = 1000;

    public async Task<Result<MonitoringObjectSaved>> HandleAsync(AddMonitoringObjectRequest request, CancellationToken ct)
    {
        if (!MonitoringRoles.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Type), MonitoringRoles.NotAllowedCode, MonitoringRoles.NotAllowedMessage)]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors.Add(new FieldError(nameof(request.Reason), "monitoring.reason_required", "请填写纳入理由"));
        else if (reason.Length > MaxReason)
            errors.Add(new FieldError(nameof(request.Reason), "monitoring.reason_too_long", $"纳入理由不能超过{MaxReason}字"));
        if (!Enum.IsDefined(request.Type))
            errors.Add(new FieldError(nameof(request.Type), "monitoring.type_invalid", "请选择监测对象类别"));
        if (request.Risks.Count == 0)
            errors.Add(new FieldError(nameof(request.Risks), "monitoring.risk_required", "请至少选择一项风险类型"));
        else if (request.Risks.Any(r => !Enum.IsDefined(r)))
            errors.Add(new FieldError(nameof(request.Risks), "monitoring.risk_invalid", "风险类型无效"));

        MonitoringObject o;
        if (request.HouseholdId is { } householdId)
        {
            var h = await db.Households.AsNoTracking().Where(x => x.Id == householdId)
                .Select(x => new
                {
                    x.Id, x.CountyCode, x.VillageCode, x.Status, Persons = x.Members.Count,
                    Head = x.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (h is null) return Result.NotFound("未找到该户");
            if (!MonitoringRules.IsExited(h.Status))
                errors.Add(new FieldError(nameof(request.HouseholdId), "monitoring.household_poor", "该户尚未脱贫（或已返贫），按贫困户帮扶，不作为防返贫监测对象"));
            if (request.Type == MonitoringType.Marginal)
                errors.Add(new FieldError(nameof(request.Type), "monitoring.type_mismatch", "边缘易致贫户是未建档立卡的农户；建档立卡已脱贫户应选脱贫不稳定户或突发严重困难户"));
            if (await db.MonitoringObjects.IgnoreQueryFilters().AnyAsync(x => x.HouseholdId == householdId
                    && (x.Status == MonitoringStatus.Proposed || x.Status == MonitoringStatus.Monitored), ct))
                errors.Add(new FieldError(nameof(request.HouseholdId), "monitoring.duplicate", "该户已有拟纳入或监测中的监测对象"));
            o = new MonitoringObject
            {
                CountyCode = h.CountyCode, VillageCode = h.VillageCode, HouseholdId = h.Id, HeadName = h.Head ?? "", Persons = h.Persons,
                Reason = reason ?? "", ProposedBy = request.User,
            };
        }
        else
        {
            var village = request.VillageCode?.Trim() ?? "";
            if (village.Length == 0)
                errors.Add(new FieldError(nameof(request.VillageCode), "monitoring.village_required", "请选择所在行政村"));
            else if (!(village.Length == 12 && village.All(char.IsAsciiDigit)
                    && db.Scope.Covers(village)
                    && await db.Regions.AnyAsync(r => r.Code == village && r.Level == RegionLevel.Village, ct)))
                errors.Add(new FieldError(nameof(request.VillageCode), "region.unknown", $"行政村“{village}”不存在或不在您的管理范围内"));
            var name = request.HeadName?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add(new FieldError(nameof(request.HeadName), "monitoring.head_required", "请填写户主姓名"));
            else if (name.Length > 40)
                errors.Add(new FieldError(nameof(request.HeadName), "monitoring.head_too_long", "户主姓名不能超过40字"));
            ResidentId? id = null;
            var parsed = ResidentId.Parse(request.HeadIdNumber, today);
            if (!parsed.IsValid)
                errors.Add(new FieldError(nameof(request.HeadIdNumber), "monitoring.id_invalid", $"户主证件号码有误：{parsed.MessageZh}"));
            else
            {
                id = parsed.Id;
                var key = parsed.Id.Value;
                if (await db.Members.IgnoreQueryFilters().AnyAsync(m => m.IdNumber == key, ct))
                    errors.Add(new FieldError(nameof(request.HeadIdNumber), "monitoring.id_registered", "该证件号码属于建档立卡户成员，请按建档立卡户（户编号）录入"));
                else if (await db.MonitoringObjects.IgnoreQueryFilters().AnyAsync(x => x.HeadIdNumber == key
                        && (x.Status == MonitoringStatus.Proposed || x.Status == MonitoringStatus.Monitored), ct))
                    errors.Add(new FieldError(nameof(request.HeadIdNumber), "monitoring.duplicate", "该户已有拟纳入或监测中的监测对象"));
            }
            if (request.Persons is not (>= 1 and <= 30))
                errors.Add(new FieldError(nameof(request.Persons), "monitoring.persons_invalid", "家庭人口应为1至30人"));
            if (request.Type == MonitoringType.UnstableExited)
                errors.Add(new FieldError(nameof(request.Type), "monitoring.type_mismatch", "脱贫不稳定户须是建档立卡已脱贫户；未建档立卡的农户应选边缘易致贫户或突发严重困难户"));
            o = new MonitoringObject
            {
                CountyCode = village.Length >= 6 ? village[..6] : village, VillageCode = village, HeadName = name, HeadIdNumber = id,
                Persons = request.Persons ?? 0, Reason = reason ?? "", ProposedBy = request.User,
            };
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        o.Type = request.Type;
        o.Risks = [.. request.Risks.Distinct().Order()];
        o.Status = MonitoringStatus.Proposed;
        o.ProposedOn = today;
        o.ProposedBy = MonitoringLog.Clip(request.User, 64);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.MonitoringObjects.Add(o);
        await db.SaveChangesAsync(ct);
        MonitoringLog.Add(db, request.User, o, "新增", "监测对象", null,
            $"{MonitoringLabels.Label(o.Type)}：{MonitoringLabels.Risks(o.Risks)}", $"人工拟纳入监测对象#{o.Id}：{o.Reason}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MonitoringObjectSaved(o.Id, o.Status, MonitoringLabels.Label(o.Status), o.Version);
    }
}
