using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Relocation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Industry.Entities;

/// <summary>One business entity: its card, its contracts with this year's linkage; forms to change it and add a contract.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(AppDbContext db, GetBusinessEntity get, UpdateBusinessEntity update, AddLinkageContract addContract, CurrentUser me) : PageModel
{
    public BusinessEntityDetails Details { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? FormName { get; private set; }
    public bool Conflict { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(IndustryRoles.CanManageEntities);
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Industries { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Workshops { get; private set; } = [];

    [BindProperty] public EntityForm Form { get; set; } = new();
    [BindProperty] public ContractForm Contract { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved switch { "entity" => "经营主体信息已保存。", _ => null };
        return Page();
    }

    public Task<IActionResult> OnPostEntityAsync(long id, CancellationToken ct) =>
        RunAsync(id, "entity", async role => Form.ToInput() is { } input
            ? await update.HandleAsync(new UpdateBusinessEntityRequest(id, Form.Version, input, Editor.Of(HttpContext), role), ct)
            : Result.Invalid([new FieldError("AnnualOutputFen", "entity.size_invalid", "年产值无效（元，最多两位小数）")]),
            _ => $"/industry/entities/{id}?saved=entity", ct);

    public Task<IActionResult> OnPostContractAsync(long id, CancellationToken ct) =>
        RunAsync(id, "contract", async role =>
        {
            if (RelocationApi.FenOf(Contract.AgreedPerYearYuan ?? 0) is not { } agreed)
                return (Result<LinkageContractSaved>)Result.Invalid([new FieldError("AgreedPerYearFen", "contract.amount_invalid", "约定金额无效（元，最多两位小数）")]);
            return await addContract.HandleAsync(new AddLinkageContractRequest(id, new LinkageContractInput
            {
                Number = Contract.Number, Kind = Contract.Kind, IndustryId = Contract.IndustryId, Model = Contract.Model, StartOn = Contract.StartOn ?? default,
                EndOn = Contract.EndOn, AgreedPerYearFen = agreed, Terms = Contract.Terms,
            }, Editor.Of(HttpContext), role), ct);
        }, v => $"/industry/contracts/{v.Id}?saved=contract", ct);

    async Task<IActionResult> RunAsync<T>(long id, string form, Func<Role, Task<Result<T>>> run, Func<T, string> next, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (me.Role is not { } role || !IndustryRoles.CanManageEntities(role)) return Forbid();
        var result = await run(role);
        switch (result.Failure)
        {
            case null:
                return Redirect(next(result.Value!));
            case { Kind: FailureKind.NotFound }:
                return NotFound();
            case var failure:
                Conflict = failure.Kind == FailureKind.Conflict;
                Errors = failure.Errors;
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
        if (CanManage)
        {
            Regions = await ChecksApi.RegionsAsync(db, ct);
            Industries = await EntityChoices.IndustriesAsync(db, ct);
            Workshops = await EntityChoices.WorkshopsAsync(db, ct);
            if (Request.Method == HttpMethods.Get)
            {
                Form = EntityForm.Of(await db.BusinessEntities.AsNoTracking().SingleAsync(x => x.Id == id, ct));
                Contract = new ContractForm { StartOn = Details.AsOf, IndustryId = Details.Entity.IndustryId };
            }
        }
        return true;
    }

    public string? ErrorFor(string form, string field) =>
        FormName == form ? Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message : null;

    public string? EntityError(string field) => ErrorFor("entity", field);

    public string? FormErrors(string form) => FormName == form && Errors.Count > 0 ? string.Join("；", Errors.Select(e => e.Message)) : null;
}

/// <summary>The new-contract form; amounts in 元.</summary>
public sealed class ContractForm
{
    public string? Number { get; set; }
    public LinkageKind Kind { get; set; } = LinkageKind.Equity;
    public long? IndustryId { get; set; }
    public string? Model { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public decimal? AgreedPerYearYuan { get; set; }
    public string? Terms { get; set; }
}
