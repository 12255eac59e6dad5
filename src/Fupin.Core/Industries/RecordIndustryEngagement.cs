using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record RecordIndustryEngagementRequest
{
    public long HouseholdId { get; init; }
    public long IndustryId { get; init; }
    public int Year { get; init; }
    public int Persons { get; init; }
    public double AreaMu { get; init; }
    public double Output { get; init; }
    public long IncomeFen { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record IndustryEngagementRow(long Id, long HouseholdId, long IndustryId, string IndustryCode, string IndustryName, string? OutputUnit, int Year,
    int Persons, double AreaMu, double Output, long IncomeFen, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// Records a household's own industry (自主发展产业) for a year, or changes the record of that household, industry
/// and year when there is one: persons working in it (1 to the household's members), area (亩), output (in the
/// industry's unit) and income (fen), none negative; the year not after the business year. The household must be
/// one the user sees; the industry one of its county (a retired industry takes no new records). Whoever visits
/// the household records it. Bad input writes nothing; the change goes to the household's change history.
/// </summary>
public sealed class RecordIndustryEngagement(AppDbContext db, TimeProvider clock)
{
    /// <summary>Limits far above any household (10万亩, 10亿 units, 1亿元) that catch a slipped decimal point.</summary>
    public const double MaxArea = 100_000;
    public const double MaxOutput = 1_000_000_000;
    public const long MaxIncomeFen = 10_000_000_000;

    public async Task<Result<IndustryEngagementRow>> HandleAsync(RecordIndustryEngagementRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanRecordEmployment(request.Role))
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), IndustryRoles.NotAllowedCode, "您的角色不能登记农户的产业发展情况")]);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.CountyCode, h.VillageCode, h.Number, Members = h.Members.Count }).SingleOrDefaultAsync(ct);
        if (household is null) return Result.NotFound("农户不存在");
        var industry = await db.Industries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.IndustryId && i.CountyCode == household.CountyCode, ct);
        var today = clock.Today();
        var existing = await db.IndustryEngagements
            .SingleOrDefaultAsync(e => e.HouseholdId == household.Id && e.IndustryId == request.IndustryId && e.Year == request.Year, ct);

        var errors = new List<FieldError>();
        if (industry is null || (!industry.IsActive && existing is null))
            errors.Add(new FieldError(nameof(request.IndustryId), "industry.unknown", "请选择本县在用的特色产业"));
        if (request.Year < GetIndustryOverview.FirstYear || request.Year > today.Year)
            errors.Add(new FieldError(nameof(request.Year), "industry.year_invalid", $"年度应在{GetIndustryOverview.FirstYear}年至{today.Year}年之间"));
        if (request.Persons < 1 || request.Persons > household.Members)
            errors.Add(new FieldError(nameof(request.Persons), "industry.persons_invalid", $"从业人数应在1至{household.Members}人（家庭人口）之间"));
        if (!Valid(request.AreaMu, MaxArea))
            errors.Add(new FieldError(nameof(request.AreaMu), "industry.area_invalid", "面积应为不小于0的亩数"));
        if (!Valid(request.Output, MaxOutput))
            errors.Add(new FieldError(nameof(request.Output), "industry.output_invalid", "产量应为不小于0的数"));
        if (request.IncomeFen < 0 || request.IncomeFen > MaxIncomeFen)
            errors.Add(new FieldError(nameof(request.IncomeFen), "industry.income_invalid", "经营收入应为不小于0的金额"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var e = existing ?? new IndustryEngagement
        {
            CountyCode = household.CountyCode, VillageCode = household.VillageCode, HouseholdId = household.Id, IndustryId = industry!.Id, Year = request.Year, RecordedBy = "",
        };
        var old = existing is null ? null : Text(existing, industry!.OutputUnit);
        e.Persons = request.Persons;
        e.AreaMu = request.AreaMu;
        e.Output = request.Output;
        e.IncomeFen = request.IncomeFen;
        e.RecordedBy = IndustryPlanRules.Clip(request.User, 64);
        e.RecordedAt = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (existing is null) db.IndustryEngagements.Add(e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // The same household, industry and year was recorded meanwhile (the unique index caught it).
            db.ChangeTracker.Clear();
            return Result.Conflict("该户该年度的这项产业刚被他人登记，请刷新后修改");
        }
        IndustryPlanRules.Log(db, e.CountyCode, request.User, nameof(IndustryEngagement), e.Id, existing is null ? "新增" : "修改", "自主发展产业",
            Text(e, industry!.OutputUnit), $"{e.Year.ToString(CultureInfo.InvariantCulture)}年{industry.Name}（户{household.Number}）", household.Id, old);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Row(e, industry);
    }

    static bool Valid(double v, double max) => !double.IsNaN(v) && !double.IsInfinity(v) && v >= 0 && v <= max;

    internal static string Text(IndustryEngagement e, string? unit) =>
        $"从业{e.Persons.ToString(CultureInfo.InvariantCulture)}人 面积{IndustryPlanRules.Number(e.AreaMu)}亩 产量{IndustryPlanRules.Number(e.Output)}{unit} 收入{Projects.ProjectLabels.Yuan(e.IncomeFen)}元";

    internal static IndustryEngagementRow Row(IndustryEngagement e, LocalIndustry i) =>
        new(e.Id, e.HouseholdId, e.IndustryId, i.Code, i.Name, i.OutputUnit, e.Year, e.Persons, e.AreaMu, e.Output, e.IncomeFen, e.RecordedBy, e.RecordedAt);
}
