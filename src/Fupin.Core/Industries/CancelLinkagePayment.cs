using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record CancelLinkagePaymentRequest(long PaymentId, string? Reason, string User, Role Role);

public sealed record LinkagePaymentCancelled(long Id, long ContractId, long HouseholdId, int Year, long AmountFen, IncomePart PartFed);

/// <summary>
/// Takes a payment back: the row goes and its amount leaves the household's income record of its year in the same part,
/// in one transaction, audited like the payment. Refused when that part no longer holds the amount (someone lowered it by hand).
/// </summary>
public sealed class CancelLinkagePayment(AppDbContext db)
{
    public async Task<Result<LinkagePaymentCancelled>> HandleAsync(CancelLinkagePaymentRequest request, CancellationToken ct)
    {
        var payment = await db.LinkagePayments.SingleOrDefaultAsync(p => p.Id == request.PaymentId, ct);
        if (payment is null) return Result.NotFound("未找到该笔支付记录");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.PaymentId))]);
        if (request.Reason?.Trim().Length > 200) return Result.Invalid([new FieldError(nameof(request.Reason), "payment.text_too_long", "撤销原因不能超过200字")]);
        var contract = await db.LinkageContracts.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == payment.ContractId, ct);
        var part = IndustryLabels.PartFed(contract.Kind);
        var income = await db.Incomes.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.HouseholdId == payment.HouseholdId && i.Year == payment.Year, ct);
        if (income is null || LinkageRules.Get(income, part) < payment.AmountFen)
            return Result.Invalid([new FieldError(nameof(request.PaymentId), "payment.income_changed",
                $"该户{payment.Year.ToString(CultureInfo.InvariantCulture)}年{IndustryLabels.Label(part)}已少于本笔{LinkageRules.Yuan(payment.AmountFen)}，无法自动扣回，请先核对收入")]);
        LinkageRules.Add(income, part, -payment.AmountFen);
        db.LinkagePayments.Remove(payment);
        var by = LinkageRules.Clip(request.User, 64);
        var why = LinkageRules.Text(request.Reason);
        db.Audit.User = by;
        db.Audit.Reason = "撤销" + LinkageRules.IncomeReason(contract.Number, contract.Kind) + (why is null ? "" : "（" + why + "）");
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
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
        return new LinkagePaymentCancelled(payment.Id, payment.ContractId, payment.HouseholdId, payment.Year, payment.AmountFen, part);
    }
}
