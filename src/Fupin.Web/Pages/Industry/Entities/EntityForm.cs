using Fupin.Data;
using Fupin.Industries;
using Fupin.Web.Pages.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Industry.Entities;

/// <summary>The entity form of the new and details pages; amounts in 元.</summary>
public sealed class EntityForm
{
    public string? RegionCode { get; set; }
    public string? Name { get; set; }
    public EntityKind Kind { get; set; } = EntityKind.Cooperative;
    public string? Level { get; set; }
    public long? IndustryId { get; set; }
    public string? CreditCode { get; set; }
    public string? LegalPerson { get; set; }
    public string? Contact { get; set; }
    public string? ContactPhone { get; set; }
    public long? WorkshopId { get; set; }
    public int Employees { get; set; }
    public double AreaMu { get; set; }
    public decimal AnnualOutputYuan { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }

    /// <summary>The input, or null when the output figure is not an amount in 元.</summary>
    public BusinessEntityInput? ToInput() => RelocationApi.FenOf(AnnualOutputYuan) is { } fen
        ? new BusinessEntityInput
        {
            RegionCode = RegionCode, Name = Name, Kind = Kind, Level = Level, IndustryId = IndustryId, CreditCode = CreditCode, LegalPerson = LegalPerson,
            Contact = Contact, ContactPhone = ContactPhone, WorkshopId = WorkshopId, Employees = Employees, AreaMu = AreaMu, AnnualOutputFen = fen,
            FoundedOn = FoundedOn, Note = Note,
        }
        : null;

    public static EntityForm Of(BusinessEntity e) => new()
    {
        RegionCode = e.RegionCode, Name = e.Name, Kind = e.Kind, Level = e.Level, IndustryId = e.IndustryId, CreditCode = e.CreditCode, LegalPerson = e.LegalPerson,
        Contact = e.Contact, ContactPhone = e.ContactPhone, WorkshopId = e.WorkshopId, Employees = e.Employees, AreaMu = e.AreaMu,
        AnnualOutputYuan = e.AnnualOutputFen / 100m, FoundedOn = e.FoundedOn, Note = e.Note, Version = e.Version,
    };
}

/// <summary>Choices the entity and contract forms offer.</summary>
public static class EntityChoices
{
    /// <summary>The active local industries of the user's counties.</summary>
    public static async Task<IReadOnlyList<(long Id, string Name)>> IndustriesAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Industries.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Name)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).Select(i => (i.Id, i.Name)).ToList();

    /// <summary>The workshops of the user's scope.</summary>
    public static async Task<IReadOnlyList<(long Id, string Name)>> WorkshopsAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Workshops.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(ct)).Select(w => (w.Id, w.Name)).ToList();
}
