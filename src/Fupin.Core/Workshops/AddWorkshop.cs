using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Relocation;

namespace Fupin.Workshops;

public sealed record WorkshopInput
{
    public string? VillageCode { get; init; }
    public string? Name { get; init; }
    public long? ProjectId { get; init; }
    public WorkshopStatus Status { get; init; } = WorkshopStatus.Building;
    public string? Company { get; init; }
    public string? Contact { get; init; }
    public string? ContactPhone { get; init; }
    public string? Products { get; init; }
    public DateOnly? OpenedOn { get; init; }
    public int JobsPlanned { get; init; }
    public int WorkersTotal { get; init; }
}

public sealed record AddWorkshopRequest(WorkshopInput Workshop, string User, Role Role);

public sealed record WorkshopSaved(long Id, long Version);

/// <summary>
/// A new employment workshop in a village of the user's scope; a linked project is a workshop project;
/// an opening date is not in the future. Bad input writes nothing.
/// </summary>
public sealed class AddWorkshop(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<WorkshopSaved>> HandleAsync(AddWorkshopRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([WorkshopRules.NotAllowed(nameof(WorkshopInput.Name))]);
        var errors = await ValidateAsync(db, request.Workshop, clock.Today(), ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        var village = request.Workshop.VillageCode!.Trim();
        var w = new Workshop { CountyCode = village[..6], VillageCode = village, Name = "" };
        Apply(w, request.Workshop);
        db.Workshops.Add(w);
        await db.SaveChangesAsync(ct);
        return new WorkshopSaved(w.Id, w.Version);
    }

    static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static void Apply(Workshop w, WorkshopInput input)
    {
        w.VillageCode = input.VillageCode!.Trim();
        w.CountyCode = w.VillageCode[..6];
        w.Name = input.Name!.Trim();
        w.ProjectId = input.ProjectId;
        w.Status = input.Status;
        w.Company = Text(input.Company);
        w.Contact = Text(input.Contact);
        w.ContactPhone = Text(input.ContactPhone);
        w.Products = Text(input.Products);
        w.OpenedOn = input.OpenedOn;
        w.JobsPlanned = input.JobsPlanned;
        w.WorkersTotal = input.WorkersTotal;
    }

    internal static async Task<List<FieldError>> ValidateAsync(AppDbContext db, WorkshopInput w, DateOnly today, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (await RelocationRules.CheckRegionAsync(db, nameof(w.VillageCode), w.VillageCode?.Trim() ?? "", villageOnly: true, "workshops", ct) is { } r) errors.Add(r);
        var name = w.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(w.Name), "workshops.name_required", "请填写车间名称"));
        else if (name.Length > 64) errors.Add(new FieldError(nameof(w.Name), "workshops.name_too_long", "车间名称不能超过64字"));
        if (await RelocationRules.CheckProjectAsync(db, nameof(w.ProjectId), w.ProjectId, ProjectCategory.Workshop, "workshops", ct) is { } p) errors.Add(p);
        if (!Enum.IsDefined(w.Status)) errors.Add(new FieldError(nameof(w.Status), "workshops.status_invalid", "请选择车间状态"));
        foreach (var (field, value, max, label) in new[]
        {
            (nameof(w.Company), w.Company, 100, "经营主体"), (nameof(w.Contact), w.Contact, 40, "联系人"),
            (nameof(w.ContactPhone), w.ContactPhone, 20, "联系电话"), (nameof(w.Products), w.Products, 200, "主要产品"),
        })
        {
            if (value?.Trim().Length > max) errors.Add(new FieldError(field, "workshops.text_too_long", $"{label}不能超过{max}字"));
        }
        if (w.OpenedOn is { } d && d > today) errors.Add(new FieldError(nameof(w.OpenedOn), "workshops.opened_future", "投产日期不能晚于今天"));
        if (w.Status == WorkshopStatus.Operating && w.OpenedOn is null)
            errors.Add(new FieldError(nameof(w.OpenedOn), "workshops.opened_required", "运营中的车间请填写投产日期"));
        if (w.JobsPlanned is < 0 or > 100_000) errors.Add(new FieldError(nameof(w.JobsPlanned), "workshops.count_invalid", "设计岗位数应为0或正整数"));
        if (w.WorkersTotal is < 0 or > 100_000) errors.Add(new FieldError(nameof(w.WorkersTotal), "workshops.count_invalid", "务工人数应为0或正整数"));
        return errors;
    }
}
