using Fupin.Common;
using Fupin.Data;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record ContractHeader(long Id, string Number, LinkageKind Kind, string KindLabel, IncomePart PartFed, string PartFedLabel, string? Model,
    long? IndustryId, string? IndustryName, DateOnly StartOn, DateOnly? EndOn, long AgreedPerYearFen, string? Terms, string RegionCode, string RegionName,
    long EntityId, string EntityName, string EntityKindLabel, string CreatedBy, long Version);

public sealed record PaidInYear(int Year, long AgreedFen, long PaidFen);

/// <summary>One party: the household (number, head, village) or one person of it; agreed per year (its own or the contract's) and paid by year.</summary>
public sealed record PartyRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, long? MemberId, string? MemberName, string VillageCode, string VillageName,
    long AgreedPerYearFen, long? OwnAgreedPerYearFen, long? SharesFen, double? LandMu, int Persons, long PaidThisYearFen, IReadOnlyList<PaidInYear> Years, int Payments);

public sealed record ContractPaymentRow(long Id, long PartyId, string HouseholdNumber, string Name, int Year, DateOnly PaidOn, long AmountFen, string? Note, string RecordedBy);

public sealed record LinkageContractDetails(DateOnly AsOf, int Year, bool ActiveThisYear, ContractHeader Contract, IReadOnlyList<PartyRow> Parties,
    IReadOnlyList<ContractPaymentRow> Payments, IReadOnlyList<int> Years, long AgreedThisYearFen, long PaidThisYearFen, long PaidTotalFen);

/// <summary>A contract with its entity, the parties and payments of the households the user may see.</summary>
public sealed class GetLinkageContract(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkageContractDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var today = clock.Today();
        var c = await db.LinkageContracts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Result.NotFound("未找到该利益联结合同");
        var entity = await db.BusinessEntities.AsNoTracking().IgnoreQueryFilters().Where(e => e.Id == c.EntityId)
            .Select(e => new { e.Name, e.Kind }).SingleAsync(ct);
        string? industry = c.IndustryId is { } iid ? await db.Industries.AsNoTracking().Where(i => i.Id == iid).Select(i => i.Name).SingleOrDefaultAsync(ct) : null;
        var parties = await db.LinkageParties.AsNoTracking().Where(p => p.ContractId == id).OrderBy(p => p.VillageCode).ThenBy(p => p.Id).ToListAsync(ct);
        var householdIds = parties.Select(p => p.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, Size = h.Members.Count }).ToDictionaryAsync(h => h.Id, ct);
        var heads = await RelocationRules.HeadNamesAsync(db, db.Households.Where(h => householdIds.Contains(h.Id)).Select(h => h.Id), ct);
        var memberIds = parties.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).ToList();
        var memberNames = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var payments = await db.LinkagePayments.AsNoTracking().Where(p => p.ContractId == id).OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.Id).ToListAsync(ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, parties.Select(p => p.VillageCode).Append(c.RegionCode), ct);

        var lastYear = Math.Min(c.EndOn?.Year ?? today.Year, today.Year);
        var years = c.StartOn.Year > lastYear ? new List<int>() : Enumerable.Range(c.StartOn.Year, lastYear - c.StartOn.Year + 1).ToList();
        foreach (var y in payments.Select(p => p.Year).Distinct()) if (!years.Contains(y)) years.Add(y);
        years.Sort();
        var activeThisYear = c.ActiveIn(today.Year) && c.StartOn <= today;

        string Name(LinkageParty p) => p.MemberId is { } m ? memberNames.GetValueOrDefault(m, "") : heads.GetValueOrDefault(p.HouseholdId, "");
        var rows = parties.Select(p =>
        {
            var agreed = p.AgreedPerYearFen ?? c.AgreedPerYearFen;
            var own = payments.Where(x => x.PartyId == p.Id).ToList();
            var h = households.GetValueOrDefault(p.HouseholdId);
            return new PartyRow(p.Id, p.HouseholdId, h?.Number ?? "", heads.GetValueOrDefault(p.HouseholdId, ""), p.MemberId, p.MemberId is { } m ? memberNames.GetValueOrDefault(m) : null,
                p.VillageCode, GetSettlementSite.PlaceName(names, p.VillageCode), agreed, p.AgreedPerYearFen, p.SharesFen, p.LandMu,
                p.MemberId is null ? h?.Size ?? 0 : 1, own.Where(x => x.Year == today.Year).Sum(x => x.AmountFen),
                years.Select(y => new PaidInYear(y, agreed, own.Where(x => x.Year == y).Sum(x => x.AmountFen))).ToList(), own.Count);
        }).ToList();
        var byParty = parties.ToDictionary(p => p.Id);
        var paymentRows = payments.Select(p => new ContractPaymentRow(p.Id, p.PartyId, households.GetValueOrDefault(p.HouseholdId)?.Number ?? "",
            byParty.TryGetValue(p.PartyId, out var party) ? Name(party) : "", p.Year, p.PaidOn, p.AmountFen, p.Note, p.RecordedBy)).ToList();
        var header = new ContractHeader(c.Id, c.Number, c.Kind, IndustryLabels.Label(c.Kind), IndustryLabels.PartFed(c.Kind), IndustryLabels.Label(IndustryLabels.PartFed(c.Kind)),
            c.Model, c.IndustryId, industry, c.StartOn, c.EndOn, c.AgreedPerYearFen, c.Terms, c.RegionCode, GetSettlementSite.PlaceName(names, c.RegionCode),
            c.EntityId, entity.Name, IndustryLabels.Label(entity.Kind), c.CreatedBy, c.Version);
        return new LinkageContractDetails(today, today.Year, activeThisYear, header, rows, paymentRows, years,
            activeThisYear ? rows.Sum(r => r.AgreedPerYearFen) : 0, rows.Sum(r => r.PaidThisYearFen), payments.Sum(p => p.AmountFen));
    }
}
