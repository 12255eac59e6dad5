using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary><see cref="Year"/> is the income year (defaults to the year of <see cref="PaidOn"/>); <see cref="ContractId"/>, when given, must be the party's.</summary>
public sealed record RecordLinkagePaymentRequest
{
    public long PartyId { get; init; }
    public long? ContractId { get; init; }
    public long AmountFen { get; init; }
    public DateOnly PaidOn { get; init; }
    public int? Year { get; init; }
    public string? Note { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record LinkagePaymentSaved(long Id, long ContractId, long PartyId, long HouseholdId, int Year, long AmountFen, IncomePart PartFed);

/// <summary>
/// A payment to one party. The amount is added to the household's income record of the payment's year in the part the
/// contract's kind feeds (<see cref="IndustryLabels.PartFed"/>); a household with no record for the year gets one. The
/// payment and the income change (audited with the contract in the reason) are one transaction. Refused (nothing written):
/// a date after today, an amount not above zero, a year the contract does not run in.
/// </summary>
public sealed class RecordLinkagePayment(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkagePaymentSaved>> HandleAsync(RecordLinkagePaymentRequest request, CancellationToken ct)
    {
        var party = await db.LinkageParties.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PartyId, ct);
        if (party is null || (request.ContractId is { } cid && cid != party.ContractId)) return Result.NotFound("未找到该联结对象");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.AmountFen))]);
        var contract = await db.LinkageContracts.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == party.ContractId, ct);
        var result = await LinkagePayments.PayAsync(db, clock, contract, [(party, request.AmountFen)], request.PaidOn, request.Year, request.Note, request.User, ct);
        return result.IsOk ? result.Value.Payments[0] : result.Failure;
    }
}

/// <summary>A dividend day: every party of the contract (that the user may see) gets <see cref="AmountFen"/> each, or its agreed amount when null.</summary>
public sealed record RecordLinkagePaymentsRequest
{
    public long ContractId { get; init; }
    public long? AmountFen { get; init; }
    public DateOnly PaidOn { get; init; }
    public int? Year { get; init; }
    public string? Note { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record LinkagePaymentsSaved(long ContractId, int Year, int Count, long TotalFen, IReadOnlyList<LinkagePaymentSaved> Payments);

/// <summary>Pays every party of a contract at once, all or nothing: one refused party (no agreed amount) refuses the run.</summary>
public sealed class RecordLinkagePayments(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkagePaymentsSaved>> HandleAsync(RecordLinkagePaymentsRequest request, CancellationToken ct)
    {
        var contract = await db.LinkageContracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.ContractId, ct);
        if (contract is null) return Result.NotFound("未找到该利益联结合同");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.AmountFen))]);
        var parties = await db.LinkageParties.AsNoTracking().Where(p => p.ContractId == contract.Id).OrderBy(p => p.Id).ToListAsync(ct);
        if (parties.Count == 0)
            return Result.Invalid([new FieldError(nameof(request.ContractId), "payment.no_parties", "本合同还没有联结对象，无法统一发放")]);
        return await LinkagePayments.PayAsync(db, clock, contract,
            parties.Select(p => (p, request.AmountFen ?? p.AgreedPerYearFen ?? contract.AgreedPerYearFen)).ToList(),
            request.PaidOn, request.Year, request.Note, request.User, ct);
    }
}

/// <summary>The shared path of one payment and a dividend run.</summary>
static class LinkagePayments
{
    public static async Task<Result<LinkagePaymentsSaved>> PayAsync(AppDbContext db, TimeProvider clock, LinkageContract contract,
        IReadOnlyList<(LinkageParty Party, long AmountFen)> lines, DateOnly paidOn, int? yearGiven, string? note, string user, CancellationToken ct)
    {
        var today = clock.Today();
        var errors = new List<FieldError>();
        var inv = CultureInfo.InvariantCulture;
        var year = yearGiven ?? paidOn.Year;
        if (paidOn == default) errors.Add(new FieldError("PaidOn", "payment.date_required", "请填写支付日期"));
        else if (paidOn > today) errors.Add(new FieldError("PaidOn", LinkageRules.DateFutureCode, $"支付日期不能晚于今天（{LinkageRules.Date(today)}）"));
        else if (paidOn < contract.StartOn)
            errors.Add(new FieldError("PaidOn", LinkageRules.ContractInactiveCode, $"支付日期早于合同开始日期（{LinkageRules.Date(contract.StartOn)}）"));
        else if (year > paidOn.Year || year < paidOn.Year - 1)
            errors.Add(new FieldError("Year", "payment.year_invalid", $"收入年度应为支付当年或上一年（{(paidOn.Year - 1).ToString(inv)}—{paidOn.Year.ToString(inv)}）"));
        else if (!contract.ActiveIn(year))
            errors.Add(new FieldError("Year", LinkageRules.ContractInactiveCode,
                $"合同 {contract.Number} 在{year.ToString(inv)}年不在有效期内（{LinkageRules.Date(contract.StartOn)} 至 {(contract.EndOn is { } e ? LinkageRules.Date(e) : "长期")}）"));
        var bad = lines.Where(l => l.AmountFen <= 0 || l.AmountFen > LinkageRules.MaxFen).ToList();
        if (bad.Count > 0)
        {
            var numbers = await db.Households.IgnoreQueryFilters().Where(h => bad.Select(b => b.Party.HouseholdId).Contains(h.Id)).Select(h => h.Number).ToListAsync(ct);
            errors.Add(new FieldError("AmountFen", LinkageRules.AmountInvalidCode, lines.Count == 1
                ? "支付金额应大于0元且不超过1000万元"
                : $"{bad.Count.ToString(inv)}个联结对象没有约定金额或金额无效（户{string.Join("、", numbers.Take(5))}{(numbers.Count > 5 ? "等" : "")}），请填写统一发放金额"));
        }
        var text = LinkageRules.Text(note);
        if (text?.Length > 500) errors.Add(new FieldError("Note", "payment.text_too_long", "备注不能超过500字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var part = IndustryLabels.PartFed(contract.Kind);
        var now = clock.GetUtcNow();
        var by = LinkageRules.Clip(user, 64);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var incomes = await LinkageRules.IncomeRecordsAsync(db, lines.Select(l => l.Party.HouseholdId).ToList(), year, ct);
                var payments = new List<LinkagePayment>();
                foreach (var (p, amount) in lines)
                {
                    LinkageRules.Add(incomes[p.HouseholdId], part, amount);
                    var payment = new LinkagePayment
                    {
                        ContractId = contract.Id, PartyId = p.Id, CountyCode = p.CountyCode, VillageCode = p.VillageCode, HouseholdId = p.HouseholdId,
                        Year = year, PaidOn = paidOn, AmountFen = amount, Note = text, RecordedBy = by, RecordedAt = now,
                    };
                    db.LinkagePayments.Add(payment);
                    payments.Add(payment);
                }
                db.Audit.User = by;
                db.Audit.Reason = LinkageRules.IncomeReason(contract.Number, contract.Kind);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                var saved = payments.Select(x => new LinkagePaymentSaved(x.Id, x.ContractId, x.PartyId, x.HouseholdId, x.Year, x.AmountFen, part)).ToList();
                return new LinkagePaymentsSaved(contract.Id, year, saved.Count, saved.Sum(s => s.AmountFen), saved);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Result.Conflict("该户收入正被他人同时修改，请刷新后重试");
            }
            finally
            {
                db.Audit.Reason = null;
            }
        }
    }
}
