using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

public sealed record RecordPaymentRequest
{
    public long AllocationId { get; init; }
    public PaymentKind Kind { get; init; }
    public long AmountFen { get; init; }
    public DateOnly PaidOn { get; init; }
    public string? Payee { get; init; }
    public string? VoucherNo { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record PaymentSaved(long Id, long AllocationId, long ProjectId, PaymentKind Kind, long AmountFen,
    long AllocationDisbursedFen, long AllocationSpentFen, long ProjectDisbursedFen, long ProjectSpentFen);

/// <summary>
/// Records a 拨付 (the treasury pays the implementing unit) or a 支出 (the unit pays contractors,
/// suppliers, households) against one allocation. The payment, the allocation's totals and the
/// project's totals are written in one transaction with their Versions bumped (a racing payment
/// re-reads and is judged again). Refused (nothing written) when:
/// <list type="bullet">
/// <item>funds.over_payment — a 拨付 beyond the allocation's remaining (下达 − 已拨付); the message names the remaining in 元.</item>
/// <item>funds.over_expenditure — a 支出 beyond what was disbursed by its date and not yet spent
/// (Σ拨付 up to the payment date − Σ支出): money cannot be spent before it was paid out, so a
/// back-dated 支出 cannot lean on a later 拨付.</item>
/// <item>funds.date_* — the date is after today or before the allocation's date.</item>
/// </list>
/// </summary>
public sealed class RecordPayment(AppDbContext db, TimeProvider clock)
{
    public const int MaxPayee = 100;
    public const int MaxVoucher = 64;

    public async Task<Result<PaymentSaved>> HandleAsync(RecordPaymentRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanManageFunds(request.Role))
            return Result.Invalid([new FieldError(nameof(request.AmountFen), ProjectRoles.NotAllowedCode, FundRules.NotAllowedMessage)]);
        return await FundRules.RetryOnConflictAsync(db, () => TryAsync(request, ct), "该笔下达资金或项目正被他人同时修改，请刷新后重试");
    }

    async Task<Result<PaymentSaved>> TryAsync(RecordPaymentRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var errors = new List<FieldError>();
        var allocation = await db.FundAllocations.SingleOrDefaultAsync(a => a.Id == request.AllocationId, ct);
        var project = allocation is null ? null : await db.Projects.SingleOrDefaultAsync(p => p.Id == allocation.ProjectId, ct);
        if (allocation is null || project is null)
            return Result.Invalid([new FieldError(nameof(request.AllocationId), "funds.allocation_unknown", "下达记录不存在或不在您的管理范围内")]);
        if (!Enum.IsDefined(request.Kind))
            errors.Add(new FieldError(nameof(request.Kind), "funds.kind_invalid", "请选择拨付或支出"));
        var payee = FundRules.Optional(request.Payee, MaxPayee, nameof(request.Payee), "收款单位", errors);
        var voucher = FundRules.Optional(request.VoucherNo, MaxVoucher, nameof(request.VoucherNo), "凭证号", errors);
        var label = Enum.IsDefined(request.Kind) ? ProjectLabels.Label(request.Kind) : "付款";
        var dateOk = false;
        if (request.PaidOn == default)
            errors.Add(new FieldError(nameof(request.PaidOn), "funds.date_required", $"请填写{label}日期"));
        else if (request.PaidOn > today)
            errors.Add(new FieldError(nameof(request.PaidOn), FundRules.DateInFuture, $"{label}日期不能晚于今天（{FundRules.Date(today)}）"));
        else if (request.PaidOn < allocation.AllocatedOn)
            errors.Add(new FieldError(nameof(request.PaidOn), "funds.date_before_allocation", $"{label}日期不能早于资金下达日期（{FundRules.Date(allocation.AllocatedOn)}）"));
        else dateOk = true;
        if (request.AmountFen <= 0 || request.AmountFen > FundRules.MaxFen)
            errors.Add(new FieldError(nameof(request.AmountFen), FundRules.AmountInvalid, $"{label}金额应大于0元"));
        else if (request.Kind == PaymentKind.Disbursement && request.AmountFen > allocation.AmountFen - allocation.DisbursedFen)
            errors.Add(new FieldError(nameof(request.AmountFen), FundRules.OverPayment,
                $"拨付金额超出该笔下达资金的可拨付余额：下达{FundRules.Yuan(allocation.AmountFen)}，已拨付{FundRules.Yuan(allocation.DisbursedFen)}，剩余{FundRules.Yuan(allocation.AmountFen - allocation.DisbursedFen)}，本次{FundRules.Yuan(request.AmountFen)}"));
        else if (request.Kind == PaymentKind.Expenditure && dateOk)
        {
            var disbursedBy = await db.FundPayments.Where(p => p.AllocationId == allocation.Id && p.Kind == PaymentKind.Disbursement && p.PaidOn <= request.PaidOn)
                .SumAsync(p => (long?)p.AmountFen, ct) ?? 0;
            var available = disbursedBy - allocation.SpentFen;
            if (request.AmountFen > available)
                errors.Add(new FieldError(nameof(request.AmountFen), FundRules.OverExpenditure,
                    $"支出金额超出已拨付未支出的资金：截至{FundRules.Date(request.PaidOn)}已拨付{FundRules.Yuan(disbursedBy)}，已支出{FundRules.Yuan(allocation.SpentFen)}，可支出{FundRules.Yuan(Math.Max(0, available))}，本次{FundRules.Yuan(request.AmountFen)}"));
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        var payment = new FundPayment
        {
            CountyCode = allocation.CountyCode, AllocationId = allocation.Id, ProjectId = allocation.ProjectId, SourceId = allocation.SourceId,
            Kind = request.Kind, AmountFen = request.AmountFen, PaidOn = request.PaidOn, Payee = payee, VoucherNo = voucher,
            By = FundRules.Clip(request.User, 64), At = clock.GetUtcNow(),
        };
        if (request.Kind == PaymentKind.Disbursement)
        {
            allocation.DisbursedFen += request.AmountFen;
            project.DisbursedFen += request.AmountFen;
        }
        else
        {
            allocation.SpentFen += request.AmountFen;
            project.SpentFen += request.AmountFen;
        }
        allocation.Version++;
        project.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.FundPayments.Add(payment);
        await db.SaveChangesAsync(ct);
        FundRules.Log(db, payment.CountyCode, request.User, nameof(FundPayment), payment.Id, "新增", label,
            $"{project.Code} {project.Name}：{label}{FundRules.Yuan(request.AmountFen)}",
            $"{label}#{payment.Id}（下达#{allocation.Id}），{FundRules.Date(request.PaidOn)}{(payee is null ? "" : "，收款单位" + payee)}{(voucher is null ? "" : "，凭证号" + voucher)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PaymentSaved(payment.Id, allocation.Id, project.Id, payment.Kind, payment.AmountFen,
            allocation.DisbursedFen, allocation.SpentFen, project.DisbursedFen, project.SpentFen);
    }
}
