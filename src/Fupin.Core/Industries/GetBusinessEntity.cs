using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record BusinessEntityCard(long Id, string Name, EntityKind Kind, string KindLabel, string? Level, string CountyCode, string RegionCode, string RegionName,
    long? IndustryId, string? IndustryName, string? CreditCode, string? LegalPerson, string? Contact, string? ContactPhone,
    int Employees, double AreaMu, long AnnualOutputFen, DateOnly? FoundedOn, string? Note, string CreatedBy, long Version);

public sealed record LinkedWorkshop(long Id, string Name, string StatusLabel, string VillageCode);

/// <summary>One contract of an entity: parties and persons the user may see, paid for the year of the business date.</summary>
public sealed record EntityContractRow(long Id, string Number, LinkageKind Kind, string KindLabel, string? Model, long? IndustryId, string? IndustryName,
    DateOnly StartOn, DateOnly? EndOn, bool ActiveThisYear, long AgreedPerYearFen, int Households, int Persons, long PaidThisYearFen);

public sealed record BusinessEntityDetails(DateOnly AsOf, int Year, BusinessEntityCard Entity, LinkedWorkshop? Workshop,
    IReadOnlyList<EntityContractRow> Contracts, LinkageFigures ThisYear);

/// <summary>An entity with its contracts and its workshop record, if any.</summary>
public sealed class GetBusinessEntity(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<BusinessEntityDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var today = clock.Today();
        var e = await db.BusinessEntities.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return Result.NotFound("未找到该经营主体");
        var industries = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, [e.RegionCode], ct);
        var card = new BusinessEntityCard(e.Id, e.Name, e.Kind, IndustryLabels.Label(e.Kind), e.Level, e.CountyCode, e.RegionCode, GetSettlementSite.PlaceName(names, e.RegionCode),
            e.IndustryId, e.IndustryId is { } iid ? industries.GetValueOrDefault(iid) : null, e.CreditCode, e.LegalPerson, e.Contact, e.ContactPhone,
            e.Employees, e.AreaMu, e.AnnualOutputFen, e.FoundedOn, e.Note, e.CreatedBy, e.Version);
        LinkedWorkshop? workshop = null;
        if (e.WorkshopId is { } wid)
        {
            workshop = await db.Workshops.AsNoTracking().Where(w => w.Id == wid)
                .Select(w => new { w.Id, w.Name, w.Status, w.VillageCode }).ToListAsync(ct) is [var w]
                ? new LinkedWorkshop(w.Id, w.Name, ProjectLabels.Label(w.Status), w.VillageCode) : null;
        }
        var contracts = await db.LinkageContracts.AsNoTracking().Where(c => c.EntityId == id).OrderByDescending(c => c.StartOn).ThenBy(c => c.Number).ToListAsync(ct);
        var figures = await SearchBusinessEntities.FiguresByContractAsync(db, contracts.Select(c => c.Id).ToList(), today.Year, ct);
        var rows = contracts.Select(c =>
        {
            var f = figures[c.Id];
            return new EntityContractRow(c.Id, c.Number, c.Kind, IndustryLabels.Label(c.Kind), c.Model, c.IndustryId, c.IndustryId is { } i ? industries.GetValueOrDefault(i) : null,
                c.StartOn, c.EndOn, c.ActiveIn(today.Year) && c.StartOn <= today, c.AgreedPerYearFen, f.Households, f.Persons, f.PaidFen);
        }).ToList();
        var thisYear = await SearchBusinessEntities.FiguresAsync(db, db.LinkageContracts.Where(c => c.EntityId == id), today.Year, today, ct);
        return new BusinessEntityDetails(today, today.Year, card, workshop, rows, thisYear);
    }
}
