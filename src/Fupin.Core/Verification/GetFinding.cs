using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Imports;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

public sealed record GetFindingRequest(long FindingId);

/// <summary>The household a finding is about, as the field worker needs it: no ID numbers in full.</summary>
public sealed record FindingHousehold(long Id, string Number, PovertyStatus Status, string HeadName, int MemberCount);

public sealed record FindingMember(long Id, string Name, string IdNumberMasked, string Relation, int Age, string HealthLabel, bool IsDibao, bool IsTekun, string? StudentStatus, bool HasBasicMedical);

public sealed record FindingEventEntry(DateTimeOffset At, string User, string Action, FindingStatus? From, FindingStatus? To, string? FromLabel, string? ToLabel, string? Note);

public sealed record EvidenceFile(long Id, string FileName, string ContentType, int Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>What settling a finding as 属实 usually means in the registry: edit the member, or the household, and which fields.</summary>
public sealed record RegistryRemedy(bool Member, string Text);

public sealed record FindingDetails
{
    public long Id { get; init; }
    public required string Rule { get; init; }
    public required string RuleTitle { get; init; }
    public Severity Severity { get; init; }
    public required string Rationale { get; init; }
    public required string Action { get; init; }
    public required string Evidence { get; init; }
    public FindingStatus Status { get; init; }
    public required string StatusLabel { get; init; }
    public string? Note { get; init; }
    public required string VillageCode { get; init; }
    public required string VillageName { get; init; }
    public required string TownshipCode { get; init; }
    public required string TownshipName { get; init; }
    public required string AssignedTo { get; init; }
    public required string AssignedToName { get; init; }
    public required FindingHousehold Household { get; init; }
    public FindingMember? Member { get; init; }
    public long FirstRunId { get; init; }
    public long LastSeenRunId { get; init; }
    public long? GoneInRunId { get; init; }
    public bool Gone => GoneInRunId is not null;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
    public required RegistryRemedy Remedy { get; init; }
    public required IReadOnlyList<FindingEventEntry> Events { get; init; }
    public required IReadOnlyList<EvidenceFile> Files { get; init; }
}

/// <summary>One finding with its household, member, history and evidence files; one outside the user's scope is not found.</summary>
public sealed class GetFinding(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<FindingDetails>> HandleAsync(GetFindingRequest request, CancellationToken ct)
    {
        var f = await db.Findings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.FindingId, ct);
        if (f is null) return Result.NotFound("未找到该疑点");

        var township = f.VillageCode[..9];
        var names = await db.Regions.AsNoTracking().IgnoreQueryFilters()
            .Where(r => r.Code == f.VillageCode || r.Code == township || r.Code == f.AssignedTo)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var household = await db.Households.AsNoTracking().IgnoreQueryFilters().Where(h => h.Id == f.HouseholdId)
            .Select(h => new FindingHousehold(h.Id, h.Number, h.Status,
                h.Members.Where(m => m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault() ?? "",
                h.Members.Count))
            .SingleAsync(ct);

        FindingMember? member = null;
        if (f.MemberId is { } memberId)
        {
            var today = clock.Today();
            var m = await db.Members.AsNoTracking().IgnoreQueryFilters().Where(x => x.Id == memberId)
                .Select(x => new { x.Id, x.Name, x.IdNumber, x.Relation, x.BirthDate, x.Health, x.IsDibao, x.IsTekun, x.StudentStatus, x.HasBasicMedical })
                .SingleOrDefaultAsync(ct);
            if (m is not null)
            {
                var age = Member.Age(m.BirthDate, today);
                member = new FindingMember(m.Id, m.Name, m.IdNumber?.Masked ?? "", m.Relation, age, CodeCatalog.HealthLabel(m.Health),
                    m.IsDibao, m.IsTekun, m.StudentStatus, m.HasBasicMedical);
            }
        }

        var events = await db.FindingEvents.AsNoTracking().Where(e => e.FindingId == f.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var files = await db.FindingEvidence.AsNoTracking().Where(e => e.FindingId == f.Id).OrderBy(e => e.Id)
            .Select(e => new EvidenceFile(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAt))
            .ToListAsync(ct);

        var rule = ComparisonRules.Find(f.Rule);
        return new FindingDetails
        {
            Id = f.Id,
            Rule = f.Rule,
            RuleTitle = rule?.Title ?? f.Rule,
            Severity = rule?.Severity ?? Severity.Warning,
            Rationale = rule?.Rationale ?? "",
            Action = rule?.Action ?? "",
            Evidence = f.Evidence,
            Status = f.Status,
            StatusLabel = FindingWorkflow.Label(f.Status),
            Note = f.Note,
            VillageCode = f.VillageCode,
            VillageName = names.GetValueOrDefault(f.VillageCode, f.VillageCode),
            TownshipCode = township,
            TownshipName = names.GetValueOrDefault(township, township),
            AssignedTo = f.AssignedTo,
            AssignedToName = names.GetValueOrDefault(f.AssignedTo, f.AssignedTo),
            Household = household,
            Member = member,
            FirstRunId = f.FirstRunId,
            LastSeenRunId = f.LastSeenRunId,
            GoneInRunId = f.GoneInRunId,
            CreatedAt = f.CreatedAt,
            UpdatedAt = f.UpdatedAt,
            Version = f.Version,
            Remedy = Remedy(f.Rule, member is not null),
            Events = [.. events.Select(e => new FindingEventEntry(e.At, e.User, e.Action, e.From, e.To,
                e.From is { } from ? FindingWorkflow.Label(from) : null, e.To is { } to ? FindingWorkflow.Label(to) : null, e.Note))],
            Files = files,
        };
    }

    /// <summary>The registry edit a confirmed finding implies (the edit itself goes through the household or member edit, audited there).</summary>
    public static RegistryRemedy Remedy(string rule, bool hasMember) => rule switch
    {
        "list.deceased" => new(false, "在户信息中核减该成员（自然减员），并重算人均纯收入"),
        "list.moved_out" => new(false, "不在本户共同生活的，在户信息中核减该成员"),
        "list.payroll" or "list.vehicle" or "list.business" or "list.property" or "list.village_official"
            => new(false, "按程序清退的，更新户的贫困户属性、脱贫状态等户信息"),
        "list.dibao_not_registered" or "list.dibao_not_listed" => new(hasMember, "更正成员的“享受低保”"),
        "list.tekun_not_registered" or "list.tekun_not_listed" => new(hasMember, "更正成员的“特困供养”"),
        "list.not_enrolled" => new(hasMember, "更正成员的“在校生状况”或“文化程度”"),
        "list.uninsured" => new(hasMember, "办理参保后更正成员的“城乡居民基本医疗保险”"),
        "list.unsafe_housing" => new(false, "改造竣工后更正户的“住房安全等级”"),
        "list.disability_not_flagged" or "list.disability_not_listed" => new(hasMember, "更正成员的“健康状况”"),
        "list.name_mismatch" => new(hasMember, "更正成员的姓名或证件号码"),
        _ => new(hasMember, "在建档立卡信息中更正"),
    };
}
