using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

public sealed record AddFundSourceRequest
{
    public string? CountyCode { get; init; }
    public int Year { get; init; }
    public FundKind Kind { get; init; }
    public string? Name { get; init; }
    public string? DocumentNo { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public long AmountFen { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record FundSourceSaved(long Id, long AmountFen, long AllocatedFen, long Version);

/// <summary>
/// Registers a fund source (资金到位) of a county in the user's scope: the year, the kind, the name,
/// the 文号, the date the money arrived (not after today, not before the year before its year: 提前下达
/// arrives in the autumn before) and the amount in fen (more than zero). Bad input writes nothing.
/// </summary>
public sealed class AddFundSource(AppDbContext db, TimeProvider clock)
{
    public const int MaxName = 100;
    public const int MaxDocument = 64;

    public async Task<Result<FundSourceSaved>> HandleAsync(AddFundSourceRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanManageFunds(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), ProjectRoles.NotAllowedCode, FundRules.NotAllowedMessage)]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var county = request.CountyCode?.Trim() ?? "";
        if (!(county.Length == 6 && county.All(char.IsAsciiDigit) && db.Scope.Covers(county)
                && await db.Regions.AnyAsync(r => r.Code == county && r.Level == RegionLevel.County, ct)))
            errors.Add(new FieldError(nameof(request.CountyCode), "region.unknown", $"县“{county}”不存在或不在您的管理范围内"));
        if (request.Year < 2000 || request.Year > today.Year + 1)
            errors.Add(new FieldError(nameof(request.Year), "funds.year_invalid", $"资金年度应在2000年至{today.Year + 1}年之间"));
        if (!Enum.IsDefined(request.Kind))
            errors.Add(new FieldError(nameof(request.Kind), "funds.kind_invalid", "请选择资金来源类别"));
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(request.Name), "funds.name_required", "请填写资金名称"));
        else if (name.Length > MaxName) errors.Add(new FieldError(nameof(request.Name), "funds.too_long", $"资金名称不能超过{MaxName}字"));
        var document = FundRules.Optional(request.DocumentNo, MaxDocument, nameof(request.DocumentNo), "文号", errors);
        // The money cannot have arrived after today, nor before the autumn before its year (提前下达).
        if (request.ReceivedOn == default)
            errors.Add(new FieldError(nameof(request.ReceivedOn), "funds.date_required", "请填写到位日期"));
        else if (request.ReceivedOn > today)
            errors.Add(new FieldError(nameof(request.ReceivedOn), FundRules.DateInFuture, $"到位日期不能晚于今天（{FundRules.Date(today)}）"));
        else if (request.ReceivedOn.Year < request.Year - 1)
            errors.Add(new FieldError(nameof(request.ReceivedOn), "funds.date_before_year", $"到位日期不能早于{request.Year - 1}年（{request.Year}年资金最早在上一年提前下达）"));
        if (request.AmountFen <= 0 || request.AmountFen > FundRules.MaxFen)
            errors.Add(new FieldError(nameof(request.AmountFen), FundRules.AmountInvalid, "到位金额应大于0元且不超过100亿元"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var source = new FundSource
        {
            CountyCode = county, Year = request.Year, Kind = request.Kind, Name = name, DocumentNo = document,
            ReceivedOn = request.ReceivedOn, AmountFen = request.AmountFen, CreatedBy = FundRules.Clip(request.User, 64), CreatedAt = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.FundSources.Add(source);
        await db.SaveChangesAsync(ct);
        FundRules.Log(db, county, request.User, nameof(FundSource), source.Id, "新增", "资金来源",
            $"{request.Year}年 {ProjectLabels.Label(request.Kind)} {name} {FundRules.Yuan(request.AmountFen)}", $"登记资金到位#{source.Id}{(document is null ? "" : "，文号" + document)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FundSourceSaved(source.Id, source.AmountFen, source.AllocatedFen, source.Version);
    }
}
