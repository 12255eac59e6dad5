using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Relocation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Industry.Contracts;

/// <summary>
/// One linkage contract: its parties with what they were paid this year and before, the payments; forms to change the
/// contract, add a party by household number, record a payment or a dividend run for all parties, cancel a payment.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(AppDbContext db, GetLinkageContract get, UpdateLinkageContract update, AddLinkageParty addParty, RemoveLinkageParty removeParty,
    RecordLinkagePayment pay, RecordLinkagePayments payAll, CancelLinkagePayment cancel, CurrentUser me) : PageModel
{
    public LinkageContractDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FormName { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(IndustryRoles.CanManageEntities);

    // Contract
    [BindProperty] public long Version { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? EndOn { get; set; }
    [BindProperty] public decimal? AgreedPerYearYuan { get; set; }
    [BindProperty] public string? ModelText { get; set; }
    [BindProperty] public string? Terms { get; set; }

    // Party
    [BindProperty] public string? HouseholdNumber { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public decimal? PartyAgreedYuan { get; set; }
    [BindProperty] public decimal? SharesYuan { get; set; }
    [BindProperty] public double? LandMu { get; set; }
    [BindProperty] public long PartyId { get; set; }

    // Payment
    [BindProperty] public decimal? AmountYuan { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public long PaymentId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch
        {
            "contract" => "合同已保存。", "party" => "联结对象已添加。", "removed" => "联结对象已移除。",
            "payment" => "支付已登记，已计入该户当年收入。", "run" => "统一发放已登记，已计入各户当年收入。", "cancelled" => "支付已撤销，已从该户当年收入中扣回。",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostContractAsync(long id, CancellationToken ct) =>
        RunAsync(id, "contract", async role =>
        {
            if (RelocationApi.FenOf(AgreedPerYearYuan ?? 0) is not { } agreed)
                return (Result<LinkageContractSaved>)Result.Invalid([new FieldError("AgreedPerYearFen", "contract.amount_invalid", "约定金额无效（元，最多两位小数）")]);
            return await update.HandleAsync(new UpdateLinkageContractRequest(id, Version, StartOn ?? default, EndOn, agreed, ModelText, Terms, Editor.Of(HttpContext), role), ct);
        }, ct);

    public Task<IActionResult> OnPostPartyAsync(long id, CancellationToken ct) =>
        RunAsync(id, "party", async role =>
        {
            long? agreed = null, shares = null;
            if (PartyAgreedYuan is { } a && (agreed = RelocationApi.FenOf(a)) is null
                || SharesYuan is { } s && (shares = RelocationApi.FenOf(s)) is null)
                return (Result<LinkagePartySaved>)Result.Invalid([new FieldError("AgreedPerYearFen", "contract.amount_invalid", "金额无效（元，最多两位小数）")]);
            long? memberId = null;
            var number = HouseholdNumber?.Trim() ?? "";
            var name = MemberName?.Trim() ?? "";
            if (name.Length > 0)
            {
                memberId = await db.Members.AsNoTracking().Where(m => m.Household!.Number == number && m.Name == name).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
                if (memberId is null)
                    return Result.Invalid([new FieldError("MemberId", "contract.member_unknown", $"户“{number}”中没有名为“{name}”的成员，或不在您的管理范围内")]);
            }
            return await addParty.HandleAsync(new AddLinkagePartyRequest
            {
                ContractId = id, HouseholdNumber = number, MemberId = memberId, AgreedPerYearFen = agreed, SharesFen = shares, LandMu = LandMu,
                User = Editor.Of(HttpContext), Role = role,
            }, ct);
        }, ct);

    public Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "removed", role => removeParty.HandleAsync(new RemoveLinkagePartyRequest(PartyId, Editor.Of(HttpContext), role), ct), ct);

    public Task<IActionResult> OnPostPaymentAsync(long id, CancellationToken ct) =>
        RunAsync(id, "payment", async role =>
        {
            if (RelocationApi.FenOf(AmountYuan ?? 0) is not { } amount)
                return (Result<LinkagePaymentSaved>)Result.Invalid([new FieldError("AmountFen", LinkageRules.AmountInvalidCode, "支付金额无效（元，最多两位小数）")]);
            return await pay.HandleAsync(new RecordLinkagePaymentRequest
            {
                PartyId = PartyId, ContractId = id, AmountFen = amount, PaidOn = PaidOn ?? default, Year = Year, Note = Note, User = Editor.Of(HttpContext), Role = role,
            }, ct);
        }, ct);

    public Task<IActionResult> OnPostRunAsync(long id, CancellationToken ct) =>
        RunAsync(id, "run", async role =>
        {
            long? amount = null;
            if (AmountYuan is { } y && (amount = RelocationApi.FenOf(y)) is null)
                return (Result<LinkagePaymentsSaved>)Result.Invalid([new FieldError("AmountFen", LinkageRules.AmountInvalidCode, "发放金额无效（元，最多两位小数）")]);
            return await payAll.HandleAsync(new RecordLinkagePaymentsRequest
            {
                ContractId = id, AmountFen = amount, PaidOn = PaidOn ?? default, Year = Year, Note = Note, User = Editor.Of(HttpContext), Role = role,
            }, ct);
        }, ct);

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        RunAsync(id, "cancelled", role => cancel.HandleAsync(new CancelLinkagePaymentRequest(PaymentId, Reason, Editor.Of(HttpContext), role), ct), ct);

    async Task<IActionResult> RunAsync<T>(long id, string form, Func<Role, Task<Result<T>>> run, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !IndustryRoles.CanManageEntities(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect($"/industry/contracts/{id}?saved={form}");
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Conflict = failure.Kind == FailureKind.Conflict;
                Errors = failure.Errors.Count > 0 ? failure.Errors : [new FieldError("", "conflict", failure.Message)];
                FormName = form;
                Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        if (!result.IsOk) return false;
        Details = result.Value;
        if (Request.Method == HttpMethods.Get)
        {
            var c = Details.Contract;
            (Version, StartOn, EndOn, AgreedPerYearYuan, ModelText, Terms) = (c.Version, c.StartOn, c.EndOn, c.AgreedPerYearFen / 100m, c.Model, c.Terms);
        }
        return true;
    }

    public string? FormErrors(string form) => FormName == form && Errors.Count > 0 ? string.Join("；", Errors.Select(e => e.Message)) : null;
}
